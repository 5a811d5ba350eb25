"""Hostile and broken input on the HTTP side and in WebSocket frames: every
answer is the guide's JSON error, the server stays up and logs no traceback.
Inputs are generated (hypothesis) against one real switchboard process."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentdesk.protocol import Error, ErrorCode
from tests.support.switchboard import PASSWORD, connect_kiosk, provision

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@dataclass
class Server:
    url: str
    http: str
    kiosk_token: str
    supervisor: str
    """An access token of sup.caf."""
    log: Path


async def _http(
    http: str, method: str, path: str, token: str | None = None, data: bytes | None = None
) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, http + path, data=data, headers=headers) as response,
    ):
        assert response.content_type == "application/json", await response.text()
        return response.status, json.loads(await response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db: Path = tmp_path_factory.mktemp("hostile") / "switchboard.db"
    log = db.with_suffix(".log")
    accounts = provision(db)
    with open(log, "w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
             "--port", "0"],
            stdout=subprocess.PIPE, stderr=err, text=True,
        )  # fmt: skip
    assert proc.stdout is not None
    line = json.loads(proc.stdout.readline())
    body = json.dumps({"login": "sup.caf", "password": PASSWORD}).encode()
    status, tokens = asyncio.run(_http(line["http"], "POST", "/api/v1/login", data=body))
    assert status == 200
    try:
        yield Server(
            line["url"], line["http"], accounts.kiosk_tokens["pvp-murat"],
            tokens["access_token"], log,
        )  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(20)
    text = log.read_text()
    assert "Traceback" not in text and "RecursionError" not in text, text[-3000:]


def _is_error(body: Any, code: ErrorCode) -> bool:
    return isinstance(body, dict) and body.get("type") == "error" and body.get("code") == code


# -- deep nesting --------------------------------------------------------------


@SETTINGS
@given(depth=st.integers(1_000, 9_000), opener=st.sampled_from(["[", '{"a":']))
def test_a_deeply_nested_login_body_is_a_400(server: Server, depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    pad = opener * depth + "0" + closer * depth
    body = '{"login": "agent.caf", "password": "x", "pad": ' + pad + "}"
    status, answer = asyncio.run(_http(server.http, "POST", "/api/v1/login", data=body.encode()))
    assert (status, _is_error(answer, ErrorCode.BAD_MESSAGE)) == (400, True)


# -- periods -------------------------------------------------------------------

not_a_time = st.sampled_from(["nan", "NaN", "inf", "-inf", "1e999", "-1e999", "infinity"])
times = st.floats(min_value=0, max_value=4e9, allow_nan=False)


@SETTINGS
@given(
    since=times | not_a_time,
    until=times | not_a_time,
    endpoint=st.sampled_from(["/api/v1/calls", "/api/v1/figures"]),
)
def test_a_period_backwards_too_long_or_not_a_time_is_a_400(
    server: Server, since: float | str, until: float | str, endpoint: str
) -> None:
    query = f"{endpoint}?since={since}&until={until}"
    status, body = asyncio.run(_http(server.http, "GET", query, server.supervisor))
    valid = (
        isinstance(since, float) and isinstance(until, float) and 0 < until - since <= 400 * 86400
    )
    if valid:
        assert status == 200, body
    else:
        assert (status, _is_error(body, ErrorCode.BAD_MESSAGE)) == (400, True), body


@SETTINGS
@given(
    day=st.dates().map(lambda d: d.isoformat())
    | st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "x"])
)
def test_any_day_gets_figures_or_a_400(server: Server, day: str) -> None:
    status, body = asyncio.run(
        _http(server.http, "GET", f"/api/v1/stats?day={day}", server.supervisor)
    )
    assert status in (200, 400), body
    if status == 400:
        assert _is_error(body, ErrorCode.BAD_MESSAGE)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/queues", "/api/v1/calls", "/api/v1/stats", "/api/v1/figures", "/api/v1/agency"],
)
def test_asking_for_another_agency_is_forbidden(server: Server, path: str) -> None:
    status, body = asyncio.run(_http(server.http, "GET", f"{path}?agency=msa", server.supervisor))
    assert (status, _is_error(body, ErrorCode.FORBIDDEN)) == (403, True), body
    status, body = asyncio.run(_http(server.http, "GET", f"{path}?agency=caf", server.supervisor))
    assert status == 200, body


# -- oversized WebSocket frames ----------------------------------------------


async def _send_frame(server: Server, size: int) -> tuple[list[str], int | None]:
    client, _ = await connect_kiosk(server.url, "pvp-murat", server.kiosk_token)
    try:
        await client.ws.send_str('{"type": "hangup", "call_id": "' + "x" * size + '"}')
        error = await client.next(Error)
        codes = [error.code]
        if size > 131_072:
            await asyncio.wait_for(client.closed.wait(), 15)
        return codes, client.close_code
    finally:
        await client.close()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(size=st.integers(65_537, 2_000_000))
def test_any_oversized_frame_gets_too_large(server: Server, size: int) -> None:
    codes, close_code = asyncio.run(_send_frame(server, size))
    assert codes == [ErrorCode.TOO_LARGE]
    if size > 131_072:
        assert close_code == 1009
