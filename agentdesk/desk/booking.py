"""Booking appointments for residents: the draft, its checks, the service behind it.

Qt-free.  The switchboard has the last word (permanences, kiosks, overlaps)
and its refusal comes back as a sentence; what can be checked here is, so the
agent hears about a missing name before anything is sent.  Residents' data
stays minimal: a name as given and a purpose, never an identification number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Sequence
from typing import Protocol

from .day import PARIS, AppointmentLike
from .errors import DeskError

MAX_NAME = 80
MAX_PURPOSE = 200
DURATIONS_MIN = (10, 15, 20, 30, 45, 60, 90)
# Five digits in a row is already more than a name or a purpose needs: an
# allocataire, social security or tax number has no place in an appointment.
_ID_NUMBER = re.compile(r"\d[\d .]{3,}\d")


class BookingProblem(enum.Enum):
    NO_SERVICE = "no_service"
    NO_KIOSK = "no_kiosk"
    NO_NAME = "no_name"
    NO_PURPOSE = "no_purpose"
    TOO_LONG = "too_long"
    ID_NUMBER = "id_number"
    BAD_DURATION = "bad_duration"
    IN_THE_PAST = "in_the_past"
    OUTSIDE_PERMANENCE = "outside_permanence"
    """No permanence of the service at that kiosk then; ``next_opening`` if known."""
    REFUSED = "refused"
    """The switchboard said no; ``detail`` is its sentence (outside permanences…)."""
    NOT_FOUND = "not_found"
    """Unknown kiosk, service or appointment."""
    FORBIDDEN = "forbidden"
    UNREACHABLE = "unreachable"


class BookingError(DeskError):
    def __init__(
        self,
        problem: BookingProblem,
        detail: str = "",
        next_opening: float | None = None,
        *,
        code: str = "",
        reason: str | None = None,
    ) -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
        self.next_opening = next_opening
        self.code = code
        """The switchboard's error code and reason, when it refused."""
        self.reason = reason


@dataclasses.dataclass(frozen=True, slots=True)
class BookingDraft:
    service: str
    kiosk_id: str
    starts_at: float
    duration_min: int
    purpose: str
    resident_name: str
    agent_login: str | None = None
    """Who receives the resident; None: any agent of the service."""

    def cleaned(self) -> BookingDraft:
        return dataclasses.replace(
            self,
            service=self.service.strip(),
            kiosk_id=self.kiosk_id.strip(),
            purpose=" ".join(self.purpose.split()),
            resident_name=" ".join(self.resident_name.split()),
            agent_login=(self.agent_login or "").strip() or None,
        )


def check_draft(draft: BookingDraft, now: float) -> BookingDraft:
    """The draft, tidied; raises BookingError naming the first problem."""
    d = draft.cleaned()
    if not d.service:
        raise BookingError(BookingProblem.NO_SERVICE)
    if not d.kiosk_id:
        raise BookingError(BookingProblem.NO_KIOSK)
    if not d.resident_name:
        raise BookingError(BookingProblem.NO_NAME)
    if not d.purpose:
        raise BookingError(BookingProblem.NO_PURPOSE)
    if len(d.resident_name) > MAX_NAME or len(d.purpose) > MAX_PURPOSE:
        raise BookingError(BookingProblem.TOO_LONG)
    if _ID_NUMBER.search(d.resident_name) or _ID_NUMBER.search(d.purpose):
        raise BookingError(BookingProblem.ID_NUMBER)
    if not 5 <= d.duration_min <= 240:
        raise BookingError(BookingProblem.BAD_DURATION)
    if d.starts_at < now - 60:
        raise BookingError(BookingProblem.IN_THE_PAST)
    return d


def paris_timestamp(day: dt.date, hour: int, minute: int) -> float:
    """A civil Paris time as Unix seconds (DST handled by zoneinfo)."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).timestamp()


class Bookings(Protocol):
    """The switchboard's appointments API (``agentdesk.client.calendar`` fits).
    Failures are raised as BookingError."""

    async def book(self, draft: BookingDraft) -> AppointmentLike: ...

    async def change(self, appointment_id: str, draft: BookingDraft) -> AppointmentLike: ...

    async def cancel(self, appointment_id: str) -> AppointmentLike: ...

    async def appointments(
        self, day: str, *, agent: str | None = None, kiosk: str | None = None
    ) -> Sequence[AppointmentLike]: ...


@dataclasses.dataclass(frozen=True, slots=True)
class BookingDefaults:
    """What the form opens with: from a call's wrap-up ("Rendez-vous fixé"),
    from the day view, or an appointment being changed."""

    service: str = ""
    kiosk_id: str = ""
    starts_at: float | None = None
    duration_min: int = 20
    purpose: str = ""
    resident_name: str = ""
    agent_login: str = ""
    appointment_id: str | None = None
    """Set when changing an existing appointment."""

    @classmethod
    def of(cls, rdv: AppointmentLike, agent_login: str | None) -> BookingDefaults:
        return cls(
            service=rdv.service,
            kiosk_id=rdv.kiosk_id,
            starts_at=rdv.starts_at,
            duration_min=rdv.duration_min,
            purpose=rdv.purpose,
            resident_name=rdv.resident_name,
            agent_login=agent_login or "",
            appointment_id=rdv.appointment_id,
        )
