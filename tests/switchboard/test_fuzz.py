"""Property: whatever a client sends, the switchboard answers with valid
messages and stays usable (hypothesis, against a real server process)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentdesk.protocol import Error, ErrorCode, Hangup
from tests.support.switchboard import connect_kiosk, provision

TYPES = [
    "hello", "signal", "media_connected", "hangup", "queue_call", "leave_queue", "set_presence",
    "take_call", "accept_offer", "decline_offer", "finish_wrap_up", "transfer", "subscribe",
]  # fmt: skip
FIELDS = [
    "id", "v", "call_id", "service", "reason", "kind", "sdp", "generation", "state",
    "token", "role", "kiosk_id", "auto_answer", "appointment_id", "note", "outcome",
]  # fmt: skip

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["CAF", "MSA", "offer", "available", "kiosk", "c-1"])
)  # fmt: skip
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
messages = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6).flatmap(
    lambda fields: st.sampled_from(TYPES).map(lambda t: {"type": t, **fields})
)
garbage = (
    messages.map(json.dumps)
    | json_values.map(json.dumps)
    | st.text(max_size=200)
    | st.binary(max_size=200)
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db: Path = tmp_path_factory.mktemp("fuzz") / "switchboard.db"
    accounts = provision(db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = json.loads(proc.stdout.readline())
    try:
        yield line["url"], accounts.kiosk_tokens["pvp-murat"]
    finally:
        proc.terminate()
        proc.wait(20)


async def _exchange(url: str, token: str, payload: str | bytes) -> list[Any]:
    client, _ = await connect_kiosk(url, "pvp-murat", token)
    try:
        if isinstance(payload, bytes):
            await client.ws.send_bytes(payload)
        else:
            await client.ws.send_str(payload)
        # A known request after the garbage: its reply proves the connection still works.
        reply = await client.request(Hangup(id="probe", call_id="c-nothing-here"))
        assert isinstance(reply, Error) and reply.code == ErrorCode.NOT_FOUND
        assert client.bad_frames == []
        codes = {m.code for m in client.inbox if isinstance(m, Error)}
        assert codes <= {c.value for c in ErrorCode} - {"internal"}
        assert len(client.inbox) >= 3  # welcome, something for the garbage, the probe's error
        return client.inbox
    finally:
        await client.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=garbage)
def test_any_input_gets_valid_answers_and_the_connection_goes_on(
    server: tuple[str, str], payload: str | bytes
) -> None:
    url, token = server
    asyncio.run(_exchange(url, token, payload))


def _nested(depth: int, opener: str) -> str:
    closer = "]" if opener == "[" else "}"
    return opener * depth + "0" + closer * depth


# Deep enough that no parser can follow it on the stack, small enough to stay
# under the 64 KiB message limit (so the answer must be bad_message, not too_large).
deep_json = st.tuples(st.integers(1_000, 9_000), st.sampled_from(["[", '{"a":'])).map(
    lambda t: _nested(*t)
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pad=deep_json, kind=st.sampled_from(["hello", "queue_call", "hangup"]))
def test_deeply_nested_json_is_a_bad_message_and_the_connection_goes_on(
    server: tuple[str, str], pad: str, kind: str
) -> None:
    url, token = server
    payload = '{"type": "%s", "id": "deep", "pad": %s}' % (kind, pad)  # noqa: UP031
    inbox = asyncio.run(_exchange(url, token, payload))
    errors = [m for m in inbox if isinstance(m, Error) and m.ref != "probe"]
    assert [e.code for e in errors] == [ErrorCode.BAD_MESSAGE]
