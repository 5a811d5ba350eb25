"""The life of calls through a real switchboard process, real WebSockets, a real SQLite file."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from agentdesk.protocol import (
    AcceptOffer,
    AgentState,
    AgentStatus,
    CallState,
    CallUpdate,
    DeclineOffer,
    EndReason,
    FinishWrapUp,
    Hangup,
    MediaConnected,
    Offered,
    OfferWithdrawn,
    OfferWithdrawnReason,
    QueueCall,
    Queued,
    QueueSnapshot,
    Role,
    SetPresence,
    Signal,
    SignalKind,
    TakeCall,
    Transfer,
)
from tests.support.switchboard import (
    WsClient,
    add_appointment,
    http_json,
    login,
    set_clock,
)

from .conftest import Joiner, Starter


async def available(agent: WsClient, auto_answer: bool = True) -> None:
    await agent.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=auto_answer))
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.AVAILABLE)


async def queue(kiosk: WsClient, service: str = "CAF", **fields: object) -> Queued:
    reply = await kiosk.request(QueueCall(service=service, **fields))  # type: ignore[arg-type]
    assert isinstance(reply, Queued), reply
    return reply


async def test_whole_call_from_queue_to_done_with_its_history(sb, join: Joiner) -> None:
    agent, welcome = await join(sb, "agent.caf")
    assert welcome.role is Role.AGENT and welcome.services == ["CAF"]
    kiosk, kwelcome = await join(sb, "pvp-murat")
    assert kwelcome.active_call is None and "CAF" in kwelcome.services

    queued = await queue(kiosk, reason="RSA: déclaration trimestrielle")
    call_id = queued.call.call_id
    assert queued.position == 1 and queued.estimated_wait_s > 0
    assert queued.call.commune == "Murat" and queued.call.state is CallState.QUEUED

    await available(agent)
    offered = await agent.next(Offered)
    assert (
        offered.call.call_id == call_id and offered.call.reason == "RSA: déclaration trimestrielle"
    )
    assert (await kiosk.next(CallUpdate)).call.state is CallState.OFFERED

    await agent.request(AcceptOffer(call_id=call_id))
    assert (await agent.next(CallUpdate)).call.state is CallState.CONNECTING
    assert (await kiosk.next(CallUpdate)).call.state is CallState.CONNECTING

    # SDP relay, both ways, with the sender set by the switchboard.
    await agent.request(Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="v=0 offer"))
    relayed = await kiosk.next(Signal)
    assert (relayed.sdp, relayed.sender, relayed.kind) == (
        "v=0 offer",
        Role.AGENT,
        SignalKind.OFFER,
    )
    await kiosk.request(Signal(call_id=call_id, kind=SignalKind.ANSWER, sdp="v=0 answer"))
    relayed = await agent.next(Signal)
    assert (relayed.sdp, relayed.sender) == ("v=0 answer", Role.KIOSK)

    await kiosk.request(MediaConnected(call_id=call_id))
    assert (await agent.next(CallUpdate)).call.state is CallState.CONNECTED
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTED)

    await kiosk.request(Hangup(call_id=call_id))
    update = await agent.next(CallUpdate)
    assert update.call.state is CallState.WRAP_UP and update.end_reason is EndReason.KIOSK_HUNG_UP
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.WRAP_UP)

    await agent.request(FinishWrapUp(call_id=call_id, outcome="dossier complet", note="rappeler"))
    status = await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.AVAILABLE)
    assert status.agent.call_id is None

    # The kiosk may queue again once its call is over.
    assert (await queue(kiosk)).call.call_id != call_id

    sup = await login(sb, "sup.caf")
    status_code, body = await http_json(sb, "GET", "/api/v1/calls", token=sup["access_token"])
    assert status_code == 200
    (record,) = [c for c in body["calls"] if c["call"]["call_id"] == call_id]
    events = [e["event"] for e in record["events"]]
    assert events == ["queued", "offered", "connecting", "connected", "wrap_up", "done"]
    assert [e["state"] for e in record["events"]][-1] == "done"
    times = [e["at"] for e in record["events"]]
    assert times == sorted(times)
    assert record["events"][1]["agent_login"] == "agent.caf"
    assert record["outcome"] == "dossier complet"
    assert record["end_reason"] == "kiosk_hung_up"


async def test_positions_are_updated_as_the_queue_moves(sb, join: Joiner) -> None:
    # Signed in (paused: no call is pushed), so there is an estimate.
    agent, _ = await join(sb, "agent.caf")
    kiosks = [(await join(sb, k))[0] for k in ("pvp-murat", "pvp-riom", "pvp-maurs")]
    places = [await queue(k) for k in kiosks]
    assert [p.position for p in places] == [1, 2, 3]
    # Estimates grow with the position.
    waits = [p.estimated_wait_s for p in places]
    assert None not in waits and waits == sorted(waits) and waits[0] < waits[2]

    await agent.request(TakeCall())
    taken = await agent.next(CallUpdate)
    assert taken.call.call_id == places[0].call.call_id

    moved = await kiosks[2].next(Queued, lambda m: m.position == 2)
    assert moved.call.call_id == places[2].call.call_id
    await kiosks[1].next(Queued, lambda m: m.position == 1)

    # The second resident leaves: the third becomes first.
    await kiosks[1].request(Hangup(call_id=places[1].call.call_id))
    await kiosks[2].next(Queued, lambda m: m.position == 1)


async def test_offer_timeout_reoffers_to_another_agent_and_pauses_the_absent_one(
    sb, join: Joiner
) -> None:
    first, _ = await join(sb, "agent.caf")
    await available(first)
    second, _ = await join(sb, "agent2.caf")
    await available(second)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id

    # agent.caf has waited longest: it rings there first, and nobody answers.
    offered = await first.next(Offered)
    assert offered.call.call_id == call_id
    withdrawn = await first.next(OfferWithdrawn)
    assert withdrawn.reason is OfferWithdrawnReason.TIMEOUT
    paused = await first.next(AgentStatus, lambda m: m.agent.state is AgentState.PAUSED)
    assert paused.agent.reason == "missed_offer"

    again = await second.next(Offered)
    assert again.call.call_id == call_id
    assert again.call.queued_at == offered.call.queued_at
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    await second.request(AcceptOffer(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)

    sup = await login(sb, "sup.caf")
    _, body = await http_json(sb, "GET", "/api/v1/calls", token=sup["access_token"])
    (record,) = body["calls"]
    events = [(e["event"], e.get("agent_login")) for e in record["events"]]
    assert events == [
        ("queued", None), ("offered", "agent.caf"), ("missed", "agent.caf"),
        ("offered", "agent2.caf"), ("connecting", "agent2.caf"),
    ]  # fmt: skip


async def test_auto_answer_offers_to_the_longest_idle_agent_first(sb, join: Joiner) -> None:
    agents = {}
    for login_ in ("agent2.caf", "agent3.caf", "agent.caf"):
        agents[login_], _ = await join(sb, login_)
        await available(agents[login_])
    kiosk_a, _ = await join(sb, "pvp-murat")
    kiosk_b, _ = await join(sb, "pvp-riom")
    call_a = (await queue(kiosk_a)).call.call_id
    assert (await agents["agent2.caf"].next(Offered)).call.call_id == call_a
    call_b = (await queue(kiosk_b)).call.call_id
    assert (await agents["agent3.caf"].next(Offered)).call.call_id == call_b
    assert agents["agent.caf"].unconsumed(Offered) == []

    # A declined call goes to another agent, never back to the decliner.
    await agents["agent2.caf"].request(DeclineOffer(call_id=call_a))
    assert (await agents["agent.caf"].next(Offered)).call.call_id == call_a
    await agents["agent.caf"].request(DeclineOffer(call_id=call_a))
    await kiosk_a.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    assert agents["agent2.caf"].unconsumed(Offered) == []
    # Nobody else is free: the call waits, and the decliners can still take it by hand.
    await agents["agent2.caf"].request(TakeCall(call_id=call_a))
    await kiosk_a.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)


async def test_agents_without_auto_answer_see_the_queue_and_take_a_chosen_call(
    sb, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.caf")
    await available(agent, auto_answer=False)
    await agent.next(QueueSnapshot)
    kiosks = [(await join(sb, k))[0] for k in ("pvp-murat", "pvp-riom")]
    ids = [(await queue(k)).call.call_id for k in kiosks]
    snapshot = await agent.next(QueueSnapshot, lambda m: len(m.queues[0].waiting) == 2)
    assert [c.call_id for c in snapshot.queues[0].waiting] == ids
    assert snapshot.queues[0].waiting_total == 2
    assert agent.unconsumed(Offered) == []

    await agent.request(TakeCall(call_id=ids[1]))
    update = await kiosks[1].next(CallUpdate)
    assert update.call.state is CallState.CONNECTING and update.call.agent_login == "agent.caf"
    await agent.next(QueueSnapshot, lambda m: [c.call_id for c in m.queues[0].waiting] == ids[:1])


async def test_due_appointments_go_before_walk_ins(start: Starter, join: Joiner, db) -> None:
    # A day-time instant: an appointment is checked in on its own day only.
    sb = await start("--test-clock")
    now = dt.datetime(2025, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Paris")).timestamp()
    await set_clock(sb, now)
    walk_in, _ = await join(sb, "pvp-murat")
    booked, _ = await join(sb, "pvp-riom")
    early, _ = await join(sb, "pvp-maurs")
    due = add_appointment(db, "CAF", "pvp-riom", now + 300)
    far = add_appointment(db, "CAF", "pvp-maurs", now + 5 * 3600)

    first = await queue(walk_in)
    second = await queue(booked, appointment_id=due)
    third = await queue(early, appointment_id=far)
    assert second.call.appointment_due and second.position == 1
    assert not third.call.appointment_due and third.position == 3
    await walk_in.next(Queued, lambda m: m.position == 2)

    agent, _ = await join(sb, "agent.caf")
    await available(agent)
    assert (await agent.next(Offered)).call.call_id == second.call.call_id
    assert first.call.call_id != second.call.call_id


async def test_transfer_requeues_in_the_other_service_keeping_the_arrival_time(
    sb, join: Joiner
) -> None:
    cpam_waiting, _ = await join(sb, "pvp-riom")
    kiosk, _ = await join(sb, "pvp-murat")
    queued = await queue(kiosk)
    call_id = queued.call.call_id
    later = await queue(cpam_waiting, service="CPAM")  # arrived after the CAF call

    agent, _ = await join(sb, "agent.caf")
    await agent.request(TakeCall(call_id=call_id))
    await agent.request(Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="v=0"))
    await kiosk.request(MediaConnected(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTED)

    await agent.request(Transfer(call_id=call_id, service="CPAM"))
    update = await kiosk.next(CallUpdate, lambda m: m.end_reason is EndReason.TRANSFERRED)
    assert update.call.service == "CPAM" and update.call.state is CallState.QUEUED
    place = await kiosk.next(Queued, lambda m: m.call.service == "CPAM")
    assert place.position == 1 and place.call.queued_at == queued.call.queued_at
    await cpam_waiting.next(Queued, lambda m: m.position == 2)
    assert later.position == 1
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.WRAP_UP)

    cpam, _ = await join(sb, "agent.cpam")
    await available(cpam)
    offered = await cpam.next(Offered)
    assert offered.call.call_id == call_id and offered.call.queued_at == queued.call.queued_at

    # The first agent's wrap-up ends their part; the call goes on.
    await agent.request(FinishWrapUp(call_id=call_id, outcome="transféré CPAM"))
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.PAUSED)


async def test_presence_asked_during_a_call_applies_after_wrap_up(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    await available(agent)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    await agent.next(Offered)
    await agent.request(AcceptOffer(call_id=call_id))
    await agent.request(SetPresence(state=AgentState.PAUSED, reason="déjeuner"))
    await agent.request(Hangup(call_id=call_id))
    update = await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.WRAP_UP)
    assert update.end_reason is EndReason.AGENT_HUNG_UP
    await agent.request(FinishWrapUp(call_id=call_id))
    status = await agent.next(
        AgentStatus, lambda m: m.agent.state is AgentState.PAUSED and m.agent.call_id is None
    )
    assert status.agent.reason == "déjeuner"
    # Paused: a new call is not offered.
    kiosk2, _ = await join(sb, "pvp-riom")
    await queue(kiosk2)
    await agent.next(QueueSnapshot, lambda m: m.queues[0].waiting_total == 1)
    assert agent.unconsumed(Offered) == []


async def test_leaving_the_queue_abandons_and_withdraws_a_ringing_offer(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    await available(agent)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    await agent.next(Offered)
    from agentdesk.protocol import LeaveQueue

    await kiosk.request(LeaveQueue(call_id=call_id))
    assert await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.ABANDONED)
    withdrawn = await agent.next(OfferWithdrawn)
    assert withdrawn.reason is OfferWithdrawnReason.ABANDONED
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.AVAILABLE)


async def test_logs_carry_ids_but_no_personal_text(start: Starter, join: Joiner) -> None:
    sb = await start()
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk, reason="Secret-Reason-Dupont")).call.call_id
    await agent.request(TakeCall(call_id=call_id))
    await agent.request(Hangup(call_id=call_id))
    await agent.request(FinishWrapUp(call_id=call_id, note="Note-Confidentielle-Martin"))
    await agent.request(SetPresence(state=AgentState.PAUSED, reason="Raison-Privee"))
    await sb.stop()
    text = sb.log_path.read_text()
    assert call_id in text
    for secret in ("Secret-Reason-Dupont", "Note-Confidentielle-Martin", "Raison-Privee",
                   "Agent agent.caf", "PVP Murat", PASSWORD_HINT):  # fmt: skip
        assert secret not in text
    assert all(r.get("event") for r in sb.log_records())


PASSWORD_HINT = "secret-password-1"
