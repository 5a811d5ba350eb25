"""The headless kiosk and the agency's calendar, through a real switchboard
whose clock the test sets: a closed service, the agent on their way, an
appointment checked in with its code."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agentdesk.client.bookings import ApiBookings
from agentdesk.desk.booking import BookingDraft
from agentdesk.kiosk.events import KioskServiceStatus, describe
from agentdesk.protocol.schedule import PermanenceDraft
from tests.client.calendar_support import TUESDAY, calendar_for, paris, set_clock
from tests.support.kiosk import KioskProcess, start_kiosk
from tests.support.switchboard import Provisioned, SwitchboardProcess, start_switchboard

CAF_TUESDAY = PermanenceDraft(
    service="CAF", kiosk_ids=["pvp-murat"], weekday=1, start="09:00", end="12:00"
)


@pytest.fixture
async def sb(db: Path, accounts: Provisioned) -> AsyncIterator[SwitchboardProcess]:
    process = await start_switchboard(db, "--test-clock")
    await set_clock(process, paris(8, 0))
    api = await calendar_for(process, "sup.caf")
    await api.add_permanence(CAF_TUESDAY)
    await api.aclose()
    yield process
    await process.stop()


@pytest.fixture
async def kiosks() -> AsyncIterator[list[KioskProcess]]:
    started: list[KioskProcess] = []
    yield started
    for kiosk in started:
        await kiosk.stop()


async def murat(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    tmp_path: Path,
    kiosks: list[KioskProcess],
    *args: str,
) -> KioskProcess:
    process = await start_kiosk(
        sb.url, "pvp-murat", accounts.kiosk_tokens["pvp-murat"], "--service", "CAF", *args,
        "--print-dir", str(tmp_path / "prints"), log_path=tmp_path / "kiosk.log",
    )  # fmt: skip
    kiosks.append(process)
    return process


async def test_a_closed_service_says_when_it_opens_and_the_kiosk_stops(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path, kiosks: list[KioskProcess]
) -> None:
    kiosk = await murat(sb, accounts, tmp_path, kiosks)
    status = await kiosk.event("service_status", lambda e: e["service"] == "CAF")
    assert (status["state"], status["next_opening"]) == ("closed", paris(9))
    closed = await kiosk.event("closed")
    assert closed["next_opening"] == paris(9)
    # No blind retries: one refusal, then the kiosk stops with status 3.
    assert await kiosk.exited() == 3
    assert kiosk.kinds().count("closed") == 1
    assert "queued" not in kiosk.kinds()
    # What a person watching the kiosk reads.
    line = describe(KioskServiceStatus(service="CAF", state="closed", next_opening=paris(9)))
    assert line == "CAF : fermé, prochaine ouverture mardi 01/12 à 09:00"


async def test_waiting_for_the_opening_then_the_agent_is_on_their_way(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path, kiosks: list[KioskProcess]
) -> None:
    kiosk = await murat(sb, accounts, tmp_path, kiosks, "--wait-open")
    await kiosk.event("closed")
    await set_clock(sb, paris(9, 0))
    opened = await kiosk.event(
        "service_status", lambda e: e["service"] == "CAF" and e["state"] == "no_agent_yet"
    )
    assert opened["closes_at"] == paris(12)
    queued = await kiosk.event("queued")
    # Nobody signed in for CAF: no minute estimate, "the agent is on their way".
    assert queued.get("estimated_wait_s") is None
    assert kiosk.kinds().count("closed") == 1


async def test_the_resident_checks_in_with_their_code(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path, kiosks: list[KioskProcess]
) -> None:
    sup = await calendar_for(sb, "sup.caf")
    await sup.add_permanence(
        PermanenceDraft(
            service="CAF", kiosk_ids=["pvp-riom"], weekday=1, start="09:00", end="12:00"
        )
    )
    await sup.aclose()
    api = await calendar_for(sb, "agent.caf")

    booked = await ApiBookings(api).book(
        BookingDraft("CAF", "pvp-murat", paris(10), 20, "Prime d'activité", "Marie Dupont")
    )
    await set_clock(sb, paris(9, 55))
    # The kiosk's list of the day: first name and time only, no purpose.
    listing = await murat(sb, accounts, tmp_path, kiosks, "--list-appointments")
    assert await listing.exited() == 0
    [shown] = (await listing.event("appointments"))["appointments"]
    assert (shown["first_name"], shown["starts_at"]) == ("Marie", paris(10))
    assert set(shown) == {"appointment_id", "first_name", "starts_at", "service"}
    # Someone is already waiting; the booked resident still goes first.
    other = await start_kiosk(
        sb.url, "pvp-riom", accounts.kiosk_tokens["pvp-riom"], "--service", "CAF",
        "--print-dir", str(tmp_path / "prints"), log_path=tmp_path / "riom.log",
    )  # fmt: skip
    kiosks.append(other)
    assert (await other.event("queued"))["position"] == 1
    kiosk = await murat(sb, accounts, tmp_path, kiosks, "--appointment", booked.code)
    checked = await kiosk.event("checked_in")
    assert checked["appointment_id"] == booked.appointment_id
    queued = await kiosk.event("queued")
    assert queued["position"] == 1
    listed = await api.appointments(TUESDAY.isoformat())
    assert listed[0].state == "checked_in"
    await api.aclose()

    # The same code a second time: refused with a clear message, not queued.
    again = await start_kiosk(
        sb.url, "pvp-maurs", accounts.kiosk_tokens["pvp-maurs"], "--service", "CAF",
        "--appointment", booked.code, "--print-dir", str(tmp_path / "prints"),
        log_path=tmp_path / "maurs.log",
    )  # fmt: skip
    kiosks.append(again)
    failed = await again.event("failed")
    assert failed["problem"].startswith(("conflict", "not_found")), failed
    assert "queued" not in again.kinds()


async def test_closed_early_by_the_supervisor_the_waiting_resident_is_told(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path, kiosks: list[KioskProcess]
) -> None:
    await set_clock(sb, paris(10, 0))
    kiosk = await murat(sb, accounts, tmp_path, kiosks)
    await kiosk.event("queued")
    sup = await calendar_for(sb, "sup.caf")
    status = await sup.close_now("CAF")
    await sup.aclose()
    assert status.state == "closed"
    closed = await kiosk.event("closed")
    assert closed["next_opening"] == paris(9, day=TUESDAY.replace(day=8))
    ended = await kiosk.event("ended")
    assert ended["end_reason"] == "service_closed"
    assert await kiosk.exited() == 0
