"""Every refusal's ``reason``, as a client reads it: the raw JSON of the error
(WebSocket frame or HTTP body) from a real switchboard, and docs/protocol.md
listing exactly the reasons there are."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import aiohttp

from agentdesk.protocol import (
    AcceptOffer,
    Error,
    ErrorReason,
    FinishWrapUp,
    Hangup,
    Hello,
    MediaConnected,
    Offered,
    Role,
    SetPresence,
    TakeCall,
    Transfer,
)
from agentdesk.protocol.messages import AgentState, CallState, CallUpdate
from tests.support.switchboard import (
    PASSWORD,
    SwitchboardProcess,
    WsClient,
    http_json,
    login,
    open_ws,
)

from .conftest import Joiner
from .test_accounts import admin
from .test_call_flow import queue
from .test_permanences import paris
from .test_transfer import handle_of

PROTOCOL_MD = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"


def documented_reasons() -> dict[str, str]:
    """reason -> code(s), from the table under « ### Reasons »."""
    text = PROTOCOL_MD.read_text(encoding="utf-8")
    section = text.split("### Reasons", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", section, flags=re.MULTILINE)
    return {reason: codes for reason, codes in rows}


def test_the_protocol_page_lists_exactly_the_reasons_there_are() -> None:
    assert set(documented_reasons()) == {reason.value for reason in ErrorReason}


def check(raw: dict[str, Any], reason: ErrorReason) -> None:
    """The error as sent: its reason, under a code the page gives for it."""
    assert raw["type"] == "error", raw
    assert raw["reason"] == reason.value, raw
    assert f"`{raw['code']}`" in documented_reasons()[reason.value], raw
    assert raw["message"], raw


async def ws_refusal(client: WsClient, message: Any, reason: ErrorReason) -> dict[str, Any]:
    rid = await client.send(message)
    await client.reply_to(rid)
    raw = next(frame for frame in client.raw if frame.get("ref") == rid)
    check(raw, reason)
    return raw


async def http_refusal(
    sb: SwitchboardProcess, method: str, path: str, body: Any, token: str | None,
    reason: ErrorReason,
) -> dict[str, Any]:  # fmt: skip
    status, raw = await http_json(sb, method, path, body, token)
    assert status >= 400, raw
    check(raw, reason)
    return dict(raw)


async def test_sign_in_refusals_name_their_reason(sb: SwitchboardProcess, join: Joiner) -> None:
    await http_refusal(
        sb, "POST", "/api/v1/login", {"login": "agent.caf", "password": "wrong"}, None,
        ErrorReason.WRONG_PASSWORD,
    )  # fmt: skip
    tokens = await login(sb, "agent.msa")
    await admin(sb, "disable-account", "agent.msa")
    # With the right password, the account's owner learns why (and whom to call).
    await http_refusal(
        sb, "POST", "/api/v1/login", {"login": "agent.msa", "password": PASSWORD}, None,
        ErrorReason.ACCOUNT_DISABLED,
    )  # fmt: skip
    # Disabling ended the sign-in: its refresh token is spent.
    await http_refusal(
        sb, "POST", "/api/v1/refresh", {"refresh_token": tokens["refresh_token"]}, None,
        ErrorReason.TOKEN_EXPIRED,
    )  # fmt: skip
    # Every token the hellos below need is made first: a connection must be
    # signed in within the hello deadline (10 s, docs/protocol.md), and on a
    # loaded machine the logins and the admin command (a subprocess, which
    # blocks this loop) took longer than that with the connection open: the
    # switchboard closed it under the test, and the next hello met a closed
    # socket (1006).
    caf = await login(sb, "agent2.caf")
    status, _ = await http_json(
        sb, "POST", "/api/v1/logout", {"refresh_token": caf["refresh_token"]}
    )
    assert status == 200
    other = await login(sb, "agent3.caf")
    cpam = await login(sb, "agent.cpam")
    await admin(sb, "set-role", "agent.cpam", "supervisor")
    # One connection: each refused hello leaves it open for another.
    client = await open_ws(sb)
    try:
        await ws_refusal(
            client, Hello(role=Role.AGENT, token="v1.forged"), ErrorReason.TOKEN_EXPIRED
        )
        await ws_refusal(
            client, Hello(role=Role.AGENT, token=tokens["access_token"]),
            ErrorReason.ACCOUNT_DISABLED,
        )  # fmt: skip
        await ws_refusal(
            client, Hello(role=Role.SUPERVISOR, token=other["access_token"]),
            ErrorReason.WRONG_ROLE,
        )  # fmt: skip
        await ws_refusal(
            client, Hello(role=Role.AGENT, token=caf["access_token"]), ErrorReason.SIGNED_OUT
        )
        await ws_refusal(
            client, Hello(role=Role.AGENT, token=cpam["access_token"]), ErrorReason.ACCOUNT_CHANGED
        )
    finally:
        await client.close()
    await http_refusal(
        sb, "GET", "/api/v1/queues", None, other["access_token"], ErrorReason.WRONG_ROLE
    )


async def test_too_many_attempts_says_when_to_try_again(sb: SwitchboardProcess) -> None:
    body = {"login": "agent3.caf", "password": "wrong"}
    for _ in range(5):
        status, _ = await http_json(sb, "POST", "/api/v1/login", body)
        assert status == 401
    async with (
        aiohttp.ClientSession() as session,
        session.post(sb.http + "/api/v1/login", json=body) as response,
    ):
        raw = await response.json()
        assert response.status == 429
        check(raw, ErrorReason.TOO_MANY_ATTEMPTS)
        # The five failures just made leave the 5-minute window in about 5 minutes.
        assert 200 < raw["retry_after_s"] <= 300, raw
        assert int(response.headers["Retry-After"]) == int(-(-raw["retry_after_s"] // 1))


async def test_a_kiosk_session_ended_names_the_renewed_token(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    kiosk, _ = await join(sb, "pvp-pleaux")
    await admin(sb, "renew-kiosk-token", "pvp-pleaux")
    await asyncio.wait_for(kiosk.closed.wait(), 10)
    raw = next(frame for frame in kiosk.raw if frame["type"] == "error")
    check(raw, ErrorReason.DEVICE_TOKEN_RENEWED)


async def test_call_and_presence_refusals_name_their_reason(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    cpam, _ = await join(sb, "agent.cpam")
    await ws_refusal(kiosk, TakeCall(), ErrorReason.WRONG_ROLE)
    await ws_refusal(agent, TakeCall(), ErrorReason.QUEUE_EMPTY)
    await ws_refusal(agent, TakeCall(call_id="c-none"), ErrorReason.CALL_GONE)
    await ws_refusal(agent, FinishWrapUp(call_id="c-none"), ErrorReason.NOT_IN_WRAP_UP)

    # A call rings for the agent: presence waits for an answer.
    await agent.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    call_id = (await queue(kiosk)).call.call_id
    await agent.next(Offered)
    await ws_refusal(cpam, TakeCall(call_id=call_id), ErrorReason.NOT_YOUR_SERVICE)
    await ws_refusal(
        agent, SetPresence(state=AgentState.PAUSED, reason="lunch"), ErrorReason.CALL_RINGING
    )
    second, _ = await join(sb, "agent2.caf")
    await ws_refusal(second, AcceptOffer(call_id=call_id), ErrorReason.NOT_RINGING)
    await ws_refusal(second, TakeCall(call_id=call_id), ErrorReason.CALL_NOT_WAITING)
    await agent.request(AcceptOffer(call_id=call_id))
    await ws_refusal(second, Hangup(call_id=call_id), ErrorReason.NOT_IN_CALL)
    other_kiosk, _ = await join(sb, "pvp-riom")
    waiting = (await queue(other_kiosk)).call.call_id
    await ws_refusal(agent, TakeCall(call_id=waiting), ErrorReason.AGENT_BUSY)
    await ws_refusal(agent, Transfer(call_id=call_id, service="CPAM"), ErrorReason.NOT_IN_CALL)
    await kiosk.request(MediaConnected(call_id=call_id))
    await agent.next(CallUpdate, lambda u: u.call.state is CallState.CONNECTED)
    await ws_refusal(agent, Transfer(call_id=call_id, service="NOPE"), ErrorReason.UNKNOWN_SERVICE)
    await ws_refusal(agent, Transfer(call_id=call_id, service="CAF"), ErrorReason.SAME_SERVICE)

    # Naming a colleague: nobody, one of another service, or oneself.
    await ws_refusal(
        agent, Transfer(call_id=call_id, service="CAF", agent="a-0000"), ErrorReason.UNKNOWN_AGENT
    )
    other = await handle_of(agent, "Agent agent2.caf", "CAF", call_id)
    await ws_refusal(
        agent,
        Transfer(call_id=call_id, service="CPAM", agent=other),
        ErrorReason.AGENT_NOT_IN_SERVICE,
    )
    mine = await handle_of(second, "Agent agent.caf", "CAF")
    await ws_refusal(
        agent, Transfer(call_id=call_id, service="CAF", agent=mine), ErrorReason.SAME_AGENT
    )


async def test_a_call_whose_kiosk_is_away_is_refused_as_such(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent3.caf")
    kiosk, _ = await join(sb, "pvp-allanche")
    call_id = (await queue(kiosk)).call.call_id
    kiosk.abort()
    # Asked once the switchboard has seen the kiosk go (its log says so).
    for _ in range(200):
        if any(r.get("event") == "kiosk_disconnected" for r in sb.log_records()):
            break
        await asyncio.sleep(0.05)
    raw = await ws_refusal(agent, TakeCall(call_id=call_id), ErrorReason.KIOSK_AWAY)
    check(raw, ErrorReason.KIOSK_AWAY)


async def test_too_many_messages_names_its_reason(sb: SwitchboardProcess, join: Joiner) -> None:
    agent, _ = await join(sb, "agent2.caf")
    for _ in range(150):
        await agent.ws.send_str('{"type": "ping"}')
    await agent.next(Error, lambda e: e.code == "rate_limited")
    raw = next(f for f in agent.raw if f.get("code") == "rate_limited")
    check(raw, ErrorReason.TOO_MANY_MESSAGES)


async def test_calendar_and_booking_refusals_name_their_reason(sb: SwitchboardProcess) -> None:
    sup = (await login(sb, "sup.caf"))["access_token"]
    agent = (await login(sb, "agent.caf"))["access_token"]
    tuesday = {"service": "CAF", "kiosk_ids": ["pvp-murat"], "weekday": 1,
               "start": "09:00", "end": "12:00"}  # fmt: skip
    status, _ = await http_json(sb, "POST", "/api/v1/permanences", tuesday, sup)
    assert status == 201
    overlap = {**tuesday, "start": "11:00", "end": "13:00"}
    await http_refusal(sb, "POST", "/api/v1/permanences", overlap, sup, ErrorReason.SLOT_OVERLAP)
    await http_refusal(
        sb, "POST", "/api/v1/permanences", {**tuesday, "kiosk_ids": ["pvp-nowhere"]}, sup,
        ErrorReason.UNKNOWN_KIOSK,
    )  # fmt: skip
    # 2 December 2030 is a Monday: no permanence of CAF at Murat that day.
    monday = paris("2030-12-02T10:00")
    draft = {"service": "CAF", "kiosk_id": "pvp-murat", "starts_at": monday,
             "resident_name": "Marie Dupont"}  # fmt: skip
    post = "/api/v1/appointments"
    await http_refusal(sb, "POST", post, draft, agent, ErrorReason.OUTSIDE_PERMANENCE)
    tuesday_10h = paris("2030-12-03T10:00")
    await http_refusal(
        sb, "POST", post, {**draft, "starts_at": tuesday_10h, "kiosk_id": "pvp-nowhere"}, agent,
        ErrorReason.UNKNOWN_KIOSK,
    )  # fmt: skip
    await http_refusal(
        sb, "POST", post, {**draft, "starts_at": tuesday_10h, "agent_login": "nobody"}, sup,
        ErrorReason.UNKNOWN_AGENT,
    )  # fmt: skip
    await http_refusal(
        sb, "POST", post, {**draft, "starts_at": tuesday_10h, "agent_login": "agent.cpam"}, sup,
        ErrorReason.AGENT_NOT_IN_SERVICE,
    )  # fmt: skip
    await http_refusal(
        sb, "POST", post, {**draft, "service": "CPAM"}, agent, ErrorReason.NOT_YOUR_SERVICE
    )
    await http_refusal(
        sb, "POST", post, {**draft, "service": "NOPE"}, agent, ErrorReason.UNKNOWN_SERVICE
    )
    status, booked = await http_json(sb, "POST", post, {**draft, "starts_at": tuesday_10h}, agent)
    assert status == 201, booked
    path = f"{post}/{booked['appointment_id']}"
    status, _ = await http_json(sb, "DELETE", path, None, agent)
    assert status == 200
    await http_refusal(sb, "DELETE", path, None, agent, ErrorReason.APPOINTMENT_NOT_BOOKED)
    await http_refusal(
        sb, "DELETE", f"{post}/rdv-none", None, agent, ErrorReason.UNKNOWN_APPOINTMENT
    )
    await http_refusal(
        sb, "GET", "/api/v1/figures?since=2000&until=1000", None, sup, ErrorReason.BAD_PERIOD
    )


def test_every_reason_has_its_test_here() -> None:
    """Each reason is read on the wire by one of the tests above."""
    source = Path(__file__).read_text(encoding="utf-8").split("def test_every_reason", 1)[0]
    named = set(re.findall(r"ErrorReason\.([A-Z_]+)\b", source))
    assert named == {reason.name for reason in ErrorReason}
