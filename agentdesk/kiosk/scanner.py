"""The kiosk's scanner through SANE (``scanimage``), every scan bounded in time.

``scanimage`` rather than python-sane: no C extension to build on the kiosk,
and a hung backend (one run here hung after writing its file) is a process we
can kill, not a thread stuck in a C call.  SANE finds its backends through
``SANE_CONFIG_DIR``: a kiosk that lists only its own backend there lists its
devices in milliseconds instead of seconds of network probing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from agentdesk.engine.documents import DeviceState

log = logging.getLogger(__name__)

SCAN_TIMEOUT_S = 60.0
LIST_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ScanSettings:
    device: str | None = None
    """A SANE device name (``test:0``, ``epson2:net:…``); None: the first one listed."""
    resolution_dpi: int = 300
    mode: str = "Color"
    width_mm: float = 210.0
    height_mm: float = 297.0
    config_dir: Path | None = None
    """``SANE_CONFIG_DIR`` for the scans (None: the system's)."""
    extra: tuple[str, ...] = ()
    """Backend options passed as they are (``--test-picture``, ``--source``)."""
    timeout_s: float = SCAN_TIMEOUT_S


@dataclass(frozen=True)
class ScanResult:
    path: Path | None
    state: DeviceState
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.path is not None


# scanimage's exit status is SANE_Status: what the resident can be told.
_STATUS = {
    3: DeviceState.BUSY,  # SANE_STATUS_DEVICE_BUSY
    6: DeviceState.PAPER_JAM,  # SANE_STATUS_JAMMED
    7: DeviceState.OUT_OF_PAPER,  # SANE_STATUS_NO_DOCS
    8: DeviceState.ERROR,  # SANE_STATUS_COVER_OPEN
    9: DeviceState.OFFLINE,  # SANE_STATUS_IO_ERROR
}


class SaneScanner:
    def __init__(self, settings: ScanSettings) -> None:
        self.settings = settings
        self._lock = asyncio.Lock()

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.settings.config_dir is not None:
            env["SANE_CONFIG_DIR"] = str(self.settings.config_dir)
        return env

    async def _run(self, args: list[str], timeout_s: float) -> tuple[int, str, str]:
        program = shutil.which("scanimage")
        if program is None:
            return 127, "", "SANE is not installed (no scanimage command)"
        process = await asyncio.create_subprocess_exec(
            program,
            *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._env(),
        )
        try:
            async with asyncio.timeout(timeout_s):
                out, err = await process.communicate()
        except (TimeoutError, asyncio.CancelledError):
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            raise
        assert process.returncode is not None
        return process.returncode, out.decode(errors="replace"), err.decode(errors="replace")

    async def devices(self) -> list[str]:
        """The SANE device names present (empty when none, or SANE is missing)."""
        try:
            code, out, _ = await self._run(["-f", "%d%n"], LIST_TIMEOUT_S)
        except TimeoutError:
            return []
        return [line.strip() for line in out.splitlines() if line.strip()] if code == 0 else []

    async def device(self) -> str | None:
        if self.settings.device is not None:
            return self.settings.device
        found = await self.devices()
        return found[0] if found else None

    async def state(self) -> tuple[DeviceState, str]:
        """Whether the configured scanner is there (a scan's own failure says more)."""
        if shutil.which("scanimage") is None:
            return DeviceState.OFFLINE, "SANE is not installed"
        wanted = self.settings.device
        found = await self.devices()
        if not found:
            return DeviceState.OFFLINE, "no scanner found"
        if wanted is not None and wanted not in found:
            return DeviceState.OFFLINE, f"{wanted} not found"
        return (DeviceState.BUSY, "") if self._lock.locked() else (DeviceState.READY, "")

    async def scan(self, target: Path) -> ScanResult:
        """One page into ``target`` (PNG).  Never raises for a scanner problem:
        the result says what went wrong, in the protocol's device states."""
        async with self._lock:
            device = await self.device()
            if device is None:
                return ScanResult(None, DeviceState.OFFLINE, "no scanner found")
            s = self.settings
            args = ["-d", device, "--format=png", "-o", str(target)]
            args += ["--mode", s.mode, "--resolution", str(s.resolution_dpi)]
            args += ["-x", str(s.width_mm), "-y", str(s.height_mm), *s.extra]
            try:
                code, _, err = await self._run(args, s.timeout_s)
            except TimeoutError:
                await asyncio.to_thread(target.unlink, missing_ok=True)
                return ScanResult(None, DeviceState.ERROR, f"no page after {s.timeout_s:.0f} s")
            if code != 0 or not await asyncio.to_thread(_has_page, target):
                await asyncio.to_thread(target.unlink, missing_ok=True)
                detail = err.strip().splitlines()[-1] if err.strip() else f"exit status {code}"
                return ScanResult(None, _STATUS.get(code, DeviceState.ERROR), detail)
            return ScanResult(target, DeviceState.READY)


def _has_page(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0
