"""The documents of the current call, held in memory only.

Residents' papers (ID cards, tax notices) must never linger: the store is
wiped when the call ends, and ``unsaved_documents()`` lets the interface warn
the agent before that happens.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from pathlib import Path

from agentdesk.events import Listeners


class DocumentStatus(enum.Enum):
    ARRIVING = "arriving"
    READY = "ready"
    FAILED = "failed"


class DocumentKind(enum.Enum):
    IMAGE = "image"
    PDF = "pdf"
    OTHER = "other"


@dataclasses.dataclass(slots=True)
class DocumentRecord:
    doc_id: str
    name: str
    mime_type: str
    size: int
    received: int = 0
    status: DocumentStatus = DocumentStatus.ARRIVING
    data: bytes | None = None
    saved_to: Path | None = None
    problem: str | None = None
    quality: tuple[str, ...] | None = None
    """A scan: what the kiosk's checks found wrong (``blurred``…); None: not checked."""

    @property
    def progress(self) -> float:
        """0.0 to 1.0."""
        if self.status is DocumentStatus.READY:
            return 1.0
        return min(1.0, self.received / self.size) if self.size > 0 else 0.0

    @property
    def kind(self) -> DocumentKind:
        if self.mime_type == "application/pdf":
            return DocumentKind.PDF
        if self.mime_type.startswith("image/"):
            return DocumentKind.IMAGE
        return DocumentKind.OTHER


_UNSAFE = re.compile(r"[^A-Za-z0-9À-ÿ._ -]+")


def safe_file_name(name: str, fallback: str) -> str:
    """A file name from the kiosk, stripped of any path or odd character."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[:120] or fallback


@dataclasses.dataclass(frozen=True, slots=True)
class Peripheral:
    """The kiosk's scanner or printer as it last said (``device_status``)."""

    device: str
    """``scanner`` or ``printer``."""
    state: str
    """``ready``, ``busy``, ``paper_jam``, ``out_of_paper``, ``offline``, ``error``."""
    detail: str = ""

    @property
    def working(self) -> bool:
        return self.state in ("ready", "busy")


class DocumentsModel:
    def __init__(self) -> None:
        self._docs: dict[str, DocumentRecord] = {}
        self._erase_agreed: set[str] = set()
        """Unsaved documents the agent already agreed to lose: asked once, not twice."""
        self.changed: Listeners[DocumentRecord | None] = Listeners("documents.changed")
        """A record that changed, or None when the whole set changed (wipe)."""
        self.peripherals: dict[str, Peripheral] = {}
        """The kiosk's scanner and printer in the current call: seen before printing."""
        self.peripherals_changed: Listeners[None] = Listeners("documents.peripherals_changed")

    def peripheral(self, device: str, state: str, detail: str = "") -> None:
        self.peripherals[device] = Peripheral(device, state, detail)
        self.peripherals_changed.emit(None)

    # --------------------------------------------------- fed by the engine

    def begin(
        self,
        doc_id: str,
        name: str,
        mime_type: str,
        size: int,
        quality: tuple[str, ...] | None = None,
    ) -> DocumentRecord:
        record = DocumentRecord(doc_id, name, mime_type, max(0, size), quality=quality)
        self._docs[doc_id] = record
        self.changed.emit(record)
        return record

    def progress(self, doc_id: str, received: int) -> None:
        record = self._docs.get(doc_id)
        if record is None or record.status is not DocumentStatus.ARRIVING:
            return
        record.received = max(record.received, received)
        self.changed.emit(record)

    def complete(self, doc_id: str, data: bytes) -> None:
        record = self._docs.get(doc_id)
        if record is None:
            return
        record.data = bytes(data)
        record.size = record.received = len(data)
        record.status = DocumentStatus.READY
        self.changed.emit(record)

    def fail(self, doc_id: str, problem: str) -> None:
        record = self._docs.get(doc_id)
        if record is None:
            return
        record.status = DocumentStatus.FAILED
        record.problem = problem
        record.data = None
        self.changed.emit(record)

    # ------------------------------------------------------ for the agent

    @property
    def records(self) -> list[DocumentRecord]:
        return list(self._docs.values())

    def get(self, doc_id: str) -> DocumentRecord | None:
        return self._docs.get(doc_id)

    def unsaved_documents(self) -> list[DocumentRecord]:
        ready = (r for r in self._docs.values() if r.status is DocumentStatus.READY)
        return [r for r in ready if r.saved_to is None]

    def unagreed_unsaved(self) -> list[DocumentRecord]:
        """Unsaved documents the agent has not yet agreed to lose."""
        return [r for r in self.unsaved_documents() if r.doc_id not in self._erase_agreed]

    def agree_to_erase(self) -> None:
        self._erase_agreed.update(r.doc_id for r in self.unsaved_documents())

    def save_all(self, folder: Path) -> list[Path]:
        """Write every received document into ``folder``; never overwrites a file."""
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for record in self._docs.values():
            if record.status is not DocumentStatus.READY or record.data is None:
                continue
            target = _free_path(folder, safe_file_name(record.name, f"document-{record.doc_id}"))
            target.write_bytes(record.data)
            record.saved_to = target
            written.append(target)
            self.changed.emit(record)
        return written

    def wipe(self) -> None:
        for record in self._docs.values():
            record.data = None
        self._docs.clear()
        self._erase_agreed.clear()
        self.changed.emit(None)
        if self.peripherals:
            self.peripherals.clear()
            self.peripherals_changed.emit(None)

    def __len__(self) -> int:
        return len(self._docs)


def _free_path(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate
