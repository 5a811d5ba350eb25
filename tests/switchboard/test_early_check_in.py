"""A resident who comes early for an appointment (the bus does not wait) and
checks in more than 30 minutes before it: they wait as a walk-in until the
appointment is due, then go before walk-ins, as if they had checked in then;
a restart of the switchboard meanwhile changes nothing.  Against a real
switchboard process whose clock the test sets."""

from __future__ import annotations

from agentdesk.protocol import Offered, QueueCall, Queued, QueueSnapshot, SetPresence
from agentdesk.protocol.messages import AgentState
from tests.support.switchboard import SwitchboardProcess, WsClient, set_clock

from .conftest import Joiner, Starter
from .test_permanences import add_permanence, book, csb, paris

__all__ = ["csb"]  # the fixture: a switchboard at 08:00 on Tuesday 2 December 2025


def waiting_ids(snapshot: QueueSnapshot) -> list[str]:
    return [c.call_id for q in snapshot.queues if q.service == "CAF" for c in q.waiting]


async def early_and_walk_in(
    sb: SwitchboardProcess, join: Joiner
) -> tuple[WsClient, Queued, WsClient, Queued]:
    """At 09:10 a walk-in queues at Riom; at 09:15 Marie Dupont checks in at
    Murat for her 10:00 appointment, 45 minutes early."""
    await add_permanence(sb)
    booked = await book(sb)
    await set_clock(sb, paris("2025-12-02T09:10"))
    riom, _ = await join(sb, "pvp-riom")
    walk_in = await riom.request(QueueCall(service="CAF"))
    assert isinstance(walk_in, Queued) and walk_in.position == 1
    await set_clock(sb, paris("2025-12-02T09:15"))
    murat, _ = await join(sb, "pvp-murat")
    early = await murat.request(QueueCall(service="CAF", appointment_code=booked["code"]))
    assert isinstance(early, Queued)
    # Not due yet: behind the walk-in who came first.
    assert early.position == 2 and not early.call.appointment_due
    return riom, walk_in, murat, early


async def test_an_early_check_in_goes_first_once_the_appointment_is_due(
    csb: SwitchboardProcess, join: Joiner
) -> None:
    riom, walk_in, murat, early = await early_and_walk_in(csb, join)
    agent, _ = await join(csb, "agent.caf")
    before = await agent.next(QueueSnapshot, lambda m: len(waiting_ids(m)) == 2)
    assert waiting_ids(before) == [walk_in.call.call_id, early.call.call_id]

    # A second before 09:30: the switchboard's own timer does it, on time.
    await set_clock(csb, paris("2025-12-02T09:30") - 1)
    due = await murat.next(Queued, lambda m: m.call.appointment_due)
    assert due.position == 1
    await riom.next(Queued, lambda m: m.position == 2)
    after = await agent.next(QueueSnapshot, lambda m: waiting_ids(m)[:1] == [early.call.call_id])
    assert next(c for q in after.queues for c in q.waiting).appointment_due

    # The next available agent gets her first.
    await agent.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    offer = await agent.next(Offered)
    assert offer.call.call_id == early.call.call_id and offer.call.appointment_due


async def test_a_restart_before_the_appointment_falls_due_changes_nothing(
    csb: SwitchboardProcess, start: Starter, join: Joiner
) -> None:
    riom, walk_in, murat, early = await early_and_walk_in(csb, join)
    for kiosk in (riom, murat):
        await kiosk.close()
    csb.kill()
    await csb.proc.wait()

    # Back up in the same morning (the test clock would otherwise start at
    # the system's time, a year on, when the appointment is long due).
    again = await start("--test-clock", "--test-clock-start", str(paris("2025-12-02T09:20")))
    murat, welcome = await join(again, "pvp-murat")
    assert welcome.active_call is not None and not welcome.active_call.appointment_due
    riom, _ = await join(again, "pvp-riom")
    agent, _ = await join(again, "agent.caf")
    await agent.next(
        QueueSnapshot, lambda m: waiting_ids(m) == [walk_in.call.call_id, early.call.call_id]
    )

    await set_clock(again, paris("2025-12-02T09:31"))
    due = await murat.next(Queued, lambda m: m.call.appointment_due)
    assert due.position == 1
    await agent.next(
        QueueSnapshot, lambda m: waiting_ids(m) == [early.call.call_id, walk_in.call.call_id]
    )
    # Kept as due across another crash.
    await murat.close()
    again.kill()
    await again.proc.wait()
    third = await start("--test-clock", "--test-clock-start", str(paris("2025-12-02T09:32")))
    murat, welcome = await join(third, "pvp-murat")
    assert welcome.active_call is not None and welcome.active_call.appointment_due


async def test_the_switchboards_own_timer_moves_it_up_on_time(
    csb: SwitchboardProcess, join: Joiner
) -> None:
    """Checked in two seconds before it falls due, with nothing else happening
    (no clock set, no calendar change): moved up then, not at the next minute."""
    await add_permanence(csb)
    booked = await book(csb)
    await set_clock(csb, paris("2025-12-02T09:10"))
    riom, _ = await join(csb, "pvp-riom")
    assert isinstance(await riom.request(QueueCall(service="CAF")), Queued)
    await set_clock(csb, paris("2025-12-02T09:30") - 2)
    murat, _ = await join(csb, "pvp-murat")
    early = await murat.request(QueueCall(service="CAF", appointment_code=booked["code"]))
    assert isinstance(early, Queued) and not early.call.appointment_due
    due = await murat.next(Queued, lambda m: m.call.appointment_due, within=10)
    assert due.position == 1
