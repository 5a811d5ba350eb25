"""The calendar at work inside the switchboard: each service's status at each
kiosk, pushed when it changes; the gate on ``queue_call``; honest wait
estimates; check-ins, no-shows and the agents' day plans.

Runs in the event loop's thread like the engine, inside the engine's steps
(``Board.run``), so its writes share the step's commit.  It owns one timer,
armed at the next instant something may change (a slot boundary, a no-show
deadline, midnight), re-armed after every change and when the clock moves.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable

import msgspec

from agentdesk.protocol import (
    DayPlan,
    EndReason,
    ErrorCode,
    ProtocolError,
    ServiceState,
    ServiceStatus,
    ServiceStatusChanged,
)
from agentdesk.protocol.schedule import (
    Appointment,
    AppointmentState,
    KioskAppointment,
    KioskName,
)

from .board import Board
from .calendar_checks import calendar_of
from .fanout import FanOut
from .holds import Holds
from .lifecycle import CallLifecycle
from .live import LiveCall, Peer
from .schedule import PARIS, Calendar, Opening, day_of
from .stats import day_bounds

# The timer re-checks at least this often, whatever the calendar says: edits
# made with the admin CLI while the switchboard runs show within this time.
MAX_TIMER_S = 60.0


def _count_only(before: tuple[int, int | None] | None, now: tuple[int, int | None]) -> bool:
    """Only the number of agents moved, and not to or from zero: no state changes."""
    return (
        before is not None
        and before[1] == now[1]
        and before[0] != now[0]
        and bool(before[0]) == bool(now[0])
    )


def _same_but_count(told: ServiceStatus, status: ServiceStatus) -> bool:
    return msgspec.structs.replace(told, agents_signed_in=status.agents_signed_in) == status


def _paris(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, PARIS).isoformat(timespec="minutes")


class Hours:
    def __init__(
        self, board: Board, lifecycle: CallLifecycle, fanout: FanOut, holds: Holds
    ) -> None:
        self.board = board
        self.lifecycle = lifecycle
        self.fanout = fanout
        self.holds = holds
        self.waits = fanout.waits
        self._counts: dict[str, tuple[int, int | None]] = {}
        """What each service's statuses were last computed from: agents signed
        in, and calls waiting where the count shows (``_closed_somewhere``)."""
        self._closed: dict[str, bool] = {}
        """Service -> whether it is closed now at some kiosk (``_closed_somewhere``)."""
        self.calendar = Calendar()
        self.dirty = False
        """Something a status depends on changed (agents, queues): ``refresh``."""
        self._openings: dict[tuple[str, str | None], Opening] = {}
        self._told: dict[tuple[str, str], ServiceStatus] = {}
        """(peer identity, service) -> the status it was last told."""
        self._timer: asyncio.TimerHandle | None = None
        self._held: set[str] = set()
        """Services whose ``agents_signed_in`` changed and is not told yet."""
        self._held_timer: asyncio.TimerHandle | None = None
        self._today = ""

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> None:
        now = self.board.clock()
        self.board.store.end_all_sessions(now)
        self._today = day_of(now).isoformat()
        self._restore_early_check_ins()
        self.tick()

    def close(self) -> None:
        for timer in (self._timer, self._held_timer):
            if timer is not None:
                timer.cancel()
        self._timer = self._held_timer = None

    def tick(self) -> None:
        """Time moved (the timer fired, the clock was set) or the calendar was
        edited: no-shows, a new day, statuses, then the next timer."""
        # Read again each time: the admin CLI may have changed the file.
        self.calendar = calendar_of(self.board.store)
        self._openings.clear()
        self._closed.clear()
        now = self.board.clock()
        self._record_no_shows(now)
        self._early_check_ins_due(now)
        today = day_of(now).isoformat()
        if today != self._today:
            self._today = today
            self.send_day_plans()
        self.dirty = True
        self.refresh()
        self._arm(now)

    def _arm(self, now: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        moments = self.calendar.boundaries_after(now)
        moments.append(day_bounds(day_of(now))[1])
        late = self.board.settings.appointment_late_s
        for appointment in self.board.store.appointments(
            since=now - late - 1, until=now + 2 * 86400
        ):
            if appointment.state is AppointmentState.BOOKED:
                moments.append(appointment.starts_at + late)
        moments.extend(due for due in self._early_check_ins().values() if due > now)
        delay = min([m - now for m in moments if m > now] + [MAX_TIMER_S])
        self._timer = asyncio.get_running_loop().call_later(
            max(0.0, delay) + 0.001, lambda: self.board.run(self.tick)
        )

    # -- statuses ------------------------------------------------------------

    def opening(self, service: str, kiosk_id: str | None) -> Opening:
        key = (service, kiosk_id)
        found = self._openings.get(key)
        if found is None:
            found = self._openings[key] = self.calendar.opening(
                service, kiosk_id, self.board.clock()
            )
        return found

    def _closed_somewhere(self, service: str) -> bool:
        """Whether the service is closed now at some kiosk (or for its agents):
        only then does the number of calls waiting show in its statuses (last
        calls), so only then must a queue change be told.  Without this, every
        call queued or taken re-examined every kiosk's status: with 2,000
        kiosks it held the switchboard's loop (bench/switchboard_load.py)."""
        found = self._closed.get(service)
        if found is None:
            found = not self.opening(service, None).open or any(
                not self.opening(service, kiosk.id).open for kiosk in self.board.store.kiosks()
            )
            self._closed[service] = found
        return found

    def _count(self, service: str) -> tuple[int, int]:
        """(agents signed in, calls waiting)."""
        return len(self.waits.signed_in(service)), len(self.board.acd.waiting(service))

    def status(
        self, service: str, kiosk_id: str | None, counts: tuple[int, int] | None = None
    ) -> ServiceStatus:
        opening = self.opening(service, kiosk_id)
        agents, waiting = counts or self._count(service)
        if opening.open:
            return ServiceStatus(
                service=service,
                state=ServiceState.OPEN if agents else ServiceState.NO_AGENT_YET,
                agents_signed_in=agents,
                closes_at=opening.slot.ends_at if opening.slot else None,
            )
        return ServiceStatus(
            service=service,
            state=ServiceState.LAST_CALLS if waiting else ServiceState.CLOSED,
            agents_signed_in=agents,
            next_opening=opening.next_opening,
            closure=opening.closure,
            waiting=waiting,
        )

    def statuses_for(self, peer: Peer) -> list[ServiceStatus]:
        """What ``welcome`` carries, remembered as told."""
        out = []
        for service in self._services_of(peer):
            status = self.status(service, None if peer.is_staff else peer.identity)
            self._told[(peer.identity, service)] = status
            out.append(status)
        return out

    def _services_of(self, peer: Peer) -> list[str]:
        if peer.is_staff:
            return sorted(peer.services)
        return sorted(self.calendar.service_agency)

    def refresh(self) -> None:
        """Tells every connected kiosk and agent of the statuses that changed.
        Only the services whose agents or queue changed are looked at again,
        unless time moved (``dirty``).  A change of ``agents_signed_in`` alone
        is held for the next round (``_send_held``)."""
        if not (self.dirty or self.fanout.changed):
            return
        self.fanout.changed = False
        counts = {s: self._count(s) for s in self.calendar.service_agency}
        shown = {
            s: (agents, waiting if self._closed_somewhere(s) else None)
            for s, (agents, waiting) in counts.items()
        }
        if self.dirty:
            changed = set(counts)
        else:
            changed = {s for s, c in shown.items() if self._counts.get(s) != c}
            # Another agent signing in (or one of several leaving) changes
            # nobody's state: hold those without looking at each peer.
            only_counts = {s for s in changed if _count_only(self._counts.get(s), shown[s])}
            self._hold(only_counts)
            changed -= only_counts
        self.dirty = False
        self._counts = shown
        if changed:
            self._tell(changed, counts, hold_counts=True)

    def _tell(
        self, services: set[str], counts: dict[str, tuple[int, int]], hold_counts: bool
    ) -> None:
        """Sends each peer the status of these services where it changed; with
        ``hold_counts``, a change of ``agents_signed_in`` alone is held."""
        held: set[str] = set()
        for peer in [*self.board.kiosks.values(), *self.board.agents.values()]:
            for service in self._services_of(peer):
                if service not in services:
                    continue
                kiosk_id = None if peer.is_staff else peer.identity
                status = self.status(service, kiosk_id, counts[service])
                key = (peer.identity, service)
                told = self._told.get(key)
                if told == status:
                    continue
                if hold_counts and told is not None and _same_but_count(told, status):
                    held.add(service)
                    continue
                self._told[key] = status
                self.board.reply(peer, ServiceStatusChanged(status=status))
        self._hold(held)

    def _hold(self, services: set[str]) -> None:
        """These services' counts go out at the next round, armed unless one is."""
        if not services:
            return
        self._held |= services
        if self._held_timer is None:
            self._held_timer = asyncio.get_running_loop().call_later(
                self.board.settings.status_count_interval_s,
                lambda: self.board.run(self._send_held),
            )

    def _send_held(self) -> None:
        """One round: every peer whose count of a held service is stale gets
        the status as it is now, all in one step."""
        self._held_timer = None
        services, self._held = self._held, set()
        counts = {s: self._count(s) for s in services if s in self.calendar.service_agency}
        self._tell(set(counts), counts, hold_counts=False)

    def forget(self, peer: Peer) -> None:
        for service in self._services_of(peer):
            self._told.pop((peer.identity, service), None)

    # -- the gate on queue_call ----------------------------------------------

    def refuse_unless_open(self, service: str, kiosk_id: str, checking_in: bool) -> None:
        """Raises ``closed`` unless a new caller may queue (a check-in may still
        queue in ``last_calls``).  A refusal is counted for the figures."""
        status = self.status(service, kiosk_id)
        if status.state.accepts_callers:
            return
        if checking_in and status.state is ServiceState.LAST_CALLS:
            return
        self.board.store.refused(self.board.clock(), service, kiosk_id)
        when = (
            f"it opens next at {_paris(status.next_opening)}"
            if status.next_opening is not None
            else "no opening is planned in the next 60 days"
        )
        raise ProtocolError(
            ErrorCode.CLOSED,
            f"{service} is closed at this kiosk; {when}",
            next_opening=status.next_opening,
        )

    # -- closing early -------------------------------------------------------

    def close_early(self, service: str, login: str) -> None:
        """Closes ``service`` until the end of its current slots (at any kiosk)
        or, unscheduled, until midnight; every waiting call is abandoned, its
        kiosk told when the service opens next."""
        now = self.board.clock()
        current = [
            s
            for s in self.calendar.day_slots(day_of(now), [service])
            if s.starts_at <= now < s.ends_at
        ]
        if current:
            until = max(s.ends_at for s in current)
        elif self.calendar.scheduled(service):
            raise ProtocolError(ErrorCode.CONFLICT, f"{service} is not open now")
        else:
            until = day_bounds(day_of(now))[1]
        self.board.store.close_early(service, now, until, login)
        self.board.log.event("service_closed_early", service=service, login=login, until=until)
        self.tick()
        next_opening = self.opening(service, None).next_opening
        for entry in list(self.board.acd.waiting(service)):
            call = self.board.calls.get(entry.call_id)
            if call is not None:
                self.lifecycle.abandon(
                    call, "service_closed", EndReason.SERVICE_CLOSED, next_opening
                )
        self.dirty = True

    # -- appointments --------------------------------------------------------

    def find_for_check_in(
        self, kiosk_id: str, service: str, appointment_id: str | None, code: str | None
    ) -> Appointment:
        """The appointment a kiosk checks in, or the error saying why not."""
        if code is not None:
            found = self.board.store.appointment_by_code(kiosk_id, code)
        else:
            found = self.board.store.appointment(appointment_id or "")
        if found is None or found.kiosk_id != kiosk_id:
            raise ProtocolError(ErrorCode.NOT_FOUND, "no such appointment at this kiosk")
        if found.service != service:
            raise ProtocolError(
                ErrorCode.CONFLICT, f"this appointment is with {found.service}, not {service}"
            )
        if found.state is not AppointmentState.BOOKED:
            raise ProtocolError(ErrorCode.CONFLICT, f"this appointment is {found.state.value}")
        now = self.board.clock()
        if day_of(found.starts_at) != day_of(now):
            raise ProtocolError(
                ErrorCode.CONFLICT, f"this appointment is at {_paris(found.starts_at)}"
            )
        return found

    def is_due(self, appointment: Appointment) -> bool:
        settings, now = self.board.settings, self.board.clock()
        return (
            self._falls_due_at(appointment)
            <= now
            <= appointment.starts_at + settings.appointment_late_s
        )

    def checked_in(self, appointment: Appointment, call: LiveCall) -> None:
        self._change(
            msgspec.structs.replace(
                appointment,
                state=AppointmentState.CHECKED_IN,
                checked_in_at=self.board.clock(),
                call_id=call.id,
            )
        )
        if not call.row.appointment_due:
            call.falls_due_at = self._falls_due_at(appointment)
        self._arm(self.board.clock())  # an early check-in falls due on time

    def reserve(self, call: LiveCall, appointment: Appointment) -> None:
        """The call of a checked-in appointment goes to its own agent first, if
        they are signed in, for ``appointment_agent_grace_s`` (holds.py)."""
        login = appointment.agent_login
        if login is not None and login in self.board.agents:
            self.holds.hold(call, login, self._unreserve)

    def resume_reservation(self, call: LiveCall) -> None:
        """At start-up: the hold for the appointment's own agent goes on for
        the time it had left when the switchboard stopped."""
        self.holds.resume(call, self._unreserve)

    def _unreserve(self, call_id: str) -> None:
        call = self.board.calls.get(call_id)
        if call is not None:
            self.holds.release(call)

    def _change(self, appointment: Appointment) -> None:
        self.board.store.save_appointment(appointment)
        self.board.log.event(
            "appointment_" + appointment.state.value,
            appointment_id=appointment.appointment_id,
            service=appointment.service,
            kiosk_id=appointment.kiosk_id,
        )
        self.send_day_plans([appointment.service])

    def appointments_changed(self, services: Iterable[str]) -> None:
        """Booked, changed or cancelled: the agents' day plans, the no-show timer."""
        self.send_day_plans(services)
        self._arm(self.board.clock())

    def _record_no_shows(self, now: float) -> None:
        late = self.board.settings.appointment_late_s
        for appointment in self.board.store.appointments(since=now - 7 * 86400, until=now - late):
            if appointment.state is AppointmentState.BOOKED:
                self._change(msgspec.structs.replace(appointment, state=AppointmentState.NO_SHOW))

    def _early_check_ins(self) -> dict[str, float]:
        """Waiting calls of residents who checked in before their appointment
        was due -> the instant it falls due."""
        acd = self.board.acd
        return {
            call.id: call.falls_due_at
            for call in self.board.calls.values()
            if call.falls_due_at is not None and not call.row.appointment_due and call.id in acd
        }

    def _restore_early_check_ins(self) -> None:
        """At start: when each restored early check-in falls due, read once."""
        for call in self.board.calls.values():
            row = call.row
            if row.appointment_id is not None and not row.appointment_due:
                appointment = self.board.store.appointment(row.appointment_id)
                if appointment is not None:
                    call.falls_due_at = self._falls_due_at(appointment)

    def _falls_due_at(self, appointment: Appointment) -> float:
        """When an appointment falls due: its time, less the early margin."""
        return appointment.starts_at - self.board.settings.appointment_early_s

    def _early_check_ins_due(self, now: float) -> None:
        """From 30 min before their time they go before walk-ins, as if they
        had checked in then (they keep their arrival among the due ones)."""
        for call_id, due in self._early_check_ins().items():
            if due <= now:
                self.lifecycle.appointment_fell_due(self.board.calls[call_id])

    def kiosk_list(self, kiosk_id: str) -> list[KioskAppointment]:
        """Today's appointments at a kiosk still to check in (first names only)."""
        since, until = day_bounds(day_of(self.board.clock()))
        return [
            KioskAppointment(
                appointment_id=a.appointment_id,
                first_name=(a.resident_name.split() or [""])[0],
                starts_at=a.starts_at,
                service=a.service,
            )
            for a in self.board.store.appointments(since, until, kiosk_id)
            if a.state is AppointmentState.BOOKED
        ]

    # -- the agents' day -----------------------------------------------------

    def day_plan(self, login: str, services: Iterable[str]) -> DayPlan:
        now = self.board.clock()
        mine = set(services)
        slots = [
            s
            for s in self.calendar.day_slots(day_of(now), mine)
            if not s.agent_logins or login in s.agent_logins
        ]
        since, until = day_bounds(day_of(now))
        appointments = [
            a
            for a in self.board.store.appointments(since, until)
            if a.service in mine
            and a.agent_login in (None, login)
            and a.state is not AppointmentState.CANCELLED
        ]
        kiosks = [
            KioskName(kiosk_id=k.id, name=k.display_name, commune=k.commune)
            for k in self.board.store.kiosks()
        ]
        return DayPlan(
            date=day_of(now).isoformat(), slots=slots, appointments=appointments, kiosks=kiosks
        )

    def send_day_plans(self, services: Iterable[str] | None = None) -> None:
        """To every connected agent (of these services)."""
        wanted = None if services is None else set(services)
        for peer in self.board.agents.values():
            if wanted is None or peer.services & wanted:
                self.board.reply(peer, self.day_plan(peer.identity, peer.services))
