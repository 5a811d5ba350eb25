"""Automatic call distribution: the order of each service's queue, and which
ready agent gets which waiting call.

Pure logic: no I/O, no clock (times come in as arguments), so the rules can
be tested alone.  The switchboard applies the decisions and persists them.

Order within a service: (rank, arrival, seq).  ``seq`` is the call's storage
sequence number, so that calls arriving at the same instant keep their order
across restarts.  A missed or declined offer leaves the entry where it was;
a transfer moves it to another service with its arrival time unchanged.
"""

from __future__ import annotations

import bisect
import enum
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


class Rank(enum.IntEnum):
    INTERRUPTED = 0
    """The agent was lost mid-call: the resident goes back to the head."""
    APPOINTMENT = 1
    """An appointment for this service and kiosk is due."""
    WALK_IN = 2


@dataclass(slots=True, eq=False)
class Waiting:
    call_id: str
    service: str
    rank: Rank
    arrival: float
    seq: int
    held: bool = False
    """The kiosk is away (connection lost): the call keeps its place but is not offered."""
    offered_to: str | None = None
    declined_by: set[str] = field(default_factory=set)
    reserved_for: str | None = None
    """Offered to this agent only (an appointment's own agent, for a grace period)."""

    @property
    def key(self) -> tuple[int, float, int]:
        return (int(self.rank), self.arrival, self.seq)

    @property
    def routable(self) -> bool:
        return not self.held and self.offered_to is None


@dataclass(slots=True)
class Seat:
    """An agent as the router sees them."""

    login: str
    services: frozenset[str]
    ready: bool
    """Connected, available and asking for calls to be pushed (auto-answer)."""
    idle_since: float


def _key(w: Waiting) -> tuple[int, float, int]:
    return w.key


class Acd:
    def __init__(self) -> None:
        self._queues: dict[str, list[Waiting]] = {}
        self._calls: dict[str, Waiting] = {}
        self._seats: dict[str, Seat] = {}
        self._ready: dict[str, Seat] = {}
        """The ready seats alone: ``match`` runs after every step of the
        switchboard, and under load most agents are busy."""

    # -- calls ---------------------------------------------------------------

    def add(self, entry: Waiting) -> None:
        if entry.call_id in self._calls:
            raise ValueError(f"call {entry.call_id} is already queued")
        bisect.insort(self._queues.setdefault(entry.service, []), entry, key=_key)
        self._calls[entry.call_id] = entry

    def remove(self, call_id: str) -> Waiting | None:
        entry = self._calls.pop(call_id, None)
        if entry is not None:
            queue = self._queues[entry.service]
            del queue[self._index(queue, entry)]
        return entry

    def get(self, call_id: str) -> Waiting | None:
        return self._calls.get(call_id)

    def __contains__(self, call_id: object) -> bool:
        return call_id in self._calls

    def __len__(self) -> int:
        return len(self._calls)

    def move(self, call_id: str, service: str, rank: Rank) -> Waiting:
        """Put a waiting call in another service (a transfer) or at another rank,
        keeping its arrival time."""
        entry = self.remove(call_id)
        if entry is None:
            raise KeyError(call_id)
        entry.service = service
        entry.rank = rank
        entry.offered_to = None
        entry.declined_by.clear()
        self.add(entry)
        return entry

    def rerank(self, call_id: str, rank: Rank) -> None:
        """The call moves to another rank in its queue, keeping its arrival,
        its offer and who declined it (an early check-in falls due)."""
        entry = self._calls[call_id]
        queue = self._queues[entry.service]
        del queue[self._index(queue, entry)]
        entry.rank = rank
        bisect.insort(queue, entry, key=_key)

    def waiting(self, service: str) -> list[Waiting]:
        """The service's queue in order (the list itself: do not modify)."""
        return self._queues.get(service, [])

    def services(self) -> list[str]:
        return [s for s, q in self._queues.items() if q]

    def position(self, call_id: str) -> int:
        """1 for the head of its service's queue."""
        entry = self._calls[call_id]
        return self._index(self._queues[entry.service], entry) + 1

    def next_for(self, services: Iterable[str], exclude: str | None = None) -> Waiting | None:
        """The first routable call of these services, in queue order (for an
        agent who takes calls by hand)."""
        best: Waiting | None = None
        for service in services:
            for entry in self._queues.get(service, ()):
                if entry.routable and entry.call_id != exclude:
                    if best is None or entry.key < best.key:
                        best = entry
                    break
        return best

    def hold(self, call_id: str, held: bool) -> None:
        self._calls[call_id].held = held

    def set_offer(self, call_id: str, login: str) -> None:
        entry = self._calls[call_id]
        if entry.offered_to is not None:
            raise ValueError(f"call {call_id} is already offered to {entry.offered_to}")
        entry.offered_to = login

    def clear_offer(self, call_id: str, declined: bool = False) -> None:
        """The offer ended without an answer: the call stays at its place.  A
        decliner is not offered the same call again."""
        entry = self._calls[call_id]
        if declined and entry.offered_to is not None:
            entry.declined_by.add(entry.offered_to)
        entry.offered_to = None

    # -- agents --------------------------------------------------------------

    def set_seat(
        self, login: str, services: frozenset[str], ready: bool, idle_since: float
    ) -> None:
        seat = self._seats[login] = Seat(login, services, ready, idle_since)
        if ready:
            self._ready[login] = seat
        else:
            self._ready.pop(login, None)

    def remove_seat(self, login: str) -> None:
        self._seats.pop(login, None)
        self._ready.pop(login, None)

    def seat(self, login: str) -> Seat | None:
        return self._seats.get(login)

    # -- routing -------------------------------------------------------------

    def match(self) -> list[tuple[Waiting, str]]:
        """Offers to make now: each routable call, in (rank, arrival) order over
        all services, goes to the longest-idle ready agent serving its service
        who has not declined it.  Each agent gets at most one call.  Nothing is
        changed: the caller applies the offers with ``set_offer``."""
        if not self._ready:
            return []
        ready = sorted(self._ready.values(), key=lambda s: (s.idle_since, s.login))
        served: set[str] = set()
        for seat in ready:
            served |= seat.services
        offers: list[tuple[Waiting, str]] = []
        for entry in self._in_order(served):
            if not entry.routable:
                continue
            for i, seat in enumerate(ready):
                reserved = entry.reserved_for
                if reserved not in (None, seat.login) and reserved not in entry.declined_by:
                    continue
                if entry.service in seat.services and seat.login not in entry.declined_by:
                    offers.append((entry, seat.login))
                    del ready[i]
                    break
            if not ready:
                break
        return offers

    def _in_order(self, services: Iterable[str]) -> Iterator[Waiting]:
        queues = [self._queues[s] for s in services if self._queues.get(s)]
        if len(queues) == 1:
            return iter(queues[0])
        return heapq.merge(*queues, key=_key)

    @staticmethod
    def _index(queue: list[Waiting], entry: Waiting) -> int:
        i = bisect.bisect_left(queue, entry.key, key=_key)
        while queue[i] is not entry:
            i += 1
        return i
