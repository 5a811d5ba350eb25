"""Records, states, limits and events of the document channel.

Everything the app sees of the channel is here: what a document is once
received, why one was refused, and the events published while they move.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field

MIB = 1024 * 1024


class Purpose(enum.StrEnum):
    SCAN = "scan"
    """Kiosk to agent: a paper the resident scanned."""
    PRINT = "print"
    """Agent to kiosk: a form or letter to print for the resident."""


class DocumentType(enum.StrEnum):
    """The accepted types, as MIME types; always detected from the content."""

    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"
    TIFF = "image/tiff"

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_EXTENSIONS = {
    DocumentType.PDF: ".pdf",
    DocumentType.JPEG: ".jpg",
    DocumentType.PNG: ".png",
    DocumentType.TIFF: ".tif",
}
_LABELS = {
    DocumentType.PDF: "a PDF document",
    DocumentType.JPEG: "a JPEG image",
    DocumentType.PNG: "a PNG image",
    DocumentType.TIFF: "a TIFF image",
}


class Direction(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class TransferState(enum.StrEnum):
    QUEUED = "queued"
    """Outgoing: waiting for its turn or for the channel to open."""
    OFFERED = "offered"
    """Metadata sent (or received); no byte yet."""
    TRANSFERRING = "transferring"
    VERIFYING = "verifying"
    """All bytes there: the receiver checks hash, type and content."""
    DELIVERED = "delivered"
    """Accepted by the receiver.  Final."""
    REFUSED = "refused"
    """Refused or failed, with a :class:`Refusal`.  Final."""

    @property
    def is_final(self) -> bool:
        return self in (TransferState.DELIVERED, TransferState.REFUSED)


class RefusalReason(enum.StrEnum):
    """Stable codes: the app translates these; the sentence is a fallback."""

    TOO_LARGE = "too_large"
    TRUNCATED = "truncated"
    CORRUPTED = "corrupted"
    """The SHA-256 of the bytes received differs from the announced one."""
    UNSUPPORTED_TYPE = "unsupported_type"
    """Not a PDF, JPEG, PNG or TIFF, whatever the file name says."""
    WRONG_TYPE = "wrong_type"
    """A supported type, but not the one announced."""
    TOO_MANY_PIXELS = "too_many_pixels"
    TOO_MANY_PAGES = "too_many_pages"
    ENCRYPTED = "encrypted"
    UNREADABLE = "unreadable"
    """The real decoder failed: damaged image or PDF."""
    EMPTY = "empty"
    BAD_OFFER = "bad_offer"
    WRONG_PURPOSE = "wrong_purpose"
    """E.g. a print job sent to the agent's side."""
    DUPLICATE = "duplicate"
    BUSY = "busy"
    TIMEOUT = "timeout"
    PROTOCOL = "protocol"
    """The sender broke the channel's rules (chunk out of order, unknown id...)."""
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"
    """The data channel closed (call ended or renegotiated) during the transfer."""
    CLOSED = "closed"
    """The document channel was shut down before the transfer could run."""


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: RefusalReason
    message: str
    """A sentence a person can act on; the same on both sides."""
    by_peer: bool = False
    """True when the other end refused (the sentence is theirs)."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The metadata sent ahead of the bytes."""

    doc_id: str
    name: str
    """The sender's file name, for display only: never trusted for the type."""
    mime: DocumentType
    size: int
    sha256: str
    purpose: Purpose
    pages: int | None = None
    ref: str | None = None
    """The ``request_scan`` id this document answers, if any."""
    quality: tuple[str, ...] | None = None
    """A scan: the problems the kiosk's checks found (None: not checked)."""


@dataclass(frozen=True, slots=True)
class ReceivedDocument:
    """A document that arrived whole and passed every check.  Held in memory only."""

    info: DocumentInfo
    data: bytes = field(repr=False)
    pages: int
    """Counted by the receiver's own decoder (1 for JPEG and PNG)."""
    width: int | None = None
    height: int | None = None
    """Pixel size of an image (its first page for a multi-page TIFF)."""
    received_at: float = field(default_factory=time.time)


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """What a receiver accepts (and a sender checks before offering)."""

    max_bytes: int = 25 * MIB
    max_pixels: int = 50_000_000
    """Per image (per page of a TIFF)."""
    max_pages: int = 50
    """Per PDF or multi-page TIFF."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_pixels <= 0 or self.max_pages <= 0:
            raise ValueError("document limits must be positive numbers")


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    """How the channel moves bytes; defaults suit a 2 Mbit/s line shared with a call."""

    chunk_size: int = 16 * 1024
    """Payload of one binary message (the header comes on top)."""
    high_water: int = 256 * 1024
    """Stop queueing chunks while the data channel buffers more than this."""
    low_water: int = 64 * 1024
    """Resume at this level (``bufferedAmountLowThreshold``)."""
    max_incoming: int = 4
    """Incoming transfers at once; more are refused as busy."""
    ready_timeout_s: float = 30.0
    """Sender: how long the receiver may take to answer an offer."""
    ack_timeout_s: float = 120.0
    """Sender: how long the receiver may take to verify and answer after the last byte."""
    stall_timeout_s: float = 30.0
    """Receiver: a transfer with no message for this long is dropped."""
    progress_step: float = 0.02
    """Progress events every 2% of a document (and at its end)."""

    def __post_init__(self) -> None:
        if not 1024 <= self.chunk_size <= 64 * 1024:
            raise ValueError("chunk_size must be between 1 KiB and 64 KiB")
        if not 0 <= self.low_water < self.high_water:
            raise ValueError("low_water must be below high_water")
        if self.max_incoming < 1:
            raise ValueError("max_incoming must be at least 1")


def mib(size: int) -> str:
    """A size for people: "3.0 MiB", "12.5 KiB", "300 bytes"."""
    if size >= MIB:
        return f"{size / MIB:.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What became of an outgoing document."""

    doc_id: str
    info: DocumentInfo | None
    refusal: Refusal | None = None

    @property
    def delivered(self) -> bool:
        return self.refusal is None
