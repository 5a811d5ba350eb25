"""A shaped line between two private network namespaces, for tests and bench/network.py.

Two namespaces ("site" A: switchboard and agent; "site" B: the kiosk) joined by
a veth pair, with addresses that exist only inside them (10.77.0.1 and
10.77.0.2).  This kernel has no netem (DESIGN.md, platform facts), so:

* rate: a ``tbf`` qdisc on each side's egress, one per direction;
* loss: an nftables input chain on each side dropping that share of the UDP
  packets arriving over the line, at random (``numgen random``): the sender
  sees loss, not send errors; loopback inside a namespace is never touched;
* cut: the same chain dropping everything that arrives over the line;
* delay and jitter (``ShapedLine(relay=True)``): a third namespace in the
  middle, joined to each site by its own veth pair, with no address and no
  IP forwarding, where a small process (linerelay.py, started and stopped by
  the line) bridges Ethernet frames between the two pairs and holds each
  for ``delay ± jitter``, order kept.  The sites keep their addresses (ARP
  crosses the relay too).  The sites' veths compute their checksums and
  segments in software (ethtool): a frame read by a packet socket must be
  whole and final to be sent on.  Rate (tbf) and loss (nftables) stay on
  the sites, as without the relay.

Needs root, ``ip`` (iproute2), ``nft`` (nftables) and, for the relay,
``ethtool``: :func:`unavailable` says what is missing, in a sentence for a
skip reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import processes

ADDRESS_A = "10.77.0.1"
ADDRESS_B = "10.77.0.2"
RELAY = Path(__file__).with_name("linerelay.py")


def unavailable(relay: bool = False) -> str | None:
    """Why a shaped line (with the delay relay) cannot be built here, or None when it can."""
    if os.geteuid() != 0:
        return "a shaped line needs root (network namespaces, tc, nftables)"
    tools = [("ip", "iproute2"), ("tc", "iproute2"), ("nft", "nftables")]
    for tool, package in tools + ([("ethtool", "ethtool")] if relay else []):
        if shutil.which(tool) is None:
            return f"{tool} is missing (Debian package {package}; ./run installs it)"
    return None


def _run(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip() or done.returncode}")


@dataclass
class Side:
    namespace: str
    device: str
    address: str

    def command(self, *args: str) -> list[str]:
        """``args`` run inside this side's namespace."""
        return ["ip", "netns", "exec", self.namespace, *args]


class ShapedLine:
    """Build with ``up()``, always ``down()`` (a context manager does both).

    ``relay=True`` puts the delay relay in the middle (``shape(delay_ms=...)``);
    without it the sites' veths are joined directly and delay is refused.
    """

    def __init__(self, tag: str = "", relay: bool = False) -> None:
        tag = tag or str(os.getpid())
        self.a = Side(f"adA{tag}", "vethA", ADDRESS_A)
        self.b = Side(f"adB{tag}", "vethB", ADDRESS_B)
        self.middle = Side(f"adM{tag}", "", "") if relay else None
        self.rates_kbit = (0, 0)
        self.loss_pct = 0.0
        self.delay_ms = 0.0
        self.jitter_ms = 0.0
        self.is_cut = False
        self._relay: subprocess.Popen[str] | None = None

    def __enter__(self) -> ShapedLine:
        try:
            self.up()
        except BaseException:
            self.down()  # what was built so far: no namespace or relay left behind
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.down()

    def up(self) -> None:
        self.down()
        for side in self._namespaces():
            _run("ip", "netns", "add", side.namespace)
        if self.middle is None:
            _run("ip", "link", "add", self.a.device, "netns", self.a.namespace, "type", "veth",
                 "peer", "name", self.b.device, "netns", self.b.namespace)  # fmt: skip
        else:
            self._up_middle(self.middle)
        for side in (self.a, self.b):
            _run(*side.command("ip", "link", "set", "lo", "up"))
            _run(*side.command("ip", "addr", "add", f"{side.address}/24", "dev", side.device))
            _run(*side.command("ip", "link", "set", side.device, "up"))
        self.shape(2000, 2000, 0.0)

    def _up_middle(self, middle: Side) -> None:
        # No address and no IPv6 in the middle: it bridges frames, it is no host.
        _run(*middle.command("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1"))
        _run(*middle.command("sysctl", "-qw", "net.ipv4.ip_forward=0"))
        for side in (self.a, self.b):
            inner = f"m{side.device}"
            _run("ip", "link", "add", side.device, "netns", side.namespace, "type", "veth",
                 "peer", "name", inner, "netns", middle.namespace)  # fmt: skip
            # Checksums and segmentation done by the sender's kernel, not left
            # to a "hardware" that a packet socket in the middle would bypass.
            _run(*side.command("ethtool", "-K", side.device, "tx", "off", "tso", "off",
                               "gso", "off", "gro", "off"))  # fmt: skip
            _run(*middle.command("ethtool", "-K", inner, "tx", "off", "gro", "off"))
            _run(*middle.command("ip", "link", "set", inner, "promisc", "on", "up"))
        self._relay = subprocess.Popen(
            middle.command(sys.executable, str(RELAY), f"m{self.a.device}", f"m{self.b.device}"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._relay_answer()

    def _relay_answer(self) -> None:
        assert self._relay is not None and self._relay.stdout is not None
        if self._relay.stdout.readline().strip() != "ok":
            raise RuntimeError(f"the delay relay stopped (exit status {self._relay.wait()})")

    def _namespaces(self) -> list[Side]:
        return [self.a, self.b] + ([self.middle] if self.middle else [])

    def down(self) -> None:
        if self._relay is not None:
            processes.stop(self._relay, 10)
            for stream in (self._relay.stdin, self._relay.stdout):
                if stream is not None:
                    stream.close()
            self._relay = None
        for side in self._namespaces():
            subprocess.run(["ip", "netns", "del", side.namespace], capture_output=True, check=False)

    def shape(
        self,
        a_to_b_kbit: int,
        b_to_a_kbit: int,
        loss_pct: float,
        delay_ms: float = 0.0,
        jitter_ms: float = 0.0,
    ) -> None:
        """Rate each way (kbit/s), random loss of UDP on arrival, both ways (percent),
        and one-way delay ± jitter, both ways (ms; the relay's)."""
        if (delay_ms or jitter_ms) and self._relay is None:
            raise ValueError("delay and jitter need the relay: ShapedLine(relay=True)")
        if not 0 <= jitter_ms <= delay_ms:
            raise ValueError(f"jitter {jitter_ms} ms must be between 0 and the delay {delay_ms}")
        for side, rate in ((self.a, a_to_b_kbit), (self.b, b_to_a_kbit)):
            # A queue of about 100 ms, like a DSL modem's; burst as DESIGN.md measured.
            tbf = ["tbf", "rate", f"{rate}kbit", "burst", "4096", "latency", "100ms"]
            _run(*side.command("tc", "qdisc", "replace", "dev", side.device, "root", *tbf))
        self.rates_kbit = (a_to_b_kbit, b_to_a_kbit)
        self.loss_pct = loss_pct
        if self._relay is not None and (delay_ms, jitter_ms) != (self.delay_ms, self.jitter_ms):
            assert self._relay.stdin is not None
            self._relay.stdin.write(json.dumps({"delay_ms": delay_ms, "jitter_ms": jitter_ms}))
            self._relay.stdin.write("\n")
            self._relay.stdin.flush()
            self._relay_answer()
        self.delay_ms, self.jitter_ms = delay_ms, jitter_ms
        self._apply_filter()

    def cut(self, cut: bool) -> None:
        """Everything arriving over the line dropped (True) or back to the loss setting."""
        self.is_cut = cut
        self._apply_filter()

    def _apply_filter(self) -> None:
        for side in (self.a, self.b):
            if self.is_cut:
                rule = f'iifname "{side.device}" drop'
            elif self.loss_pct > 0:
                per_10k = round(self.loss_pct * 100)
                rule = (
                    f'iifname "{side.device}" meta l4proto udp '
                    f"numgen random mod 10000 lt {per_10k} drop"
                )
            else:
                rule = ""
            script = (
                "table inet line\ndelete table inet line\n"
                "table inet line {\n chain input {\n"
                "  type filter hook input priority 0; policy accept;\n"
                f"  {rule}\n }}\n}}\n"
            )
            done = subprocess.run(
                side.command("nft", "-f", "-"),
                input=script,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"nft in {side.namespace}: {done.stderr.strip()}")
