"""The « Bornes » view's data, without Qt: the agency's kiosks as the
switchboard last knew them (``GET /api/v1/kiosks``), refreshed on demand."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from agentdesk.events import Listeners
from agentdesk.protocol.fleet import KiosksResponse, KioskStatus

from .errors import SupervisionError


class FleetModel:
    def __init__(self, fetch: Callable[[], Awaitable[KiosksResponse]]) -> None:
        self._fetch = fetch
        self.kiosks: list[KioskStatus] = []
        self.at: float | None = None
        self.problem: SupervisionError | None = None
        self.changed: Listeners[None] = Listeners()

    async def refresh(self) -> None:
        try:
            reply = await self._fetch()
        except SupervisionError as exc:
            self.problem = exc
        else:
            self.problem = None
            self.kiosks, self.at = reply.kiosks, reply.at
        self.changed.emit(None)

    @property
    def alerts(self) -> list[KioskStatus]:
        return [kiosk for kiosk in self.kiosks if kiosk.alert]
