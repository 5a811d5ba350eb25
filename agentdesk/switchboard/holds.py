"""First offers held for one agent: a waiting call offered to that agent only
for a while (an appointment's own agent, hours.py; a colleague named in a
transfer, handover.py), then to anyone of its service.

A hold is the ACD entry's ``reserved_for``, one timer, and its copy in the
store (``CallRow.hold``, with its end on the wall clock), so that a restart
of the switchboard, even a crash, keeps it for the time it had left.
"""

from __future__ import annotations

from collections.abc import Callable

from .board import Board
from .live import LiveCall
from .store import Hold


class Holds:
    def __init__(self, board: Board) -> None:
        self.board = board

    def hold(
        self,
        call: LiveCall,
        login: str,
        expired: Callable[[str], None],
        sender: str | None = None,
    ) -> None:
        """Offers the waiting call to ``login`` only, for
        ``appointment_agent_grace_s``; then ``expired(call_id)`` runs.  It
        replaces any hold the call had."""
        board = self.board
        entry = board.acd.get(call.id)
        if entry is None:
            return
        grace = board.settings.appointment_agent_grace_s
        entry.reserved_for = login
        call.row.hold = Hold(login, board.clock() + grace, sender)
        board.store.save_hold(call.id, call.row.hold)
        board.later(("hold", call.id), grace, expired, call.id)

    def resume(self, call: LiveCall, expired: Callable[[str], None]) -> bool:
        """At start-up: the stored hold of a waiting call goes on for the time
        it had left; one whose time ran out while the switchboard was down is
        over.  Whether it goes on."""
        hold = call.row.hold
        if hold is None:
            return False
        entry = self.board.acd.get(call.id)
        left = hold.until - self.board.clock()
        if entry is None or left <= 0:
            self.release(call)
            return False
        entry.reserved_for = hold.agent_login
        self.board.later(("hold", call.id), left, expired, call.id)
        return True

    def release(self, call: LiveCall) -> None:
        """The call is for anyone of its service again (or no longer waits)."""
        self.board.cancel(("hold", call.id))
        entry = self.board.acd.get(call.id)
        if entry is not None:
            entry.reserved_for = None
        if call.row.hold is not None:
            call.row.hold = None
            self.board.store.save_hold(call.id, None)

    def declined(self, call: LiveCall, login: str | None) -> None:
        """The agent the call was held for declined it: it is anyone's."""
        if call.row.hold is not None and call.row.hold.agent_login == login:
            self.release(call)
