"""A real headless kiosk process (``agentdesk kiosk --json``) and its events."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WAIT_S = 30.0


@dataclass
class KioskProcess:
    proc: asyncio.subprocess.Process
    events: list[dict[str, Any]] = field(default_factory=list)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _reader: asyncio.Task[None] | None = None

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        async for line in self.proc.stdout:
            with contextlib.suppress(ValueError):
                self.events.append(json.loads(line))
                self._changed.set()

    async def event(
        self,
        kind: str,
        where: Callable[[dict[str, Any]], bool] = lambda _: True,
        within: float = WAIT_S,
        after: int = 0,
    ) -> dict[str, Any]:
        """The first event of ``kind`` (from index ``after``) matching ``where``."""

        async def wait() -> dict[str, Any]:
            while True:
                for event in self.events[after:]:
                    if event["event"] == kind and where(event):
                        return event
                if self.proc.returncode is not None and self._reader is not None:
                    await self._reader
                    for event in self.events[after:]:
                        if event["event"] == kind and where(event):
                            return event
                    raise AssertionError(
                        f"kiosk exited {self.proc.returncode} without {kind}: {self.events}"
                    )
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 0.5)

        try:
            return await asyncio.wait_for(wait(), within)
        except TimeoutError:
            raise AssertionError(f"no {kind} event within {within} s: {self.events}") from None

    def kinds(self) -> list[str]:
        return [event["event"] for event in self.events]

    def pause(self) -> None:
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.proc.send_signal(signal.SIGCONT)

    async def exited(self, within: float = 20.0) -> int:
        """Waits for the kiosk to finish by itself (its calls placed); its exit status."""
        code = await asyncio.wait_for(self.proc.wait(), within)
        if self._reader is not None:
            await self._reader
        return code

    async def stop(self, within: float = 20.0) -> int:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGCONT)
                self.proc.terminate()
        try:
            code = await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            self.proc.kill()
            code = await self.proc.wait()
        if self._reader is not None:
            await self._reader
        return code


async def start_kiosk(
    server: str, kiosk_id: str, token: str, *args: str, log_path: Path
) -> KioskProcess:
    """``agentdesk kiosk`` with the test pattern camera, loopback ICE and JSON events.
    The machine has no sound card: the kiosk sends silence (its status says so)."""
    command = [
        sys.executable, "-m", "agentdesk", "kiosk", "--server", server, "--kiosk-id", kiosk_id,
        "--camera", "testsrc", "--ice-address", "127.0.0.1", "--json", *args,
    ]  # fmt: skip
    with open(log_path, "a") as stderr:  # noqa: ASYNC230 - opening is instant
        proc = await asyncio.create_subprocess_exec(
            *command, "-v",
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            stdin=asyncio.subprocess.DEVNULL,
            env={**os.environ, "AGENTDESK_KIOSK_TOKEN": token},
        )  # fmt: skip
    kiosk = KioskProcess(proc)
    kiosk._reader = asyncio.create_task(kiosk._read())
    return kiosk
