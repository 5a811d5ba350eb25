"""The calendar client and the booking service against a real switchboard
process whose clock is set by the test (``serve --test-clock``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agentdesk.client.bookings import ApiBookings
from agentdesk.client.rest import RestError
from agentdesk.desk.booking import BookingDraft, BookingError, BookingProblem
from agentdesk.protocol import AppointmentState
from agentdesk.protocol.schedule import ClosureDraft, PermanenceDraft
from tests.client.calendar_support import TUESDAY, calendar_for, paris, set_clock
from tests.support.switchboard import Provisioned, SwitchboardProcess, start_switchboard

CAF_TUESDAY = PermanenceDraft(
    service="CAF", kiosk_ids=["pvp-murat"], weekday=1, start="09:00", end="12:00"
)


@pytest.fixture
async def sb(db: Path, accounts: Provisioned) -> AsyncIterator[SwitchboardProcess]:
    process = await start_switchboard(db, "--test-clock")
    await set_clock(process, paris(8, 0))
    yield process
    await process.stop()


async def test_supervisor_edits_a_week_and_reads_its_slots(sb: SwitchboardProcess) -> None:
    api = await calendar_for(sb, "sup.caf")
    try:
        weekly = await api.add_permanence(CAF_TUESDAY)
        once = await api.add_permanence(
            PermanenceDraft(
                service="CPAM", date="2026-12-03", start="14:00", end="16:00", note="Séance"
            )
        )
        slots = await api.slots(paris(0, 0), paris(0, 0) + 7 * 86400)
        assert [(s.permanence_id, s.starts_at) for s in slots] == [
            (weekly.permanence_id, paris(9)),
            (once.permanence_id, paris(14, day=TUESDAY.replace(day=3))),
        ]

        # Overlapping the weekly slot: refused with a sentence naming it.
        with pytest.raises(RestError) as refused:
            await api.add_permanence(
                PermanenceDraft(
                    service="CAF", kiosk_ids=["pvp-murat"], weekday=1, start="11:00", end="13:00"
                )
            )
        assert refused.value.status == 400
        assert weekly.permanence_id in refused.value.message

        copied = await api.copy_week("2026-W49", "2026-W50")
        assert [(p.service, p.date) for p in copied] == [("CPAM", "2026-12-10")]

        closure = await api.add_closure(
            ClosureDraft(service="CAF", date_from="2026-12-01", date_to="2026-12-01", label="Grève")
        )
        slots = await api.slots(paris(0, 0), paris(0, 0) + 86400)
        assert slots == []
        await api.remove_closure(closure.closure_id)
        await api.remove_permanence(once.permanence_id)
        assert [p.permanence_id for p in await api.permanences()] != []
    finally:
        await api.aclose()


async def test_agent_books_changes_and_cancels(sb: SwitchboardProcess) -> None:
    sup = await calendar_for(sb, "sup.caf")
    agent_api = await calendar_for(sb, "agent.caf")
    bookings = ApiBookings(agent_api)
    try:
        await sup.add_permanence(CAF_TUESDAY)
        draft = BookingDraft(
            service="CAF",
            kiosk_id="pvp-murat",
            starts_at=paris(10),
            duration_min=20,
            purpose="Prime d'activité",
            resident_name="Mme Martin",
        )
        booked = await bookings.book(draft)
        assert len(booked.code) == 6 and booked.state is AppointmentState.BOOKED
        listed = await bookings.appointments(TUESDAY.isoformat(), kiosk="pvp-murat")
        assert [a.resident_name for a in listed] == ["Mme Martin"]

        # Outside the permanence: the reason, with the next opening.
        with pytest.raises(BookingError) as outside:
            await bookings.book(
                BookingDraft(
                    service="CAF",
                    kiosk_id="pvp-murat",
                    starts_at=paris(15),
                    duration_min=20,
                    purpose="RSA",
                    resident_name="M. Roux",
                )
            )
        assert outside.value.problem is BookingProblem.OUTSIDE_PERMANENCE
        assert outside.value.next_opening == paris(9, day=TUESDAY.replace(day=8))

        # An unknown kiosk: not found, said so.
        with pytest.raises(BookingError) as unknown:
            await bookings.book(BookingDraft("CAF", "pvp-nowhere", paris(10), 20, "RSA", "M. Roux"))
        assert unknown.value.problem is BookingProblem.NOT_FOUND

        moved = await bookings.change(
            booked.appointment_id,
            BookingDraft("CAF", "pvp-murat", paris(11), 30, "Prime d'activité", "Mme Martin"),
        )
        assert (moved.starts_at, moved.duration_min) == (paris(11), 30)
        cancelled = await bookings.cancel(booked.appointment_id)
        assert cancelled.state is AppointmentState.CANCELLED
    finally:
        await sup.aclose()
        await agent_api.aclose()
