"""The document channel's wire format: what goes over the "documents" data channel.

The channel is an ordered, reliable WebRTC data channel labelled ``documents``.
Two kinds of messages travel on it:

* **Text messages**: one JSON object each, with a ``type`` tag (the structs
  below).  ``v`` is the format version, omitted when 1.
* **Binary messages**: one chunk of a document each, a 25-byte header then
  the payload::

      offset  size  field
      0       1     format, 1
      1       16    document id (the 16 bytes whose hex is ``doc``)
      17      8     offset of this payload in the document, unsigned big-endian
      25      ...   payload, at most 64 KiB

The life of a document, sender S and receiver R::

    S: doc_offer  (metadata: id, name, type, size, SHA-256, pages, purpose)
    R: doc_ready  (offset 0)          or  doc_refused (reason, message)
    S: chunks..., then doc_end (size sent)
    R: doc_accepted                   or  doc_refused (reason, message)

R may send ``doc_refused`` at any time (too many bytes, stalled sender...)
and S ``doc_cancel``; chunks still in flight for a finished document are
dropped silently.  Small commands (``request_scan``, ``device_status``,
``print_result``) may go either way at any time.  A message that cannot be
understood is answered with ``error`` and the channel goes on.

This module depends on msgspec only, so it can move to agentdesk.protocol.
"""

from __future__ import annotations

import enum
import struct
from typing import Annotated, Any

import msgspec

from .model import Purpose

WIRE_VERSION = 1
MAX_TEXT_BYTES = 64 * 1024
MAX_CHUNK_PAYLOAD = 64 * 1024
CHUNK_FORMAT = 1
CHUNK_HEADER = struct.Struct("!B16sQ")

DocId = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{32}$")]
"""A random 128-bit id, as 32 lowercase hex digits (``uuid.uuid4().hex``)."""
FileName = Annotated[
    str, msgspec.Meta(min_length=1, max_length=255, pattern=r"^[^\x00-\x1f\x7f/\\]+$")
]
Sha256Hex = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]
Size = Annotated[int, msgspec.Meta(ge=0, le=2**53)]
Pages = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Code = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
ShortText = Annotated[str, msgspec.Meta(max_length=200)]
LongText = Annotated[str, msgspec.Meta(max_length=2000)]


class Device(enum.StrEnum):
    SCANNER = "scanner"
    PRINTER = "printer"


class DeviceState(enum.StrEnum):
    READY = "ready"
    BUSY = "busy"
    PAPER_JAM = "paper_jam"
    OUT_OF_PAPER = "out_of_paper"
    """The tray is empty (printer input tray, or scanner feeder waiting for paper)."""
    OFFLINE = "offline"
    ERROR = "error"


class PrintOutcome(enum.StrEnum):
    PRINTED = "printed"
    FAILED = "failed"


class ChannelErrorCode(enum.StrEnum):
    """Codes of the ``error`` message: a message or chunk the receiver could not use."""

    BAD_MESSAGE = "bad_message"
    UNSUPPORTED_VERSION = "unsupported_version"
    TOO_LARGE = "too_large"
    BAD_CHUNK = "bad_chunk"
    UNKNOWN_DOCUMENT = "unknown_document"


class Message(msgspec.Struct, tag_field="type", kw_only=True, omit_defaults=True):
    v: int = WIRE_VERSION


class DocOffer(Message, tag="doc_offer", kw_only=True):
    doc: DocId
    name: FileName
    """The sender's file name, for display; the receiver detects the type itself."""
    mime: Code
    """One of application/pdf, image/jpeg, image/png, image/tiff.  Any other
    value decodes, so that the receiver can refuse it with a reason."""
    size: Size
    sha256: Sha256Hex
    purpose: Purpose
    pages: Pages | None = None
    ref: Ref | None = None
    """The ``request_scan`` id this document answers."""
    quality: Annotated[list[Code], msgspec.Meta(max_length=8)] | None = None
    """A scan: what the kiosk's own checks found wrong with it (``blurred``,
    ``dark``, ``washed_out``, ``skewed``, ``cut_off``, ``low_resolution``);
    empty: nothing.  Absent: not checked."""


class DocReady(Message, tag="doc_ready", kw_only=True):
    doc: DocId
    offset: Size = 0
    """Where the sender starts; always 0 in version 1 (room for resuming)."""


class DocEnd(Message, tag="doc_end", kw_only=True):
    doc: DocId
    size: Size
    """Bytes the sender sent; fewer than announced means the document is truncated."""


class DocAccepted(Message, tag="doc_accepted", kw_only=True):
    doc: DocId
    sha256: Sha256Hex
    pages: Pages | None = None


class DocRefused(Message, tag="doc_refused", kw_only=True):
    doc: DocId
    reason: Code
    """A RefusalReason value; an unknown one is shown as ``protocol``."""
    message: LongText


class DocCancel(Message, tag="doc_cancel", kw_only=True):
    doc: DocId
    reason: Code
    message: LongText


class RequestScan(Message, tag="request_scan", kw_only=True):
    """Agent to kiosk: please scan a document (the kiosk guides the resident)."""

    id: Ref
    prompt: ShortText | None = None


class DeviceStatus(Message, tag="device_status", kw_only=True):
    """Kiosk to agent: the scanner or printer changed state (paper jam, empty tray...)."""

    device: Device
    state: DeviceState
    detail: ShortText | None = None
    ref: Ref | None = None
    """The ``request_scan`` id this answers, if any."""


class PrintResult(Message, tag="print_result", kw_only=True):
    """Kiosk to agent: what became of a print job once it was accepted."""

    doc: DocId
    outcome: PrintOutcome
    detail: ShortText | None = None


class ChannelError(Message, tag="error", kw_only=True):
    code: Code
    message: LongText
    doc: DocId | None = None


Command = RequestScan | DeviceStatus | PrintResult
AnyMessage = (
    DocOffer
    | DocReady
    | DocEnd
    | DocAccepted
    | DocRefused
    | DocCancel
    | RequestScan
    | DeviceStatus
    | PrintResult
    | ChannelError
)

_encoder = msgspec.json.Encoder()
_decoder: msgspec.json.Decoder[Any] = msgspec.json.Decoder(AnyMessage)


class WireError(Exception):
    """A text or binary message that cannot be used; ``doc`` when it could be read."""

    def __init__(
        self, code: ChannelErrorCode, message: str, *, doc: str | None = None, tag: str = ""
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.doc = doc
        self.tag = tag


def encode(message: Message) -> str:
    return _encoder.encode(message).decode()


def decode(raw: str | bytes) -> Message:
    """Decodes one text message; raises WireError with a readable sentence."""
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > MAX_TEXT_BYTES:
        raise WireError(
            ChannelErrorCode.TOO_LARGE, f"text message of {size} bytes exceeds {MAX_TEXT_BYTES}"
        )
    try:
        message: Message = _decoder.decode(raw)
    except msgspec.ValidationError as exc:
        doc, tag = _best_effort_fields(raw)
        raise WireError(ChannelErrorCode.BAD_MESSAGE, str(exc), doc=doc, tag=tag) from None
    except msgspec.DecodeError as exc:
        raise WireError(ChannelErrorCode.BAD_MESSAGE, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise WireError(ChannelErrorCode.BAD_MESSAGE, "JSON nested too deeply") from None
    if message.v != WIRE_VERSION:
        raise WireError(
            ChannelErrorCode.UNSUPPORTED_VERSION,
            f"document channel version {message.v} is not supported; use {WIRE_VERSION}",
        )
    return message


def _best_effort_fields(raw: str | bytes) -> tuple[str | None, str]:
    """``doc`` and ``type`` of a message that failed validation, so a refusal can name it."""
    try:
        obj = msgspec.json.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None, ""
    if not isinstance(obj, dict):
        return None, ""
    doc = obj.get("doc")
    tag = obj.get("type")
    valid_doc = doc if isinstance(doc, str) and _is_doc_id(doc) else None
    return valid_doc, tag if isinstance(tag, str) else ""


def _is_doc_id(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def encode_chunk(doc: str, offset: int, payload: bytes | memoryview) -> bytes:
    return CHUNK_HEADER.pack(CHUNK_FORMAT, bytes.fromhex(doc), offset) + payload


def decode_chunk(raw: bytes) -> tuple[str, int, memoryview]:
    """Splits a binary message into document id, offset and payload (not copied)."""
    if len(raw) <= CHUNK_HEADER.size:
        raise WireError(
            ChannelErrorCode.BAD_CHUNK,
            f"binary message of {len(raw)} bytes is shorter than a chunk header",
        )
    fmt, doc_bytes, offset = CHUNK_HEADER.unpack_from(raw)
    doc = doc_bytes.hex()
    if fmt != CHUNK_FORMAT:
        raise WireError(ChannelErrorCode.BAD_CHUNK, f"chunk format {fmt} is not supported", doc=doc)
    payload = memoryview(raw)[CHUNK_HEADER.size :]
    if len(payload) > MAX_CHUNK_PAYLOAD:
        raise WireError(
            ChannelErrorCode.BAD_CHUNK,
            f"chunk payload of {len(payload)} bytes exceeds {MAX_CHUNK_PAYLOAD}",
            doc=doc,
        )
    return doc, offset, payload
