"""Nothing lost: agents crashing, kiosks dropping, the switchboard killed and restarted."""

from __future__ import annotations

import asyncio

from agentdesk.protocol import (
    AgentState,
    AgentStatus,
    CallState,
    CallUpdate,
    EndReason,
    MediaConnected,
    Offered,
    Queued,
    SetPresence,
    Signal,
    SignalKind,
    TakeCall,
)
from tests.support.switchboard import PASSWORD, agent_process_taking, http_json, login

from .conftest import Joiner, Starter
from .test_call_flow import available, queue


async def test_agent_crash_returns_the_call_to_the_head_and_tells_the_kiosk(
    sb, join: Joiner
) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    other, _ = await join(sb, "pvp-riom")
    call_id = (await queue(kiosk)).call.call_id
    await queue(other)
    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=call_id))
    await kiosk.request(MediaConnected(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTED)
    await other.next(Queued, lambda m: m.position == 1)

    agent.abort()  # the agent's PC dies: no closing handshake

    update = await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    assert update.end_reason is EndReason.AGENT_LOST
    place = await kiosk.next(Queued)
    assert place.position == 1 and place.call.call_id == call_id
    await other.next(Queued, lambda m: m.position == 2)

    # The next free agent gets it first.
    second, _ = await join(sb, "agent2.caf")
    await available(second)
    assert (await second.next(Offered)).call.call_id == call_id

    sup = await login(sb, "sup.caf")
    _, body = await http_json(sb, "GET", "/api/v1/calls", token=sup["access_token"])
    (record,) = [c for c in body["calls"] if c["call"]["call_id"] == call_id]
    assert "interrupted" in [e["event"] for e in record["events"]]


async def test_agent_killed_as_a_process_loses_the_call_back_to_the_queue(sb, join: Joiner) -> None:
    """The agent is a real subprocess killed with SIGKILL."""
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    proc = await agent_process_taking(sb, "agent.caf", call_id)
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
    proc.kill()
    await proc.wait()
    update = await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    assert update.end_reason is EndReason.AGENT_LOST


async def test_agent_reconnecting_within_the_grace_keeps_the_call(
    start: Starter, join: Joiner
) -> None:
    sb = await start("--agent-grace", "8")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
    agent.abort()
    again, welcome = await join(sb, "agent.caf")
    assert welcome.active_call is not None and welcome.active_call.call_id == call_id
    assert welcome.agent is not None and welcome.agent.state is AgentState.IN_CALL
    await again.request(Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="v=0 again"))
    assert (await kiosk.next(Signal)).sdp == "v=0 again"
    # The resident never went back to the queue: nothing about a queue place
    # after the call started connecting (an estimate update before it, sent
    # when the agent signed in, is not a requeue).
    connecting = next(
        i
        for i, m in enumerate(kiosk.inbox)
        if isinstance(m, CallUpdate) and m.call.state is CallState.CONNECTING
    )
    after = kiosk.inbox[connecting + 1 :]
    assert not [m for m in after if isinstance(m, Queued)]
    assert not [m for m in after if isinstance(m, CallUpdate) and m.call.state is CallState.QUEUED]


async def test_kiosk_dropping_keeps_its_place_then_is_abandoned(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    kiosk.abort()
    # Back within the grace (4 s here): same call, same place.
    kiosk2, welcome = await join(sb, "pvp-murat")
    assert welcome.active_call is not None and welcome.active_call.call_id == call_id
    assert (await kiosk2.next(Queued)).position == 1

    # Away while an agent is free: not offered meanwhile.
    agent, _ = await join(sb, "agent.caf")
    kiosk2.abort()
    await asyncio.sleep(0.5)  # let the server notice the drop before the agent is ready
    await available(agent)
    sup = await login(sb, "sup.caf")
    for _ in range(200):
        _, body = await http_json(sb, "GET", "/api/v1/calls", token=sup["access_token"])
        if body["calls"][0]["call"]["state"] == "abandoned":
            break
        await asyncio.sleep(0.1)
    events = [e["event"] for e in body["calls"][0]["events"]]
    assert events == ["queued", "abandoned"]
    assert body["calls"][0]["events"][-1]["detail"] == {"cause": "kiosk_lost"}
    assert agent.unconsumed(Offered) == []


async def test_kiosk_back_during_a_call_finds_it_in_welcome(sb, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=call_id))
    await kiosk.request(MediaConnected(call_id=call_id))
    kiosk.abort()
    back, welcome = await join(sb, "pvp-murat")
    assert welcome.active_call is not None
    assert welcome.active_call.call_id == call_id
    assert welcome.active_call.state is CallState.CONNECTED
    await agent.request(
        Signal(call_id=call_id, kind=SignalKind.OFFER, generation=1, sdp="v=0 ice restart")
    )
    assert (await back.next(Signal)).generation == 1


async def test_server_sigkill_and_restart_keeps_the_queue_in_order(
    start: Starter, join: Joiner, db, accounts
) -> None:
    sb = await start()
    order = ["pvp-saignes", "pvp-murat", "pvp-riom", "pvp-maurs"]
    ids = []
    for kiosk_id in order:
        kiosk, _ = await join(sb, kiosk_id)
        ids.append((await queue(kiosk)).call.call_id)
    # One in a call, one ringing when the process dies.
    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=ids[0]))
    ringing, _ = await join(sb, "agent2.caf")
    await available(ringing)
    assert (await ringing.next(Offered)).call.call_id == ids[1]

    sb.kill()
    await sb.proc.wait()
    sb2 = await start()  # same database file

    sup = await login(sb2, "sup.caf")
    status, body = await http_json(sb2, "GET", "/api/v1/queues", token=sup["access_token"])
    assert status == 200
    (caf,) = [q for q in body["queues"] if q["service"] == "CAF"]
    assert [c["call_id"] for c in caf["waiting"]] == ids[1:]

    # Kiosks that come back find their call by id, at their place.
    back, welcome = await join(sb2, "pvp-riom")
    assert welcome.active_call is not None and welcome.active_call.call_id == ids[2]
    assert (await back.next(Queued)).position == 2
    # The agent who was in a call finds it too (within the grace).
    _, welcome = await join(sb2, "agent.caf")
    assert welcome.active_call is not None and welcome.active_call.call_id == ids[0]
    assert welcome.active_call.state is CallState.CONNECTING


async def test_call_of_an_agent_not_back_after_restart_returns_to_the_head(
    start: Starter, join: Joiner
) -> None:
    sb = await start()
    first, _ = await join(sb, "pvp-murat")
    second, _ = await join(sb, "pvp-riom")
    call_id = (await queue(first)).call.call_id
    other_id = (await queue(second)).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=call_id))
    await first.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
    sb.kill()
    await sb.proc.wait()
    sb2 = await start()
    back, _ = await join(sb2, "pvp-murat")
    update = await back.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    assert update.end_reason is EndReason.AGENT_LOST
    place = await back.next(Queued, lambda m: m.call.call_id == call_id)
    assert place.position == 1
    sup = await login(sb2, "sup.caf")
    _, body = await http_json(sb2, "GET", "/api/v1/queues", token=sup["access_token"])
    (caf,) = [q for q in body["queues"] if q["service"] == "CAF"]
    assert [c["call_id"] for c in caf["waiting"]] == [call_id, other_id]


async def test_clean_shutdown_on_sigterm_keeps_waiting_calls(
    start: Starter, join: Joiner, accounts
) -> None:
    sb = await start()
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    assert await sb.stop() == 0
    await kiosk.closed.wait()
    sb2 = await start()
    _, welcome = await join(sb2, "pvp-murat")
    assert welcome.active_call is not None and welcome.active_call.call_id == call_id


async def test_restored_agent_state_and_auto_answer(start: Starter, join: Joiner) -> None:
    sb = await start()
    agent, _ = await join(sb, "agent.caf")
    await agent.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    await agent.next(AgentStatus)
    await sb.stop()
    sb2 = await start()
    _, welcome = await join(sb2, "agent.caf")
    assert welcome.agent is not None
    assert welcome.agent.state is AgentState.AVAILABLE and welcome.agent.auto_answer


async def test_supervisor_token_still_valid_after_restart(start: Starter) -> None:
    sb = await start()
    tokens = await login(sb, "sup.caf", PASSWORD)
    await sb.stop()
    sb2 = await start()
    status, _ = await http_json(sb2, "GET", "/api/v1/queues", token=tokens["access_token"])
    assert status == 200
