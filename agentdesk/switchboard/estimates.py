"""Estimated waits, from what is true now (docs/protocol.md, "Wait
estimates"): the agents of the service signed in, their recent handling
times, the calls ahead.  Nobody signed in: no estimate."""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Callable

from agentdesk.protocol import AgentState

from .board import Board
from .live import Presence

RECENT = 20
"""Handled calls the mean is taken over."""
KEPT = 200
"""Handled calls remembered per service (so signed-in agents' last ones are there)."""

Estimate = Callable[[int], float | None]


class WaitEstimates:
    def __init__(self, board: Board) -> None:
        self.board = board
        self._handled: dict[str, deque[tuple[str | None, float]]] = {}
        """Service -> (agent, seconds from answer to hang-up) of its last calls, oldest first."""
        self._signed_in: dict[str, set[str]] = {}
        """Service -> logins of its agents signed in, kept by ``presence_changed``:
        counting them over every presence at every step was a third of the
        switchboard's CPU under load (bench/switchboard_load.py)."""
        self._counted: dict[str, frozenset[str]] = {}
        """Login -> the services it is counted in."""

    def presence_changed(self, pres: Presence) -> None:
        """An agent connected, left, or changed state or services (every such
        change goes through ``FanOut.agent_changed``)."""
        for service in self._counted.pop(pres.login, frozenset()):
            self._signed_in[service].discard(pres.login)
        if pres.online and pres.is_agent and pres.state is not AgentState.OFFLINE:
            self._counted[pres.login] = pres.services
            for service in pres.services:
                self._signed_in.setdefault(service, set()).add(pres.login)

    def signed_in(self, service: str) -> set[str]:
        """Logins of the service's agents connected now, whatever their state."""
        return self._signed_in.get(service, set())

    def _handled_of(self, service: str) -> deque[tuple[str | None, float]]:
        handled = self._handled.get(service)
        if handled is None:
            recent = self.board.store.recent_handle_times(service, KEPT)
            handled = self._handled[service] = deque(reversed(recent), maxlen=KEPT)
        return handled

    def call_handled(self, service: str, login: str | None, seconds: float) -> None:
        if seconds >= 0:
            self._handled_of(service).append((login, seconds))

    def estimator(self, service: str) -> Estimate:
        """Wait for a position: ⌈position × h ÷ n ÷ 30 s⌉ × 30 s, n the agents
        signed in, h the mean of their last 20 handled calls in the service
        (the service's last 20 if they have none; 6 min if it never had any)."""
        agents = self.signed_in(service)
        if not agents:
            return lambda position: None
        handled = self._handled_of(service)
        # The last RECENT of theirs, read from the newest back: under load
        # they are the last few entries, not a pass over all KEPT.
        theirs: list[float] = []
        for login, seconds in reversed(handled):
            if login in agents:
                theirs.append(seconds)
                if len(theirs) == RECENT:
                    break
        theirs.reverse()
        times = theirs or [s for _, s in handled][-RECENT:]
        mean = statistics.fmean(times) if times else self.board.settings.default_handle_s
        count = len(agents)

        def estimate(position: int) -> float:
            return float(math.ceil(position * mean / count / 30.0) * 30)

        return estimate
