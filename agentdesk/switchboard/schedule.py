"""The agency's calendar as pure logic: which slots exist, whether a service
is open at a kiosk at an instant, when it opens next, and whether a new
permanence fits.

No I/O and no clock: the calendar's rows and the instant come in as
arguments, so every rule is tested alone.  Civil times are Europe/Paris:
a weekly 09:00-12:00 slot is built from its date and wall-clock times each
day (zoneinfo), so it stays 09:00-12:00 across the changes of summer time.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from holidays.countries.france import France

from agentdesk.protocol.errors import ErrorReason
from agentdesk.protocol.schedule import Closure, Permanence, PermanenceDraft, Slot

PARIS = ZoneInfo("Europe/Paris")
HORIZON_DAYS = 60
"""How far ahead the next opening is looked for."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class ScheduleError(ValueError):
    """A permanence or closure that cannot be: the message says why, in a
    sentence; ``missing`` when it names something that does not exist."""

    def __init__(
        self, message: str, missing: bool = False, reason: ErrorReason | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing
        self.reason = reason


def day_of(moment: float) -> dt.date:
    return dt.datetime.fromtimestamp(moment, PARIS).date()


def instant(day: dt.date, clock: str) -> float:
    """A Paris wall-clock time on a day, as Unix seconds.  A time that does not
    exist (02:30 on the spring change) is read with the offset before it."""
    hours, minutes = (int(part) for part in clock.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=PARIS).timestamp()


def parse_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def iso_week_monday(week: str) -> dt.date:
    """Monday of an ISO week "YYYY-Www"."""
    year, number = week.split("-W")
    try:
        return dt.date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        raise ScheduleError(f"{week} is not a week of {year}") from None


@functools.lru_cache(maxsize=32)
def _french_holidays(year: int) -> dict[dt.date, str]:
    # holidays' constructors carry no annotations; its items are (date, name).
    calendar = France(years=year, language="fr")  # type: ignore[no-untyped-call]
    return {day: str(name) for day, name in calendar.items()}


def public_holiday(day: dt.date) -> str | None:
    """The French public holiday on that day (its French name), if any."""
    return _french_holidays(day.year).get(day)


def public_holidays(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    out: list[tuple[dt.date, str]] = []
    for year in range(first.year, last.year + 1):
        out.extend(
            (day, name)
            for day, name in sorted(_french_holidays(year).items())
            if first <= day <= last
        )
    return out


def holiday_closures(agency: str, first: dt.date, last: dt.date) -> list[Closure]:
    return [
        Closure(
            closure_id=f"holiday-{day.isoformat()}",
            agency=agency,
            date_from=day.isoformat(),
            date_to=day.isoformat(),
            label=name,
            holiday=True,
        )
        for day, name in public_holidays(first, last)
    ]


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _applies_on(perm: PermanenceDraft, day: dt.date) -> bool:
    if perm.date is not None:
        return perm.date == day.isoformat()
    if perm.weekday != day.weekday():
        return False
    if perm.valid_from is not None and day.isoformat() < perm.valid_from:
        return False
    return perm.valid_until is None or day.isoformat() <= perm.valid_until


def _kiosks_meet(a: Sequence[str], b: Sequence[str]) -> bool:
    """Empty means every kiosk."""
    return not a or not b or bool(set(a) & set(b))


def covers(slot: Slot, kiosk_id: str | None) -> bool:
    return kiosk_id is None or not slot.kiosk_ids or kiosk_id in slot.kiosk_ids


def describe(perm: PermanenceDraft) -> str:
    """ "CAF, Tuesday 10:00-11:00" or "CAF, 2025-12-04 14:00-16:00"."""
    when = WEEKDAYS[perm.weekday] if perm.weekday is not None else perm.date
    where = f" at {', '.join(perm.kiosk_ids)}" if perm.kiosk_ids else ""
    return f"{perm.service}, {when} {perm.start}-{perm.end}{where}"


@dataclass(frozen=True)
class Opening:
    """A service at a kiosk at an instant, from the calendar alone."""

    scheduled: bool
    """The service has permanences at all (else: open around the clock)."""
    slot: Slot | None = None
    """The slot going on now, if any."""
    next_opening: float | None = None
    """The start of the next slot after now (after the current one, if any)."""
    closure: str | None = None
    """Today is closed for this service: the closure's label."""

    @property
    def open(self) -> bool:
        return not self.scheduled or self.slot is not None


@dataclass
class Calendar:
    """Permanences and closures of the network, and which agency each service
    belongs to (an agency's closure closes its services)."""

    permanences: Sequence[Permanence] = ()
    closures: Sequence[Closure] = ()
    service_agency: Mapping[str, str] = field(default_factory=dict)
    closed_early: Mapping[str, float] = field(default_factory=dict)
    """Service -> instant until which a supervisor closed it early."""

    def closure_on(self, service: str, day: dt.date) -> str | None:
        holiday = public_holiday(day)
        if holiday is not None:
            return holiday
        agency = self.service_agency.get(service)
        text = day.isoformat()
        for closure in self.closures:
            if closure.agency != agency or (
                closure.service is not None and closure.service != service
            ):
                continue
            if closure.date_from <= text <= closure.date_to:
                return closure.label
        return None

    def scheduled(self, service: str) -> bool:
        return any(p.service == service for p in self.permanences)

    def day_slots(self, day: dt.date, services: Iterable[str] | None = None) -> list[Slot]:
        """The slots of a Paris day, closures applied, by start."""
        wanted = None if services is None else set(services)
        out: list[Slot] = []
        for perm in self.permanences:
            if wanted is not None and perm.service not in wanted:
                continue
            if not _applies_on(perm, day) or self.closure_on(perm.service, day) is not None:
                continue
            out.append(
                Slot(
                    permanence_id=perm.permanence_id,
                    service=perm.service,
                    kiosk_ids=list(perm.kiosk_ids),
                    starts_at=instant(day, perm.start),
                    ends_at=instant(day, perm.end),
                    agent_logins=list(perm.agent_logins),
                )
            )
        out.sort(key=lambda s: (s.starts_at, s.service, s.permanence_id))
        return out

    def slots(
        self,
        since: float,
        until: float,
        service: str | None = None,
        kiosk_id: str | None = None,
        agent: str | None = None,
    ) -> list[Slot]:
        """Slots starting in [since, until), optionally of one service, one
        kiosk, or staffed by one agent (slots naming nobody count for all)."""
        out: list[Slot] = []
        services = None if service is None else [service]
        for day in _days(day_of(since), day_of(until)):
            for slot in self.day_slots(day, services):
                if not since <= slot.starts_at < until or not covers(slot, kiosk_id):
                    continue
                if agent is not None and slot.agent_logins and agent not in slot.agent_logins:
                    continue
                out.append(slot)
        return out

    def opening(self, service: str, kiosk_id: str | None, now: float) -> Opening:
        """Whether ``service`` is open at ``kiosk_id`` (None: at any kiosk) at
        ``now``, and when it opens next."""
        if not self.scheduled(service):
            return Opening(scheduled=False)
        early = self.closed_early.get(service)
        blocked_until = early if early is not None and early > now else now
        today = day_of(now)
        current: Slot | None = None
        upcoming: float | None = None
        for day in _days(today - dt.timedelta(days=1), today + dt.timedelta(days=HORIZON_DAYS)):
            for slot in self.day_slots(day, [service]):
                if not covers(slot, kiosk_id) or slot.ends_at <= now:
                    continue
                if slot.starts_at <= now:
                    # Going on, unless a supervisor closed the service early.
                    if current is None and blocked_until <= now:
                        current = slot
                elif slot.starts_at >= blocked_until:
                    upcoming = slot.starts_at
                    break
            if upcoming is not None:
                break
        return Opening(
            scheduled=True,
            slot=current,
            next_opening=upcoming,
            closure=self.closure_on(service, today) if current is None else None,
        )

    def booking_problem(
        self, service: str, kiosk_id: str, starts_at: float, duration_min: int
    ) -> str | None:
        """Why an appointment cannot be booked then (a sentence saying when the
        service is open that day), or None if it lies within one slot."""
        ends_at = starts_at + duration_min * 60
        day = day_of(starts_at)
        closure = self.closure_on(service, day)
        if closure is not None:
            return f"{service} is closed on {day.isoformat()} ({closure})"
        slots = [s for s in self.day_slots(day, [service]) if covers(s, kiosk_id)]
        if any(s.starts_at <= starts_at and ends_at <= s.ends_at for s in slots):
            return None
        if not slots:
            return f"{service} has no permanence at {kiosk_id} on {day.isoformat()}"
        hours = ", ".join(f"{_clock(s.starts_at)}-{_clock(s.ends_at)}" for s in slots)
        return (
            f"the appointment must fit within a permanence: {service} is open at {kiosk_id}"
            f" on {day.isoformat()} {hours}"
        )

    def boundaries_after(self, now: float, days: int = 2) -> list[float]:
        """Every slot start and end after ``now`` within ``days`` days, sorted:
        the instants at which some status may change."""
        out: set[float] = set()
        today = day_of(now)
        for day in _days(today - dt.timedelta(days=1), today + dt.timedelta(days=days)):
            for slot in self.day_slots(day):
                out.update(t for t in (slot.starts_at, slot.ends_at) if t > now)
        out.update(t for t in self.closed_early.values() if t > now)
        return sorted(out)

    # -- validation ----------------------------------------------------------

    def check(
        self,
        draft: PermanenceDraft,
        services: Iterable[str],
        kiosks: Iterable[str],
        agents: Mapping[str, Sequence[str]],
        replacing: str | None = None,
    ) -> None:
        """Raises ScheduleError unless ``draft`` can be added (or can replace
        the permanence ``replacing``).  ``agents``: login -> services served."""
        if draft.service not in set(services):
            raise ScheduleError(
                f"no service {draft.service}", missing=True, reason=ErrorReason.UNKNOWN_SERVICE
            )
        unknown = sorted(set(draft.kiosk_ids) - set(kiosks))
        if unknown:
            raise ScheduleError(
                f"no kiosk {', '.join(unknown)}", missing=True, reason=ErrorReason.UNKNOWN_KIOSK
            )
        for login in draft.agent_logins:
            if login not in agents:
                raise ScheduleError(
                    f"no agent {login}", missing=True, reason=ErrorReason.UNKNOWN_AGENT
                )
            if draft.service not in agents[login]:
                raise ScheduleError(
                    f"agent {login} does not serve {draft.service}",
                    reason=ErrorReason.AGENT_NOT_IN_SERVICE,
                )
        if (draft.weekday is None) == (draft.date is None):
            raise ScheduleError("give either weekday (every week) or date (once), not both")
        if draft.end <= draft.start:
            raise ScheduleError(f"the end ({draft.end}) must come after the start ({draft.start})")
        for day_text in (draft.date, draft.valid_from, draft.valid_until):
            if day_text is not None:
                try:
                    parse_day(day_text)
                except ValueError:
                    raise ScheduleError(f"{day_text} is not a date") from None
        if (
            draft.valid_from is not None
            and draft.valid_until is not None
            and draft.valid_until < draft.valid_from
        ):
            raise ScheduleError(
                f"valid_until ({draft.valid_until}) is before valid_from ({draft.valid_from})"
            )
        for other in self.permanences:
            if other.permanence_id == replacing or other.service != draft.service:
                continue
            if _kiosks_meet(draft.kiosk_ids, other.kiosk_ids) and _overlap(draft, other):
                raise ScheduleError(
                    f"this slot overlaps {other.permanence_id} ({describe(other)})",
                    reason=ErrorReason.SLOT_OVERLAP,
                )


def _clock(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, PARIS).strftime("%H:%M")


def _overlap(a: PermanenceDraft, b: PermanenceDraft) -> bool:
    if not (a.start < b.end and b.start < a.end):
        return False
    if a.date is not None and b.date is not None:
        return a.date == b.date
    if a.date is not None:
        return _applies_on(b, parse_day(a.date))
    if b.date is not None:
        return _applies_on(a, parse_day(b.date))
    if a.weekday != b.weekday:
        return False
    low = max(a.valid_from or "0000-00-00", b.valid_from or "0000-00-00")
    high = min(a.valid_until or "9999-99-99", b.valid_until or "9999-99-99")
    return low <= high
