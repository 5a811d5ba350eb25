"""Transfers to a named colleague: the call waits in its new service's queue
at the resident's place, reserved for the colleague, and is offered to them
as soon as they are available; if they decline, let it ring out, leave or are
not free within the grace period (``appointment_agent_grace_s``, as for an
appointment's own agent), anyone of the service may get it.  The agent who
transferred is told how it ended (``transfer_result``).

Kept in memory: after a restart the call simply waits in its service's queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agentdesk.protocol import AgentState, CallEvent, CallState, TransferOutcome, TransferResult

from .board import Board
from .live import LiveCall, Presence

_AFTER_REQUEUE = {
    CallEvent.DECLINED: TransferOutcome.DECLINED,
    CallEvent.MISSED: TransferOutcome.MISSED,
    CallEvent.INTERRUPTED: TransferOutcome.UNAVAILABLE,
}


@dataclass(slots=True)
class Handover:
    call_id: str
    colleague: str
    """The named colleague's login."""
    colleague_name: str
    sender: str
    """The login of the agent who transferred the call."""


class Handovers:
    def __init__(self, board: Board) -> None:
        self.board = board
        self._pending: dict[str, Handover] = {}

    def start(self, call: LiveCall, colleague: Presence, sender: str) -> None:
        board = self.board
        entry = board.acd.get(call.id)
        if entry is None:
            return
        # The transfer replaces any first offer the call had (an appointment's).
        board.cancel(("reserved", call.id))
        entry.reserved_for = colleague.login
        self._pending[call.id] = Handover(call.id, colleague.login, colleague.display_name, sender)
        board.later(
            ("handover", call.id),
            board.settings.appointment_agent_grace_s,
            self._expired,
            call.id,
        )
        board.log.event("handover_started", call_id=call.id, colleague=colleague.login)

    def route(self, offer: Callable[[LiveCall, str], None]) -> None:
        """Offers each reserved call whose colleague is available now; gives
        up on those whose colleague is gone (the router's first pass)."""
        if not self._pending:
            return
        board = self.board
        for handover in list(self._pending.values()):
            call = board.calls.get(handover.call_id)
            entry = board.acd.get(handover.call_id)
            if call is None or entry is None or call.state is not CallState.QUEUED:
                continue
            pres = board.presence.get(handover.colleague)
            if pres is None or not pres.online or pres.state is AgentState.OFFLINE:
                self.settle(call, TransferOutcome.UNAVAILABLE)
            elif pres.state is AgentState.AVAILABLE and entry.routable:
                offer(call, handover.colleague)

    def requeued(self, call: LiveCall, event: CallEvent) -> None:
        outcome = _AFTER_REQUEUE.get(event)
        if outcome is not None:
            self.settle(call, outcome)

    def settle(
        self, call: LiveCall, outcome: TransferOutcome, answered_by: str | None = None
    ) -> None:
        """The handover is over: the call is free for anyone of the service,
        and the agent who transferred it is told."""
        handover = self._pending.pop(call.id, None)
        if handover is None:
            return
        board = self.board
        board.cancel(("handover", call.id))
        entry = board.acd.get(call.id)
        if entry is not None and entry.reserved_for == handover.colleague:
            entry.reserved_for = None
        board.to_agent(
            handover.sender,
            TransferResult(
                call_id=call.id,
                outcome=outcome,
                colleague=handover.colleague_name,
                answered_by=answered_by,
            ),
        )
        board.log.event("handover_" + outcome.value, call_id=call.id, colleague=handover.colleague)

    def _expired(self, call_id: str) -> None:
        call = self.board.calls.get(call_id)
        handover = self._pending.get(call_id)
        if call is None or handover is None:
            return
        if call.state is CallState.OFFERED and call.row.agent_login == handover.colleague:
            return  # ringing for them now: the offer's own end decides
        self.settle(call, TransferOutcome.UNAVAILABLE)
