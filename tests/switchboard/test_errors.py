"""Every error code, who may do what, and bad input: the server answers and stays up."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3

from agentdesk.protocol import (
    MAX_MESSAGE_BYTES,
    AcceptOffer,
    Ack,
    AgentState,
    CallUpdate,
    Error,
    ErrorCode,
    FinishWrapUp,
    Hangup,
    Hello,
    LeaveQueue,
    MediaConnected,
    QueueCall,
    Role,
    SetPresence,
    Signal,
    SignalKind,
    Subscribe,
    TakeCall,
    Transfer,
    Welcome,
)
from tests.support.switchboard import http_json, login, open_ws

from .conftest import Joiner, Starter
from .test_call_flow import queue


async def still_answers(client) -> None:  # type: ignore[no-untyped-def]
    """The connection is usable: a harmless request gets its reply."""
    await client.expect_error(Hangup(call_id="no-such-call"), ErrorCode.NOT_FOUND)


async def test_before_hello_and_bad_credentials_are_unauthorized(sb, accounts) -> None:
    client = await open_ws(sb)
    try:
        await client.expect_error(QueueCall(service="CAF"), ErrorCode.UNAUTHORIZED)
        await client.expect_error(Hello(role=Role.AGENT, token="v1.forged.token"), "unauthorized")
        await client.expect_error(
            Hello(role=Role.KIOSK, token="wrong", kiosk_id="pvp-murat"), ErrorCode.UNAUTHORIZED
        )
        await client.expect_error(Hello(role=Role.KIOSK, token="x"), ErrorCode.BAD_MESSAGE)
        # A kiosk token cannot open an agent session.
        kiosk_token = accounts.kiosk_tokens["pvp-murat"]
        await client.expect_error(Hello(role=Role.AGENT, token=kiosk_token), "unauthorized")
        # An agent's token announced with another role is refused.
        tokens = await login(sb, "agent.caf")
        await client.expect_error(
            Hello(role=Role.SUPERVISOR, token=tokens["access_token"]), ErrorCode.UNAUTHORIZED
        )
        # The same connection then authenticates properly.
        welcome = await client.request(Hello(role=Role.AGENT, token=tokens["access_token"]))
        assert isinstance(welcome, Welcome) and welcome.identity == "agent.caf"
        await client.expect_error(Hello(role=Role.AGENT, token=tokens["access_token"]), "conflict")
    finally:
        await client.close()


async def test_expired_access_token_is_unauthorized(start: Starter) -> None:
    sb = await start("--access-ttl", "0.2")
    tokens = await login(sb, "agent.caf")
    await asyncio.sleep(0.5)  # past the token's life: a fact of the test, not a timing assert
    client = await open_ws(sb)
    try:
        await client.expect_error(
            Hello(role=Role.AGENT, token=tokens["access_token"]), "unauthorized"
        )
    finally:
        await client.close()


async def test_kiosk_cannot_do_agent_actions(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    for message in (
        SetPresence(state=AgentState.AVAILABLE, auto_answer=True),
        TakeCall(),
        TakeCall(call_id=call_id),
        AcceptOffer(call_id=call_id),
        FinishWrapUp(call_id=call_id),
        Transfer(call_id=call_id, service="CPAM"),
        Subscribe(),
    ):
        await kiosk.expect_error(message, ErrorCode.FORBIDDEN)
    # ...nor another kiosk's call.
    other, _ = await join(sb, "pvp-riom")
    await other.expect_error(LeaveQueue(call_id=call_id), ErrorCode.FORBIDDEN)
    await other.expect_error(Hangup(call_id=call_id), ErrorCode.FORBIDDEN)
    # And an agent cannot queue like a kiosk.
    agent, _ = await join(sb, "agent.caf")
    await agent.expect_error(QueueCall(service="CAF"), ErrorCode.FORBIDDEN)
    await agent.expect_error(LeaveQueue(call_id=call_id), ErrorCode.FORBIDDEN)
    await agent.expect_error(Subscribe(), ErrorCode.FORBIDDEN)


async def test_agent_cannot_take_another_services_call(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk, service="CPAM")).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await agent.expect_error(TakeCall(call_id=call_id), ErrorCode.FORBIDDEN)
    await agent.expect_error(TakeCall(service="CPAM"), ErrorCode.FORBIDDEN)
    await agent.expect_error(TakeCall(), ErrorCode.NOT_FOUND)  # nothing in CAF
    await agent.expect_error(AcceptOffer(call_id=call_id), ErrorCode.FORBIDDEN)
    msa, _ = await join(sb, "agent.msa")
    await msa.expect_error(TakeCall(call_id=call_id), ErrorCode.FORBIDDEN)
    # The call is untouched: the right agent takes it.
    cpam, _ = await join(sb, "agent.cpam")
    await cpam.request(TakeCall(call_id=call_id))
    assert (await kiosk.next(CallUpdate)).call.agent_login == "agent.cpam"


async def test_signals_go_only_between_the_two_ends_of_a_live_call(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    agent, _ = await join(sb, "agent.caf")
    # Not yet in a call: nothing to relay.
    await kiosk.expect_error(
        Signal(call_id=call_id, kind=SignalKind.ANSWER, sdp="x"), ErrorCode.CONFLICT
    )
    await agent.expect_error(
        Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="x"), ErrorCode.FORBIDDEN
    )
    await agent.request(TakeCall(call_id=call_id))
    intruder_kiosk, _ = await join(sb, "pvp-riom")
    intruder_agent, _ = await join(sb, "agent2.caf")
    for intruder in (intruder_kiosk, intruder_agent):
        await intruder.expect_error(
            Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="evil"), ErrorCode.FORBIDDEN
        )
        await intruder.expect_error(MediaConnected(call_id=call_id), ErrorCode.FORBIDDEN)
        await intruder.expect_error(Hangup(call_id=call_id), ErrorCode.FORBIDDEN)
    # Offers come from the agent's side, answers from the kiosk's.
    await kiosk.expect_error(Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="x"), "conflict")
    await agent.request(Signal(call_id=call_id, kind=SignalKind.OFFER, generation=2, sdp="x"))
    await kiosk.expect_error(
        Signal(call_id=call_id, kind=SignalKind.ANSWER, generation=1, sdp="old"), "conflict"
    )
    await agent.expect_error(Signal(call_id="c-nothing", kind=SignalKind.OFFER), "not_found")
    assert [s.sdp for s in kiosk.unconsumed(Signal)] == ["x"]
    assert intruder_kiosk.unconsumed(Signal) == [] and intruder_agent.unconsumed(Signal) == []


async def test_out_of_order_steps_are_conflicts(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    await kiosk.expect_error(QueueCall(service="CAF"), ErrorCode.CONFLICT)  # one call at a time
    agent, _ = await join(sb, "agent.caf")
    await agent.expect_error(AcceptOffer(call_id=call_id), ErrorCode.CONFLICT)  # not ringing
    await agent.expect_error(FinishWrapUp(call_id=call_id), ErrorCode.CONFLICT)
    await agent.expect_error(Hangup(call_id=call_id), ErrorCode.FORBIDDEN)
    await agent.expect_error(SetPresence(state=AgentState.IN_CALL), ErrorCode.BAD_MESSAGE)
    await agent.request(TakeCall(call_id=call_id))
    await agent.expect_error(TakeCall(), ErrorCode.NOT_FOUND)
    await agent.expect_error(Transfer(call_id=call_id, service="CPAM"), "conflict")  # not connected
    await kiosk.expect_error(LeaveQueue(call_id=call_id), ErrorCode.CONFLICT)
    await kiosk.request(MediaConnected(call_id=call_id))
    assert isinstance(await kiosk.request(MediaConnected(call_id=call_id)), Ack)  # idempotent
    await agent.expect_error(Transfer(call_id=call_id, service="CAF"), ErrorCode.CONFLICT)
    await agent.expect_error(Transfer(call_id=call_id, service="NOPE"), ErrorCode.NOT_FOUND)
    await kiosk.expect_error(QueueCall(service="NOPE"), ErrorCode.CONFLICT)
    await still_answers(kiosk)


async def test_unknown_service_is_not_found(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    await kiosk.expect_error(QueueCall(service="NOPE"), ErrorCode.NOT_FOUND)


async def test_malformed_messages_get_bad_message_and_the_connection_goes_on(
    sb, join: Joiner
) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    await kiosk.expect_error("not json at all", ErrorCode.BAD_MESSAGE)
    await kiosk.expect_error("[1, 2, 3]", ErrorCode.BAD_MESSAGE)
    error = await kiosk.expect_error({"type": "launch_missiles", "id": "m1"}, "bad_message")
    assert error.ref == "m1"
    error = await kiosk.expect_error(
        {"type": "queue_call", "id": "m2", "service": 42}, "bad_message"
    )
    assert error.ref == "m2" and "service" in error.message
    await kiosk.expect_error(
        {"type": "queue_call", "id": "m3", "service": "caf lower"}, "bad_message"
    )
    await kiosk.expect_error({"type": "queue_call", "id": "m4", "service": "CAF", "v": 2},
                             ErrorCode.UNSUPPORTED_VERSION)  # fmt: skip
    await kiosk.ws.send_bytes(b"\x00\x01binary")
    error = await kiosk.next(Error)
    assert error.code == ErrorCode.BAD_MESSAGE and "binary" in error.message
    await still_answers(kiosk)


async def test_oversized_messages(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    big = json.dumps({"type": "queue_call", "id": "big", "service": "CAF", "reason": "x" * 70_000})
    assert len(big) > MAX_MESSAGE_BYTES
    error = await kiosk.expect_error(big, ErrorCode.TOO_LARGE)
    assert str(MAX_MESSAGE_BYTES) in error.message
    await still_answers(kiosk)
    # Far beyond: aiohttp drops that connection (1009), and only that one.
    other, _ = await join(sb, "pvp-riom")
    with contextlib.suppress(ConnectionError):  # the server may cut while we still write
        await kiosk.send("x" * (4 * 1024 * 1024))
    await asyncio.wait_for(kiosk.closed.wait(), 15)
    await still_answers(other)


async def test_flooding_is_rate_limited_then_the_abuser_alone_is_closed(sb, join: Joiner) -> None:
    flooder, _ = await join(sb, "agent.caf")
    bystander, _ = await join(sb, "pvp-riom")
    valid = json.dumps({"type": "set_presence", "state": "paused"})
    with contextlib.suppress(ConnectionError):
        for _ in range(1000):
            await flooder.ws.send_str(valid)
    await asyncio.wait_for(flooder.closed.wait(), 15)
    assert flooder.close_code == 1008
    errors = [m.code for m in flooder.inbox if isinstance(m, Error)]
    assert set(errors) == {"rate_limited"} and len(errors) >= 20
    assert sum(isinstance(m, Ack) for m in flooder.inbox) >= 50  # the burst went through
    await still_answers(bystander)
    # The abuser may come back and behave.
    again, _ = await join(sb, "agent.caf")
    await again.request(SetPresence(state=AgentState.PAUSED))


async def test_an_exception_in_a_handler_is_internal_and_the_server_stays_up(
    sb, join: Joiner, db
) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=call_id))
    await agent.request(Hangup(call_id=call_id))
    # Break the database under the running server (fault injection: a damaged file).
    with sqlite3.connect(db) as broken:
        broken.execute("DROP TABLE wrap_ups")
    await agent.expect_error(FinishWrapUp(call_id=call_id), ErrorCode.INTERNAL)
    await still_answers(agent)
    await still_answers(kiosk)
    status, body = await http_json(sb, "GET", "/healthz")
    assert status == 200 and body["status"] == "ok"
    records = sb.log_records()
    assert any(r.get("event") == "handler_failed" and "traceback" in r for r in records)


async def test_no_hello_in_time_closes_that_connection(start: Starter) -> None:
    sb = await start("--hello-timeout", "1")
    client = await open_ws(sb)
    try:
        error = await client.next()
        assert error.code == ErrorCode.UNAUTHORIZED
        await asyncio.wait_for(client.closed.wait(), 15)
        assert client.close_code == 1008
    finally:
        await client.close()


async def test_refused_hellos_do_not_put_the_hello_deadline_off(start: Starter) -> None:
    """The guide: a *welcomed* hello within the deadline of the connection's
    opening; a client that keeps sending refused hellos is still closed."""
    sb = await start("--hello-timeout", "1")
    client = await open_ws(sb)
    try:
        async with asyncio.timeout(15):
            while not client.closed.is_set():
                await client.send({"type": "hello", "role": "kiosk", "kiosk_id": "pvp-murat",
                                   "token": "not-the-token"})  # fmt: skip
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(client.closed.wait(), 0.2)
        assert client.close_code == 1008
        assert any(
            isinstance(m, Error) and "no hello in time" in m.message for m in client.inbox
        ), client.inbox
    finally:
        await client.close()


async def test_a_newer_connection_replaces_the_older_one(sb, join: Joiner) -> None:
    first, _ = await join(sb, "pvp-murat")
    second, _ = await join(sb, "pvp-murat")
    await asyncio.wait_for(first.closed.wait(), 15)
    assert first.close_code == 4001
    await still_answers(second)


async def test_http_errors_are_json(sb) -> None:
    status, body = await http_json(sb, "GET", "/api/v1/nothing")
    assert status == 404 and body == {"type": "error", "code": "not_found",
                                      "message": "no such endpoint: /api/v1/nothing"}  # fmt: skip
    status, body = await http_json(sb, "POST", "/api/v1/login", data=b"{nope")
    assert status == 400 and body["code"] == "bad_message"
    status, body = await http_json(
        sb, "POST", "/api/v1/login", data=b"x" * (MAX_MESSAGE_BYTES + 10)
    )
    assert status == 413 and body["code"] == "too_large"
    status, body = await http_json(sb, "POST", "/api/v1/login", {"login": "agent.caf"})
    assert status == 400 and "password" in body["message"]
