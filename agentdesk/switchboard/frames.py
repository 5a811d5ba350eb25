"""WebSocket frames the switchboard builds itself (RFC 6455 section 5.2):
server-to-client text frames and pings, unmasked and uncompressed.

Why not aiohttp's ``send_str``: it writes each message to the socket on its
own (one system call, one trip through the loopback's TCP stack each), from a
writer task woken once per message.  Under load (bench/switchboard_load.py)
that was a third of the switchboard's CPU.  ws.py joins the frames of what one
step sends a connection and writes them at once; aiohttp still reads, answers
pings and closes, and writes whenever the socket is backed up.
"""

from __future__ import annotations

import struct

_TEXT = 0x81
"""FIN + opcode 1 (text)."""
_PING = 0x89
"""FIN + opcode 9 (ping)."""
_LEN16 = struct.Struct("!BBH")
_LEN64 = struct.Struct("!BBQ")
MAX_PING_PAYLOAD = 125
"""A control frame's payload is at most 125 bytes (RFC 6455 5.5)."""


def _frame(first: int, payload: bytes) -> bytes:
    size = len(payload)
    if size < 126:
        return bytes((first, size)) + payload
    if size < 65536:
        return _LEN16.pack(first, 126, size) + payload
    return _LEN64.pack(first, 127, size) + payload


def text_frame(data: bytes) -> bytes:
    """``data``: UTF-8 JSON (``encode_bytes``)."""
    return _frame(_TEXT, data)


def ping_frame(payload: bytes) -> bytes:
    if len(payload) > MAX_PING_PAYLOAD:
        raise ValueError(f"a ping carries at most {MAX_PING_PAYLOAD} bytes")
    return _frame(_PING, payload)
