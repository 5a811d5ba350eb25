"""The live board: every service of the supervisor's agency, its waiting calls
and its agents, kept up to date from the switchboard's feed.

The switchboard answers ``subscribe`` with a full snapshot of the agency, then
sends one ``feed`` event per change; nothing is polled.  Clocks: waits and
times in state are counted from what the switchboard said, plus the time
elapsed here since, so a skewed clock on the supervisor's PC does not matter.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from agentdesk.events import Listeners
from agentdesk.protocol import (
    AgentInfo,
    AgentState,
    CallEvent,
    CallInfo,
    FeedEvent,
    QueueSnapshot,
    ServiceQueue,
)

Clock = Callable[[], float]


class FeedStatus(enum.Enum):
    CONNECTING = "connecting"
    LIVE = "live"
    """Subscribed: the board follows the switchboard."""
    LOST = "lost"
    """The connection dropped; the board shows the last known state."""
    REFUSED = "refused"
    """The switchboard refused the session (expired, or not a supervisor)."""


@dataclass(slots=True)
class WaitingCall:
    call: CallInfo
    received: float
    """Local clock when ``call.waited_s`` was true."""
    head: bool = False
    """Put back at the head of its queue (its agent was lost)."""

    def waited(self, now: float) -> float:
        return self.call.waited_s + max(0.0, now - self.received)


@dataclass(slots=True)
class AgentRow:
    agent: AgentInfo
    skew: float
    """Local clock minus the switchboard's when this was received."""

    def in_state(self, now: float) -> float:
        return max(0.0, now - self.skew - self.agent.since)


@dataclass(slots=True)
class ServiceView:
    service: str
    calls: list[WaitingCall]
    agents: list[AgentRow]
    longest_wait_s: float
    over_threshold: int


@dataclass(frozen=True, slots=True)
class Alert:
    service: str
    call: CallInfo
    waited_s: float


@dataclass(slots=True)
class BoardEvents:
    changed: Listeners[None] = field(default_factory=lambda: Listeners("changed"))
    status_changed: Listeners[FeedStatus] = field(
        default_factory=lambda: Listeners("status_changed")
    )
    alert: Listeners[Alert] = field(default_factory=lambda: Listeners("alert"))
    """A waiting call crossed the agency's alert threshold (once per call)."""


class LiveBoard:
    def __init__(
        self, services: Iterable[str] = (), alert_wait_s: float = 300.0, clock: Clock = time.time
    ) -> None:
        self.services: list[str] = sorted(services)
        self.alert_wait_s = alert_wait_s
        self._clock = clock
        self.events = BoardEvents()
        self.status = FeedStatus.CONNECTING
        self._waiting: dict[str, WaitingCall] = {}
        self._agents: dict[str, AgentRow] = {}
        self._alerted: set[str] = set()
        self._skew = 0.0
        self.changes = 0
        """Changes applied since the start (for the benchmark and tests)."""

    def now(self) -> float:
        return self._clock()

    def set_status(self, status: FeedStatus) -> None:
        if status is not self.status:
            self.status = status
            self.events.status_changed.emit(status)

    # ------------------------------------------------------------ messages

    def load_snapshot(self, snapshot: QueueSnapshot) -> None:
        """The full state of the agency (the answer to ``subscribe``)."""
        now = self._clock()
        self.services = sorted({*self.services, *(q.service for q in snapshot.queues)})
        self._waiting = {}
        self._agents = {}
        for queue in snapshot.queues:
            self._load_queue(queue, now)
        self._alerted &= set(self._waiting)
        self.set_status(FeedStatus.LIVE)
        self._changed()

    def _load_queue(self, queue: ServiceQueue, now: float) -> None:
        for call in queue.waiting:
            self._waiting[call.call_id] = WaitingCall(call, now)
        for agent in queue.agents:
            self._agents[agent.login] = AgentRow(agent, self._skew)

    def apply(self, event: FeedEvent) -> None:
        now = self._clock()
        self._skew = now - event.at
        if event.agent is not None:
            self._agents[event.agent.login] = AgentRow(event.agent, self._skew)
        call = event.call
        if call is not None:
            if call.state.is_waiting and call.service in self.services:
                previous = self._waiting.get(call.call_id)
                head = event.call_event is CallEvent.INTERRUPTED or bool(previous and previous.head)
                self._waiting[call.call_id] = WaitingCall(call, now, head)
            else:
                self._waiting.pop(call.call_id, None)
                self._alerted.discard(call.call_id)
        self._changed()

    def _changed(self) -> None:
        self.changes += 1
        self.events.changed.emit(None)

    # ------------------------------------------------------------ reading

    def view(self, now: float | None = None) -> list[ServiceView]:
        """Each service: its waiting calls in queue order, its agents by name."""
        now = self._clock() if now is None else now
        out = []
        for service in self.services:
            calls = [w for w in self._waiting.values() if w.call.service == service]
            calls.sort(key=lambda w: (not w.head, not w.call.appointment_due, w.call.queued_at))
            agents = [a for a in self._agents.values() if service in a.agent.services]
            agents.sort(key=lambda a: (a.agent.state is AgentState.OFFLINE, a.agent.display_name))
            waits = [w.waited(now) for w in calls]
            out.append(
                ServiceView(
                    service=service,
                    calls=calls,
                    agents=agents,
                    longest_wait_s=max(waits, default=0.0),
                    over_threshold=sum(1 for w in waits if w >= self.alert_wait_s),
                )
            )
        return out

    @property
    def waiting_count(self) -> int:
        return len(self._waiting)

    def waiting_in(self, service: str) -> int:
        return sum(1 for w in self._waiting.values() if w.call.service == service)

    def waiting_call(self, call_id: str) -> WaitingCall | None:
        return self._waiting.get(call_id)

    def agent(self, login: str) -> AgentRow | None:
        return self._agents.get(login)

    def agent_names(self) -> list[tuple[str, str]]:
        """(login, name) of the agents the board knows, by name: a booking
        names the agent by name, not by login."""
        rows = sorted(self._agents.values(), key=lambda a: a.agent.display_name.casefold())
        return [(a.agent.login, a.agent.display_name) for a in rows]

    # ------------------------------------------------------------ thresholds

    def tick(self, now: float | None = None) -> list[Alert]:
        """Finds calls that crossed the alert threshold since the last tick and
        notifies each once."""
        now = self._clock() if now is None else now
        crossed = []
        for call_id, waiting in self._waiting.items():
            waited = waiting.waited(now)
            if waited >= self.alert_wait_s and call_id not in self._alerted:
                self._alerted.add(call_id)
                crossed.append(Alert(waiting.call.service, waiting.call, waited))
        for alert in crossed:
            self.events.alert.emit(alert)
        return crossed
