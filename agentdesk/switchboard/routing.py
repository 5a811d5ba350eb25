"""Routing: after every step, waiting calls are offered to ready agents (the
ACD in acd.py decides who), and an offer that rings out puts the call back at
its place and pauses the agent."""

from __future__ import annotations

from agentdesk.protocol import (
    AgentState,
    AgentStatus,
    CallEvent,
    CallState,
    CallUpdate,
    Offered,
    OfferWithdrawn,
    OfferWithdrawnReason,
)

from .board import Board
from .fanout import FanOut
from .handover import Handovers
from .lifecycle import CallLifecycle
from .live import LiveCall
from .presence import PresenceRules


class Router:
    def __init__(
        self,
        board: Board,
        fanout: FanOut,
        presence: PresenceRules,
        lifecycle: CallLifecycle,
        handovers: Handovers,
    ) -> None:
        self.board = board
        self.fanout = fanout
        self.presence = presence
        self.lifecycle = lifecycle
        self.handovers = handovers

    def dispatch(self) -> None:
        # Calls transferred to a named colleague first: an agent offered one
        # is no longer ready, so the ACD below cannot offer them a second.
        self.handovers.route(self.offer)
        for entry, login in self.board.acd.match():
            self.offer(self.board.calls[entry.call_id], login)

    def offer(self, call: LiveCall, login: str) -> None:
        board = self.board
        pres = board.presence[login]
        routed_since = max(
            call.waiting_since, self.presence.ready_since.get(login, call.waiting_since)
        )
        board.acd.set_offer(call.id, login)
        self.lifecycle.enter(call, CallEvent.OFFERED)
        call.row.agent_login = login
        call.agent_name = pres.display_name
        self.lifecycle.record(call, CallEvent.OFFERED, agent=login)
        now = board.clock()
        timeout = board.settings.offer_timeout_s
        board.send(
            board.agents.get(login),
            Offered(
                call=call.info(now),
                expires_in_s=timeout,
                note=call.row.transfer_note,
                note_from=call.row.transfer_from,
            ),
            since=routed_since,
        )
        pres.state, pres.reason, pres.since, pres.call_id = AgentState.OFFERED, None, now, call.id
        self.presence.seat(pres)
        board.to_agent(login, AgentStatus(agent=pres.info()))
        self.fanout.agent_changed(pres)
        board.to_kiosk(call, CallUpdate(call=call.info(now)))
        board.later(("offer", call.id), timeout, self._offer_expired, call.id)

    def _offer_expired(self, call_id: str) -> None:
        board = self.board
        call = board.calls.get(call_id)
        if call is None or call.state is not CallState.OFFERED:
            return
        login = call.row.agent_login
        self.lifecycle.requeue(call, CallEvent.MISSED)
        pres = board.presence.get(login or "")
        if pres is not None:
            board.to_agent(
                pres.login, OfferWithdrawn(call_id=call_id, reason=OfferWithdrawnReason.TIMEOUT)
            )
            # An agent who lets a call ring out is probably away: stop pushing calls.
            pres.base, pres.base_reason = AgentState.PAUSED, "missed_offer"
            self.presence.return_to_base(pres)
            self.presence.save(pres)
