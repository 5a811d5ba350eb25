"""The switchboard client against a real switchboard process on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import pytest

from agentdesk.client import (
    AuthError,
    AuthFailure,
    Backoff,
    ConnectionState,
    SwitchboardClient,
    http_base,
    login,
)
from agentdesk.client.rest import TokenKeeper
from agentdesk.protocol import (
    Ack,
    AgentState,
    CallState,
    ErrorCode,
    ErrorReason,
    Hello,
    ProtocolError,
    QueueCall,
    Queued,
    Role,
    SetPresence,
    TakeCall,
)
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    SwitchboardProcess,
    start_switchboard,
)

WAIT_S = 20.0
QUICK = Backoff(initial_s=0.05, maximum_s=0.5)


def kiosk_client(
    sb: SwitchboardProcess | str, accounts: Provisioned, kiosk: str
) -> SwitchboardClient:
    url = sb if isinstance(sb, str) else sb.url

    async def hello() -> Hello:
        return Hello(role=Role.KIOSK, kiosk_id=kiosk, token=accounts.kiosk_tokens[kiosk])

    return SwitchboardClient(url, hello, backoff=QUICK, name=kiosk)


async def agent_client(sb: SwitchboardProcess, user: str) -> SwitchboardClient:
    tokens = await login(http_base(sb.url), user, PASSWORD)

    async def hello() -> Hello:
        return Hello(role=Role.AGENT, token=tokens.access_token)

    return SwitchboardClient(sb.url, hello, backoff=QUICK, name=user)


async def test_agent_signs_in_and_requests_get_replies(sb: SwitchboardProcess) -> None:
    client = await agent_client(sb, "agent.caf")
    client.start()
    try:
        welcome = await client.wait_connected(WAIT_S)
        assert welcome.identity == "agent.caf"
        assert welcome.services == ["CAF"]
        # The directory names every service of the network, for transfers.
        assert {s.code for s in welcome.directory} == {"CAF", "CPAM", "MSA"}
        reply = await client.request(SetPresence(state=AgentState.AVAILABLE))
        assert isinstance(reply, Ack)
        with pytest.raises(ProtocolError) as refused:
            await client.request(TakeCall(call_id="no-such-call"))
        assert refused.value.code is ErrorCode.NOT_FOUND
        # Which refusal exactly, for the agent's sentence (and the desk's next step).
        assert refused.value.reason is ErrorReason.CALL_GONE
        # The error left the connection usable.
        assert isinstance(await client.request(SetPresence(state=AgentState.PAUSED)), Ack)
    finally:
        await client.close()
    assert client.state is ConnectionState.CLOSED


async def test_sign_in_failures_are_told_apart(sb: SwitchboardProcess, tmp_path: Path) -> None:
    with pytest.raises(AuthError) as wrong:
        await login(sb.http, "agent.caf", "not the password")
    assert wrong.value.failure is AuthFailure.BAD_CREDENTIALS
    # A port nothing listens on: the switchboard is unreachable.
    await sb.stop()
    with pytest.raises(AuthError) as gone:
        await login(sb.http, "agent.caf", PASSWORD)
    assert gone.value.failure is AuthFailure.UNREACHABLE


async def test_bad_device_token_stops_without_retrying(
    sb: SwitchboardProcess, accounts: Provisioned
) -> None:
    async def hello() -> Hello:
        return Hello(role=Role.KIOSK, kiosk_id="pvp-murat", token="forged")

    client = SwitchboardClient(sb.url, hello, backoff=QUICK)
    states: list[ConnectionState] = []
    unauthorized = asyncio.Event()

    def on_state(state: ConnectionState, problem: str | None) -> None:
        states.append(state)
        if state is ConnectionState.UNAUTHORIZED:
            unauthorized.set()

    client.add_state_listener(on_state)
    client.start()
    try:
        await asyncio.wait_for(unauthorized.wait(), WAIT_S)
        assert client._task is not None
        await asyncio.wait_for(client._task, WAIT_S)  # the loop ended by itself
        assert states.count(ConnectionState.CONNECTING) == 1
    finally:
        await client.close()


async def test_kiosk_finds_its_call_again_after_a_switchboard_crash(
    db: Path, accounts: Provisioned
) -> None:
    first = await start_switchboard(db)
    client = kiosk_client(first, accounts, "pvp-murat")
    client.start()
    second: SwitchboardProcess | None = None
    try:
        await client.wait_connected(WAIT_S)
        queued = await client.request(QueueCall(service="CAF", reason="Prime d'activité"))
        assert isinstance(queued, Queued)
        call_id = queued.call.call_id

        lost = asyncio.Event()
        client.add_state_listener(
            lambda state, _: lost.set() if state is ConnectionState.WAITING_RETRY else None
        )
        first.kill()
        await first.proc.wait()
        await asyncio.wait_for(lost.wait(), WAIT_S)
        assert client.state in (ConnectionState.WAITING_RETRY, ConnectionState.CONNECTING)

        # The same address again, as after a restart by the service manager.
        second = await start_switchboard(db, "--port", str(first.port))
        welcome = await client.wait_connected(WAIT_S)
        assert welcome.active_call is not None
        assert welcome.active_call.call_id == call_id
        assert welcome.active_call.state is CallState.QUEUED
    finally:
        await client.close()
        if second is not None:
            await second.stop()


async def test_a_newer_connection_replaces_the_older_for_good(
    sb: SwitchboardProcess, accounts: Provisioned
) -> None:
    older = kiosk_client(sb, accounts, "pvp-maurs")
    newer = kiosk_client(sb, accounts, "pvp-maurs")
    replaced = asyncio.Event()
    older.add_state_listener(
        lambda state, _: replaced.set() if state is ConnectionState.REPLACED else None
    )
    older.start()
    try:
        await older.wait_connected(WAIT_S)
        newer.start()
        await newer.wait_connected(WAIT_S)
        await asyncio.wait_for(replaced.wait(), WAIT_S)
        # The older one does not come back to push the newer one out.
        assert newer.state is ConnectionState.CONNECTED
        assert older.state is ConnectionState.REPLACED
    finally:
        await older.close()
        await newer.close()


async def test_a_renewed_device_token_ends_the_session_for_good(
    sb: SwitchboardProcess, accounts: Provisioned
) -> None:
    client = kiosk_client(sb, accounts, "pvp-saignes")
    ended = asyncio.Event()
    states: list[ConnectionState] = []

    def on_state(state: ConnectionState, _: str | None) -> None:
        states.append(state)
        if state is ConnectionState.UNAUTHORIZED:
            ended.set()

    client.add_state_listener(on_state)
    client.start()
    try:
        await client.wait_connected(WAIT_S)
        renew = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "agentdesk", "switchboard", "renew-kiosk-token",
            "pvp-saignes", "--db", str(sb.db), stdout=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        assert await renew.wait() == 0
        await asyncio.wait_for(ended.wait(), WAIT_S)
        # Not retried with the old token: the kiosk needs its new one.
        after = states[states.index(ConnectionState.CONNECTED) + 1 :]
        assert after == [ConnectionState.UNAUTHORIZED], after
    finally:
        await client.close()


async def test_a_renewal_out_of_reach_is_retried_until_it_works(sb: SwitchboardProcess) -> None:
    # The WebSocket is reachable, the HTTP API is not (yet): as behind a proxy
    # whose API route is down, or a switchboard still starting.  A port that
    # was just closed stands for it.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    probe.close()
    tokens = await login(http_base(sb.url), "agent3.caf", PASSWORD)
    # Expired already: each attempt renews first.
    keeper = TokenKeeper(closed, tokens.access_token, tokens.refresh_token, expires_in=0)

    async def hello() -> Hello:
        return Hello(role=Role.AGENT, token=await keeper.access())

    client = SwitchboardClient(sb.url, hello, backoff=QUICK, name="renewing")
    retries = asyncio.Event()
    waits: list[str | None] = []

    def on_state(state: ConnectionState, problem: str | None) -> None:
        if state is ConnectionState.WAITING_RETRY:
            waits.append(problem)
            if len(waits) >= 3:
                retries.set()

    client.add_state_listener(on_state)
    client.start()
    try:
        await asyncio.wait_for(retries.wait(), WAIT_S)
        assert all(p is not None and p.startswith("unreachable") for p in waits), waits
        keeper.base = http_base(sb.url)  # the API is back
        welcome = await client.wait_connected(WAIT_S)
        assert welcome.identity == "agent3.caf"
    finally:
        await client.close()
