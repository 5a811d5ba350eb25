"""The supervisor's side of the switchboard: HTTP figures and the live feed.

This module uses aiohttp; the Qt widgets never import it (the app builds a
:class:`SupervisionSession` and hands its Qt-free models to the view).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import ssl
from collections.abc import Awaitable, Callable
from typing import TypeVar

from agentdesk.client import AuthError, SwitchboardClient, http_base
from agentdesk.client.bookings import ApiBookings
from agentdesk.client.calendar import CalendarClient
from agentdesk.client.rest import RestClient, RestError, TokenKeeper
from agentdesk.desk.tasks import TaskOwner
from agentdesk.protocol import (
    Ack,
    Base,
    ConnectionState,
    Error,
    FeedEvent,
    Hello,
    QueueSnapshot,
    Role,
    Subscribe,
)
from agentdesk.protocol.figures import (
    AgencyResponse,
    AgencySettings,
    AgencySettingsUpdate,
    FiguresResponse,
)
from agentdesk.protocol.fleet import KiosksResponse
from agentdesk.protocol.schedule import (
    Closure,
    ClosureDraft,
    Permanence,
    PermanenceDraft,
    ServiceStatus,
    Slot,
)

from .board import FeedStatus, LiveBoard
from .errors import Problem, SupervisionError
from .figures import FiguresModel
from .fleet import FleetModel

log = logging.getLogger(__name__)
T = TypeVar("T")


_STATUS_PROBLEM = {401: Problem.UNAUTHORIZED, 403: Problem.FORBIDDEN}


def problem_of(exc: RestError) -> SupervisionError:
    if exc.status is None:
        return SupervisionError(Problem.UNREACHABLE, exc.message)
    if exc.code == "bad_reply":
        return SupervisionError(Problem.BAD_REPLY, exc.message)
    return SupervisionError(
        _STATUS_PROBLEM.get(exc.status, Problem.REFUSED),
        exc.message,
        code=exc.code,
        reason=exc.reason,
    )


class SupervisorApi:
    """GET /api/v1/figures, GET /api/v1/agency, PUT /api/v1/agency/settings."""

    def __init__(self, tokens: TokenKeeper, timeout_s: float = 30.0) -> None:
        self.tokens = tokens
        self.rest = RestClient(tokens, timeout_s)

    async def _call(
        self, method: str, path: str, kind: type[T], params: dict[str, str], body: object | None
    ) -> T:
        try:
            return await self.rest.call(method, path, kind, params, body)
        except RestError as exc:
            raise problem_of(exc) from exc

    async def figures(
        self, since: float, until: float, service: str | None = None
    ) -> FiguresResponse:
        params = {"since": repr(since), "until": repr(until)}
        if service:
            params["service"] = service
        return await self._call("GET", "/api/v1/figures", FiguresResponse, params, None)

    async def agency(self) -> AgencyResponse:
        return await self._call("GET", "/api/v1/agency", AgencyResponse, {}, None)

    async def kiosks(self) -> KiosksResponse:
        return await self._call("GET", "/api/v1/kiosks", KiosksResponse, {}, None)

    async def update_settings(self, update: AgencySettingsUpdate) -> AgencySettings:
        reply = await self._call("PUT", "/api/v1/agency/settings", AgencyResponse, {}, update)
        return reply.settings

    async def aclose(self) -> None:
        await self.rest.aclose()


async def _guarded(call: Awaitable[T]) -> T:
    try:
        return await call
    except RestError as exc:
        raise problem_of(exc) from exc


class SupervisorCalendar:
    """The calendar API for the editor: failures become SupervisionError."""

    def __init__(self, api: CalendarClient) -> None:
        self.api = api

    async def permanences(self) -> list[Permanence]:
        return await _guarded(self.api.permanences())

    async def add_permanence(self, draft: PermanenceDraft) -> Permanence:
        return await _guarded(self.api.add_permanence(draft))

    async def update_permanence(self, permanence_id: str, draft: PermanenceDraft) -> Permanence:
        return await _guarded(self.api.update_permanence(permanence_id, draft))

    async def remove_permanence(self, permanence_id: str) -> None:
        await _guarded(self.api.remove_permanence(permanence_id))

    async def copy_week(self, from_week: str, to_week: str) -> list[Permanence]:
        return await _guarded(self.api.copy_week(from_week, to_week))

    async def closures(self, since: str, until: str) -> list[Closure]:
        return await _guarded(self.api.closures(since, until))

    async def add_closure(self, draft: ClosureDraft) -> Closure:
        return await _guarded(self.api.add_closure(draft))

    async def remove_closure(self, closure_id: str) -> None:
        await _guarded(self.api.remove_closure(closure_id))

    async def slots(self, since: float, until: float) -> list[Slot]:
        return await _guarded(self.api.slots(since, until))

    async def close_now(self, service: str) -> ServiceStatus:
        return await _guarded(self.api.close_now(service))


class LiveFeed:
    """A supervisor's WebSocket: subscribes after every (re)connection and
    feeds the board.  Nothing is polled."""

    def __init__(self, url: str, tokens: TokenKeeper, board: LiveBoard) -> None:
        self.board = board
        self._tokens = tokens
        self._ids = itertools.count(1)
        self._subscribe_id: str | None = None
        self._awaiting_snapshot = False
        self._tasks = TaskOwner()
        self.client = SwitchboardClient(
            url, self._hello, ssl_context=tokens.ssl, name="supervision"
        )
        self.client.add_listener(self._on_message)
        self.client.add_state_listener(self._on_state)

    async def _hello(self) -> Hello:
        try:
            token = await self._tokens.access()
        except AuthError as exc:
            raise SupervisionError(Problem.UNAUTHORIZED, exc.detail) from exc
        return Hello(role=Role.SUPERVISOR, token=token, client="supervision")

    def start(self) -> None:
        self.client.start()

    def _on_state(self, state: ConnectionState, _problem: str | None) -> None:
        if state is ConnectionState.CONNECTED:
            self._tasks.spawn(self._subscribe(), "supervision-subscribe")
        elif state in (ConnectionState.UNAUTHORIZED, ConnectionState.REPLACED):
            self.board.set_status(FeedStatus.REFUSED)
        elif state is not ConnectionState.CLOSED:
            self.board.set_status(
                FeedStatus.LOST if self.board.status is FeedStatus.LIVE else FeedStatus.CONNECTING
            )

    async def _subscribe(self) -> None:
        self._subscribe_id = f"supervision-subscribe-{next(self._ids)}"
        with contextlib.suppress(Exception):
            await self.client.send(Subscribe(id=self._subscribe_id))

    def _on_message(self, message: Base) -> None:
        match message:
            case FeedEvent():
                if not self._awaiting_snapshot:
                    self.board.apply(message)
            case Ack() if message.ref is not None and message.ref == self._subscribe_id:
                # The full snapshot follows the ack; snapshots sent to a
                # supervisor who also serves a service (capped, without
                # agents) are not it.
                self._awaiting_snapshot = True
            case Error() if message.ref is not None and message.ref == self._subscribe_id:
                self.board.set_status(FeedStatus.REFUSED)
            case QueueSnapshot() if self._awaiting_snapshot:
                self._awaiting_snapshot = False
                self.board.load_snapshot(message)
            case _:
                pass

    async def aclose(self) -> None:
        await self._tasks.aclose()
        await self.client.close()


class SupervisionSession:
    """Everything the supervision view needs, built from a signed-in session."""

    def __init__(
        self,
        ws_url: str,
        access_token: str,
        refresh_token: str,
        expires_in: float,
        *,
        on_rotated: Callable[[str], None] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.tokens = TokenKeeper(
            http_base(ws_url),
            access_token,
            refresh_token,
            expires_in,
            on_rotated=on_rotated,
            ssl_context=ssl_context,
        )
        self.api = SupervisorApi(self.tokens)
        calendar_api = CalendarClient(self.tokens, self.api.rest)
        self.calendar = SupervisorCalendar(calendar_api)
        self.bookings = ApiBookings(calendar_api)
        """Supervisors book, change and cancel appointments too."""
        self.board = LiveBoard()
        self.figures = FiguresModel(self.api.figures)
        self.fleet = FleetModel(self.api.kiosks)
        self.feed = LiveFeed(ws_url, self.tokens, self.board)
        self.agency: AgencyResponse | None = None

    async def start(self) -> AgencyResponse:
        """Reads the agency (services, thresholds), then follows the feed."""
        agency = await self.api.agency()
        self.agency = agency
        self.board.services = sorted(agency.services)
        self.board.alert_wait_s = agency.settings.alert_wait_s
        self.figures.agency_name = agency.name
        self.feed.start()
        return agency

    async def save_settings(self, update: AgencySettingsUpdate) -> AgencySettings:
        settings = await self.api.update_settings(update)
        self.board.alert_wait_s = settings.alert_wait_s
        return settings

    async def aclose(self) -> None:
        await self.feed.aclose()
        await self.api.aclose()
