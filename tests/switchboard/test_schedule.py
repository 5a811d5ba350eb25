"""The calendar's rules alone: slots of weekly and one-off permanences,
closures and French public holidays, Europe/Paris across summer time,
whether a service is open at a kiosk, validation, iCalendar export."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from agentdesk.protocol.schedule import Appointment, AppointmentState, Closure, Permanence
from agentdesk.switchboard.ical import calendar_ics
from agentdesk.switchboard.schedule import (
    PARIS,
    Calendar,
    ScheduleError,
    holiday_closures,
    iso_week_monday,
)

SERVICES = {"CAF": "caf", "CPAM": "caf", "MSA": "msa"}
KIOSKS = ["pvp-murat", "pvp-riom", "pvp-maurs"]
AGENTS = {"claire": ["CAF"], "paul": ["CPAM"]}


def paris(text: str) -> float:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS).timestamp()


def utc(text: str) -> float:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).timestamp()


def weekly(pid: str, service: str, weekday: int, start: str, end: str, **kw: object) -> Permanence:
    return Permanence(
        permanence_id=pid, service=service, weekday=weekday, start=start, end=end, **kw
    )


def once(pid: str, service: str, date: str, start: str, end: str, **kw: object) -> Permanence:
    return Permanence(permanence_id=pid, service=service, date=date, start=start, end=end, **kw)


# Tuesdays 09:00-12:00 at Murat (CAF); Thursday 4 December 2025 14:00-16:00 (MSA, everywhere).
CAF_TUESDAY = weekly("p-caf", "CAF", 1, "09:00", "12:00", kiosk_ids=["pvp-murat"])
MSA_ONCE = once("p-msa", "MSA", "2025-12-04", "14:00", "16:00")


def calendar(*perms: Permanence, closures: list[Closure] | None = None) -> Calendar:
    return Calendar(
        permanences=list(perms or (CAF_TUESDAY, MSA_ONCE)),
        closures=closures or [],
        service_agency=SERVICES,
    )


def test_weekly_and_one_off_slots_of_a_week() -> None:
    cal = calendar()
    slots = cal.slots(paris("2025-12-01T00:00"), paris("2025-12-08T00:00"))
    assert [(s.permanence_id, s.starts_at, s.ends_at) for s in slots] == [
        ("p-caf", paris("2025-12-02T09:00"), paris("2025-12-02T12:00")),
        ("p-msa", paris("2025-12-04T14:00"), paris("2025-12-04T16:00")),
    ]
    assert cal.slots(paris("2025-12-01T00:00"), paris("2025-12-08T00:00"), kiosk_id="pvp-riom")[
        0
    ].permanence_id == ("p-msa")


def test_a_weekly_slot_keeps_its_wall_clock_hours_across_the_autumn_change() -> None:
    # Summer time ends on Sunday 26 October 2025 at 03:00 (back to 02:00).
    sunday = weekly("p-sun", "CAF", 6, "09:00", "12:00")
    cal = calendar(sunday)
    slots = cal.slots(paris("2025-10-19T00:00"), paris("2025-11-03T00:00"))
    assert [s.starts_at for s in slots] == [
        utc("2025-10-19T07:00"),  # CEST, UTC+2
        utc("2025-10-26T08:00"),  # the day of the change: CET, UTC+1
        utc("2025-11-02T08:00"),
    ]
    assert all(s.ends_at - s.starts_at == 3 * 3600 for s in slots)


def test_a_slot_over_the_spring_change_lasts_one_hour_less() -> None:
    # Sunday 29 March 2026, 02:00 jumps to 03:00: a 01:00-04:00 slot is 2 real hours.
    night = once("p-night", "CAF", "2026-03-29", "01:00", "04:00")
    (slot,) = calendar(night).slots(paris("2026-03-29T00:00"), paris("2026-03-30T00:00"))
    assert slot.ends_at - slot.starts_at == 2 * 3600
    assert slot.starts_at == utc("2026-03-29T00:00")


def test_a_public_holiday_closes_the_weekly_slot_and_says_when_it_opens_next() -> None:
    # Tuesday 11 November 2025 is Armistice day.
    cal = calendar()
    slots = cal.slots(paris("2025-11-10T00:00"), paris("2025-11-19T00:00"), service="CAF")
    assert [s.starts_at for s in slots] == [paris("2025-11-18T09:00")]
    opening = cal.opening("CAF", "pvp-murat", paris("2025-11-11T10:00"))
    assert not opening.open
    assert opening.closure == "Armistice"
    assert opening.next_opening == paris("2025-11-18T09:00")
    labels = [c.label for c in holiday_closures("caf", dt.date(2025, 12, 1), dt.date(2025, 12, 31))]
    assert labels == ["Noël"]


def test_an_agency_closure_closes_its_services_only() -> None:
    closure = Closure(
        closure_id="c1", agency="caf", date_from="2025-12-02", date_to="2025-12-02", label="Grève"
    )
    both = [CAF_TUESDAY, once("p-msa2", "MSA", "2025-12-02", "09:00", "10:00")]
    cal = calendar(*both, closures=[closure])
    slots = cal.slots(paris("2025-12-02T00:00"), paris("2025-12-03T00:00"))
    assert [s.service for s in slots] == ["MSA"]
    assert cal.opening("CAF", "pvp-murat", paris("2025-12-02T10:00")).closure == "Grève"


def test_open_inside_a_slot_at_its_kiosks_only_and_closed_after() -> None:
    cal = calendar()
    inside = cal.opening("CAF", "pvp-murat", paris("2025-12-02T09:00"))
    assert inside.open and inside.slot is not None
    assert inside.slot.ends_at == paris("2025-12-02T12:00")
    elsewhere = cal.opening("CAF", "pvp-riom", paris("2025-12-02T10:00"))
    assert not elsewhere.open and elsewhere.next_opening is None
    after = cal.opening("CAF", "pvp-murat", paris("2025-12-02T12:00"))
    assert not after.open and after.next_opening == paris("2025-12-09T09:00")
    # Any kiosk (an agent's view).
    assert cal.opening("CAF", None, paris("2025-12-02T11:59")).open


def test_a_service_without_permanences_is_open_around_the_clock() -> None:
    cal = calendar()
    opening = cal.opening("CPAM", "pvp-murat", paris("2025-12-25T03:00"))
    assert opening.open and not opening.scheduled


def test_closed_early_until_the_end_of_the_slot() -> None:
    cal = calendar()
    cal.closed_early = {"CAF": paris("2025-12-02T12:00")}
    opening = cal.opening("CAF", "pvp-murat", paris("2025-12-02T10:30"))
    assert not opening.open
    assert opening.next_opening == paris("2025-12-09T09:00")
    assert cal.opening("CAF", "pvp-murat", paris("2025-12-09T09:00")).open


def test_status_changes_happen_at_slot_boundaries() -> None:
    cal = calendar()
    assert cal.boundaries_after(paris("2025-12-02T08:00"))[:2] == [
        paris("2025-12-02T09:00"),
        paris("2025-12-02T12:00"),
    ]


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (
            weekly("x", "CAF", 1, "11:00", "13:00", kiosk_ids=["pvp-murat"]),
            "overlaps p-caf (CAF, Tuesday 09:00-12:00 at pvp-murat)",
        ),
        (once("x", "CAF", "2025-12-02", "10:00", "11:00"), "overlaps p-caf"),
        (weekly("x", "CAF", 1, "12:00", "11:00"), "the end (11:00) must come after the start"),
        (weekly("x", "CAF", 1, "10:00", "10:00"), "must come after the start"),
        (weekly("x", "NOPE", 1, "10:00", "11:00"), "no service NOPE"),
        (weekly("x", "CAF", 2, "10:00", "11:00", kiosk_ids=["pvp-nowhere"]), "no kiosk"),
        (weekly("x", "CAF", 2, "10:00", "11:00", agent_logins=["paul"]), "does not serve CAF"),
        (weekly("x", "CAF", 2, "10:00", "11:00", agent_logins=["ghost"]), "no agent ghost"),
        (
            Permanence(
                permanence_id="x",
                service="CAF",
                weekday=2,
                date="2025-12-03",
                start="10:00",
                end="11:00",
            ),
            "either weekday",
        ),
        (
            weekly(
                "x", "CAF", 2, "10:00", "11:00", valid_from="2026-01-01", valid_until="2025-01-01"
            ),
            "before valid_from",
        ),
    ],
)
def test_a_permanence_that_cannot_be_is_refused_with_a_sentence(
    draft: Permanence, message: str
) -> None:
    with pytest.raises(ScheduleError, match=re.escape(message)):
        calendar().check(draft, SERVICES, KIOSKS, AGENTS)


def test_permanences_that_do_not_meet_are_accepted() -> None:
    cal = calendar()
    fine = [
        weekly("a", "CAF", 1, "12:00", "14:00", kiosk_ids=["pvp-murat"]),  # right after
        weekly("b", "CAF", 1, "09:00", "12:00", kiosk_ids=["pvp-riom"]),  # another kiosk
        weekly("c", "CPAM", 1, "09:00", "12:00", kiosk_ids=["pvp-murat"]),  # another service
        once("d", "CAF", "2025-12-03", "09:00", "12:00"),  # a Wednesday
        weekly("e", "CAF", 1, "09:00", "12:00", kiosk_ids=["pvp-murat"], valid_from="2030-01-01"),
    ]
    cal.permanences = [
        weekly(
            "p-caf", "CAF", 1, "09:00", "12:00", kiosk_ids=["pvp-murat"], valid_until="2029-12-31"
        )
    ]
    for draft in fine:
        cal.check(draft, SERVICES, KIOSKS, AGENTS)
    # Replacing a permanence does not overlap with itself.
    cal.check(cal.permanences[0], SERVICES, KIOSKS, AGENTS, replacing="p-caf")


def test_booking_must_fit_within_a_permanence() -> None:
    cal = calendar()
    assert cal.booking_problem("CAF", "pvp-murat", paris("2025-12-02T11:30"), 30) is None
    late = cal.booking_problem("CAF", "pvp-murat", paris("2025-12-02T11:45"), 30)
    assert late == (
        "the appointment must fit within a permanence: CAF is open at pvp-murat"
        " on 2025-12-02 09:00-12:00"
    )
    assert "no permanence at pvp-murat on 2025-12-03" in str(
        cal.booking_problem("CAF", "pvp-murat", paris("2025-12-03T10:00"), 20)
    )
    assert "closed on 2025-11-11 (Armistice)" in str(
        cal.booking_problem("CAF", "pvp-murat", paris("2025-11-11T10:00"), 20)
    )


def test_iso_weeks() -> None:
    assert iso_week_monday("2025-W49") == dt.date(2025, 12, 1)
    with pytest.raises(ScheduleError):
        iso_week_monday("2025-W54")


def test_the_ics_file_reads_back_with_the_same_events() -> None:
    cal = calendar()
    slots = cal.slots(paris("2025-12-01T00:00"), paris("2025-12-08T00:00"))
    appointment = Appointment(
        appointment_id="rdv-1",
        code="123456",
        service="CAF",
        kiosk_id="pvp-murat",
        starts_at=paris("2025-12-02T10:00"),
        duration_min=30,
        purpose="Prime d'activité",
        resident_name="Marie Dupont",
        state=AppointmentState.BOOKED,
    )
    text = calendar_ics(
        "Claire", slots, [appointment], {"pvp-murat": "PVP Murat"}, paris("2025-11-30T12:00")
    )
    parsed = icalendar.Calendar.from_ical(text)
    assert str(parsed["version"]) == "2.0"
    events = list(parsed.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Permanence CAF",
        "Permanence MSA",
        "Rendez-vous CAF : Marie",
    ]
    starts = [e.decoded("dtstart").timestamp() for e in events]
    assert starts == [slots[0].starts_at, slots[1].starts_at, appointment.starts_at]
    assert events[2].decoded("dtend").timestamp() == appointment.starts_at + 1800
    assert str(events[0]["location"]) == "PVP Murat"
    assert "Dupont" not in text.decode()
