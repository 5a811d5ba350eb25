"""Processes of the desk benchmark: the switchboard, kiosks, the app and the
engine alone, each its own process so psutil sees only it; JSON lines from
their stdout; CPU and memory read with psutil.

Small on purpose: bench/ does not import tests/, so the little it shares in
spirit with tests/support is written again here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

EVENT_WAIT_S = 60.0
MB = 1024 * 1024


@dataclass
class Child:
    """A child process printing one JSON object a line on stdout."""

    name: str
    proc: asyncio.subprocess.Process
    started: float
    """time.monotonic() just before it was spawned."""
    events: list[dict[str, Any]] = field(default_factory=list)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _reader: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        async for line in self.proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict) and "event" in event:
                event["_seen"] = time.monotonic()
                self.events.append(event)
                self._changed.set()

    async def event(
        self,
        kind: str,
        where: Callable[[dict[str, Any]], bool] = lambda _: True,
        *,
        after: int = 0,
        within: float = EVENT_WAIT_S,
    ) -> dict[str, Any]:
        """The first event of ``kind`` from index ``after`` matching ``where``."""

        async def wait() -> dict[str, Any]:
            while True:
                for event in self.events[after:]:
                    if event["event"] == kind and where(event):
                        return event
                if self.proc.returncode is not None:
                    raise RuntimeError(
                        f"{self.name} exited {self.proc.returncode} without {kind!r}; "
                        f"last events: {self.events[-5:]}"
                    )
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 1.0)

        try:
            return await asyncio.wait_for(wait(), within)
        except TimeoutError:
            raise RuntimeError(
                f"{self.name}: no {kind!r} within {within:.0f} s; last events: {self.events[-5:]}"
            ) from None

    def count(self, kind: str) -> int:
        return sum(1 for event in self.events if event["event"] == kind)

    async def command(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())
        await self.proc.stdin.drain()

    async def ask(self, what: str) -> dict[str, Any]:
        """Sends a command the child answers with one event of the same name."""
        mark = len(self.events)
        await self.command(what)
        return await self.event(what, after=mark, within=20)

    async def stop(self, within: float = 20.0, *, quit_command: str | None = None) -> int | None:
        """Asks politely (a command or SIGTERM), then kills."""
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError, ConnectionError):
                if quit_command is not None and self.proc.stdin is not None:
                    await self.command(quit_command)
                    self.proc.stdin.close()
                else:
                    self.proc.send_signal(signal.SIGTERM)
        try:
            code: int | None = await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            code = await self.proc.wait()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 5)
        return code


async def spawn(
    name: str, command: list[str], log_path: Path, env: dict[str, str] | None = None
) -> Child:
    with open(log_path, "ab") as log:  # noqa: ASYNC230 - opening is instant
        started = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *command,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
            stdin=asyncio.subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )
    child = Child(name, proc, started)
    child._reader = asyncio.create_task(child._read(), name=f"read-{name}")
    return child


# ------------------------------------------------------------------ switchboard


@dataclass
class Switchboard:
    proc: asyncio.subprocess.Process
    url: str

    async def stop(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), 20)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()


async def start_switchboard(db: Path, log_path: Path) -> Switchboard:
    command = [sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
               "--host", "127.0.0.1", "--port", "0"]  # fmt: skip
    with open(log_path, "ab") as log:  # noqa: ASYNC230 - opening is instant
        proc = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=log, stdin=asyncio.subprocess.DEVNULL
        )
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), 30)
    if not line:
        await proc.wait()
        raise RuntimeError(f"the switchboard exited {proc.returncode}; see {log_path}")
    return Switchboard(proc, str(json.loads(line)["url"]))


def kiosk_command(url: str, kiosk_id: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "agentdesk", "kiosk", "--server", url, "--kiosk-id", kiosk_id,
            "--service", "CAF", "--reason", "Banc d'essai", "--camera", "testsrc",
            "--ice-address", "127.0.0.1", "--json", *args]  # fmt: skip


# ------------------------------------------------------------------ measuring


@dataclass
class Window:
    """CPU and memory of one process over a stretch of time."""

    seconds: float
    cpu_pct: float
    """100 = one core."""
    rss_mb_mean: float
    rss_mb_max: float
    rss_mb_end: float


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def rss_mb(pid: int) -> float:
    return float(psutil.Process(pid).memory_info().rss) / MB


def uss_mb(pid: int) -> float:
    return float(psutil.Process(pid).memory_full_info().uss) / MB


async def measure(pid: int, seconds: float, step: float = 2.0) -> Window:
    process = psutil.Process(pid)
    rss: list[float] = []
    cpu0, wall0 = cpu_seconds(process), time.monotonic()
    deadline = wall0 + seconds
    while (left := deadline - time.monotonic()) > 0:
        await asyncio.sleep(min(step, left))
        rss.append(process.memory_info().rss / MB)
    cpu1, wall1 = cpu_seconds(process), time.monotonic()
    elapsed = wall1 - wall0
    return Window(
        seconds=round(elapsed, 1),
        cpu_pct=round(100.0 * (cpu1 - cpu0) / elapsed, 2),
        rss_mb_mean=round(sum(rss) / len(rss), 1),
        rss_mb_max=round(max(rss), 1),
        rss_mb_end=round(rss[-1], 1),
    )


def call_figures(session: Any) -> dict[str, Any]:
    """What a CallSession sends and how (for the stats the children report)."""
    stats = session.last_stats
    return {
        "level_out": session.adapter.level.name,
        "encode_ms": round(1000 * session.policy.encode_seconds, 1),
        "size_out": list(session.policy.encoded_size),
        "video_kbps_out": round(stats.video_kbps_out) if stats else None,
        "fps_out": round(stats.fps_out, 1) if stats else None,
        "rtt_ms": stats.rtt_ms if stats else None,
        "loss_out_pct": stats.loss_out_pct if stats else None,
        "estimate_kbps": stats.receiver_estimate_kbps if stats else None,
    }
