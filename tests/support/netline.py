"""A shaped line between two private network namespaces, for tests and bench/network.py.

Two namespaces ("site" A: switchboard and agent; "site" B: the kiosk) joined by
a veth pair, with addresses that exist only inside them (10.77.0.1 and
10.77.0.2).  This kernel has no netem (DESIGN.md, platform facts), so:

* rate: a ``tbf`` qdisc on each side's egress, one per direction;
* loss: an nftables input chain on each side dropping that share of the UDP
  packets arriving over the line, at random (``numgen random``): the sender
  sees loss, not send errors; loopback inside a namespace is never touched;
* cut: the same chain dropping everything that arrives over the line;
* delay and jitter: not applied (no netem; a user-space relay would have to
  sit between the endpoints and re-address the ICE candidates).

Needs root, ``ip`` (iproute2) and ``nft`` (nftables): :func:`unavailable`
says what is missing, in a sentence for a skip reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

ADDRESS_A = "10.77.0.1"
ADDRESS_B = "10.77.0.2"


def unavailable() -> str | None:
    """Why a shaped line cannot be built here, or None when it can."""
    if os.geteuid() != 0:
        return "a shaped line needs root (network namespaces, tc, nftables)"
    for tool, package in (("ip", "iproute2"), ("tc", "iproute2"), ("nft", "nftables")):
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
    """Build with ``up()``, always ``down()`` (a context manager does both)."""

    def __init__(self, tag: str = "") -> None:
        tag = tag or str(os.getpid())
        self.a = Side(f"adA{tag}", "vethA", ADDRESS_A)
        self.b = Side(f"adB{tag}", "vethB", ADDRESS_B)
        self.rates_kbit = (0, 0)
        self.loss_pct = 0.0
        self.is_cut = False

    def __enter__(self) -> ShapedLine:
        self.up()
        return self

    def __exit__(self, *exc: object) -> None:
        self.down()

    def up(self) -> None:
        self.down()
        for side in (self.a, self.b):
            _run("ip", "netns", "add", side.namespace)
        _run("ip", "link", "add", self.a.device, "netns", self.a.namespace, "type", "veth",
             "peer", "name", self.b.device, "netns", self.b.namespace)  # fmt: skip
        for side in (self.a, self.b):
            _run(*side.command("ip", "link", "set", "lo", "up"))
            _run(*side.command("ip", "addr", "add", f"{side.address}/24", "dev", side.device))
            _run(*side.command("ip", "link", "set", side.device, "up"))
        self.shape(2000, 2000, 0.0)

    def down(self) -> None:
        for side in (self.a, self.b):
            subprocess.run(["ip", "netns", "del", side.namespace], capture_output=True, check=False)

    def shape(self, a_to_b_kbit: int, b_to_a_kbit: int, loss_pct: float) -> None:
        """Rate each way (kbit/s) and random loss of UDP on arrival, both ways (percent)."""
        for side, rate in ((self.a, a_to_b_kbit), (self.b, b_to_a_kbit)):
            # A queue of about 100 ms, like a DSL modem's; burst as DESIGN.md measured.
            tbf = ["tbf", "rate", f"{rate}kbit", "burst", "4096", "latency", "100ms"]
            _run(*side.command("tc", "qdisc", "replace", "dev", side.device, "root", *tbf))
        self.rates_kbit = (a_to_b_kbit, b_to_a_kbit)
        self.loss_pct = loss_pct
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
