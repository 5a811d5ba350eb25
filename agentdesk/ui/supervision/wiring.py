"""Opening the supervision view for a supervisor who signed in (called by the
app).  The aiohttp-based session is imported when a supervisor signs in, so
the widgets themselves never import aiohttp."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Awaitable, Callable
from typing import Protocol

from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from agentdesk.desk import SignedIn, SignInError, SignInProblem
from agentdesk.supervision import Problem, SupervisionError
from agentdesk.supervision.calendar import CalendarModel

from .view import SupervisionView


class Host(Protocol):
    """What the main window offers (``MainWindow.show_supervision``, its tray)."""

    tray: QSystemTrayIcon | None

    def show_supervision(self, view: QWidget) -> None: ...


class OpenSupervision:
    """Owns the supervisor's session and view; ``aclose`` at shutdown."""

    def __init__(
        self,
        on_error: Callable[[BaseException], None] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context``: the authorities trusted for the switchboard (client/tls.py)."""
        self._on_error = on_error
        self._ssl = ssl_context
        self._closers: list[Callable[[], Awaitable[None]]] = []
        self.view: SupervisionView | None = None

    async def __call__(self, signed: SignedIn, host: Host) -> SupervisionView:
        from agentdesk.supervision.api import SupervisionSession

        await self.aclose()
        tokens = signed.tokens
        session = SupervisionSession(
            signed.server_url,
            tokens.access_token,
            tokens.refresh_token,
            tokens.expires_in,
            ssl_context=self._ssl,
        )
        try:
            agency = await session.start()
        except SupervisionError as exc:
            await session.aclose()
            problem = {
                Problem.UNREACHABLE: SignInProblem.UNREACHABLE,
                Problem.UNAUTHORIZED: SignInProblem.EXPIRED_SESSION,
            }.get(exc.problem, SignInProblem.SERVER_ERROR)
            raise SignInError(problem, exc.detail) from exc

        def notify(title: str, text: str) -> None:
            tray = host.tray
            if tray is not None and tray.isVisible():
                tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15_000)

        view = SupervisionView(
            session.board,
            session.figures,
            agency_name=agency.name,
            notify=notify,
            on_error=self._on_error,
            calendar=CalendarModel(session.calendar, dt.date.today()),
            bookings=session.bookings,
            login=signed.login,
            fleet=session.fleet,
        )
        self.view = view
        self._closers = [view.aclose, session.aclose]
        host.show_supervision(view)
        view.figures.reload()
        if view.calendar is not None:
            view.calendar.reload()
        if view.fleet is not None:
            view.fleet.reload()
        return view

    async def aclose(self) -> None:
        closers, self._closers = self._closers, []
        for close in closers:
            await close()
