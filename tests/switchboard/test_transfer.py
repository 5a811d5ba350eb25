"""Transfers to a named colleague and who staffs what, through a real
switchboard process, real WebSockets and a real SQLite file."""

from __future__ import annotations

from agentdesk.protocol import (
    AcceptOffer,
    AgentState,
    AgentStatus,
    CallState,
    CallUpdate,
    DeclineOffer,
    EndReason,
    FeedEvent,
    LeaveQueue,
    ListStaffing,
    MediaConnected,
    Offered,
    Queued,
    ServiceState,
    ServiceStatus,
    SetPresence,
    Staffing,
    Subscribe,
    TakeCall,
    Transfer,
    TransferOutcome,
    TransferResult,
)
from tests.support.switchboard import SwitchboardProcess, WsClient, set_clock

from .conftest import Joiner, Starter
from .test_call_flow import available, queue
from .test_permanences import add_permanence, paris

NOTE = "Attestation de loyer déjà scannée"


async def in_call(agent: WsClient, kiosk: WsClient) -> Queued:
    """A call from the kiosk taken by the agent, media flowing: how it was queued."""
    queued = await queue(kiosk)
    call_id = queued.call.call_id
    await agent.request(TakeCall(call_id=call_id))
    await kiosk.request(MediaConnected(call_id=call_id))
    await agent.next(CallUpdate, lambda u: u.call.state is CallState.CONNECTED)
    return queued


async def handle_of(agent: WsClient, name: str, service: str, call_id: str | None = None) -> str:
    """The handle of the colleague called ``name`` in the agent's staffing list."""
    staffing = await agent.request(ListStaffing(call_id=call_id))
    assert isinstance(staffing, Staffing), staffing
    found = next(s for s in staffing.services if s.service == service)
    return next(c.agent for c in found.agents if c.display_name == name)


async def test_staffing_lists_who_is_signed_in_by_name_and_state_only(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    colleague, _ = await join(sb, "agent2.caf")
    await available(colleague)
    await join(sb, "agent3.caf")  # paused at sign-in
    offline, _ = await join(sb, "agent.cpam")
    await offline.request(SetPresence(state=AgentState.OFFLINE))
    msa, _ = await join(sb, "agent.msa")
    await msa.request(SetPresence(state=AgentState.PAUSED, reason="déjeuner"))

    staffing = await agent.request(ListStaffing())
    assert isinstance(staffing, Staffing)
    by_service = {s.service: s for s in staffing.services}
    # Every service of the network, the other agency's included.
    assert set(by_service) == {"CAF", "CPAM", "MSA"}
    assert by_service["CAF"].name == "Allocations familiales"
    # The asker is left out, the others sorted by name; offline agents are not staffing.
    assert [(c.display_name, c.state) for c in by_service["CAF"].agents] == [
        ("Agent agent2.caf", AgentState.AVAILABLE),
        ("Agent agent3.caf", AgentState.PAUSED),
    ]
    assert [(c.display_name, c.state) for c in by_service["MSA"].agents] == [
        ("Agent agent.msa", AgentState.PAUSED)
    ]
    assert by_service["CPAM"].agents == []
    assert by_service["CPAM"].status is not None
    assert by_service["CPAM"].status.agents_signed_in == 0
    # A handle, never the login.
    handle = by_service["CAF"].agents[0].agent
    assert "agent2" not in handle
    assert await handle_of(msa, "Agent agent2.caf", "CAF") == handle


async def test_a_colleague_who_accepts_gets_the_call_first_with_the_note(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    # Idle the longest: the queue alone would offer the call to this one.
    other, _ = await join(sb, "agent3.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await in_call(agent, kiosk)).call.call_id
    colleague, _ = await join(sb, "agent2.caf")
    await available(other)
    await available(colleague)

    handle = await handle_of(agent, "Agent agent2.caf", "CAF", call_id)
    await agent.request(Transfer(call_id=call_id, service="CAF", note=NOTE, agent=handle))
    update = await kiosk.next(CallUpdate, lambda m: m.end_reason is EndReason.TRANSFERRED)
    assert update.call.state is CallState.QUEUED

    offered = await colleague.next(Offered)
    assert offered.call.call_id == call_id
    assert (offered.note, offered.note_from) == (NOTE, "Agent agent.caf")
    await colleague.request(AcceptOffer(call_id=call_id))
    result = await agent.next(TransferResult)
    assert result.call_id == call_id and result.outcome is TransferOutcome.ACCEPTED
    assert (result.colleague, result.answered_by) == ("Agent agent2.caf", "Agent agent2.caf")
    assert not other.unconsumed(Offered)
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)


async def test_a_colleague_who_declines_leaves_the_call_at_its_place(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    queued = await in_call(agent, kiosk)
    call_id, first = queued.call.call_id, queued.call.queued_at
    colleague, _ = await join(sb, "agent2.caf")
    await available(colleague)

    handle = await handle_of(agent, "Agent agent2.caf", "CAF", call_id)
    await agent.request(Transfer(call_id=call_id, service="CAF", agent=handle))
    offered = await colleague.next(Offered)
    assert offered.call.call_id == call_id
    # A resident who came later queues behind the transferred one.
    later_kiosk, _ = await join(sb, "pvp-riom")
    later = await queue(later_kiosk)
    assert later.position == 2
    await colleague.request(DeclineOffer(call_id=call_id))

    result = await agent.next(TransferResult)
    assert result.outcome is TransferOutcome.DECLINED and result.answered_by is None
    place = await kiosk.next(Queued, lambda m: m.call.state is CallState.QUEUED and m.position == 1)
    assert place.call.queued_at == first and place.call.service == "CAF"
    # Back in the queue at its place: the next agent of the service gets it first.
    other, _ = await join(sb, "agent3.caf")
    await available(other)
    assert (await other.next(Offered)).call.call_id == call_id


async def test_a_colleague_offline_is_refused_and_the_call_stays(sb, join: Joiner) -> None:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await in_call(agent, kiosk)).call.call_id
    colleague, _ = await join(sb, "agent.cpam")
    handle = await handle_of(agent, "Agent agent.cpam", "CPAM", call_id)

    await colleague.request(SetPresence(state=AgentState.OFFLINE))
    await colleague.next(AgentStatus, lambda m: m.agent.state is AgentState.OFFLINE)
    error = await agent.expect_error(
        Transfer(call_id=call_id, service="CPAM", agent=handle), "agent_offline"
    )
    assert "Agent agent.cpam" in error.message

    # Signed out altogether (the supervisor's feed shows when): refused the same way.
    supervisor, _ = await join(sb, "sup.caf")
    await supervisor.request(Subscribe())
    await colleague.close()
    await supervisor.next(
        FeedEvent,
        lambda m: (
            m.agent is not None
            and m.agent.login == "agent.cpam"
            and m.agent.state is AgentState.OFFLINE
        ),
    )
    await agent.expect_error(
        Transfer(call_id=call_id, service="CPAM", agent=handle), "agent_offline"
    )
    # A colleague of another service than the one named, or oneself: conflict.
    other, _ = await join(sb, "agent2.caf")
    other_handle = await handle_of(agent, "Agent agent2.caf", "CAF")
    await agent.expect_error(
        Transfer(call_id=call_id, service="CPAM", agent=other_handle), "conflict"
    )
    await agent.expect_error(Transfer(call_id=call_id, service="CAF", agent="a-0000"), "not_found")
    mine = await handle_of(other, "Agent agent.caf", "CAF")
    await agent.expect_error(Transfer(call_id=call_id, service="CAF", agent=mine), "conflict")
    # Nothing moved: the call is still connected with the agent.
    states = {u.call.state for u in kiosk.unconsumed(CallUpdate)}
    assert states <= {CallState.CONNECTING, CallState.CONNECTED}


async def transferred_then_killed(
    start: Starter, join: Joiner, service: str, colleague: str | None = None
) -> tuple[SwitchboardProcess, Queued]:
    """agent.caf transfers a call from Murat to ``service`` with ``NOTE`` (to
    ``colleague`` by name, signed in and paused, if given); then the
    switchboard dies (SIGKILL: nothing is written on the way out) and starts
    again on its file, the kiosk back.  The new process, and how the call was
    first queued."""
    sb = await start()
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    queued = await in_call(agent, kiosk)
    call_id = queued.call.call_id
    handle = None
    if colleague is not None:
        await join(sb, colleague)
        handle = await handle_of(agent, f"Agent {colleague}", service, call_id)
    await agent.request(Transfer(call_id=call_id, service=service, note=NOTE, agent=handle))
    # Told once stored: the transfer is in the file before the kill.
    await kiosk.next(CallUpdate, lambda m: m.end_reason is EndReason.TRANSFERRED)
    sb.kill()
    await sb.proc.wait()
    sb2 = await start()
    _, welcome = await join(sb2, "pvp-murat")
    assert welcome.active_call is not None and welcome.active_call.call_id == call_id
    assert (welcome.active_call.service, welcome.active_call.state) == (service, CallState.QUEUED)
    assert welcome.active_call.queued_at == queued.call.queued_at
    return sb2, queued


async def test_after_a_kill_the_next_agents_offer_still_shows_the_transfer_note(
    start: Starter, join: Joiner
) -> None:
    sb, queued = await transferred_then_killed(start, join, "CPAM")
    cpam, _ = await join(sb, "agent.cpam")
    await available(cpam)
    offered = await cpam.next(Offered)
    assert offered.call.call_id == queued.call.call_id
    assert (offered.note, offered.note_from) == (NOTE, "Agent agent.caf")


async def test_after_a_kill_a_call_transferred_to_a_colleague_waits_for_them(
    start: Starter, join: Joiner
) -> None:
    sb2, queued = await transferred_then_killed(start, join, "CAF", colleague="agent2.caf")
    call_id = queued.call.call_id
    # Another agent of the service, ready first: without the reservation the
    # call would be theirs at once.
    other, _ = await join(sb2, "agent3.caf")
    await available(other)
    sender, welcome = await join(sb2, "agent.caf")
    assert welcome.agent is not None and welcome.agent.state is AgentState.WRAP_UP
    colleague, _ = await join(sb2, "agent2.caf")
    await available(colleague)
    offered = await colleague.next(Offered)
    assert offered.call.call_id == call_id
    assert (offered.note, offered.note_from) == (NOTE, "Agent agent.caf")
    await colleague.request(AcceptOffer(call_id=call_id))
    result = await sender.next(TransferResult)
    assert (result.call_id, result.outcome) == (call_id, TransferOutcome.ACCEPTED)
    assert (result.colleague, result.answered_by) == ("Agent agent2.caf", "Agent agent2.caf")
    assert not other.unconsumed(Offered)


async def test_a_colleague_not_free_within_the_grace_lets_the_service_have_it(
    start: Starter, join: Joiner
) -> None:
    sb = await start("--first-offer-grace", "1")
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await in_call(agent, kiosk)).call.call_id
    await join(sb, "agent2.caf")  # paused, and stays so
    handle = await handle_of(agent, "Agent agent2.caf", "CAF", call_id)
    await agent.request(Transfer(call_id=call_id, service="CAF", agent=handle))
    result = await agent.next(TransferResult)
    assert result.outcome is TransferOutcome.UNAVAILABLE
    other, _ = await join(sb, "agent3.caf")
    await available(other)
    assert (await other.next(Offered)).call.call_id == call_id


async def test_the_transferring_agent_hears_of_a_colleague_gone_or_a_resident_gone(
    sb, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.caf")
    colleague, _ = await join(sb, "agent.cpam")  # paused: the call waits for them
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await in_call(agent, kiosk)).call.call_id
    handle = await handle_of(agent, "Agent agent.cpam", "CPAM", call_id)
    await agent.request(Transfer(call_id=call_id, service="CPAM", agent=handle))
    await colleague.request(SetPresence(state=AgentState.OFFLINE))
    result = await agent.next(TransferResult)
    assert (result.call_id, result.outcome) == (call_id, TransferOutcome.UNAVAILABLE)

    other_agent, _ = await join(sb, "agent2.caf")
    other_kiosk, _ = await join(sb, "pvp-riom")
    other_call = (await in_call(other_agent, other_kiosk)).call.call_id
    await colleague.request(SetPresence(state=AgentState.PAUSED))
    await other_agent.request(Transfer(call_id=other_call, service="CPAM", agent=handle))
    await other_kiosk.request(LeaveQueue(call_id=other_call))
    result = await other_agent.next(TransferResult)
    assert (result.call_id, result.outcome) == (other_call, TransferOutcome.ABANDONED)


async def test_a_colleague_who_lets_it_ring_out_is_paused_and_the_call_waits(
    sb, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await in_call(agent, kiosk)).call.call_id
    colleague, _ = await join(sb, "agent2.caf")
    await available(colleague)
    handle = await handle_of(agent, "Agent agent2.caf", "CAF", call_id)
    await agent.request(Transfer(call_id=call_id, service="CAF", agent=handle))
    await kiosk.next(Queued, lambda m: m.call.state is CallState.QUEUED)
    await colleague.next(Offered)
    result = await agent.next(TransferResult)  # after the 3 s offer timeout
    assert result.outcome is TransferOutcome.MISSED
    status = await colleague.next(AgentStatus, lambda m: m.agent.state is AgentState.PAUSED)
    assert status.agent.reason == "missed_offer"
    await kiosk.next(
        CallUpdate, lambda m: m.call.state is CallState.QUEUED and m.end_reason is None
    )
    assert (await kiosk.next(Queued)).position == 1


async def test_staffing_statuses_are_seen_from_the_calls_kiosk(
    start: Starter, join: Joiner
) -> None:
    sb = await start("--test-clock")
    await set_clock(sb, paris("2025-12-02T13:00"))  # a Tuesday, after the morning's slot
    await add_permanence(sb, service="CPAM", kiosk_ids=["pvp-murat"])
    murat_agent, _ = await join(sb, "agent.caf")
    murat, _ = await join(sb, "pvp-murat")
    murat_call = (await in_call(murat_agent, murat)).call.call_id
    riom_agent, _ = await join(sb, "agent2.caf")
    riom, _ = await join(sb, "pvp-riom")  # the CPAM never comes to Riom
    riom_call = (await in_call(riom_agent, riom)).call.call_id

    async def cpam_status(agent: WsClient, call_id: str | None) -> ServiceStatus:
        staffing = await agent.request(ListStaffing(call_id=call_id))
        found = next(s for s in staffing.services if s.service == "CPAM")
        assert found.agents == [] and found.status is not None
        return found.status

    from_murat = await cpam_status(murat_agent, murat_call)
    assert from_murat.state is ServiceState.CLOSED
    assert from_murat.next_opening == paris("2025-12-09T09:00")
    from_riom = await cpam_status(riom_agent, riom_call)
    assert (from_riom.state, from_riom.next_opening) == (ServiceState.CLOSED, None)
