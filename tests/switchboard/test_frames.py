"""The WebSocket frames the switchboard builds itself (frames.py), read by a
standard client (aiohttp's) over a real socket on 127.0.0.1: each length
encoding at its edges, several frames in one write, and a ping among them."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web

from agentdesk.switchboard.frames import MAX_PING_PAYLOAD, ping_frame, text_frame

# 7-bit, 16-bit and 64-bit lengths, each at its edges (RFC 6455 5.2).
SIZES = [0, 1, 125, 126, 127, 65535, 65536, 300_000]


def _payload(size: int) -> bytes:
    """UTF-8 text of exactly ``size`` bytes, with multi-byte characters in it."""
    text = ("é" * (size // 2) + "a" * (size % 2)).encode()
    assert len(text) == size
    return text


async def test_a_standard_client_reads_each_frame_whole() -> None:
    payloads = [_payload(size) for size in SIZES]

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False)
        await ws.prepare(request)
        assert request.transport is not None
        frames = [text_frame(p) for p in payloads[:4]]
        frames.append(ping_frame(b"41"))
        frames += [text_frame(p) for p in payloads[4:]]
        request.transport.write(b"".join(frames))  # one write, as ws.py does
        await ws.receive()  # the client's close
        return ws

    app = web.Application()
    app.router.add_get("/ws", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"http://127.0.0.1:{port}/ws", autoping=False, max_msg_size=0) as ws,
        ):
            received = []
            while len(received) < len(payloads) + 1:
                msg = await ws.receive(timeout=10)
                if msg.type is aiohttp.WSMsgType.PING:
                    received.append(("ping", msg.data))
                else:
                    assert msg.type is aiohttp.WSMsgType.TEXT, msg
                    received.append(("text", msg.data.encode()))
    finally:
        await runner.cleanup()
    expected = [("text", p) for p in payloads[:4]]
    expected.append(("ping", b"41"))
    expected += [("text", p) for p in payloads[4:]]
    assert received == expected


def test_a_ping_payload_over_125_bytes_is_refused() -> None:
    assert ping_frame(b"x" * MAX_PING_PAYLOAD)[1] == MAX_PING_PAYLOAD
    with pytest.raises(ValueError):
        ping_frame(b"x" * (MAX_PING_PAYLOAD + 1))
