"""Idle, slow and too many connections: deadlines for a request's head and
body and for ``hello``, a cap per source address, and a ceiling under the
process's file limit, so that /healthz and kiosks still get in."""

from __future__ import annotations

import asyncio
import contextlib
import json
import resource
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

from agentdesk.protocol import Hello, Role, Welcome
from tests.support.switchboard import Provisioned, WsClient, open_ws

from .conftest import Starter


async def closed_by_server(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sent until it closed the connection."""
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := await asyncio.wait_for(reader.read(65536), 30):
            data += chunk
    return data


async def test_idle_and_half_sent_requests_are_closed_at_the_deadline(start: Starter) -> None:
    sb = await start("--request-timeout", "1", "--hello-timeout", "1")
    bare = await asyncio.open_connection("127.0.0.1", sb.port)
    half = await asyncio.open_connection("127.0.0.1", sb.port)
    half[1].write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    slow_body = await asyncio.open_connection("127.0.0.1", sb.port)
    slow_body[1].write(
        b"POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"login": '
    )
    silent_ws = await open_ws(sb)
    try:
        assert await closed_by_server(bare[0]) == b""
        assert await closed_by_server(half[0]) == b""
        answer = await closed_by_server(slow_body[0])
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400"), answer
        assert json.loads(body)["code"] == "bad_message"
        await asyncio.wait_for(silent_ws.closed.wait(), 30)
        assert silent_ws.close_code == 1008
    finally:
        for _, writer in (bare, half, slow_body):
            writer.close()
        await silent_ws.close()
    # None of it is an error of the switchboard's.
    assert [r for r in sb.log_records() if r.get("level") == "error"] == []


@contextlib.asynccontextmanager
async def limited_switchboard(
    db: Path, soft: int, hard: int, *extra: str
) -> AsyncIterator[dict[str, Any]]:
    """A switchboard started with this file limit (as on a small server)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
        "--port", "0", *extra,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL, preexec_fn=limit,
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        yield json.loads(await asyncio.wait_for(proc.stdout.readline(), 30))
    finally:
        proc.terminate()
        await proc.wait()


async def test_the_file_limit_is_raised_to_the_hard_limit_at_start(
    db: Path, accounts: Provisioned
) -> None:
    async with limited_switchboard(db, 256, 1024) as line:
        assert line["max_connections"] == 1024 - 64


async def test_one_source_cannot_take_every_connection(db: Path, accounts: Provisioned) -> None:
    async with limited_switchboard(db, 256, 256, "--request-timeout", "60") as line:
        assert line["max_connections"] == 256 - 64
        assert line["max_connections_per_source"] < line["max_connections"]
        flood = []
        for _ in range(300):
            with contextlib.suppress(OSError):
                flood.append(await asyncio.open_connection("127.0.0.1", line["port"]))
        try:
            # Someone else, from another address, still gets in.
            connector = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
            async with (
                aiohttp.ClientSession(connector=connector) as session,
                session.get(line["http"] + "/healthz") as response,
            ):
                assert response.status == 200
            session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(local_addr=("127.0.0.3", 0))
            )
            ws = await session.ws_connect(line["url"])
            kiosk = WsClient(session, ws)
            try:
                token = accounts.kiosk_tokens["pvp-murat"]
                reply = await kiosk.request(
                    Hello(role=Role.KIOSK, token=token, kiosk_id="pvp-murat")
                )
                assert isinstance(reply, Welcome)
            finally:
                await kiosk.close()
        finally:
            for _, writer in flood:
                writer.close()


async def test_client_faults_are_answered_in_json_and_logged_without_traceback(
    start: Starter,
) -> None:
    sb = await start()
    # An Authorization header over aiohttp's limit is refused by its parser.
    reader, writer = await asyncio.open_connection("127.0.0.1", sb.port)
    writer.write(
        b"GET /api/v1/queues HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + b"x" * 20_000
        + b"\r\n\r\n"
    )
    answer = await closed_by_server(reader)
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"400" and b"application/json" in head, answer[:300]
    assert json.loads(body)["type"] == "error"
    # Clients that give up half-way through their request body.
    for _ in range(30):
        reader, writer = await asyncio.open_connection("127.0.0.1", sb.port)
        writer.write(
            b"POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b'Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"login": '
        )
        await writer.drain()
        writer.transport.abort()
    # The switchboard is still there, and its log has no error and no traceback.
    async with (
        aiohttp.ClientSession() as session,
        session.get(sb.http + "/healthz") as response,
    ):
        assert response.status == 200
    await sb.stop()
    records = sb.log_records()
    assert [r for r in records if r.get("level") == "error" or "traceback" in r] == []
