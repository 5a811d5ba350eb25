"""Agents' presence: what they chose (available, paused, offline), what they
are doing (offered, in a call, in wrap-up), and whether the router may push
them calls (their seat)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from agentdesk.protocol import AgentState, AgentStatus

from .board import Board
from .live import Presence
from .store import Agent

if TYPE_CHECKING:
    from .fanout import FanOut

STAFF_STATES = (AgentState.AVAILABLE, AgentState.PAUSED, AgentState.OFFLINE)
"""The states an agent chooses; the others come from calls."""


def _at_sign_in(chosen: AgentState, reason: str | None) -> tuple[AgentState, str | None]:
    """The state an agent signs in with: their last choice, offline becoming
    paused (signing in is not going offline)."""
    base = chosen if chosen in STAFF_STATES else AgentState.PAUSED
    if base is AgentState.OFFLINE:
        base = AgentState.PAUSED
    return base, reason if base is AgentState.PAUSED else None


def presence_from(agent: Agent, now: float) -> Presence:
    """An agent's presence as stored: the last chosen state (offline becomes
    paused at sign-in), or the wrap-up of a call that went on elsewhere."""
    base, reason = _at_sign_in(agent.presence, agent.presence_reason)
    pres = Presence(
        login=agent.login,
        display_name=agent.display_name,
        agency=agent.agency_id,
        services=frozenset(agent.services),
        state=base,
        since=now,
        reason=reason,
        base=base,
        base_reason=reason,
        auto_answer=agent.auto_answer,
        idle_since=now,
    )
    if agent.presence_call is not None:
        # In wrap-up of a call that went on elsewhere (transferred).
        pres.state, pres.call_id = AgentState.WRAP_UP, agent.presence_call
    return pres


class PresenceRules:
    def __init__(self, board: Board, fanout: FanOut) -> None:
        self.board = board
        self.fanout = fanout
        self.ready_since: dict[str, float] = {}
        """Agent login -> monotonic time since which they are ready for an offer."""

    def seat(self, pres: Presence) -> None:
        """Tells the router whether calls may be pushed to this agent now."""
        acd = self.board.acd
        ready = (
            pres.online
            and pres.state is AgentState.AVAILABLE
            and pres.auto_answer
            and bool(pres.services)
        )
        if ready or acd.seat(pres.login) is not None:
            acd.set_seat(pres.login, pres.services, ready, pres.idle_since)
        if ready:
            self.ready_since.setdefault(pres.login, time.monotonic())
        else:
            self.ready_since.pop(pres.login, None)

    def set_state(self, pres: Presence, state: AgentState, reason: str | None = None) -> None:
        now = self.board.clock()
        if state is AgentState.AVAILABLE and pres.state is not AgentState.AVAILABLE:
            pres.idle_since = now
        pres.state, pres.reason, pres.since = state, reason, now
        if state in STAFF_STATES:
            pres.call_id = None
        self.seat(pres)
        self.board.to_agent(pres.login, AgentStatus(agent=pres.info()))
        self.fanout.agent_changed(pres)

    def restore_base(self, pres: Presence, now: float) -> None:
        """An agent back after being offline: their last choice again."""
        pres.base, pres.base_reason = _at_sign_in(pres.base, pres.base_reason)
        pres.state, pres.reason, pres.since = pres.base, pres.base_reason, now
        pres.idle_since = now

    def return_to_base(self, pres: Presence) -> None:
        self.set_state(pres, pres.base, pres.base_reason)

    def save(self, pres: Presence) -> None:
        wrap_up_call = pres.call_id if pres.state is AgentState.WRAP_UP else None
        self.board.store.save_presence(
            pres.login, pres.base, pres.base_reason, pres.auto_answer, wrap_up_call
        )
