"""HTTP side of the calendar: permanences, closures, slots, appointments, the
agent's .ics, closing a service early, and the test clock.

Supervisors manage the permanences and closures of their own agency; agents
and supervisors book appointments (agents in the services they serve).  Every
change runs as one step of the engine, so kiosks and agents hear of it (new
statuses, day plans) once it is committed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import msgspec
from aiohttp import web

from agentdesk.protocol import ErrorCode, ErrorReason, ProtocolError, Role, ServiceStatus
from agentdesk.protocol.http import OkResponse
from agentdesk.protocol.schedule import (
    Appointment,
    AppointmentChange,
    AppointmentDraft,
    AppointmentsResponse,
    AppointmentState,
    Closure,
    ClosureDraft,
    ClosuresResponse,
    CopyWeekRequest,
    Permanence,
    PermanenceDraft,
    PermanencesResponse,
    SlotsResponse,
)

from .auth import Claims
from .calendar_checks import calendar_of, check_booking, check_permanence, to_book
from .clock import SettableClock
from .engine import Engine
from .hours import Hours
from .http_api import json_response, parse_time, read_body
from .ical import calendar_ics
from .schedule import PARIS, ScheduleError, holiday_closures, iso_week_monday
from .stats import day_bounds
from .store import StoreError

T = TypeVar("T")
DAY_S = 86400.0
MAX_SLOTS_PERIOD_S = 400 * DAY_S
BAD_PERIOD = "until must come after since, and a period spans at most 400 days"


def _bad(exc: ScheduleError | StoreError) -> ProtocolError:
    missing = isinstance(exc, ScheduleError) and exc.missing
    text = exc.message if isinstance(exc, ScheduleError) else str(exc)
    reason = exc.reason if isinstance(exc, ScheduleError) else None
    return ProtocolError(
        ErrorCode.NOT_FOUND if missing else ErrorCode.BAD_MESSAGE, text, reason=reason
    )


class CalendarApi:
    def __init__(self, engine: Engine, hours: Hours, clock: SettableClock | None = None) -> None:
        self.engine = engine
        self.board = engine.board
        self.hours = hours
        self.store = engine.board.store
        self.clock = clock
        self._body_s = engine.board.settings.request_timeout_s

    def routes(self) -> list[web.RouteDef]:
        routes = [
            web.get("/api/v1/permanences", self.list_permanences),
            web.post("/api/v1/permanences", self.add_permanence),
            web.post("/api/v1/permanences/copy-week", self.copy_week),
            web.put("/api/v1/permanences/{id}", self.replace_permanence),
            web.delete("/api/v1/permanences/{id}", self.remove_permanence),
            web.get("/api/v1/closures", self.list_closures),
            web.post("/api/v1/closures", self.add_closure),
            web.delete("/api/v1/closures/{id}", self.remove_closure),
            web.post("/api/v1/services/{code}/close-now", self.close_now),
            web.get("/api/v1/slots", self.slots),
            web.get("/api/v1/appointments", self.list_appointments),
            web.post("/api/v1/appointments", self.book),
            web.put("/api/v1/appointments/{id}", self.change_appointment),
            web.delete("/api/v1/appointments/{id}", self.cancel_appointment),
            web.get("/api/v1/calendar.ics", self.ics),
        ]
        if self.clock is not None:
            routes.append(web.put("/api/v1/test/clock", self.set_clock))
        return routes

    # -- who may do what -----------------------------------------------------

    def _claims(self, request: web.Request, *roles: Role) -> Claims:
        # The account as it is now: disabled, deleted or demoted loses access at once.
        claims, agent = self.engine.credentials.bearer(request)
        if agent.role not in roles:
            raise ProtocolError(
                ErrorCode.FORBIDDEN,
                f"{claims.role} accounts may not do that",
                reason=ErrorReason.WRONG_ROLE,
            )
        return claims

    def _services(self, claims: Claims) -> list[str]:
        """The services a staff member acts on: a supervisor's agency's, an agent's own."""
        if claims.role is Role.SUPERVISOR:
            return self.board.agency_services(claims.agency)
        agent = self.board.store.agent(claims.sub)
        return agent.services if agent is not None else []

    def _own_service(self, claims: Claims, service: str) -> None:
        if service in self._services(claims):
            return
        if self.board.service_agency(service) is None:
            raise ProtocolError(
                ErrorCode.NOT_FOUND, f"no service {service}", reason=ErrorReason.UNKNOWN_SERVICE
            )
        raise ProtocolError(
            ErrorCode.FORBIDDEN,
            f"{service} is not one of your services",
            reason=ErrorReason.NOT_YOUR_SERVICE,
        )

    def _step(self, action: Callable[[], T]) -> T:
        """Runs ``action`` as one engine step; its messages go out once committed."""
        result: list[T] = []
        try:
            self.board.run(lambda: result.append(action()))
        except (ScheduleError, StoreError) as exc:
            raise _bad(exc) from None
        return result[0]

    # -- permanences ---------------------------------------------------------

    async def list_permanences(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        services = set(self._services(claims))
        wanted = request.query.get("service")
        if wanted:
            self._own_service(claims, wanted)
            services = {wanted}
        found = [p for p in self.store.permanences() if p.service in services]
        return json_response(PermanencesResponse(permanences=found))

    async def add_permanence(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        draft = await read_body(request, PermanenceDraft, self._body_s)
        self._own_service(claims, draft.service)
        saved = self._step(lambda: self._save(draft, claims, None))
        return json_response(saved, status=201)

    async def replace_permanence(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        permanence_id = request.match_info["id"]
        draft = await read_body(request, PermanenceDraft, self._body_s)
        self._own_permanence(claims, permanence_id)
        self._own_service(claims, draft.service)
        return json_response(self._step(lambda: self._save(draft, claims, permanence_id)))

    def _save(self, draft: PermanenceDraft, claims: Claims, replacing: str | None) -> Permanence:
        check_permanence(self.store, draft, replacing)
        saved = self.store.save_permanence(draft, self.board.clock(), replacing)
        self.board.log.event(
            "permanence_saved", permanence_id=saved.permanence_id, login=claims.sub
        )
        self._calendar_changed()
        return saved

    def _own_permanence(self, claims: Claims, permanence_id: str) -> Permanence:
        found = self.store.permanence(permanence_id)
        if found is None:
            raise ProtocolError(ErrorCode.NOT_FOUND, f"no permanence {permanence_id}")
        self._own_service(claims, found.service)
        return found

    async def remove_permanence(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        permanence_id = request.match_info["id"]
        self._own_permanence(claims, permanence_id)

        def remove() -> None:
            self.store.remove_permanence(permanence_id)
            self.board.log.event(
                "permanence_removed", permanence_id=permanence_id, login=claims.sub
            )
            self._calendar_changed()

        self._step(remove)
        return json_response(OkResponse())

    async def copy_week(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        body = await read_body(request, CopyWeekRequest, self._body_s)
        try:
            source, target = iso_week_monday(body.from_week), iso_week_monday(body.to_week)
        except ScheduleError as exc:
            raise _bad(exc) from None
        shift = target - source
        services = set(self._services(claims))
        week = {(source + dt.timedelta(days=i)).isoformat() for i in range(7)}

        def copy() -> list[Permanence]:
            made = []
            for perm in self.store.permanences():
                if perm.service in services and perm.date in week:
                    day = dt.date.fromisoformat(perm.date or "") + shift
                    fields = msgspec.structs.asdict(perm)
                    fields.pop("permanence_id")
                    fields["date"] = day.isoformat()
                    made.append(self._save(PermanenceDraft(**fields), claims, None))
            return made

        return json_response(PermanencesResponse(permanences=self._step(copy)), status=201)

    def _calendar_changed(self) -> None:
        self.hours.tick()
        self.hours.send_day_plans()

    # -- closures ------------------------------------------------------------

    async def list_closures(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        now = self.board.clock()
        this_year = dt.datetime.fromtimestamp(now, PARIS).year
        since = parse_time(
            request.query.get("since"),
            dt.datetime(this_year, 1, 1, tzinfo=PARIS).timestamp(),
            "since",
        )
        until = parse_time(
            request.query.get("until"),
            dt.datetime(this_year + 1, 1, 1, tzinfo=PARIS).timestamp(),
            "until",
        )
        if not since < until <= since + MAX_SLOTS_PERIOD_S:
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE,
                "until must come after since, within 400 days",
                reason=ErrorReason.BAD_PERIOD,
            )
        first = dt.datetime.fromtimestamp(since, PARIS).date()
        last = dt.datetime.fromtimestamp(until - 1, PARIS).date()
        closures = self.store.closures(claims.agency)
        closures += holiday_closures(claims.agency, first, last)
        return json_response(ClosuresResponse(closures=closures))

    async def add_closure(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        draft = await read_body(request, ClosureDraft, self._body_s)
        if draft.agency is not None and draft.agency != claims.agency:
            raise ProtocolError(ErrorCode.FORBIDDEN, "supervisors close their own agency only")
        if draft.service is not None:
            self._own_service(claims, draft.service)

        def add() -> Closure:
            closure = self.store.add_closure(draft, claims.agency)
            self.board.log.event("closure_added", closure_id=closure.closure_id, login=claims.sub)
            self._calendar_changed()
            return closure

        return json_response(self._step(add), status=201)

    async def remove_closure(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        closure_id = request.match_info["id"]
        if all(c.closure_id != closure_id for c in self.store.closures(claims.agency)):
            raise ProtocolError(ErrorCode.NOT_FOUND, f"no closure {closure_id} in your agency")

        def remove() -> None:
            self.store.remove_closure(closure_id)
            self._calendar_changed()

        self._step(remove)
        return json_response(OkResponse())

    async def close_now(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR)
        service = request.match_info["code"]
        self._own_service(claims, service)

        def close() -> ServiceStatus:
            self.hours.close_early(service, claims.sub)
            return self.hours.status(service, None)

        return json_response(self._step(close))

    # -- slots and the agent's calendar --------------------------------------

    def _period(self, request: web.Request, back: float, ahead: float) -> tuple[float, float]:
        now = self.board.clock()
        since = parse_time(request.query.get("since"), now - back, "since")
        until = parse_time(request.query.get("until"), now + ahead, "until")
        if not since < until <= since + MAX_SLOTS_PERIOD_S:
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE,
                "until must come after since, within 400 days",
                reason=ErrorReason.BAD_PERIOD,
            )
        return since, until

    async def slots(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        since, until = self._period(request, 0.0, 7 * DAY_S)
        service = request.query.get("service") or None
        if service is not None:
            self._own_service(claims, service)
        mine = set(self._services(claims))
        found = calendar_of(self.store).slots(
            since,
            until,
            service=service,
            kiosk_id=request.query.get("kiosk") or None,
            agent=request.query.get("agent") or None,
        )
        return json_response(SlotsResponse(slots=[s for s in found if s.service in mine]))

    async def ics(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        login = request.query.get("agent") or claims.sub
        agent = self.board.store.agent(login)
        if agent is None or agent.agency_id != claims.agency:
            raise ProtocolError(ErrorCode.NOT_FOUND, f"no agent {login} in your agency")
        if claims.role is Role.AGENT and login != claims.sub:
            raise ProtocolError(ErrorCode.FORBIDDEN, "agents export their own calendar only")
        since, until = self._period(request, 7 * DAY_S, 60 * DAY_S)
        services = set(agent.services)
        slots = [
            s
            for s in calendar_of(self.store).slots(since, until, agent=login)
            if s.service in services
        ]
        appointments = [
            a
            for a in self.store.appointments(since, until)
            if a.service in services and a.agent_login in (None, login)
        ]
        names = {k.id: k.display_name for k in self.board.store.kiosks()}
        body = calendar_ics(
            f"AgentDesk : {agent.display_name}",
            slots,
            appointments,
            names,
            self.board.clock(),
        )
        return web.Response(
            body=body,
            content_type="text/calendar",
            charset="utf-8",
            headers={"Content-Disposition": f'attachment; filename="{login}.ics"'},
        )

    # -- appointments --------------------------------------------------------

    async def list_appointments(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        text = request.query.get("day")
        try:
            day = dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE, f"day must be YYYY-MM-DD, not {text!r}"
            ) from None
        if day is None:
            day = dt.datetime.fromtimestamp(self.board.clock(), PARIS).date()
        since, until = day_bounds(day)
        mine = set(self._services(claims))
        agent = request.query.get("agent") or None
        found = [
            a
            for a in self.store.appointments(since, until, request.query.get("kiosk") or None)
            if a.service in mine and (agent is None or a.agent_login == agent)
        ]
        return json_response(AppointmentsResponse(appointments=found))

    async def book(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        draft = await read_body(request, AppointmentDraft, self._body_s)
        self._own_service(claims, draft.service)
        appointment = to_book(draft)

        def book() -> Appointment:
            check_booking(self.store, appointment)
            booked = self.store.book(appointment)
            self.board.log.event(
                "appointment_booked",
                appointment_id=booked.appointment_id,
                service=booked.service,
                kiosk_id=booked.kiosk_id,
                login=claims.sub,
            )
            self.hours.appointments_changed([booked.service])
            return booked

        return json_response(self._step(book), status=201)

    def _own_appointment(self, claims: Claims, appointment_id: str) -> Appointment:
        found = self.store.appointment(appointment_id)
        if found is None:
            raise ProtocolError(
                ErrorCode.NOT_FOUND,
                f"no appointment {appointment_id}",
                reason=ErrorReason.UNKNOWN_APPOINTMENT,
            )
        self._own_service(claims, found.service)
        if found.state is not AppointmentState.BOOKED:
            raise ProtocolError(
                ErrorCode.CONFLICT,
                f"this appointment is {found.state.value}",
                reason=ErrorReason.APPOINTMENT_NOT_BOOKED,
            )
        return found

    async def change_appointment(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        change = await read_body(request, AppointmentChange, self._body_s)
        found = self._own_appointment(claims, request.match_info["id"])
        fields = {k: v for k, v in msgspec.structs.asdict(change).items() if v is not None}
        changed = msgspec.structs.replace(found, **fields)
        self._own_service(claims, changed.service)

        def save() -> Appointment:
            check_booking(self.store, changed)
            self.store.save_appointment(changed)
            self.hours.appointments_changed({found.service, changed.service})
            return changed

        return json_response(self._step(save))

    async def cancel_appointment(self, request: web.Request) -> web.Response:
        claims = self._claims(request, Role.SUPERVISOR, Role.AGENT)
        found = self._own_appointment(claims, request.match_info["id"])
        cancelled = msgspec.structs.replace(found, state=AppointmentState.CANCELLED)

        def cancel() -> Appointment:
            self.store.save_appointment(cancelled)
            self.hours.appointments_changed([found.service])
            return cancelled

        return json_response(self._step(cancel))

    # -- the test clock ------------------------------------------------------

    async def set_clock(self, request: web.Request) -> web.Response:
        """Only with ``serve --test-clock`` (loopback only): moves the
        switchboard's clock, then re-evaluates everything timed."""
        assert self.clock is not None
        body = await read_body(request, ClockRequest, self._body_s)
        self.clock.set(body.now)
        self.board.run(self.hours.tick)
        return json_response(ClockRequest(now=self.board.clock()))


class ClockRequest(msgspec.Struct, kw_only=True):
    now: float
