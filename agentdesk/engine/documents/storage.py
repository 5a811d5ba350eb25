"""Saving a received document, for the app: the engine itself never writes to disk.

``save_document`` writes atomically (a temporary file, then a hard link under
the final name) and never replaces an existing file: it picks "name (2).pdf"
instead.  The extension follows the detected type, whatever the sender's file
name said.  It blocks: call it through ``asyncio.to_thread``.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from .model import ReceivedDocument

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)
_MAX_STEM = 100
_MAX_TRIES = 1000


class SaveError(OSError):
    """The document could not be saved; the message says what to do."""


def safe_stem(name: str) -> str:
    """A file name stem valid on Linux, macOS and Windows, from the sender's name."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    stem = _FORBIDDEN.sub("_", stem).strip().rstrip(". ")
    stem = stem[:_MAX_STEM].rstrip(". ")
    if not stem or stem.startswith("."):
        stem = "document" + stem
    if _RESERVED.match(stem):
        stem = "_" + stem
    return stem


def save_document(document: ReceivedDocument, folder: str | os.PathLike[str]) -> Path:
    """Writes the document into ``folder``; returns the path chosen.  Never overwrites."""
    target = Path(folder)
    if not target.is_dir():
        raise SaveError(f"The folder {target} does not exist; choose another folder.")
    stem = safe_stem(document.info.name)
    ext = document.info.mime.extension
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target, prefix=".agentdesk-", suffix=".part")
    except OSError as exc:
        raise SaveError(f"Cannot write in {target}: {exc.strerror}.") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(document.data)
            out.flush()
            os.fsync(out.fileno())
        for attempt in range(1, _MAX_TRIES + 1):
            candidate = target / (f"{stem}{ext}" if attempt == 1 else f"{stem} ({attempt}){ext}")
            if _claim(tmp, candidate):
                _sync_folder(target)
                return candidate
        raise SaveError(f"Too many files named {stem}{ext} in {target}.")
    except SaveError:
        raise
    except OSError as exc:
        raise SaveError(f"Cannot save the document in {target}: {exc.strerror}.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _claim(tmp: Path, candidate: Path) -> bool:
    """Gives the complete temporary file the name ``candidate`` unless it is taken."""
    try:
        os.link(tmp, candidate)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # no hard links on this file system (FAT, some network shares)
    # Reserve the name exclusively, then swap the content in atomically: only
    # our own empty placeholder is ever replaced.
    try:
        os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    os.replace(tmp, candidate)
    return True


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
