"""Desk benchmark: the agent's app, idle and in calls, against a real switchboard.

    python bench/desk.py [--duration SECONDS] [--call-duration SECONDS] [--calls N]
                         [--rounds N] [--hangup-after SECONDS] [--engine-loop LOOP] [--keep]

Prints one JSON object.  Every part is its own process on 127.0.0.1, so
psutil measures only the one it looks at: a switchboard (demo data in a fresh
SQLite file), headless kiosks (``agentdesk kiosk``), the real app with its real
widgets (Qt's ``offscreen`` platform: no display here; the JSON says which was
used) signed in as the demo agent, and, to compare with, the call engine alone
(bench/_desk_engine.py).  Cameras are FFmpeg's test pattern (no camera here),
640x480 at 30 fps; sound is silence (no sound card); ICE is restricted to
127.0.0.1.  The app's settings turn auto-answer on, and a bench-only probe
presses "Terminer" at wrap-up (bench/_desk_app.py), so calls follow each other
with nobody at the keyboard.

In order:

1. the engine alone starts, signed in as another agent of the same service,
   and pauses;
2. the app launched: ``launch_s``, from spawning its process to ready (signed
   in, the switchboard's welcome received, the preview painting camera frames);
3. the app idle, available, preview on: CPU and memory over ``--duration``;
4. ``--rounds`` rounds, each one call to the engine alone (the app paused)
   then one to the app (the engine paused), from the same kiosk: the CPU of
   each over ``--call-duration``.  The machine's other work drifts over
   minutes, so the two are measured turn about and ``call_cpu_ratio`` is the
   app's mean over the engine's mean (each round's own ratio is in
   ``rounds``).  The app's RSS once its first call is wrapped up is
   ``rss_mb_after_1``;
5. ``--calls`` - ``--rounds`` more calls from a kiosk hanging up after ``--hangup-after``
   seconds; the app's RSS after the last (``rss_mb_after_<calls>``).

``--engine-loop app`` runs the engine alone on the app's event loop (over Qt,
no widget): the ratio then leaves out what the loop costs.

Targets (issue 4): idle under 5% of one core, in call within 1.3x of the
engine alone, launch under 2 s, under 20 MB of growth over 200 calls.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _desk_procs import (
    Child,
    kiosk_command,
    measure,
    rss_mb,
    spawn,
    start_switchboard,
    uss_mb,
)

from agentdesk.switchboard.seed import DEMO_PASSWORD, seed_demo

HERE = Path(__file__).resolve().parent
APP_LOGIN = "agent.caf"
ENGINE_LOGIN = "agent2.caf"
"""Another agent of the same service: the engine alone never takes the app's calls."""
SETTLE_S = 5.0
"""Left to start-up or call set-up transients before a measurement starts."""
CALL_WAIT_S = 90.0
PLATFORM = "offscreen"

TARGETS = {
    "idle_cpu_pct": 5.0,
    "call_cpu_ratio": 1.3,
    "launch_s": 2.0,
    "rss_growth_mb": 20.0,
}


def _versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for name in ("PySide6-Essentials", "aiortc", "av", "qasync"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out[name] = importlib.metadata.version(name)
    return out


def _fps(before: dict[str, Any], after: dict[str, Any], key: str) -> float:
    seconds = after["t"] - before["t"]
    return round((after[key] - before[key]) / seconds, 1) if seconds > 0 else 0.0


def _calls_at_least(n: int) -> Callable[[dict[str, Any]], bool]:
    return lambda event: bool(event["calls"] >= n)


class Bench:
    def __init__(self, args: argparse.Namespace, folder: Path) -> None:
        self.args = args
        self.folder = folder
        self.children: list[Child] = []
        self.url = ""
        self.kiosk_id = ""
        self.kiosk_token = ""
        self.result: dict[str, Any] = {}

    def log(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    async def kiosk(self, name: str, *args: str) -> Child:
        child = await spawn(
            name,
            kiosk_command(
                self.url,
                self.kiosk_id,
                "--print-dir",
                str(self.folder / "print"),
                "--video-kbps",
                str(self.args.video_kbps),
                *args,
            ),
            self.log(name),
            env={"AGENTDESK_KIOSK_TOKEN": self.kiosk_token},
        )
        self.children.append(child)
        return child

    async def measure_call(self, agent: Child, kiosk: Child) -> dict[str, Any]:
        """The agent side's CPU in an established call, and what it receives."""
        await kiosk.event("connected", within=CALL_WAIT_S)
        await asyncio.sleep(SETTLE_S)
        before = await agent.ask("stats")
        agent_window, kiosk_window = await asyncio.gather(
            measure(agent.pid, self.args.call_duration),
            measure(kiosk.pid, self.args.call_duration),
        )
        after = await agent.ask("stats")
        return {
            "cpu_pct": agent_window.cpu_pct,
            "rss_mb": agent_window.rss_mb_end,
            "seconds": agent_window.seconds,
            "fps": _fps(before, after, "remote_frames"),
            "frame_size": after["remote_size"],
            "shown_at": after.get("remote_shown_at"),
            "self_view_shown_at": after.get("self_view_shown_at"),
            "self_view_fps": _fps(before, after, "self_view_painted")
            if "self_view_painted" in after
            else None,
            "kiosk_cpu_pct": kiosk_window.cpu_pct,
            "sending": after["sending"],
        }

    # ---------------------------------------------------------------- phases

    async def start_engine(self) -> Child:
        engine = await spawn(
            "engine",
            [sys.executable, str(HERE / "_desk_engine.py"), "--server", self.url,
             "--login", ENGINE_LOGIN, "--password", DEMO_PASSWORD,
             "--ice-address", "127.0.0.1", "--camera", "testsrc",
             "--video-kbps", str(self.args.video_kbps), "--loop", self.args.engine_loop],
            self.log("engine"),
        )  # fmt: skip
        self.children.append(engine)
        await engine.event("ready")
        await engine.ask("pause")
        return engine

    async def engine_call(self, engine: Child, app: Child, round_no: int) -> dict[str, Any]:
        await app.ask("pause")
        await engine.ask("go_available")
        kiosk = await self.kiosk(f"kiosk-engine-{round_no}", "--calls", "1")
        call = await self.measure_call(engine, kiosk)
        await kiosk.stop()
        await engine.event("wrapped", lambda e: e["calls"] == round_no, within=CALL_WAIT_S)
        await engine.ask("pause")
        await app.ask("go_available")
        return call

    async def launch(self) -> Child:
        config = self.folder / "config"
        config.mkdir()
        (config / "settings.json").write_bytes(
            msgspec.json.encode(
                {"server_url": self.url, "auto_accept": True, "devices_checked": True}
            )
        )
        app = await spawn(
            "app",
            [sys.executable, str(HERE / "_desk_app.py"), "--server", self.url,
             "--login", APP_LOGIN, "--password", DEMO_PASSWORD,
             "--ice-address", "127.0.0.1", "--camera", "testsrc",
             "--video-kbps", str(self.args.video_kbps), "--config-dir", str(config),
             "--log-dir", str(self.folder / "app-logs")],
            self.log("app"),
            env={"QT_QPA_PLATFORM": PLATFORM, **self.args.app_env},
        )  # fmt: skip
        self.children.append(app)
        spawned = time.time()
        ready = await app.event("ready")
        self.result["launch_s"] = round(ready["_seen"] - app.started, 3)
        available = await app.event("available")
        self.result["launch"] = {
            "imports_done_s": round(ready["imported"] - spawned, 3),
            "welcome_s": round(ready["welcomed"] - spawned, 3),
            "first_preview_paint_s": round(ready["painted"] - spawned, 3),
            "available_s": round(available["_seen"] - app.started, 3),
        }
        return app

    async def idle(self, app: Child) -> None:
        await asyncio.sleep(SETTLE_S)
        before = await app.ask("stats")
        window = await measure(app.pid, self.args.duration)
        after = await app.ask("stats")
        if after["state"] != "available" or after["calls_done"] != 0:
            raise RuntimeError(f"the app was not idle and available: {after}")
        self.result.update(
            idle_cpu_pct=window.cpu_pct,
            idle_rss_mb=window.rss_mb_end,
            idle_rss_mb_max=window.rss_mb_max,
            idle_uss_mb=round(uss_mb(app.pid), 1),
            idle_seconds=window.seconds,
            idle_preview_fps=_fps(before, after, "preview_painted"),
        )

    async def app_call(self, app: Child, round_no: int) -> dict[str, Any]:
        kiosk = await self.kiosk(f"kiosk-call-{round_no}", "--calls", "1")
        call = await self.measure_call(app, kiosk)
        mark = len(app.events)
        await kiosk.stop()  # the resident hangs up on leaving
        await app.event(
            "available", lambda e: e["calls"] == round_no, after=mark, within=CALL_WAIT_S
        )
        await asyncio.sleep(SETTLE_S)
        if round_no == 1:
            self.result["rss_mb_after_1"] = round(rss_mb(app.pid), 1)
        return call

    async def calls_turn_about(self, engine: Child, app: Child) -> None:
        rounds: list[dict[str, Any]] = []
        for round_no in range(1, self.args.rounds + 1):
            alone = await self.engine_call(engine, app, round_no)
            call = await self.app_call(app, round_no)
            rounds.append(
                {
                    "engine_cpu_pct": alone["cpu_pct"],
                    "app_cpu_pct": call["cpu_pct"],
                    "ratio": round(call["cpu_pct"] / alone["cpu_pct"], 2)
                    if alone["cpu_pct"] > 0
                    else None,
                    "engine_fps": alone["fps"],
                    "app_fps": call["fps"],
                    "app_self_view_fps": call["self_view_fps"],
                    "engine_fps_out": (alone["sending"] or {}).get("fps_out"),
                    "app_fps_out": (call["sending"] or {}).get("fps_out"),
                    "kiosk_cpu_pct": call["kiosk_cpu_pct"],
                }
            )
            last_alone, last_call = alone, call
        app_mean = statistics.fmean(r["app_cpu_pct"] for r in rounds)
        engine_mean = statistics.fmean(r["engine_cpu_pct"] for r in rounds)
        self.result.update(
            rounds=rounds,
            call_cpu_pct=round(app_mean, 2),
            engine_call_cpu_pct=round(engine_mean, 2),
            call_cpu_ratio=round(app_mean / engine_mean, 2) if engine_mean > 0 else None,
            call_cpu_ratio_median=statistics.median(
                r["ratio"] for r in rounds if r["ratio"] is not None
            ),
            call_rss_mb=last_call["rss_mb"],
            call_seconds=last_call["seconds"],
            call_fps=last_call["fps"],
            call_frame_size=last_call["frame_size"],
            call_frame_shown_at=last_call["shown_at"],
            call_self_view_shown_at=last_call["self_view_shown_at"],
            call_self_view_fps=last_call["self_view_fps"],
            call_sending=last_call["sending"],
            engine_call_sending=last_alone["sending"],
            engine_call_fps=last_alone["fps"],
            engine_call_frame_size=last_alone["frame_size"],
        )

    async def many_calls(self, app: Child) -> None:
        calls = self.args.calls
        more = calls - self.args.rounds
        trace: list[tuple[int, float]] = [(1, self.result["rss_mb_after_1"])]
        threads: list[tuple[int, int]] = [(1, psutil.Process(app.pid).num_threads())]
        started = time.monotonic()
        if more > 0:
            kiosk = await self.kiosk(
                "kiosk-calls", "--calls", str(more), "--hangup-after", str(self.args.hangup_after)
            )
            every = max(1, calls // 20)
            for done in range(self.args.rounds + 1, calls + 1):
                event = await app.event("available", _calls_at_least(done), within=CALL_WAIT_S)
                if done % every == 0 or done == calls:
                    trace.append((event["calls"], round(rss_mb(app.pid), 1)))
                    threads.append((event["calls"], psutil.Process(app.pid).num_threads()))
            await kiosk.stop()
        await asyncio.sleep(SETTLE_S)
        after = round(rss_mb(app.pid), 1)
        stats = await app.ask("stats")
        half = [point for point in trace if point[0] >= calls // 2]
        slope = None
        if len(half) >= 2 and half[-1][0] > half[0][0]:
            slope = round(1000 * (half[-1][1] - half[0][1]) / (half[-1][0] - half[0][0]), 1)
        self.result.update(
            calls=calls,
            calls_seconds=round(time.monotonic() - started, 1),
            **{f"rss_mb_after_{calls}": after},
            rss_growth_mb=round(after - self.result["rss_mb_after_1"], 1),
            rss_kb_per_call_second_half=slope,
            rss_mb_trace=trace,
            threads_trace=threads,
            uss_mb_after_calls=round(uss_mb(app.pid), 1),
            app_errors=stats["errors"],
        )

    # ---------------------------------------------------------------- all

    async def run(self) -> dict[str, Any]:
        self.result.update(
            platform=PLATFORM,
            cpus=os.cpu_count(),
            load_avg_at_start=[round(x, 2) for x in os.getloadavg()],
            versions=_versions(),
            duration_s=self.args.duration,
            call_duration_s=self.args.call_duration,
            rounds_asked=self.args.rounds,
            engine_loop=self.args.engine_loop,
            hangup_after_s=self.args.hangup_after,
            video_kbps=self.args.video_kbps,
            app_env=self.args.app_env,
        )
        data = seed_demo(self.folder / "switchboard.db")
        kiosk = data.kiosks[0]
        self.kiosk_id, self.kiosk_token = kiosk.id, kiosk.token
        switchboard = await start_switchboard(
            self.folder / "switchboard.db", self.log("switchboard")
        )
        self.url = switchboard.url
        try:
            engine = await self.start_engine()
            app = await self.launch()
            await self.idle(app)
            await self.calls_turn_about(engine, app)
            await engine.stop(quit_command="quit")
            await self.many_calls(app)
            await app.stop(quit_command="quit")
        finally:
            for child in self.children:
                await child.stop(quit_command="quit" if child.name in ("app", "engine") else None)
            await switchboard.stop()
        self.result["targets"] = TARGETS
        self.result["met"] = {
            "idle_cpu_pct": self.result["idle_cpu_pct"] < TARGETS["idle_cpu_pct"],
            "call_cpu_ratio": (self.result["call_cpu_ratio"] or 99) <= TARGETS["call_cpu_ratio"],
            "launch_s": self.result["launch_s"] < TARGETS["launch_s"],
            "rss_growth_mb": self.result["rss_growth_mb"] < TARGETS["rss_growth_mb"],
        }
        return self.result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=300.0, help="idle window, seconds")
    parser.add_argument(
        "--call-duration", type=float, help="in-call window, seconds (default: --duration)"
    )
    parser.add_argument("--calls", type=int, default=200, help="consecutive calls (at least 1)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="calls to the engine and the app, turn about"
    )
    parser.add_argument(
        "--engine-loop",
        choices=("asyncio", "app"),
        default="asyncio",
        help="the engine alone's event loop (app: the app's, for diagnosis)",
    )
    parser.add_argument(
        "--hangup-after", type=float, default=2.0, help="seconds each of those calls lasts"
    )
    parser.add_argument(
        "--video-kbps",
        type=int,
        default=600,
        help="video ceiling of both ends, kbit/s (the product's default: 600)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder and its logs")
    parser.add_argument(
        "--app-env", action="append", default=[], help="NAME=VALUE for the app (diagnosis)"
    )
    args = parser.parse_args()
    args.app_env = dict(item.split("=", 1) for item in args.app_env)
    if args.call_duration is None:
        args.call_duration = args.duration
    if args.duration <= 0 or args.call_duration <= 0 or args.hangup_after < 0:
        parser.error("durations must be positive")
    if args.calls < args.rounds or args.rounds < 1:
        parser.error("--rounds must be at least 1, and --calls at least --rounds")
    folder = Path(tempfile.mkdtemp(prefix="agentdesk-bench-desk-"))
    try:
        result = asyncio.run(Bench(args, folder).run())
    except Exception as exc:  # the logs say more: the folder is kept
        print(json.dumps({"error": str(exc), "folder": str(folder)}), flush=True)
        return 1
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    if args.keep:
        result["folder"] = str(folder)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
