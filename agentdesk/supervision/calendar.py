"""The supervisor's calendar editor, without Qt: one week of permanences and closures.

The week shown is what the switchboard computes (``/api/v1/slots``: weekly
permanences, one-off sessions, closures and public holidays applied); edits
go to the permanences themselves and the week is read again, so the view
never shows a slot the switchboard would not open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from agentdesk.events import Listeners
from agentdesk.protocol.schedule import (
    Closure,
    ClosureDraft,
    Permanence,
    PermanenceDraft,
    ServiceStatus,
    Slot,
)

from .periods import PARIS


class CalendarService(Protocol):
    """The switchboard's calendar API (``agentdesk.client.calendar.CalendarClient``
    wrapped so that failures raise SupervisionError)."""

    async def permanences(self) -> Sequence[Permanence]: ...
    async def add_permanence(self, draft: PermanenceDraft) -> Permanence: ...
    async def update_permanence(self, permanence_id: str, draft: PermanenceDraft) -> Permanence: ...
    async def remove_permanence(self, permanence_id: str) -> None: ...
    async def copy_week(self, from_week: str, to_week: str) -> Sequence[Permanence]: ...
    async def closures(self, since: str, until: str) -> Sequence[Closure]: ...
    async def add_closure(self, draft: ClosureDraft) -> Closure: ...
    async def remove_closure(self, closure_id: str) -> None: ...
    async def slots(self, since: float, until: float) -> Sequence[Slot]: ...
    async def close_now(self, service: str) -> ServiceStatus: ...


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def iso_week(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def paris_midnight(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=PARIS).timestamp()


@dataclasses.dataclass(frozen=True, slots=True)
class WeekEntry:
    """One slot of the week, with the permanence it comes from."""

    slot: Slot
    permanence: Permanence | None

    @property
    def weekly(self) -> bool:
        return self.permanence is not None and self.permanence.weekday is not None


@dataclasses.dataclass(frozen=True, slots=True)
class Week:
    monday: dt.date
    days: tuple[list[WeekEntry], ...]
    """Seven lists, Monday first, each in time order."""
    closures: tuple[list[Closure], ...]
    """Closures (the agency's and public holidays) covering each day."""

    @property
    def iso(self) -> str:
        return iso_week(self.monday)


class CalendarEvents:
    def __init__(self) -> None:
        self.changed: Listeners[Week] = Listeners("changed")


class CalendarModel:
    def __init__(self, service: CalendarService, today: dt.date) -> None:
        self._service = service
        self.events = CalendarEvents()
        self.monday = monday_of(today)
        self.permanences: list[Permanence] = []
        self.week: Week | None = None

    def days(self) -> list[dt.date]:
        return [self.monday + dt.timedelta(days=i) for i in range(7)]

    async def load(self, monday: dt.date | None = None) -> Week:
        if monday is not None:
            self.monday = monday_of(monday)
        since = paris_midnight(self.monday)
        until = paris_midnight(self.monday + dt.timedelta(days=7))
        sunday = self.monday + dt.timedelta(days=6)
        permanences = list(await self._service.permanences())
        slots = await self._service.slots(since, until)
        closures = await self._service.closures(self.monday.isoformat(), sunday.isoformat())
        self.permanences = permanences
        by_id = {p.permanence_id: p for p in permanences}
        days: tuple[list[WeekEntry], ...] = tuple([] for _ in range(7))
        for slot in sorted(slots, key=lambda s: (s.starts_at, s.service)):
            index = (dt.datetime.fromtimestamp(slot.starts_at, PARIS).date() - self.monday).days
            if 0 <= index < 7:
                days[index].append(WeekEntry(slot, by_id.get(slot.permanence_id)))
        closed: tuple[list[Closure], ...] = tuple([] for _ in range(7))
        for closure in closures:
            for i, day in enumerate(self.days()):
                if closure.date_from <= day.isoformat() <= closure.date_to:
                    closed[i].append(closure)
        self.week = Week(self.monday, days, closed)
        self.events.changed.emit(self.week)
        return self.week

    async def shift(self, weeks: int) -> Week:
        return await self.load(self.monday + dt.timedelta(weeks=weeks))

    async def add(self, draft: PermanenceDraft) -> Permanence:
        created = await self._service.add_permanence(draft)
        await self.load()
        return created

    async def update(self, permanence_id: str, draft: PermanenceDraft) -> Permanence:
        changed = await self._service.update_permanence(permanence_id, draft)
        await self.load()
        return changed

    async def remove(self, permanence_id: str) -> None:
        await self._service.remove_permanence(permanence_id)
        await self.load()

    async def copy_to_next_week(self) -> int:
        """One-off sessions of this week copied to the next; weekly ones need no copy."""
        target = iso_week(self.monday + dt.timedelta(weeks=1))
        copied = await self._service.copy_week(iso_week(self.monday), target)
        await self.load()
        return len(copied)

    async def add_closure(self, draft: ClosureDraft) -> Closure:
        created = await self._service.add_closure(draft)
        await self.load()
        return created

    async def remove_closure(self, closure_id: str) -> None:
        await self._service.remove_closure(closure_id)
        await self.load()

    async def close_now(self, service: str) -> ServiceStatus:
        return await self._service.close_now(service)


def draft_of(permanence: Permanence) -> PermanenceDraft:
    """The editable part of a permanence (what ``PUT`` takes)."""
    fields = {f: getattr(permanence, f) for f in PermanenceDraft.__struct_fields__}
    return PermanenceDraft(**fields)


def _weekday_of(p: PermanenceDraft) -> int | None:
    if p.weekday is not None:
        return p.weekday
    return dt.date.fromisoformat(p.date).weekday() if p.date else None


def overlapping(
    draft: PermanenceDraft, permanences: Sequence[Permanence], replacing: str | None = None
) -> Permanence | None:
    """An existing permanence the draft would overlap (same service, a kiosk in
    common, same day, times crossing), so the form can name it in the
    supervisor's language before asking the switchboard, which has the last word."""
    for other in permanences:
        if other.permanence_id == replacing or other.service != draft.service:
            continue
        kiosks = set(draft.kiosk_ids), set(other.kiosk_ids)
        if all(kiosks) and not kiosks[0] & kiosks[1]:
            continue
        if _weekday_of(draft) != _weekday_of(other):
            continue
        if draft.date and other.date and draft.date != other.date:
            continue
        if draft.start < other.end and other.start < draft.end:
            return other
    return None
