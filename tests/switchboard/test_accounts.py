"""Credentials follow the account: what an administrator or a sign-out does
takes effect at once on every request and every open session."""

from __future__ import annotations

import asyncio
import json

from agentdesk.protocol import (
    Error,
    ErrorCode,
    FinishWrapUp,
    Hello,
    Role,
    Welcome,
)
from agentdesk.switchboard.sessions import CLOSE_REVOKED
from tests.support.switchboard import (
    SwitchboardProcess,
    WsClient,
    connect,
    http_json,
    login,
    login_status,
    open_ws,
)

from .conftest import Joiner
from .test_call_flow import talked_until_wrap_up
from .test_cli import cli


async def ended(client: WsClient) -> None:
    """The session was ended by the switchboard: ``unauthorized``, then 4003."""
    error = await client.next(Error)
    assert error.code == ErrorCode.UNAUTHORIZED
    await asyncio.wait_for(client.closed.wait(), 10)
    assert client.close_code == CLOSE_REVOKED


async def hello_refused(sb: SwitchboardProcess, hello: Hello) -> None:
    client = await open_ws(sb)
    try:
        await client.expect_error(hello, ErrorCode.UNAUTHORIZED)
    finally:
        await client.close()


async def admin(sb: SwitchboardProcess, *args: str, stdin: str = "") -> str:
    """The admin command in a thread: run here it blocked the test's loop for
    its whole start (seconds on a loaded machine), and the clients connected
    then could not answer the switchboard's pings (dropped: 1006)."""
    done = await asyncio.to_thread(cli, *args, "--db", str(sb.db), stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


async def test_a_deleted_account_is_out_at_once_and_its_history_stays_anonymous(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = await talked_until_wrap_up(agent, kiosk)
    await agent.request(FinishWrapUp(call_id=call_id, outcome="done"))
    tokens = await login(sb, "agent.caf")
    supervisor = (await login(sb, "sup.caf"))["access_token"]

    pseudonym = await admin(sb, "delete-account", "agent.caf")
    await ended(agent)
    await hello_refused(sb, Hello(role=Role.AGENT, token=tokens["access_token"]))
    assert await login_status(sb, "agent.caf") == 401
    status, body = await http_json(sb, "GET", "/api/v1/calls", token=supervisor)
    assert status == 200
    text = json.dumps(body)
    assert "agent.caf" not in text
    [record] = [c for c in body["calls"] if c["call"]["call_id"] == call_id]
    assert {e.get("agent_login") for e in record["events"]} >= {pseudonym}


async def test_a_demoted_supervisor_loses_supervision_at_once(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    session, _ = await join(sb, "sup.caf")
    token = (await login(sb, "sup.caf"))["access_token"]
    assert (await http_json(sb, "GET", "/api/v1/queues", token=token))[0] == 200

    await admin(sb, "set-role", "sup.caf", "agent")
    await ended(session)
    for path in ("/api/v1/queues", "/api/v1/calls", "/api/v1/metrics"):
        status, body = await http_json(sb, "GET", path, token=token)
        assert (status, body["code"]) == (401, "unauthorized"), path
    fresh = (await login(sb, "sup.caf"))["access_token"]
    status, body = await http_json(sb, "GET", "/api/v1/queues", token=fresh)
    assert (status, body["code"]) == (403, "forbidden")


async def test_a_disabled_account_is_out_until_enabled_again(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.msa")
    await admin(sb, "disable-account", "agent.msa")
    await ended(agent)
    assert await login_status(sb, "agent.msa") == 401
    await admin(sb, "enable-account", "agent.msa")
    assert await login_status(sb, "agent.msa") == 200


async def test_a_new_password_signs_the_account_out(sb: SwitchboardProcess, join: Joiner) -> None:
    agent, _ = await join(sb, "agent2.caf")
    await admin(sb, "reset-password", "agent2.caf", stdin="un-nouveau-mot-de-passe\n")
    await ended(agent)
    assert await login_status(sb, "agent2.caf") == 401
    assert await login_status(sb, "agent2.caf", "un-nouveau-mot-de-passe") == 200


async def test_signing_out_ends_the_sign_in_and_its_sessions(sb: SwitchboardProcess) -> None:
    tokens = await login(sb, "agent.cpam")
    other = await login(sb, "agent.cpam")
    hello = Hello(role=Role.AGENT, token=tokens["access_token"])
    client, _ = await connect(sb, hello)
    try:
        status, _ = await http_json(
            sb, "POST", "/api/v1/logout", {"refresh_token": tokens["refresh_token"]}
        )
        assert status == 200
        await ended(client)
        await hello_refused(sb, hello)
        status, _ = await http_json(
            sb, "POST", "/api/v1/refresh", {"refresh_token": tokens["refresh_token"]}
        )
        assert status == 401
    finally:
        await client.close()
    # The account's other sign-in (another device) is not signed out.
    kept, welcome = await connect(sb, Hello(role=Role.AGENT, token=other["access_token"]))
    await kept.close()
    assert welcome.identity == "agent.cpam"


async def test_a_replayed_refresh_token_revokes_its_whole_family(sb: SwitchboardProcess) -> None:
    first = await login(sb, "agent3.caf")
    status, second = await http_json(
        sb, "POST", "/api/v1/refresh", {"refresh_token": first["refresh_token"]}
    )
    assert status == 200
    client, _ = await connect(sb, Hello(role=Role.AGENT, token=second["access_token"]))
    try:
        # Someone replays the first refresh token (stolen before rotation).
        status, _ = await http_json(
            sb, "POST", "/api/v1/refresh", {"refresh_token": first["refresh_token"]}
        )
        assert status == 401
        await ended(client)
        status, _ = await http_json(
            sb, "POST", "/api/v1/refresh", {"refresh_token": second["refresh_token"]}
        )
        assert status == 401
        await hello_refused(sb, Hello(role=Role.AGENT, token=second["access_token"]))
    finally:
        await client.close()


async def test_renewing_a_kiosk_token_ends_its_session_and_the_old_token(
    sb: SwitchboardProcess, join: Joiner, accounts
) -> None:  # type: ignore[no-untyped-def]
    kiosk, _ = await join(sb, "pvp-maurs")
    token = await admin(sb, "renew-kiosk-token", "pvp-maurs")
    await ended(kiosk)
    old = accounts.kiosk_tokens["pvp-maurs"]
    await hello_refused(sb, Hello(role=Role.KIOSK, token=old, kiosk_id="pvp-maurs"))
    client, welcome = await connect(sb, Hello(role=Role.KIOSK, token=token, kiosk_id="pvp-maurs"))
    await client.close()
    assert isinstance(welcome, Welcome)
