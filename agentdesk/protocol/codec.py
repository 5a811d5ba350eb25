"""Encoding and validated decoding of wire messages."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from .errors import ErrorCode, ProtocolError
from .messages import (
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    Base,
    ClientMessage,
    ServerMessage,
    Signal,
    Welcome,
)

_encoder = msgspec.json.Encoder()
_client_decoder: msgspec.json.Decoder[Any] = msgspec.json.Decoder(ClientMessage)
_server_decoder: msgspec.json.Decoder[Any] = msgspec.json.Decoder(ServerMessage)

M = TypeVar("M", bound=Base)
# msgspec gives up on deep nesting with RecursionError (no valid message nests
# more than a few levels): it is a bad message like any other.
TOO_DEEP = "JSON nested too deeply"


# Fields sent even when they hold their default: a client reading the guide's
# "a missing field means null, false or 0" would get them wrong (65536, 5.0),
# and a browser reading ``msg.generation`` would get undefined, not 0.
_ALWAYS_SENT: dict[type[Base], tuple[str, ...]] = {
    Welcome: ("max_message_bytes", "heartbeat_s"),
    Signal: ("generation",),
}
_DEFAULTS = {
    kind: {f.name: f.default for f in msgspec.structs.fields(kind) if f.name in names}
    for kind, names in _ALWAYS_SENT.items()
}


def encode(message: Base) -> str:
    return encode_bytes(message).decode()


def encode_bytes(message: Base) -> bytes:
    """The message as UTF-8 JSON: what a WebSocket text frame carries, so the
    switchboard encodes each message once, without a round trip through str."""
    raw = _encoder.encode(message)
    defaults = _DEFAULTS.get(type(message))
    if defaults:
        # omit_defaults left out exactly the fields equal to their default.
        extra = b"".join(
            b',"' + name.encode() + b'":' + _encoder.encode(default)
            for name, default in defaults.items()
            if getattr(message, name) == default
        )
        raw = raw[:-1] + extra + b"}"
    return raw


def _decode(raw: str | bytes, decoder: msgspec.json.Decoder[Any]) -> Base:
    size = len(raw)
    if isinstance(raw, str) and size * 4 > MAX_MESSAGE_BYTES:
        # Its UTF-8 is 1 to 4 bytes a character: only a long text is encoded
        # to be measured, not every message the switchboard reads.
        size = len(raw.encode())
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(
            ErrorCode.TOO_LARGE, f"message of {size} bytes exceeds {MAX_MESSAGE_BYTES}"
        )
    try:
        message: Base = decoder.decode(raw)
    except msgspec.ValidationError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, str(exc)) from None
    except msgspec.DecodeError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, TOO_DEEP) from None
    if message.v != PROTOCOL_VERSION:
        raise ProtocolError(
            ErrorCode.UNSUPPORTED_VERSION,
            f"protocol version {message.v} is not supported; use {PROTOCOL_VERSION}",
        )
    return message


def decode_client(raw: str | bytes) -> Base:
    """Decode a message sent to the switchboard; raises ProtocolError."""
    return _decode(raw, _client_decoder)


def decode_server(raw: str | bytes) -> Base:
    """Decode a message sent by the switchboard; raises ProtocolError."""
    return _decode(raw, _server_decoder)


def request_id(raw: str | bytes) -> str | None:
    """Best-effort ``id`` of a message that failed validation, so the error can refer to it."""
    try:
        obj = msgspec.json.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    if isinstance(obj, dict):
        rid = obj.get("id")
        if isinstance(rid, str) and len(rid) <= 64:
            return rid
    return None
