"""The kiosk's scanner and printer, as a networked device presents them.

Scanners in the PVP rooms "scan to folder": a new file appears in a folder.
Printers are reached through CUPS (``lp``) when one is configured; otherwise a
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
class PrintResult:
    ok: bool
    where: str
    detail: str = ""


@dataclass
class Printer:
    """Delivers print jobs to CUPS when a printer name is set, else to a folder."""

    folder: Path | None = None
    cups_printer: str | None = None

    async def print_document(self, name: str, data: bytes) -> PrintResult:
        safe_name = Path(name).name or "document"
        if self.cups_printer is not None:
            return await self._print_cups(safe_name, data)
        if self.folder is None:
            return PrintResult(False, "", "no printer and no print folder configured")
        return await asyncio.to_thread(self._print_to_folder, safe_name, data)

    def _print_to_folder(self, name: str, data: bytes) -> PrintResult:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._free_name(self.folder / name)
        # Written beside its final name then renamed: a watcher of the print
        # folder never sees half a document.
        with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", delete=False) as handle:
            handle.write(data)
            temporary = Path(handle.name)
        os.replace(temporary, target)
        return PrintResult(True, str(target))

    @staticmethod
    def _free_name(path: Path) -> Path:
        candidate, number = path, 1
        while candidate.exists():
            candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
            number += 1
        return candidate

    async def _print_cups(self, name: str, data: bytes) -> PrintResult:
        lp = shutil.which("lp")
        if lp is None:
            return PrintResult(False, "", "CUPS is not installed (no lp command)")
        assert self.cups_printer is not None
        process = await asyncio.create_subprocess_exec(
            lp,
            "-d",
            self.cups_printer,
            "-t",
            name,
            "-",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate(data)
        if process.returncode != 0:
            return PrintResult(False, self.cups_printer, err.decode(errors="replace").strip())
        return PrintResult(True, self.cups_printer, out.decode(errors="replace").strip())
