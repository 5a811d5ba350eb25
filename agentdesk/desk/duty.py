"""Always on during permanence days: the camera and the presence follow the slots.

Outside the agent's slots the camera is released (its light goes off) and
nothing ticks but one check a minute; ``warm_up`` before a slot the camera
opens so the agent sees the preview; at the slot's start the agent goes
available by themselves if they chose so.  At the end no agent is left
available without knowing it: the last calls still waiting are announced
and served, then the desk goes offline and says so.

Qt-free, with the clock and the timer injected: the tests move time by hand.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from agentdesk.events import Listeners, Unsubscribe
from agentdesk.protocol import AppointmentState

from .day import AppointmentLike, DutyPhase, Span, state_of
from .duty_settings import DutySettings
from .model import Desk
from .state import Action, DeskState
from .tasks import TaskOwner

log = logging.getLogger(__name__)

MAX_SLEEP_S = 60.0
"""Check at least once a minute: a laptop waking from sleep jumps the clock."""
REMINDER_GRACE_S = 15 * 60.0
"""A reminder still makes sense this long after the time booked (late resident)."""

Cancel = Callable[[], None]


class Scheduler(Protocol):
    def call_at(self, when: float, callback: Callable[[], None]) -> Cancel:
        """Run ``callback`` once the clock reads ``when``; returns a canceller."""
        ...


class CameraPower(Protocol):
    """Opens or releases the agent's camera (the engine's, in the app)."""

    def set_camera_wanted(self, wanted: bool) -> None: ...


class LoopScheduler:
    """``Scheduler`` on the running asyncio loop, against a wall clock."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock

    def call_at(self, when: float, callback: Callable[[], None]) -> Cancel:
        handle = asyncio.get_running_loop().call_later(max(0.0, when - self._clock()), callback)
        return handle.cancel


class NoticeKind(enum.Enum):
    WARM_UP = "warm_up"
    """The camera opened: a slot starts soon."""
    STARTED_AVAILABLE = "started_available"
    """The slot started and the desk made the agent available."""
    STARTED_BUTTON = "started_button"
    """The slot started; the agent goes available with the button."""
    LAST_CALLS = "last_calls"
    """The slot ended; ``count`` residents still wait and will be served."""
    OFF_DUTY = "off_duty"
    """The slot ended and the queue is empty: the desk went offline, camera released."""
    REMINDER = "reminder"
    CHECKED_IN = "checked_in"


@dataclasses.dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    at: float
    span: Span | None = None
    appointment: AppointmentLike | None = None
    count: int = 0


_ON_DUTY_STATES = (DeskState.AVAILABLE, DeskState.OFFERED, DeskState.IN_CALL, DeskState.WRAP_UP)


class DutyKeeper:
    def __init__(
        self,
        desk: Desk,
        camera: CameraPower,
        scheduler: Scheduler,
        settings: Callable[[], DutySettings],
        *,
        on_task_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._desk = desk
        self._camera = camera
        self._scheduler = scheduler
        self._settings = settings
        self._tasks = TaskOwner(on_task_error)
        self.notice = Listeners[Notice]("notice")
        self.phase_changed = Listeners[DutyPhase]("phase_changed")
        self.settings_applied = Listeners[DutySettings]("settings_applied")
        """The agent's duty settings changed (whether they go available by themselves)."""
        self.phase = DutyPhase.NO_PLAN
        self.camera_wanted: bool | None = None
        self.last_notice: Notice | None = None
        self._started_span: Span | None = None
        """The span whose start was handled: never forced twice."""
        self._undecided: tuple[Span, DeskState] | None = None
        """The span that started before the agent said whether to go available
        by themselves, and their state then: the answer, when it comes, is
        acted on if they have not chosen meanwhile."""
        self._draining: Span | None = None
        """The span that ended while the agent was still on duty."""
        self._last_calls_told = -1
        self._reminded: set[str] = set()
        self._cancel_wake: Cancel | None = None
        self._unsubscribes: list[Unsubscribe] = []
        self._started = False

    @property
    def settings(self) -> DutySettings:
        return self._settings()

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._unsubscribes = [event.subscribe(listener) for event, listener in self._listeners()]
        self.evaluate()

    def _listeners(self) -> list[tuple[Listeners[Any], Callable[[Any], None]]]:
        events = self._desk.events
        return [
            (events.state_changed, self._changed),
            (events.queue_changed, self._changed),
            (events.day_changed, self._changed),
            (events.service_status_changed, self._changed),
            (events.checked_in, self._on_checked_in),
        ]

    # ------------------------------------------------------------------

    def _changed(self, _value: object) -> None:
        self.evaluate()

    def settings_changed(self) -> None:
        """The agent's settings were saved (the first sign-in's question
        answered, say): what they now ask is done."""
        if self._started:
            self.evaluate()
        self.settings_applied.emit(self.settings)

    def _on_checked_in(self, appointment: AppointmentLike) -> None:
        self._tell(NoticeKind.CHECKED_IN, appointment=appointment)

    def evaluate(self) -> None:
        """Looks at the clock, the plan and the desk, and does what is due."""
        desk = self._desk
        now = desk.now()
        settings = self._settings()
        day = desk.day
        phase = day.phase(now, settings.warm_up_s)
        signed_in = desk.state is not DeskState.SIGNED_OUT
        if phase is not self.phase:
            previous, self.phase = self.phase, phase
            self.phase_changed.emit(phase)
            if phase is DutyPhase.WARM_UP and signed_in and previous is not DutyPhase.ON:
                self._tell(NoticeKind.WARM_UP, span=day.next_span(now, settings.warm_up_s))
        if signed_in:
            self._follow_span(now, settings)
            self._drain()
            self._remind(now, settings)
        self._set_camera(
            signed_in
            and (
                phase in (DutyPhase.NO_PLAN, DutyPhase.WARM_UP, DutyPhase.ON)
                or self._draining is not None
                or desk.state in _ON_DUTY_STATES
            )
        )
        self._schedule(now, settings)

    def _follow_span(self, now: float, settings: DutySettings) -> None:
        desk = self._desk
        span = desk.day.current_span(now, settings.warm_up_s)
        started = self._started_span
        if started is not None and span != started:
            # The span we went on duty for is over (or was cancelled).
            self._started_span = None
            self._undecided = None
            if desk.state in _ON_DUTY_STATES:
                self._draining = started
                self._last_calls_told = -1
        if self._undecided is not None and span == self._undecided[0]:
            self._answered(span, settings)
        if span is None or span == self._started_span:
            return
        if desk.state in _ON_DUTY_STATES:
            self._started_span = span
            self._draining = None
            return
        if desk.state not in (DeskState.OFFLINE, DeskState.PAUSED):
            return
        self._started_span = span
        self._draining = None
        if settings.auto_available:
            self._go_available(span)
        else:
            # Not answered yet: nothing rings while the question is open.
            self._undecided = (span, desk.state) if settings.auto_available is None else None
            self._tell(NoticeKind.STARTED_BUTTON, span=span)

    def _answered(self, span: Span, settings: DutySettings) -> None:
        if settings.auto_available is None or self._undecided is None:
            return
        state = self._undecided[1]
        self._undecided = None
        # Only if the agent has not chosen meanwhile (available, or a break).
        if settings.auto_available and self._desk.state is state:
            self._go_available(span)

    def _go_available(self, span: Span) -> None:
        # Asked twice (a click, the demo's sign-in) is one request: the desk joins them.
        if self._desk.allowed(Action.GO_AVAILABLE):
            self._tasks.spawn(self._desk.go_available(), name="duty-available")
        self._tell(NoticeKind.STARTED_AVAILABLE, span=span)

    def _drain(self) -> None:
        span = self._draining
        if span is None:
            return
        desk = self._desk
        if desk.state in (DeskState.OFFLINE, DeskState.PAUSED):
            # The agent left by themselves: nothing is forced, the camera goes.
            self._draining = None
            return
        waiting = len(desk.queue)
        if desk.state is DeskState.AVAILABLE and waiting == 0:
            self._draining = None
            if desk.allowed(Action.GO_OFFLINE):
                self._tasks.spawn(desk.go_offline(), name="duty-offline")
            self._tell(NoticeKind.OFF_DUTY, span=span)
            return
        if waiting != self._last_calls_told:
            self._last_calls_told = waiting
            self._tell(NoticeKind.LAST_CALLS, span=span, count=waiting)

    def _remind(self, now: float, settings: DutySettings) -> None:
        for appointment in self._desk.day.upcoming_appointments():
            if state_of(appointment.state) is not AppointmentState.BOOKED:
                continue
            due = appointment.starts_at - settings.reminder_s
            if (
                due <= now < appointment.starts_at + REMINDER_GRACE_S
                and appointment.appointment_id not in self._reminded
            ):
                self._reminded.add(appointment.appointment_id)
                self._tell(NoticeKind.REMINDER, appointment=appointment)

    def _set_camera(self, wanted: bool) -> None:
        if wanted is not self.camera_wanted:
            self.camera_wanted = wanted
            self._camera.set_camera_wanted(wanted)

    def _schedule(self, now: float, settings: DutySettings) -> None:
        if self._cancel_wake is not None:
            self._cancel_wake()
        future = [
            t for t in self._desk.day.boundaries(settings.warm_up_s, settings.reminder_s) if t > now
        ]
        when = min([*future, now + MAX_SLEEP_S])
        self._cancel_wake = self._scheduler.call_at(when, self.evaluate)

    def _tell(
        self,
        kind: NoticeKind,
        *,
        span: Span | None = None,
        appointment: AppointmentLike | None = None,
        count: int = 0,
    ) -> None:
        notice = Notice(kind, self._desk.now(), span, appointment, count)
        self.last_notice = notice
        log.info("duty: %s", kind.value)
        self.notice.emit(notice)

    async def aclose(self) -> None:
        if self._cancel_wake is not None:
            self._cancel_wake()
            self._cancel_wake = None
        for unsubscribe in self._unsubscribes:
            unsubscribe()
        self._unsubscribes = []
        await self._tasks.aclose()
