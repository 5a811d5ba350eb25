"""Transfers to a named colleague: the call waits in its new service's queue
at the resident's place, reserved for the colleague, and is offered to them
as soon as they are available; if they decline, let it ring out, leave or are
not free within the grace period (``appointment_agent_grace_s``, as for an
appointment's own agent), anyone of the service may get it.  The agent who
transferred is told how it ended (``transfer_result``), kept until they have
read it (deliveries.py).

The reservation is a hold (holds.py), stored with the call: after a restart
the handover goes on for the time it had left, the colleague given that time
to come back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agentdesk.protocol import AgentState, CallEvent, CallState, TransferOutcome, TransferResult

from .board import Board
from .deliveries import Deliveries
from .holds import Holds
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
    back: bool = True
    """The colleague has been connected since the handover began; false after
    a restart until they come back (meanwhile only the hold's time runs)."""


class Handovers:
    def __init__(self, board: Board, holds: Holds, deliveries: Deliveries) -> None:
        self.board = board
        self.holds = holds
        self.deliveries = deliveries
        self._pending: dict[str, Handover] = {}

    def start(self, call: LiveCall, colleague: Presence, sender: str) -> None:
        if call.id not in self.board.acd:
            return
        # The transfer replaces any first offer the call had (an appointment's).
        self.holds.hold(call, colleague.login, self._expired, sender)
        self._pending[call.id] = Handover(call.id, colleague.login, colleague.display_name, sender)
        self.board.log.event("handover_started", call_id=call.id, colleague=colleague.login)

    def resume(self, call: LiveCall) -> None:
        """At start-up: the handover stored with a waiting call goes on for the
        time it had left; one whose time ran out while the switchboard was
        down is over: ``unavailable``, kept for the agent who transferred."""
        hold = call.row.hold
        if hold is None or hold.sender is None:
            return
        agent = self.board.store.agent(hold.agent_login)
        name = agent.display_name if agent is not None else hold.agent_login
        self._pending[call.id] = Handover(call.id, hold.agent_login, name, hold.sender, back=False)
        if not self.holds.resume(call, self._expired):
            self.settle(call, TransferOutcome.UNAVAILABLE)
            return
        self.board.log.event("handover_resumed", call_id=call.id, colleague=hold.agent_login)

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
            online = pres is not None and pres.online
            if not handover.back:
                if not online:
                    continue  # not back since the restart: the hold's time runs
                handover.back = True
            if pres is None or not online or pres.state is AgentState.OFFLINE:
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
        self.holds.release(call)
        self.deliveries.keep(
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
