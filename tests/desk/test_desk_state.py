"""The desk's state machine fed with protocol messages through the real codec."""

from __future__ import annotations

import pytest

from agentdesk.desk import ActionRejected, Desk, DeskState, NextPresence, StepError
from agentdesk.protocol import (
    AcceptOffer,
    AgentState,
    CallState,
    CallUpdate,
    DeclineOffer,
    EndReason,
    ErrorCode,
    FinishWrapUp,
    Hangup,
    Offered,
    OfferWithdrawn,
    OfferWithdrawnReason,
    SetPresence,
    TakeCall,
    Transfer,
    TransferOutcome,
    TransferResult,
)

from .helpers import Clock, Switchboard, call, feed, snapshot, status, welcome


@pytest.fixture
def board() -> Switchboard:
    return Switchboard()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(board: Switchboard, clock: Clock) -> Desk:
    return Desk(board.request, clock=clock)


def test_signed_out_until_welcome(desk: Desk) -> None:
    assert desk.state is DeskState.SIGNED_OUT
    feed(desk, welcome(AgentState.OFFLINE))
    assert desk.state is DeskState.OFFLINE
    assert desk.identity is not None and desk.identity.agency == "CAF du Cantal"


async def test_go_available_sends_set_presence_and_waits_for_the_server(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome())
    await desk.go_available()
    assert board.sent == [SetPresence(id=None, state=AgentState.AVAILABLE, auto_answer=True)]
    # Not guessed: still offline until the switchboard says otherwise.
    assert desk.state is DeskState.OFFLINE
    feed(desk, status(AgentState.AVAILABLE))
    assert desk.state is DeskState.AVAILABLE


async def test_pause_carries_the_reason(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    await desk.pause("  Réunion  ")
    assert board.sent[-1] == SetPresence(state=AgentState.PAUSED, reason="Réunion")
    feed(desk, status(AgentState.PAUSED, reason="Réunion"))
    assert desk.state is DeskState.PAUSED and desk.pause_reason == "Réunion"


def test_queue_keeps_the_agents_services_and_ticks(desk: Desk, clock: Clock) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    seen: list[int] = []
    desk.events.queue_changed.subscribe(lambda entries: seen.append(len(entries)))
    feed(
        desk,
        snapshot(
            call("c1", "Murat", waited_s=120),
            call(
                "c2", "Riom-ès-Montagnes", waited_s=30, appointment_id="rdv1", appointment_due=True
            ),
            call("c3", "Aurillac", service="MSA"),
            services=("CAF", "MSA"),
        ),
    )
    entries = desk.queue.entries
    assert [e.call.commune for e in entries] == ["Riom-ès-Montagnes", "Murat"]
    assert seen == [2]
    clock.now += 5
    assert desk.queue.waited_s(entries[1]) == pytest.approx(125)


async def test_full_call_from_offer_to_wrap_up(
    desk: Desk, board: Switchboard, clock: Clock
) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, snapshot(call("c1", "Murat")))
    feed(desk, Offered(call=call("c1", "Murat", state=CallState.OFFERED), expires_in_s=30))
    assert desk.state is DeskState.OFFERED
    assert desk.offer is not None and desk.offer.remaining_s(clock.now + 10) == 20

    await desk.accept()
    assert board.sent[-1] == AcceptOffer(call_id="c1")
    feed(desk, status(AgentState.IN_CALL, call_id="c1"))
    feed(
        desk,
        CallUpdate(
            call=call("c1", "Murat", state=CallState.CONNECTING, agent_login="agent.dupont")
        ),
    )
    assert desk.state is DeskState.IN_CALL and desk.offer is None
    clock.now += 2
    feed(desk, CallUpdate(call=call("c1", "Murat", state=CallState.CONNECTED)))
    clock.now += 60
    assert desk.call is not None and desk.call.elapsed_s(clock.now) == pytest.approx(60)

    await desk.hang_up()
    assert board.sent[-1] == Hangup(call_id="c1")
    feed(
        desk,
        CallUpdate(
            call=call("c1", "Murat", state=CallState.WRAP_UP), end_reason=EndReason.AGENT_HUNG_UP
        ),
    )
    feed(desk, status(AgentState.WRAP_UP, call_id="c1"))
    assert desk.state is DeskState.WRAP_UP
    assert desk.call.end_reason is EndReason.AGENT_HUNG_UP

    await desk.finish_wrap_up("Demande traitée", "RSA: pièces reçues")
    assert board.sent[-1] == FinishWrapUp(
        call_id="c1", outcome="Demande traitée", note="RSA: pièces reçues"
    )
    feed(desk, status(AgentState.AVAILABLE))
    assert desk.state is DeskState.AVAILABLE and desk.call is None
    [entry] = desk.history.today()
    assert (entry.commune, entry.service, entry.outcome) == ("Murat", "CAF", "Demande traitée")
    assert entry.duration_s == pytest.approx(62)


async def test_out_of_order_steps_are_refused_without_sending(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    with pytest.raises(StepError):
        await desk.accept()
    with pytest.raises(StepError):
        await desk.hang_up()
    with pytest.raises(StepError):
        await desk.finish_wrap_up("x")
    with pytest.raises(StepError):
        await desk.take("nope")
    with pytest.raises(StepError):
        await desk.take_next()  # nobody waits
    assert board.sent == []


async def test_take_a_chosen_call_and_decline(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, snapshot(call("c1"), call("c2", "Salers")))
    await desk.take("c2")
    await desk.take_next()
    assert board.sent == [TakeCall(call_id="c2"), TakeCall()]
    feed(desk, Offered(call=call("c2", "Salers", state=CallState.OFFERED), expires_in_s=20))
    await desk.decline()
    assert board.sent[-1] == DeclineOffer(call_id="c2")


def test_a_transfer_result_sent_again_is_told_once(desk: Desk) -> None:
    """The switchboard sends a result again when the link dropped before it
    knew it was read (docs/protocol.md, Transfers): the agent reads it once."""
    feed(desk, welcome(AgentState.WRAP_UP))
    told: list[TransferResult] = []
    desk.events.transfer_result.subscribe(told.append)
    result = TransferResult(
        call_id="c1", outcome=TransferOutcome.ACCEPTED, colleague="Paul", answered_by="Paul"
    )
    feed(desk, result)
    feed(desk, welcome(AgentState.WRAP_UP))  # the link back
    feed(desk, result)
    other = TransferResult(call_id="c2", outcome=TransferOutcome.UNAVAILABLE, colleague="Paul")
    feed(desk, other)
    assert told == [result, other]


def test_offer_withdrawn_is_reported(desk: Desk) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    reasons: list[OfferWithdrawnReason] = []
    desk.events.offer_withdrawn.subscribe(reasons.append)
    feed(desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=20))
    feed(desk, OfferWithdrawn(call_id="c1", reason=OfferWithdrawnReason.TIMEOUT))
    feed(desk, status(AgentState.AVAILABLE))
    assert reasons == [OfferWithdrawnReason.TIMEOUT]
    assert desk.offer is None and desk.state is DeskState.AVAILABLE


async def test_server_error_becomes_action_rejected(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, snapshot(call("c1")))
    board.error = ("conflict", "already taken")
    with pytest.raises(ActionRejected) as info:
        await desk.take("c1")
    assert info.value.code is ErrorCode.CONFLICT


async def test_transfer_is_recorded_in_history(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.IN_CALL))
    feed(desk, CallUpdate(call=call("c1", state=CallState.CONNECTED, agent_login="agent.dupont")))
    with pytest.raises(StepError):
        await desk.transfer("CAF")  # its own service
    await desk.transfer("MSA")
    assert board.sent[-1] == Transfer(call_id="c1", service="MSA")
    feed(
        desk,
        CallUpdate(
            call=call("c1", state=CallState.QUEUED, service="MSA"), end_reason=EndReason.TRANSFERRED
        ),
    )
    feed(desk, status(AgentState.AVAILABLE))
    [entry] = desk.history.today()
    assert entry.transferred_to == "MSA" and entry.end_reason is EndReason.TRANSFERRED


def test_reconnect_without_our_call_reports_the_interruption(desk: Desk) -> None:
    feed(desk, welcome(AgentState.IN_CALL))
    feed(desk, CallUpdate(call=call("c1", state=CallState.CONNECTED, agent_login="agent.dupont")))
    desk.documents.begin("d1", "avis.pdf", "application/pdf", 10)
    desk.documents.complete("d1", b"%PDF-1.4 x")
    interrupted: list[str] = []
    desk.events.call_interrupted.subscribe(lambda c: interrupted.append(c.call_id))
    feed(desk, welcome(AgentState.AVAILABLE))
    assert interrupted == ["c1"]
    assert desk.call is None and len(desk.documents) == 0
    assert desk.history.today()[0].end_reason is EndReason.AGENT_LOST


def test_reconnect_finds_the_call_again(desk: Desk) -> None:
    active = call("c1", state=CallState.CONNECTED, agent_login="agent.dupont")
    feed(desk, welcome(AgentState.IN_CALL, active=active))
    assert desk.state is DeskState.IN_CALL and desk.call is not None
    feed(desk, welcome(AgentState.IN_CALL, active=active))
    assert desk.call is not None and desk.call.call_id == "c1"


async def test_auto_accept_answers_the_offer(board: Switchboard, clock: Clock) -> None:
    desk = Desk(board.request, clock=clock, auto_accept=True)
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=20))
    await board.wait_sent(AcceptOffer(call_id="c1"))
    await desk.aclose()


def test_quality_from_rtt_and_loss(desk: Desk) -> None:
    from agentdesk.desk import Quality

    desk.update_quality(40, 0.1)
    assert desk.quality.quality is Quality.GOOD
    desk.update_quality(300, 0.5)
    assert desk.quality.quality is Quality.WEAK
    desk.update_quality(80, 12)
    assert desk.quality.quality is Quality.BAD


def test_a_failing_listener_does_not_silence_others(desk: Desk) -> None:
    heard: list[DeskState] = []

    def broken(_state: DeskState) -> None:
        raise RuntimeError("boom")

    desk.events.state_changed.subscribe(broken)
    desk.events.state_changed.subscribe(heard.append)
    feed(desk, welcome(AgentState.AVAILABLE))
    assert heard == [DeskState.AVAILABLE]


async def test_pause_after_this_call_chosen_during_the_call(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, status(AgentState.IN_CALL, call_id="c1"))
    feed(desk, CallUpdate(call=call("c1", state=CallState.CONNECTED, agent_login="agent.dupont")))
    await desk.pause("lunch")
    # Sent at once: the switchboard keeps it for when the wrap-up ends.
    assert board.sent[-1] == SetPresence(state=AgentState.PAUSED, reason="lunch")
    assert desk.next_presence == NextPresence(AgentState.PAUSED, "lunch")
    assert desk.state is DeskState.IN_CALL
    feed(desk, status(AgentState.WRAP_UP, call_id="c1"))
    assert desk.next_presence is not None
    feed(desk, status(AgentState.PAUSED, reason="lunch"))
    assert desk.state is DeskState.PAUSED and desk.pause_reason == "lunch"
    assert desk.next_presence is None


async def test_a_choice_made_while_ringing_goes_once_the_ring_is_answered(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=20))
    await desk.pause("break")
    # The switchboard refuses presence while a call rings: nothing sent yet.
    assert board.sent == []
    assert desk.next_presence == NextPresence(AgentState.PAUSED, "break")
    await desk.accept()
    feed(desk, status(AgentState.IN_CALL, call_id="c1"))
    await board.wait_sent(SetPresence(state=AgentState.PAUSED, reason="break"))


async def test_a_new_reason_updates_the_badge_without_a_state_change(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome(AgentState.PAUSED))
    seen: list[str | None] = []
    desk.events.presence_changed.subscribe(lambda _s: seen.append(desk.pause_reason))
    feed(desk, status(AgentState.PAUSED, reason="missed_offer"))
    await desk.pause("lunch")
    feed(desk, status(AgentState.PAUSED, reason="lunch"))
    assert seen == ["missed_offer", "lunch"]


def test_todays_calls_are_counted_by_the_day_in_paris() -> None:
    """26 Nov 2026, 23:30 UTC is already the 27th in Paris (UTC+1): the call
    taken at 22:30 UTC (23:30 in Paris, the 26th) is yesterday's, as the
    supervision's figures count it, whatever zone the PC's clock is set to."""
    import datetime as dt

    from agentdesk.desk import HistoryModel

    at = dt.datetime(2026, 11, 26, 22, 30, tzinfo=dt.UTC).timestamp()
    clock = Clock(at + 3600)
    history = HistoryModel(clock)
    history.start(call("c1"), at)
    assert history.today() == []
    history.start(call("c2"), at + 3000)  # 00:20 in Paris, the 27th
    assert [e.call_id for e in history.today()] == ["c2"]
