"""Events the document channel publishes to the app (through engine.events.Listeners)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Direction, DocumentInfo, ReceivedDocument, Refusal
from .wire import Command


@dataclass(frozen=True, slots=True)
class DocumentOffered:
    """Metadata of a document, sent (outgoing) or announced by the peer (incoming)."""

    info: DocumentInfo
    direction: Direction


@dataclass(frozen=True, slots=True)
class TransferProgress:
    doc_id: str
    direction: Direction
    done: int
    """Outgoing: bytes handed to the data channel; incoming: bytes arrived."""
    total: int


@dataclass(frozen=True, slots=True)
class DocumentReceived:
    document: ReceivedDocument


@dataclass(frozen=True, slots=True)
class DocumentDelivered:
    """Outgoing: the receiver verified and accepted the document."""

    info: DocumentInfo


@dataclass(frozen=True, slots=True)
class DocumentRefused:
    doc_id: str
    direction: Direction
    refusal: Refusal
    info: DocumentInfo | None = None
    """None when the document was refused before its metadata was known."""


@dataclass(frozen=True, slots=True)
class TransferActivity:
    """Whether any document is moving; the session lets video yield while it is."""

    active: bool


@dataclass(frozen=True, slots=True)
class PeerError:
    """The peer could not understand one of our messages (or we one of theirs)."""

    code: str
    message: str
    by_peer: bool


@dataclass(frozen=True, slots=True)
class CommandReceived:
    """A small command from the peer: request_scan, device_status or print_result."""

    command: Command


DocumentEvent = (
    DocumentOffered
    | TransferProgress
    | DocumentReceived
    | DocumentDelivered
    | DocumentRefused
    | TransferActivity
    | CommandReceived
    | PeerError
)
