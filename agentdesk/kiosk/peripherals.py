"""The kiosk's scanner and printer, as a networked device presents them.

Scanners in the PVP rooms "scan to folder": a new file appears in a folder.
Printers are reached through CUPS (cups_printer.py) when one is configured; otherwise a
print job lands in a folder, which is also what the tests check.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from agentdesk.engine.documents import DeviceState

from .cups_printer import CupsPrinter

log = logging.getLogger(__name__)

SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"})


@dataclass
class ScanFolderWatcher:
    """Yields each new scan once its size has stopped changing.

    Polling, not inotify: scanners write over SMB/NFS shares where change
    notifications are unreliable, and a poll every half second costs nothing.
    Files present before the watch began are not sent: they belong to an
    earlier resident."""

    folder: Path
    poll_s: float = 0.5
    _seen: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._seen = {entry.name for entry in self.folder.iterdir()}

    async def new_scans(self) -> AsyncIterator[Path]:
        sizes: dict[str, int] = {}
        while True:
            for entry in sorted(self.folder.iterdir()):
                if entry.name in self._seen or entry.name.startswith("."):
                    continue
                if entry.suffix.lower() not in SCAN_SUFFIXES or not entry.is_file():
                    continue
                size = entry.stat().st_size
                if size > 0 and sizes.get(entry.name) == size:
                    self._seen.add(entry.name)
                    sizes.pop(entry.name, None)
                    yield entry
                else:
                    sizes[entry.name] = size
            await asyncio.sleep(self.poll_s)


@dataclass
class PrintDelivery:
    ok: bool
    where: str
    detail: str = ""
    state: DeviceState = DeviceState.READY
    """The printer's state when the job ended: why it failed, for the agent."""


class Printer:
    """Delivers print jobs to CUPS when a printer name is set, else to a folder.

    ``spool`` lists what this kiosk holds of the current resident's prints:
    the folder's files, CUPS jobs not printed yet; :meth:`wipe` removes them."""

    def __init__(
        self,
        folder: Path | None = None,
        cups_printer: str | None = None,
        cups_server: str | None = None,
    ) -> None:
        self.folder = folder
        self.cups = CupsPrinter(cups_printer, cups_server) if cups_printer else None

    async def print_document(self, name: str, data: bytes) -> PrintDelivery:
        safe_name = Path(name).name or "document"
        if self.cups is not None:
            outcome = await self.cups.print_document(safe_name, data)
            where = f"{self.cups.printer}-{outcome.job_id}" if outcome.job_id else self.cups.printer
            return PrintDelivery(outcome.printed, where, outcome.detail, outcome.state)
        if self.folder is None:
            return PrintDelivery(False, "", "no printer and no print folder configured")
        return await asyncio.to_thread(self._print_to_folder, safe_name, data)

    async def state(self) -> tuple[DeviceState, str]:
        if self.cups is not None:
            state = await self.cups.state()
            return state.state, state.detail
        if self.folder is None:
            return DeviceState.OFFLINE, "no printer configured"
        return DeviceState.READY, ""

    async def wipe(self) -> int:
        """Removes every print of the current resident still on the kiosk."""
        removed = await self.cups.purge() if self.cups is not None else 0
        if self.folder is not None:
            removed += await asyncio.to_thread(wipe_folder, self.folder)
        return removed

    def _print_to_folder(self, name: str, data: bytes) -> PrintDelivery:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._free_name(self.folder / name)
        # Written beside its final name then renamed: a watcher of the print
        # folder never sees half a document.
        with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", delete=False) as handle:
            handle.write(data)
            temporary = Path(handle.name)
        os.replace(temporary, target)
        return PrintDelivery(True, str(target))

    @staticmethod
    def _free_name(path: Path) -> Path:
        candidate, number = path, 1
        while candidate.exists():
            candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
            number += 1
        return candidate


def wipe_folder(folder: Path) -> int:
    """Deletes the files (hidden ones too) of ``folder``; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if entry.is_file() or entry.is_symlink():
            entry.unlink(missing_ok=True)
            removed += 1
        elif entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed
