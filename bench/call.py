"""Call benchmark: the product's call path against bare aiortc, on 127.0.0.1.

    python bench/call.py [--duration SECONDS] [--max-video-kbps N] [--video-overshoot F]

Prints one JSON object on stdout (progress goes to stderr; the children's logs,
the agent's per-second stats among them, to a temporary directory, or to the
folder named by BENCH_CALL_KEEP, kept).

The product run is what a real call goes through: a real switchboard process
(``agentdesk switchboard serve`` on 127.0.0.1, port 0, a fresh SQLite file),
the real headless kiosk process (``agentdesk kiosk --json``) and the agent's
side as the desktop app runs it without Qt (bench/_call_agent.py: Station +
SwitchboardClient + CameraSource), each endpoint its own process so its CPU
is measured alone.  Both ends send 640x480 at 30 fps from FFmpeg's testsrc2
(no camera here) and silence (no sound card here), both ways.  The bare run
(bench/_call_bare.py) is the same call with plain aiortc peer connections,
measured in the same run.

Like for like: both endpoints get a 1500 kbit/s video ceiling
(``--max-video-kbps``), aiortc's own VP8 maximum, instead of the product's
default 600 kbit/s for a 2 Mbit/s line, and a looser overshoot rule
(``--video-overshoot 2.5`` instead of 1.4: VP8 sends about twice its target
on testsrc2's detail, which a camera picture does not), so the engine keeps
encoding the same 640x480 at 30 fps as bare aiortc instead of stepping down
(see ``config`` and ``agent_video_levels`` in the output).

Figures:

* ``setup_ms``: from the agent accepting the offer (the AcceptOffer it
  sends) to the first decoded frame, the later of the two ends
  (``setup_ms_agent``, ``setup_ms_kiosk``; the kiosk's ``first_frame``
  event).  ``bare_setup_ms``: offer created to first decoded frame.
* ``fps``: frames per second decoded by the receiving side over the window,
  the lower end's.
* ``cpu_pct_*``: CPU of each endpoint process over the window (100 = one
  core); ``cpu_ratio``: ours over bare, the worse end (agent against the
  bare offerer, "sender"; kiosk against the bare answerer, "receiver").
* ``scan_3mib_s``: a 3 MiB PDF (``samples.pdf``) dropped into the kiosk's
  scan folder half-way through the window, sent through the document
  channel (metadata, chunks with backpressure, SHA-256, acknowledgement):
  the kiosk's ``document_sent`` seconds, from reading the file to the
  agent's acknowledgement.  The agent's side checks it got it whole
  (``scan_checked``).  While it transfers, video yields the line to it
  (the product's rule), in the window too.  ``bare_scan_3mib_s``: 3 MiB of
  raw chunks over a bare data channel.
* ``other_cpu_pct``: CPU used meanwhile by everything else on the machine: a
  run beside other work is disturbed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _call_bare

HERE = Path(__file__).resolve().parent
SCAN_BYTES = 3 * 1024 * 1024
SETTLE_S = 2.0
"""After the first frames, before the window: the encoders settle."""
WAIT_S = 60.0
PASSWORD = "bench-password-1"
AGENT = "agent.bench"
KIOSK = "pvp-bench"
SERVICE = "CAF"
TARGETS = {"setup_ms": 300.0, "cpu_ratio": 1.3, "scan_3mib_s": 3.0}


def log(message: str) -> None:
    print(f"[bench/call] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes


class Child:
    """A child process writing one JSON object per line on stdout."""

    def __init__(self, name: str, proc: asyncio.subprocess.Process) -> None:
        self.name = name
        self.proc = proc
        self.lines: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        async for raw in self.proc.stdout:
            with contextlib.suppress(ValueError):
                self.lines.append(json.loads(raw))
                self._changed.set()
        self._changed.set()

    def find(self, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
        return next((line for line in self.lines if match(line)), None)

    async def wait(
        self, match: Callable[[dict[str, Any]], bool], what: str, within: float = WAIT_S
    ) -> dict[str, Any]:
        async def until() -> dict[str, Any]:
            while (found := self.find(match)) is None:
                if self._reader.done():
                    raise RuntimeError(f"{self.name} exited without {what}: {self.lines[-5:]}")
                self._changed.clear()
                await self._changed.wait()
            return found

        try:
            return await asyncio.wait_for(until(), within)
        except TimeoutError:
            raise RuntimeError(f"{self.name}: no {what} in {within} s") from None

    def event(self, kind: str) -> Callable[[dict[str, Any]], bool]:
        return lambda line: line.get("event") == kind

    def write(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())

    async def stop(self, within: float = 20.0) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            await self.proc.wait()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._reader, 5)


async def spawn(
    name: str, args: list[str], log_path: Path, env: dict[str, str] | None = None
) -> Child:
    with open(log_path, "w", encoding="utf-8") as stderr:  # noqa: ASYNC230 - opening is instant
        proc = await asyncio.create_subprocess_exec(
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            env={**os.environ, **(env or {})},
        )
    return Child(name, proc)


def provision(db: Path) -> str:
    """One agency, service, agent and kiosk in the switchboard's SQLite file;
    returns the kiosk's device token (the switchboard reads accounts at each
    login, so this may run before it starts)."""
    from agentdesk.protocol import Role
    from agentdesk.switchboard.store import Store

    with contextlib.closing(Store(db)) as store:
        store.add_agency("caf", "CAF du Cantal")
        store.add_service(SERVICE, "Allocations familiales", "caf")
        store.add_agent(AGENT, "Agent Bench", "caf", [SERVICE], PASSWORD, Role.AGENT)
        return store.add_kiosk(KIOSK, "PVP Murat", "Murat", 45.1101, 2.8686)


async def start_switchboard(db: Path, log_path: Path) -> tuple[Child, str]:
    args = [sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
            "--host", "127.0.0.1", "--port", "0"]  # fmt: skip
    switchboard = await spawn("switchboard", args, log_path)
    listening = await switchboard.wait(switchboard.event("listening"), "listening line", 30)
    return switchboard, str(listening["url"])


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def busy_seconds() -> float:
    """CPU time the whole machine spent busy, all cores."""
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def fps_between(frames: list[dict[str, Any]], start: float, end: float) -> float:
    """Frames per second from the kiosk's periodic cumulative ``frames`` events."""
    inside = [f for f in frames if start <= f["at"] <= end]
    if len(inside) < 2:
        return 0.0
    first, last = inside[0], inside[-1]
    return float((last["video"] - first["video"]) / max(last["at"] - first["at"], 1e-3))


# --------------------------------------------------------------------------- product run


async def run_product(
    duration: float, video_kbps: int, overshoot: float, tmp: Path
) -> dict[str, Any]:
    from agentdesk.engine.documents import samples

    db = tmp / "switchboard.db"
    token = provision(db)
    scans, prints = tmp / "scans", tmp / "prints"
    scans.mkdir()
    switchboard, url = await start_switchboard(db, tmp / "switchboard.log")
    children = [switchboard]
    try:
        agent = await spawn(
            "agent",
            [sys.executable, str(HERE / "_call_agent.py"), "--server", url,
             "--login", AGENT, "--video-kbps", str(video_kbps),
             "--video-overshoot", str(overshoot)],
            tmp / "agent.log",
        )  # fmt: skip
        children.append(agent)
        agent.write(PASSWORD)
        await agent.wait(lambda line: "ready" in line, "ready")
        kiosk = await spawn(
            "kiosk",
            [sys.executable, "-m", "agentdesk", "kiosk", "--server", url, "--kiosk-id", KIOSK,
             "--service", SERVICE, "--camera", "testsrc", "--ice-address", "127.0.0.1",
             "--video-kbps", str(video_kbps), "--video-overshoot", str(overshoot),
             "--scan-dir", str(scans),
             "--print-dir", str(prints), "--json", "-v"],
            tmp / "kiosk.log",
            env={"AGENTDESK_KIOSK_TOKEN": token},
        )  # fmt: skip
        children.append(kiosk)
        accepted = (await agent.wait(lambda line: "accepted" in line, "accept"))["accepted"]
        agent_first = await agent.wait(lambda line: "first_frame" in line, "first frame")
        kiosk_first = await kiosk.wait(kiosk.event("first_frame"), "first_frame event")
        connected = await kiosk.wait(kiosk.event("connected"), "connected event")
        setup = {
            "agent": 1000 * (agent_first["first_frame"] - accepted),
            "kiosk": 1000 * (kiosk_first["at"] - accepted),
        }
        log(f"product call up: setup {setup}")
        await asyncio.sleep(SETTLE_S)

        watched = {"agent": agent, "kiosk": kiosk, "switchboard": switchboard}
        processes = {name: psutil.Process(child.proc.pid) for name, child in watched.items()}
        cpu_before = {name: cpu_seconds(p) for name, p in processes.items()}
        me = psutil.Process()
        mine_before, busy_before = cpu_seconds(me), busy_seconds()
        began, began_wall = time.monotonic(), time.time()
        agent.write("window")
        await asyncio.sleep(duration / 2)

        # A scanner "scanning to folder": written aside, then renamed into place.
        document = samples.pdf(size=SCAN_BYTES)
        partial = scans / ".scan-3mib.pdf.part"
        partial.write_bytes(document)
        os.replace(partial, scans / "scan-3mib.pdf")
        sent = await kiosk.wait(
            lambda line: line.get("event") in ("document_sent", "document_failed"), "scan outcome"
        )
        if sent["event"] != "document_sent":
            raise RuntimeError(f"the scan was not delivered: {sent}")
        received = await agent.wait(lambda line: "document" in line, "scan at the agent")

        await asyncio.sleep(max(0.0, began + duration - time.monotonic()))
        elapsed = time.monotonic() - began
        ended_wall = time.time()
        cpu = {
            name: 100 * (cpu_seconds(p) - cpu_before[name]) / elapsed
            for name, p in processes.items()
        }
        others = (
            (busy_seconds() - busy_before)
            - sum(cpu_seconds(p) - cpu_before[name] for name, p in processes.items())
            - (cpu_seconds(me) - mine_before)
        )
        agent.write("stop")
        final = await agent.wait(lambda line: "fps" in line, "final report")
        frames = [line for line in kiosk.lines if line.get("event") == "frames"]
        fps_kiosk = fps_between(frames, began_wall, ended_wall + 0.5)
        return {
            "setup_ms": max(setup.values()),
            "setup_ms_agent": setup["agent"],
            "setup_ms_kiosk": setup["kiosk"],
            "connected_ms": 1000 * (connected["at"] - accepted),
            "fps_agent": final["fps"],
            "fps_kiosk": fps_kiosk,
            "cpu_agent": cpu["agent"],
            "cpu_kiosk": cpu["kiosk"],
            "cpu_switchboard": cpu["switchboard"],
            "other_cpu": 100 * others / elapsed,
            "scan_s": float(sent["seconds"]),
            "scan_checked": bool(received["sha256_ok"]) and received["size"] == len(document),
            "agent_video_levels": final["levels"],
            "agent_video_kbps_out": final["video_kbps_out"],
        }
    finally:
        for child in reversed(children):
            await child.stop()


# --------------------------------------------------------------------------- both


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    keep = os.environ.get("BENCH_CALL_KEEP")  # a folder to keep the children's logs in
    with (
        contextlib.nullcontext(keep)
        if keep
        else tempfile.TemporaryDirectory(prefix="agentdesk-bench-call-")
    ) as tmp:
        try:
            ours = await run_product(
                args.duration, args.max_video_kbps, args.video_overshoot, Path(tmp)
            )
        except Exception:
            for name in ("switchboard.log", "agent.log", "kiosk.log"):
                with contextlib.suppress(OSError):
                    tail = (Path(tmp) / name).read_text(errors="replace")[-3000:]
                    log(f"--- {name} (end) ---\n{tail}")
            raise
    log("bare aiortc run")
    bare = await _call_bare.run(args.duration, SETTLE_S)
    ratio = max(
        ours["cpu_agent"] / max(bare["cpu_agent"], 0.1),
        ours["cpu_kiosk"] / max(bare["cpu_kiosk"], 0.1),
    )
    result: dict[str, Any] = {
        "setup_ms": round(ours["setup_ms"], 1),
        "setup_ms_agent": round(ours["setup_ms_agent"], 1),
        "setup_ms_kiosk": round(ours["setup_ms_kiosk"], 1),
        "connected_ms": round(ours["connected_ms"], 1),
        "fps": round(min(ours["fps_agent"], ours["fps_kiosk"]), 1),
        "fps_agent": round(ours["fps_agent"], 1),
        "fps_kiosk": round(ours["fps_kiosk"], 1),
        "cpu_pct_agent": round(ours["cpu_agent"], 1),
        "cpu_pct_kiosk": round(ours["cpu_kiosk"], 1),
        "cpu_pct_switchboard": round(ours["cpu_switchboard"], 1),
        "scan_3mib_s": round(ours["scan_s"], 2),
        "scan_checked": ours["scan_checked"],
        "bare_setup_ms": round(bare["setup_ms"], 1),
        "bare_setup_ms_agent": round(bare["setup_ms_agent"], 1),
        "bare_setup_ms_kiosk": round(bare["setup_ms_kiosk"], 1),
        "bare_fps": round(min(bare["fps_agent"], bare["fps_kiosk"]), 1),
        "bare_cpu_pct_sender": round(bare["cpu_agent"], 1),
        "bare_cpu_pct_receiver": round(bare["cpu_kiosk"], 1),
        "bare_scan_3mib_s": round(bare["scan_s"], 2),
        "cpu_ratio": round(ratio, 2),
        "cpu_ratio_agent": round(ours["cpu_agent"] / max(bare["cpu_agent"], 0.1), 2),
        "cpu_ratio_kiosk": round(ours["cpu_kiosk"] / max(bare["cpu_kiosk"], 0.1), 2),
        "other_cpu_pct": round(ours["other_cpu"], 1),
        "agent_video_levels": ours["agent_video_levels"],
        "agent_video_kbps_out": ours["agent_video_kbps_out"],
        "duration_s": args.duration,
        "config": {
            "video": "640x480 at 30 fps, FFmpeg testsrc2, both ways; audio silence both ways",
            "max_video_kbps": args.max_video_kbps,
            "video_overshoot": args.video_overshoot,
            "like_for_like": "engine video ceiling set to aiortc's own VP8 maximum "
            "(1500 kbit/s) instead of the product's 600, and the adaptation's overshoot "
            "rule loosened from 1.4 to 2.5 (VP8 sends about 2x its target on testsrc2), "
            "so both runs encode the same 640x480 at 30 fps",
            "product": "switchboard process + `agentdesk kiosk` process + agent Station "
            "process, ICE on 127.0.0.1 only",
            "bare": "two plain aiortc processes, SDP through an in-process line relay; "
            "sender = agent (offerer), receiver = kiosk (answerer)",
        },
    }
    result["targets"] = TARGETS
    result["met"] = {
        "setup_ms": result["setup_ms"] < TARGETS["setup_ms"],
        "cpu_ratio": result["cpu_ratio"] <= TARGETS["cpu_ratio"],
        "scan_3mib_s": result["scan_3mib_s"] < TARGETS["scan_3mib_s"] and ours["scan_checked"],
    }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="measurement window, s")
    parser.add_argument(
        "--max-video-kbps",
        type=int,
        default=1500,
        help="video ceiling of both endpoints; 1500 matches bare aiortc's VP8 maximum (default)",
    )
    parser.add_argument(
        "--video-overshoot",
        type=float,
        default=2.5,
        help="both endpoints' adaptation overshoot factor (product default 1.4); 2.5 keeps "
        "testsrc2 at full size and rate like bare aiortc (default)",
    )
    args = parser.parse_args()
    if args.duration < 10:
        parser.error("--duration must be at least 10 seconds")
    print(json.dumps(asyncio.run(main_async(args))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
