"""Who staffs each service of the network now, as an agent may see it: a
handle, a display name and a state per colleague, never a login, a pause
reason or a call (docs/protocol.md, "Transfers")."""

from __future__ import annotations

import hashlib
import hmac

from agentdesk.protocol import (
    AgentState,
    Colleague,
    ErrorCode,
    ErrorReason,
    ProtocolError,
    ServiceStaffing,
)

from .board import Board
from .hours import Hours
from .live import Presence

HANDLE_PREFIX = "a-"


class StaffingView:
    def __init__(self, board: Board, hours: Hours) -> None:
        self.board = board
        self.hours = hours
        # A key of its own, derived from the switchboard's secret: handles are
        # stable across restarts, and nobody can compute one from a login.
        self._key = hmac.new(board.store.secret(), b"colleague-handle", hashlib.sha256).digest()
        self._handles: dict[str, str] = {}

    def handle(self, login: str) -> str:
        found = self._handles.get(login)
        if found is None:
            digest = hmac.new(self._key, login.encode(), hashlib.sha256).hexdigest()
            found = self._handles[login] = HANDLE_PREFIX + digest[:20]
        return found

    @staticmethod
    def staffing(pres: Presence) -> bool:
        """Signed in and not offline: what ``agents_signed_in`` counts too."""
        return pres.online and pres.is_agent and pres.state is not AgentState.OFFLINE

    def colleague(self, handle: str) -> Presence:
        """The colleague a transfer names; ``not_found`` for no such account,
        ``agent_offline`` for one not staffing now."""
        for pres in self.board.presence.values():
            if self.handle(pres.login) == handle:
                if not self.staffing(pres):
                    raise ProtocolError(
                        ErrorCode.AGENT_OFFLINE, f"{pres.display_name} is not signed in now"
                    )
                return pres
        for agent in self.board.store.agents():
            if self.handle(agent.login) == handle:
                raise ProtocolError(
                    ErrorCode.AGENT_OFFLINE, f"{agent.display_name} is not signed in now"
                )
        raise ProtocolError(
            ErrorCode.NOT_FOUND, f"no colleague {handle}", reason=ErrorReason.UNKNOWN_AGENT
        )

    def snapshot(self, asker: str, kiosk_id: str | None) -> list[ServiceStaffing]:
        """Every service of the network with who staffs it (``asker`` left
        out), and its status seen from ``kiosk_id`` (None: the network)."""
        board = self.board
        board.load_services()
        by_service: dict[str, list[Colleague]] = {}
        for pres in board.presence.values():
            if pres.login == asker or not self.staffing(pres):
                continue
            seen = Colleague(
                agent=self.handle(pres.login), display_name=pres.display_name, state=pres.state
            )
            for service in pres.services:
                by_service.setdefault(service, []).append(seen)
        return [
            ServiceStaffing(
                service=info.code,
                name=info.name,
                agents=sorted(by_service.get(info.code, []), key=lambda c: c.display_name),
                status=self.hours.status(info.code, kiosk_id),
            )
            for info in board.directory
        ]
