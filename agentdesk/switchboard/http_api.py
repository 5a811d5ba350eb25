"""HTTP side: login and tokens, the supervisor's reports, health."""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import msgspec
from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest
from aiohttp.web_server import Server

from agentdesk import __version__
from agentdesk.protocol import MAX_MESSAGE_BYTES, Error, ErrorCode, ErrorReason, ProtocolError
from agentdesk.protocol.codec import TOO_DEEP
from agentdesk.protocol.figures import AgencyResponse, AgencySettingsUpdate
from agentdesk.protocol.http import (
    CallEventRecord,
    CallRecord,
    CallsResponse,
    HealthResponse,
    LoginRequest,
    LogoutRequest,
    OkResponse,
    QueuesResponse,
    RefreshRequest,
    TokenResponse,
)

from .auth import Claims, verify_password
from .calendar_figures import calendar_figures
from .engine import Engine
from .live import LiveCall
from .logs import EventLog
from .stats import MAX_PERIOD_S, PARIS, day_bounds, day_stats
from .store import StoreError
from .throttle import SLOW_S, LoginThrottle, ThrottleVerdict

T = TypeVar("T")
LOG_KEY: web.AppKey[Any] = web.AppKey("log", object)

_STATUS = {
    ErrorCode.BAD_MESSAGE: 400,
    ErrorCode.UNSUPPORTED_VERSION: 400,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.CLOSED: 409,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.INTERNAL: 500,
}
# The code an HTTP status stands for (400 is bad_message, 409 conflict).
_CODES = {
    status: code
    for code, status in _STATUS.items()
    if code not in (ErrorCode.UNSUPPORTED_VERSION, ErrorCode.CLOSED)
}
_encoder = msgspec.json.Encoder()


def json_response(body: msgspec.Struct, status: int = 200) -> web.Response:
    return web.Response(body=_encoder.encode(body), status=status, content_type="application/json")


def error_response(
    code: ErrorCode,
    message: str,
    next_opening: float | None = None,
    reason: ErrorReason | None = None,
    retry_after_s: float | None = None,
) -> web.Response:
    error = Error(
        code=code.value,
        message=message,
        next_opening=next_opening,
        reason=reason,
        retry_after_s=retry_after_s,
    )
    response = json_response(error, _STATUS[code])
    if retry_after_s is not None:
        response.headers["Retry-After"] = str(math.ceil(retry_after_s))
    return response


@web.middleware
async def errors_middleware(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except SlowBody as exc:
        response = error_response(exc.code, exc.message)
        response.force_close()
        return response
    except ProtocolError as exc:
        return error_response(
            exc.code, exc.message, exc.next_opening, exc.reason, exc.retry_after_s
        )
    except web.HTTPRequestEntityTooLarge:
        return error_response(ErrorCode.TOO_LARGE, f"body over {MAX_MESSAGE_BYTES} bytes")
    except web.HTTPNotFound:
        return error_response(ErrorCode.NOT_FOUND, f"no such endpoint: {request.path}")
    except web.HTTPMethodNotAllowed:
        return error_response(ErrorCode.BAD_MESSAGE, f"{request.method} not allowed here")
    except web.HTTPException:
        raise
    except ConnectionError:
        # The client went away mid-request: its fault, nothing to answer.
        request.app[LOG_KEY].event("client_gone", path=request.path)
        raise
    except Exception as exc:
        log = request.app[LOG_KEY]
        log.exception("http_handler_failed", exc, path=request.path)
        return error_response(ErrorCode.INTERNAL, "internal error; the switchboard logged it")


class SlowBody(ProtocolError):
    """The body did not arrive in time: answered, then the connection closes."""


class JsonErrorsProtocol(RequestHandler):
    """aiohttp answers requests its parser refuses (an oversized header, a
    broken request line) itself, as plain text, and logs a traceback: here
    they get the JSON error body and one line of log, like every other error."""

    def __init__(self, manager: Server, log: EventLog, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._log = log

    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        code = _CODES.get(status, ErrorCode.INTERNAL)
        # Not the parser's own words: they quote the request (a token, say).
        reason = (
            "malformed request, or a request line or header over 8190 bytes"
            if status == 400
            else f"HTTP {status}"
        )
        self._log.event("http_refused", status=status, error=type(exc).__name__)
        if request.writer.output_size > 0:
            raise ConnectionError("response already started")
        response = error_response(code, reason)
        response.force_close()
        return response


async def read_body(request: web.Request, kind: type[T], within_s: float) -> T:
    try:
        async with asyncio.timeout(within_s):
            raw = await request.read()
    except TimeoutError:
        raise SlowBody(
            ErrorCode.BAD_MESSAGE, f"the request body did not arrive within {within_s:g} s"
        ) from None
    try:
        return msgspec.json.decode(raw, type=kind)
    except msgspec.ValidationError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, str(exc)) from None
    except msgspec.DecodeError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"not valid JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, TOO_DEEP) from None


def parse_time(text: str | None, default: float, name: str) -> float:
    if text is None or text == "":
        return default
    bad = ProtocolError(
        ErrorCode.BAD_MESSAGE, f"{name} must be ISO 8601 or Unix seconds, not {text[:40]!r}"
    )
    try:
        value = float(text)
    except ValueError:
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=PARIS)
            value = moment.timestamp()
        except (ValueError, OverflowError):
            raise bad from None
    # nan, inf and 1e999 are floats, not times.
    if not math.isfinite(value):
        raise bad
    return value


def _period(request: web.Request) -> tuple[float, float]:
    """``since``/``until`` of a request: [until - 1 day, now + 1 s) by default,
    ``until`` after ``since``, at most MAX_PERIOD_S long."""
    until = parse_time(request.query.get("until"), time.time() + 1.0, "until")
    since = parse_time(request.query.get("since"), until - 86400.0, "since")
    if not until > since:
        raise ProtocolError(
            ErrorCode.BAD_MESSAGE, "until must come after since", reason=ErrorReason.BAD_PERIOD
        )
    if until - since > MAX_PERIOD_S:
        raise ProtocolError(
            ErrorCode.BAD_MESSAGE, "a period spans at most 400 days", reason=ErrorReason.BAD_PERIOD
        )
    return since, until


class HttpApi:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._throttle = LoginThrottle()
        self._body_s = engine.board.settings.request_timeout_s

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/api/v1/login", self.login),
            web.post("/api/v1/refresh", self.refresh),
            web.post("/api/v1/logout", self.logout),
            web.get("/api/v1/queues", self.queues),
            web.get("/api/v1/calls", self.calls),
            web.get("/api/v1/stats", self.stats),
            web.get("/api/v1/figures", self.figures),
            web.get("/api/v1/agency", self.agency),
            web.put("/api/v1/agency/settings", self.agency_settings),
            web.get("/healthz", self.health),
        ]

    # -- tokens --------------------------------------------------------------

    def _tokens(self, login: str, family: str) -> TokenResponse:
        engine = self.engine
        agent = engine.board.store.agent(login)
        if agent is None or agent.disabled:
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED,
                "this account is disabled or no longer exists",
                reason=ErrorReason.ACCOUNT_DISABLED,
            )
        refresh = secrets.token_urlsafe(32)
        engine.board.store.add_refresh_token(
            refresh, login, engine.board.settings.refresh_ttl_s, family
        )
        return TokenResponse(
            access_token=engine.signer.issue(login, agent.role, agent.agency_id, family=family),
            refresh_token=refresh,
            expires_in=engine.signer.access_ttl_s,
            role=agent.role,
            login=login,
            display_name=agent.display_name,
            agency=agent.agency_id,
            services=agent.services,
        )

    async def login(self, request: web.Request) -> web.Response:
        body = await read_body(request, LoginRequest, self._body_s)
        source = self._source(request)
        log = self.engine.board.log
        now = time.monotonic()
        verdict = self._throttle.check(source, body.login, now)
        if verdict is ThrottleVerdict.REFUSE:
            log.event("login_throttled", login=body.login[:64], source=source)
            raise ProtocolError(
                ErrorCode.RATE_LIMITED,
                "too many failed logins from here: wait a few minutes",
                reason=ErrorReason.TOO_MANY_ATTEMPTS,
                retry_after_s=self._throttle.retry_after(source, body.login, now),
            )
        if verdict is ThrottleVerdict.SLOW:
            await asyncio.sleep(SLOW_S)
        agent = self.engine.board.store.agent(body.login)
        # A missing account costs the same hashing time as a wrong password.
        stored = agent.password_hash if agent else "scrypt$16384$8$1$00$00"
        ok = await asyncio.to_thread(verify_password, stored, body.password)
        if agent is None or not ok:
            self._throttle.failed(source, body.login, time.monotonic())
            log.event("login_failed", login=body.login[:64], source=source)
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED, "wrong login or password", reason=ErrorReason.WRONG_PASSWORD
            )
        if agent.disabled:
            # Said only to whoever knows the password: it tells them whom to call.
            log.event("login_disabled", login=agent.login, source=source)
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED,
                "this account is disabled",
                reason=ErrorReason.ACCOUNT_DISABLED,
            )
        self._throttle.succeeded(source, body.login)
        log.event("login", login=agent.login)
        return json_response(self._tokens(agent.login, secrets.token_hex(16)))

    def _source(self, request: web.Request) -> str:
        """The client's address: the TCP peer, or, behind a trusted proxy,
        the last address of X-Forwarded-For (the one the proxy added)."""
        remote = request.remote or "?"
        if remote in self.engine.board.settings.trusted_proxies:
            forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
            if forwarded:
                return forwarded[:64]
        return remote

    async def refresh(self, request: web.Request) -> web.Response:
        body = await read_body(request, RefreshRequest, self._body_s)
        used = self.engine.board.store.use_refresh_token(body.refresh_token)
        if used is None:
            # A used token replayed revokes its whole sign-in: end its sessions.
            self.engine.connections.audit()
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED,
                "invalid, used or expired refresh token",
                reason=ErrorReason.TOKEN_EXPIRED,
            )
        return json_response(self._tokens(*used))

    async def logout(self, request: web.Request) -> web.Response:
        body = await read_body(request, LogoutRequest, self._body_s)
        if self.engine.board.store.revoke_family(body.refresh_token) is not None:
            self.engine.connections.audit()
        return json_response(OkResponse())

    # -- supervisors ---------------------------------------------------------

    def _supervisor(self, request: web.Request) -> Claims:
        return self.engine.credentials.supervisor(request)

    async def queues(self, request: web.Request) -> web.Response:
        claims = self._supervisor(request)
        services = self._own_agency(request, claims)
        queues = self.engine.fanout.queues(services, None, with_agents=True)
        return json_response(QueuesResponse(agency=claims.agency, at=time.time(), queues=queues))

    async def calls(self, request: web.Request) -> web.Response:
        claims = self._supervisor(request)
        services = self._own_agency(request, claims)
        now = time.time()
        since, until = _period(request)
        rows = self.engine.board.store.calls_between(since, until, services) if services else []
        events = self.engine.board.store.events_of([r.id for r in rows])
        records = []
        for row in rows:
            live = self.engine.board.calls.get(row.id)
            view = live or LiveCall(row, *self._kiosk_names(row.kiosk_id))
            records.append(
                CallRecord(
                    call=view.info(now),
                    origin_service=row.origin_service,
                    answered_at=row.answered_at,
                    connected_at=row.connected_at,
                    ended_at=row.ended_at,
                    end_reason=row.end_reason,
                    outcome=row.outcome,
                    events=[
                        CallEventRecord(
                            seq=e.seq,
                            at=e.at,
                            event=e.event,
                            state=e.state,
                            agent_login=e.agent_login,
                            detail=e.detail,
                        )
                        for e in events.get(row.id, [])
                    ],
                )
            )
        return json_response(
            CallsResponse(agency=claims.agency, since=since, until=until, calls=records)
        )

    def _kiosk_names(self, kiosk_id: str) -> tuple[str, str]:
        kiosk = self.engine.board.store.kiosk(kiosk_id)
        return (kiosk.display_name, kiosk.commune) if kiosk else (kiosk_id, "")

    async def stats(self, request: web.Request) -> web.Response:
        claims = self._supervisor(request)
        text = request.query.get("day")
        services = self._own_agency(request, claims)
        try:
            day = dt.date.fromisoformat(text) if text else dt.datetime.now(PARIS).date()
            since, until = day_bounds(day)
        except (ValueError, OverflowError):
            shown = (text or "")[:40]
            raise ProtocolError(
                ErrorCode.BAD_MESSAGE, f"day must be a date as YYYY-MM-DD, not {shown!r}"
            ) from None
        rows = self.engine.board.store.calls_between(since, until, services) if services else []
        events = self.engine.board.store.events_of([r.id for r in rows])
        return json_response(day_stats(claims.agency, day, rows, events))

    # -- supervision: figures of a period, the agency's offices and settings --

    def _own_agency(self, request: web.Request, claims: Claims) -> list[str]:
        """The services a request may read: the supervisor's agency only."""
        asked = request.query.get("agency")
        if asked is not None and asked != claims.agency:
            raise ProtocolError(ErrorCode.FORBIDDEN, "supervisors see their own agency only")
        services = self.engine.board.agency_services(claims.agency)
        service = request.query.get("service")
        if service is None or service == "":
            return services
        if service not in services:
            if self.engine.board.service_agency(service) is None:
                raise ProtocolError(ErrorCode.NOT_FOUND, f"no service {service!r}")
            raise ProtocolError(ErrorCode.FORBIDDEN, f"{service} is not a service of your agency")
        return [service]

    async def figures(self, request: web.Request) -> web.Response:
        claims = self._supervisor(request)
        services = self._own_agency(request, claims)
        since, until = _period(request)
        store = self.engine.board.store
        names = {a.login: a.display_name for a in store.agents(claims.agency)}
        body = await asyncio.to_thread(
            store.period_figures,
            claims.agency,
            services,
            since,
            until,
            store.agency_settings(claims.agency),
            store.offices(claims.agency),
            names,
        )
        calendar = calendar_figures(store, services, since, until, self.engine.board.clock())
        # From the same rows as the groups, so the card and the tables agree.
        total = body.total
        answers = {"good": total.rated_good, "neutral": total.rated_neutral, "bad": total.rated_bad}
        satisfaction = {rating: n for rating, n in answers.items() if n}
        return json_response(msgspec.structs.replace(body, **calendar, satisfaction=satisfaction))

    def _agency_body(self, agency: str) -> AgencyResponse:
        store = self.engine.board.store
        name = next((a.name for a in store.agencies() if a.id == agency), agency)
        return AgencyResponse(
            agency=agency,
            name=name,
            services=self.engine.board.agency_services(agency),
            offices=store.offices(agency),
            settings=store.agency_settings(agency),
        )

    async def agency(self, request: web.Request) -> web.Response:
        claims = self._supervisor(request)
        self._own_agency(request, claims)
        return json_response(self._agency_body(claims.agency))

    async def agency_settings(self, request: web.Request) -> web.Response:
        claims = self._supervisor(request)
        self._own_agency(request, claims)
        update = await read_body(request, AgencySettingsUpdate, self._body_s)
        try:
            self.engine.board.store.set_agency_settings(claims.agency, update)
        except StoreError as exc:
            raise ProtocolError(ErrorCode.NOT_FOUND, str(exc)) from None
        self.engine.board.log.event("agency_settings", login=claims.sub)
        return json_response(self._agency_body(claims.agency))

    async def health(self, request: web.Request) -> web.Response:
        engine = self.engine
        return json_response(
            HealthResponse(
                status="ok",
                version=__version__,
                uptime_s=round(time.time() - engine.board.started_at, 3),
                kiosks_online=len(engine.board.kiosks),
                agents_online=len(engine.board.agents),
                calls_waiting=len(engine.board.acd),
            )
        )
