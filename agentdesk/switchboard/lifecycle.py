"""The life of a call: which event may happen in which state, and what each
transition does (store, queue, the two ends, the agent's presence).

``TRANSITIONS`` is the whole rule: every change of a call's state goes
through ``enter``, which refuses what the table does not list.  The handlers
check a request against the call first and answer ``conflict``; reaching a
refusal here is a bug in the switchboard.
"""

from __future__ import annotations

import secrets
import time

import msgspec

from agentdesk.protocol import (
    AgentState,
    AgentStatus,
    CallEvent,
    CallState,
    CallUpdate,
    EndReason,
    OfferWithdrawn,
    OfferWithdrawnReason,
    TransferOutcome,
)
from agentdesk.protocol.schedule import AppointmentState

from .acd import Rank, Waiting
from .board import Board
from .fanout import FanOut
from .handover import Handovers
from .holds import Holds
from .live import LiveCall, Peer
from .presence import PresenceRules

_Q, _O, _CING, _CED, _W, _D, _A = (
    CallState.QUEUED,
    CallState.OFFERED,
    CallState.CONNECTING,
    CallState.CONNECTED,
    CallState.WRAP_UP,
    CallState.DONE,
    CallState.ABANDONED,
)
_E = CallEvent

TRANSITIONS: dict[tuple[CallState, CallEvent], CallState] = {
    (_Q, _E.OFFERED): _O,  # routed to a ready agent who has auto-answer
    (_O, _E.MISSED): _Q,  # rang out: the call keeps its place
    (_O, _E.DECLINED): _Q,  # keeps its place; not offered to that agent again
    (_O, _E.QUEUED): _Q,  # the switchboard restarted while it rang
    (_Q, _E.CONNECTING): _CING,  # an agent took it by hand
    (_O, _E.CONNECTING): _CING,  # the agent accepted the offer
    (_CING, _E.CONNECTED): _CED,  # media flows
    (_O, _E.INTERRUPTED): _Q,  # the agent was lost: back at the head of the queue
    (_CING, _E.INTERRUPTED): _Q,
    (_CED, _E.INTERRUPTED): _Q,
    (_CING, _E.RESUMED): _CING,  # the agent is back after a restart
    (_CED, _E.RESUMED): _CED,
    (_CING, _E.WRAP_UP): _W,  # hung up, or the kiosk was lost
    (_CED, _E.WRAP_UP): _W,
    (_CED, _E.TRANSFERRED): _Q,  # waits in another service, arrival time kept
    (_W, _E.DONE): _D,  # the agent finished the wrap-up
    (_Q, _E.ABANDONED): _A,  # the resident left, or the kiosk was lost
    (_O, _E.ABANDONED): _A,
}


class IllegalTransition(Exception):
    """An event the call's state does not allow (a bug: handlers check first)."""


def next_state(state: CallState, event: CallEvent) -> CallState:
    try:
        return TRANSITIONS[state, event]
    except KeyError:
        raise IllegalTransition(f"{event} is not possible in state {state}") from None


class CallLifecycle:
    def __init__(
        self,
        board: Board,
        fanout: FanOut,
        presence: PresenceRules,
        holds: Holds,
        handovers: Handovers,
    ) -> None:
        self.board = board
        self.fanout = fanout
        self.presence = presence
        self.holds = holds
        self.handovers = handovers

    def enter(self, call: LiveCall, event: CallEvent) -> None:
        call.row.state = next_state(call.row.state, event)

    def record(
        self,
        call: LiveCall,
        event: CallEvent,
        agent: str | None = None,
        detail: dict[str, str] | None = None,
        wrap_up: tuple[str, str | None, str | None] | None = None,
    ) -> None:
        board = self.board
        board.store.record(call.row, event, board.clock(), agent, detail, wrap_up)
        board.log.event(
            "call_" + event.value,
            call_id=call.id,
            service=call.row.service,
            kiosk_id=call.row.kiosk_id,
            agent=agent,
            state=call.state.value,
        )
        self.fanout.feed_call(call, event)
        self.fanout.dirty(call.row.service)

    def new_call(
        self,
        kiosk: Peer,
        service: str,
        reason: str | None,
        appointment_id: str | None,
        appointment_due: bool,
    ) -> LiveCall:
        board = self.board
        now = board.clock()
        rank = Rank.APPOINTMENT if appointment_due else Rank.WALK_IN
        detail = {"rank": str(int(rank))}
        row = board.store.create_call(
            "c-" + secrets.token_hex(8),
            service,
            kiosk.identity,
            reason,
            appointment_id,
            appointment_due,
            now,
            int(rank),
            detail,
        )
        kiosk_row = board.store.kiosk(kiosk.identity)
        call = LiveCall(row, kiosk.display_name, kiosk_row.commune if kiosk_row else "")
        call.waiting_since = time.monotonic()
        call.line = board.store.kiosk_line(kiosk.identity)
        board.calls[row.id] = call
        board.by_kiosk[kiosk.identity] = row.id
        board.acd.add(Waiting(row.id, service, rank, now, row.seq))
        board.log.event(
            "call_queued", call_id=row.id, service=service, kiosk_id=kiosk.identity, rank=int(rank)
        )
        self.fanout.feed_call(call, CallEvent.QUEUED)
        self.fanout.dirty(service)
        return call

    def requeue(
        self,
        call: LiveCall,
        event: CallEvent,
        rank: Rank | None = None,
        end_reason: EndReason | None = None,
    ) -> None:
        """The call waits again: at its place (missed, declined) or at the head
        of its queue (interrupted)."""
        board = self.board
        row = call.row
        login = row.agent_login
        board.cancel(("offer", call.id))
        self.enter(call, event)
        row.agent_login = None
        if rank is not None:
            row.rank = int(rank)
        if call.id in board.acd:
            board.acd.clear_offer(call.id, declined=event is CallEvent.DECLINED)
            if event is CallEvent.DECLINED:
                self.holds.declined(call, login)
            if rank is not None:
                board.acd.move(call.id, row.service, rank)
        else:
            board.acd.add(Waiting(call.id, row.service, Rank(row.rank), row.queued_at, row.seq))
        self.handovers.requeued(call, event)
        board.acd.hold(call.id, row.kiosk_id not in board.kiosks)
        call.waiting_since = time.monotonic()
        self.record(call, event, agent=login)
        board.to_kiosk(call, CallUpdate(call=call.info(board.clock()), end_reason=end_reason))
        call.last_queued = None
        self.fanout.send_position(call)

    def interrupt(self, call: LiveCall) -> None:
        self.requeue(call, CallEvent.INTERRUPTED, Rank.INTERRUPTED, EndReason.AGENT_LOST)

    def connect(self, call: LiveCall, login: str) -> None:
        board = self.board
        pres = board.presence[login]
        now = board.clock()
        board.cancel(("offer", call.id))
        self.holds.release(call)
        board.acd.remove(call.id)
        row = call.row
        self.enter(call, CallEvent.CONNECTING)
        row.agent_login, row.answered_at = login, now
        call.agent_name = pres.display_name
        self.record(call, CallEvent.CONNECTING, agent=login)
        self.handovers.settle(call, TransferOutcome.ACCEPTED, pres.display_name)
        if row.appointment_id is not None:
            self._appointment_served(row.appointment_id)
        pres.state, pres.reason, pres.since, pres.call_id = AgentState.IN_CALL, None, now, call.id
        self.presence.seat(pres)
        update = CallUpdate(call=call.info(now))
        board.to_agent(login, update)
        board.to_kiosk(call, update)
        board.to_agent(login, AgentStatus(agent=pres.info()))
        self.fanout.agent_changed(pres)

    def media_connected(self, call: LiveCall) -> None:
        board = self.board
        row = call.row
        self.enter(call, CallEvent.CONNECTED)
        if row.connected_at is None:
            row.connected_at = board.clock()
        self.record(call, CallEvent.CONNECTED, agent=row.agent_login)
        update = CallUpdate(call=call.info(board.clock()))
        board.to_agent(row.agent_login, update)
        board.to_kiosk(call, update)

    def end_call(self, call: LiveCall, reason: EndReason) -> None:
        """Hang-up (or the kiosk lost): the agent goes to wrap-up."""
        board = self.board
        row = call.row
        now = board.clock()
        self.enter(call, CallEvent.WRAP_UP)
        row.ended_at, row.end_reason = now, reason.value
        self.record(
            call, CallEvent.WRAP_UP, agent=row.agent_login, detail={"end_reason": reason.value}
        )
        if row.answered_at is not None:
            self.fanout.waits.call_handled(row.service, row.agent_login, now - row.answered_at)
        board.by_kiosk.pop(row.kiosk_id, None)
        board.cancel(("kiosk", row.kiosk_id))
        update = CallUpdate(call=call.info(now), end_reason=reason)
        board.to_agent(row.agent_login, update)
        board.to_kiosk(call, update)
        self._to_wrap_up(row.agent_login, call)

    def finish(self, call: LiveCall, login: str, outcome: str | None, note: str | None) -> None:
        self.enter(call, CallEvent.DONE)
        call.row.outcome = outcome
        self._forget_note(call)
        self.record(call, CallEvent.DONE, agent=login, wrap_up=(login, outcome, note))
        self.board.calls.pop(call.id, None)

    def abandon(
        self,
        call: LiveCall,
        cause: str,
        end_reason: EndReason | None = None,
        next_opening: float | None = None,
    ) -> None:
        """The call ends unanswered; ``end_reason`` and ``next_opening`` tell the
        kiosk why when the switchboard ends it (the service closed early)."""
        board = self.board
        row = call.row
        board.cancel(("offer", call.id))
        if row.state is CallState.OFFERED and row.agent_login is not None:
            board.to_agent(
                row.agent_login,
                OfferWithdrawn(call_id=call.id, reason=OfferWithdrawnReason.ABANDONED),
            )
            pres = board.presence.get(row.agent_login)
            if pres is not None:
                self.presence.return_to_base(pres)
        self.handovers.settle(call, TransferOutcome.ABANDONED)
        self.holds.release(call)
        board.acd.remove(call.id)
        self.enter(call, CallEvent.ABANDONED)
        self._forget_note(call)
        row.agent_login, row.ended_at = None, board.clock()
        self.record(call, CallEvent.ABANDONED, detail={"cause": cause})
        update = CallUpdate(
            call=call.info(board.clock()), end_reason=end_reason, next_opening=next_opening
        )
        board.to_kiosk(call, update)
        board.calls.pop(call.id, None)
        board.by_kiosk.pop(row.kiosk_id, None)
        board.cancel(("kiosk", row.kiosk_id))

    def appointment_fell_due(self, call: LiveCall) -> None:
        """A resident who checked in early for an appointment: now that it is
        due they go before walk-ins, keeping any offer under way."""
        board, row = self.board, call.row
        if row.appointment_due or call.id not in board.acd:
            return
        row.appointment_due = True
        if row.rank == Rank.WALK_IN:
            row.rank = int(Rank.APPOINTMENT)
            board.acd.rerank(call.id, Rank.APPOINTMENT)
        board.store.save_rank(call.id, row.rank, row.appointment_due)
        board.log.event(
            "call_appointment_due", call_id=call.id, service=row.service, kiosk_id=row.kiosk_id
        )
        self.fanout.dirty(row.service)
        self.fanout.send_position(call)  # its place, and that it is now due

    def transfer(self, call: LiveCall, service: str, note: str | None = None) -> None:
        board = self.board
        row = call.row
        login = row.agent_login
        row.transfer_note = note
        row.transfer_from = call.agent_name if note else None
        now = board.clock()
        old = row.service
        self.enter(call, CallEvent.TRANSFERRED)
        row.service, row.agent_login = service, None
        # A resident who came for an appointment keeps their priority.
        rank = Rank.APPOINTMENT if row.rank == Rank.APPOINTMENT else Rank.WALK_IN
        row.rank = int(rank)
        board.acd.add(
            Waiting(
                call.id,
                service,
                rank,
                row.queued_at,
                row.seq,
                held=row.kiosk_id not in board.kiosks,
            )
        )
        call.waiting_since = time.monotonic()
        self.record(call, CallEvent.TRANSFERRED, agent=login, detail={"from": old, "to": service})
        self.fanout.dirty(old)
        update = CallUpdate(call=call.info(now), end_reason=EndReason.TRANSFERRED)
        board.to_agent(login, update)
        board.to_kiosk(call, update)
        call.last_queued = None
        self.fanout.send_position(call)
        self._to_wrap_up(login, call)

    @staticmethod
    def _forget_note(call: LiveCall) -> None:
        """A transfer's note is for the next agent: it is not kept once the
        call is over."""
        call.row.transfer_note = call.row.transfer_from = None

    def _appointment_served(self, appointment_id: str) -> None:
        found = self.board.store.appointment(appointment_id)
        if found is not None and found.state is AppointmentState.CHECKED_IN:
            self.board.store.save_appointment(
                msgspec.structs.replace(found, state=AppointmentState.SERVED)
            )

    def _to_wrap_up(self, login: str | None, call: LiveCall) -> None:
        pres = self.board.presence.get(login or "")
        if pres is not None:
            self.presence.set_state(pres, AgentState.WRAP_UP)
            pres.call_id = call.id
            self.presence.save(pres)
