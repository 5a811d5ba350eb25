"""The agent's permanence day: today's slots and appointments, from ``day_plan``.

Qt-free and clock-free: every question takes ``now`` (Unix seconds), so the
same model answers the view, the duty keeper and the tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Protocol
from zoneinfo import ZoneInfo

from agentdesk.protocol import AppointmentState

PARIS = ZoneInfo("Europe/Paris")


class SlotLike(Protocol):
    """One concrete occurrence of a permanence (``agentdesk.protocol.Slot``)."""

    @property
    def permanence_id(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def kiosk_ids(self) -> Sequence[str]: ...
    @property
    def starts_at(self) -> float: ...
    @property
    def ends_at(self) -> float: ...


class AppointmentLike(Protocol):
    """A booked resident (``agentdesk.protocol.Appointment``)."""

    @property
    def appointment_id(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def kiosk_id(self) -> str: ...
    @property
    def starts_at(self) -> float: ...
    @property
    def duration_min(self) -> int: ...
    @property
    def purpose(self) -> str: ...
    @property
    def resident_name(self) -> str: ...
    @property
    def agent_login(self) -> str | None: ...
    @property
    def state(self) -> str: ...


def state_of(value: str) -> AppointmentState:
    """An appointment's state; one this version does not know reads as booked."""
    try:
        return AppointmentState(str(value))
    except ValueError:
        return AppointmentState.BOOKED


class DutyPhase(enum.Enum):
    """Where the agent stands against their slots at a given moment."""

    NO_PLAN = "no_plan"
    """No day plan received (a switchboard without permanences): always on, as before."""
    OFF = "off"
    """Outside every slot, none starting soon: camera released."""
    WARM_UP = "warm_up"
    """A slot starts within the warm-up: camera open, preview shown."""
    ON = "on"
    """Inside a slot."""


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    """Slots that touch or nearly touch, merged: the agent's continuous duty."""

    starts_at: float
    ends_at: float
    services: frozenset[str]

    def __contains__(self, now: float) -> bool:
        return self.starts_at <= now < self.ends_at


class DayModel:
    """Today's slots and appointments, as the switchboard last sent them."""

    def __init__(self) -> None:
        self.date: str | None = None
        """None until the first ``day_plan``: the switchboard knows no permanences."""
        self.slots: list[SlotLike] = []
        self.appointments: list[AppointmentLike] = []
        self.expected = False
        """The switchboard announced permanences (its welcome carried service
        statuses): a plan is on its way, so the camera waits for it."""
        self.unscheduled: set[str] = set()
        """The agent's services that keep no calendar: open around the clock
        (status open without an end), as before permanences existed."""
        self.kiosk_names: dict[str, str] = {}
        """Kiosk id -> name, from ``day_plan`` (every kiosk of the network)
        and the calls seen."""

    @property
    def known(self) -> bool:
        return self.date is not None

    def replace(
        self, date: str, slots: Iterable[SlotLike], appointments: Iterable[AppointmentLike]
    ) -> list[AppointmentLike]:
        """Takes a new plan; returns the appointments that have just checked in."""
        before = {a.appointment_id: state_of(a.state) for a in self.appointments}
        self.date = date
        self.slots = sorted(slots, key=lambda s: (s.starts_at, s.service))
        self.appointments = sorted(appointments, key=lambda a: a.starts_at)
        return [
            a
            for a in self.appointments
            if state_of(a.state) is AppointmentState.CHECKED_IN
            and before.get(a.appointment_id) is not AppointmentState.CHECKED_IN
        ]

    def clear(self) -> None:
        self.expected = False
        self.unscheduled.clear()
        self.date = None
        self.slots = []
        self.appointments = []

    # ------------------------------------------------------------ questions

    def spans(self, join_gap_s: float = 0.0) -> list[Span]:
        """Slots merged when they overlap or leave less than ``join_gap_s``
        between them: going offline for three minutes between two slots
        helps nobody."""
        spans: list[Span] = []
        for slot in self.slots:
            if spans and slot.starts_at - spans[-1].ends_at <= join_gap_s:
                last = spans[-1]
                spans[-1] = Span(
                    last.starts_at,
                    max(last.ends_at, slot.ends_at),
                    last.services | {slot.service},
                )
            else:
                spans.append(Span(slot.starts_at, slot.ends_at, frozenset({slot.service})))
        return spans

    def phase(self, now: float, warm_up_s: float) -> DutyPhase:
        if self.unscheduled:
            return DutyPhase.NO_PLAN
        if not self.known:
            return DutyPhase.OFF if self.expected else DutyPhase.NO_PLAN
        for span in self.spans(warm_up_s):
            if now in span:
                return DutyPhase.ON
            if span.starts_at - warm_up_s <= now < span.starts_at:
                return DutyPhase.WARM_UP
        return DutyPhase.OFF

    def current_span(self, now: float, warm_up_s: float) -> Span | None:
        return next((s for s in self.spans(warm_up_s) if now in s), None)

    def next_span(self, now: float, warm_up_s: float) -> Span | None:
        return next((s for s in self.spans(warm_up_s) if s.starts_at > now), None)

    def next_slot(self, now: float) -> SlotLike | None:
        """The slot in progress, else the next one today."""
        return next((s for s in self.slots if s.ends_at > now), None)

    def appointment(self, appointment_id: str | None) -> AppointmentLike | None:
        if appointment_id is None:
            return None
        return next((a for a in self.appointments if a.appointment_id == appointment_id), None)

    def upcoming_appointments(self) -> list[AppointmentLike]:
        """Still to come or waiting: booked or checked in."""
        return [a for a in self.appointments if is_live(a)]

    def boundaries(self, warm_up_s: float, reminder_s: float) -> list[float]:
        """Every moment at which the agent's duty or a reminder changes."""
        times: list[float] = []
        for span in self.spans(warm_up_s):
            times += [span.starts_at - warm_up_s, span.starts_at, span.ends_at]
        times += [a.starts_at - reminder_s for a in self.upcoming_appointments()]
        return sorted(times)

    def kiosk_label(self, kiosk_id: str) -> str:
        return self.kiosk_names.get(kiosk_id, kiosk_id)


def is_live(appointment: AppointmentLike) -> bool:
    """Still to come or waiting at the kiosk: may be changed or cancelled."""
    return state_of(appointment.state) in (AppointmentState.BOOKED, AppointmentState.CHECKED_IN)


def paris_time(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, PARIS)


def clock_text(ts: float) -> str:
    """ "09:30" in Paris time, as French agents read it."""
    return paris_time(ts).strftime("%H:%M")


def paris_date(ts: float) -> str:
    return paris_time(ts).date().isoformat()
