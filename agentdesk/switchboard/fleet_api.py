"""``GET /api/v1/kiosks``: the supervisor's « Bornes » view of their agency."""

from __future__ import annotations

from aiohttp import web

from agentdesk.protocol.fleet import KiosksResponse

from .engine import Engine
from .fleet_view import fleet
from .http_api import json_response


class FleetApi:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/api/v1/kiosks", self.kiosks)]

    async def kiosks(self, request: web.Request) -> web.Response:
        claims = self.engine.credentials.supervisor(request)
        board = self.engine.board
        now = board.clock()
        services = board.agency_services(claims.agency)
        return json_response(KiosksResponse(at=now, kiosks=fleet(board.store, now, services)))
