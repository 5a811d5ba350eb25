"""The switchboard's live state, shared by the parts of the engine, and the
two mechanisms they all use: the batch of outgoing messages and named timers.

Everything here runs in the event loop's thread, synchronously: no handler
ever awaits, so there are no races between messages.  Every transition is
committed to the store before any message about it is sent: messages go to a
batch that is flushed at the end of each entry point (a client message, a
connection opening or closing, a timer), see ``run``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from agentdesk.protocol import Base, ServiceInfo, encode_bytes

from .acd import Acd
from .live import LiveCall, Outbox, Peer, Presence, SwitchboardSettings
from .logs import EventLog
from .metrics import Metrics
from .store import Storage

Received = Callable[[], None]
TimerKey = tuple[str, str]
"""(kind, id): ("offer", call id), ("agent", login), ("kiosk", kiosk id),
("hold", call id)."""


class Board:
    def __init__(
        self,
        store: Storage,
        log: EventLog,
        settings: SwitchboardSettings,
        clock: Callable[[], float] = time.time,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.log = log
        self.settings = settings
        self.clock = clock
        self.metrics = metrics or Metrics()
        self.acd = Acd()
        self.calls: dict[str, LiveCall] = {}
        self.by_kiosk: dict[str, str] = {}
        """Kiosk id -> its call, while that call is waiting or in progress."""
        self.presence: dict[str, Presence] = {}
        self.agents: dict[str, Peer] = {}
        self.kiosks: dict[str, Peer] = {}
        self.subscribers: dict[str, set[Peer]] = {}
        self.service_agencies: dict[str, str] = {}
        self.agency_names: dict[str, str] = {}
        self.directory: list[ServiceInfo] = []
        self._timers: dict[TimerKey, asyncio.TimerHandle] = {}
        self._batch: list[tuple[Peer, bytes, float | None, Received | None]] = []
        """Messages to send at the end of the entry point, with, for offers, the
        monotonic time routing began (for the routing figure), and what to do
        once the client has read it, when that matters."""
        self._after_step: Callable[[], None] = lambda: None
        self.started_at = clock()

    def close(self) -> None:
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()

    # -- services ------------------------------------------------------------

    def load_services(self) -> None:
        services = self.store.services()
        self.service_agencies = {s.code: s.agency_id for s in services}
        self.directory = [ServiceInfo(code=s.code, name=s.name) for s in services]
        self.agency_names = {a.id: a.name for a in self.store.agencies()}

    def service_agency(self, code: str) -> str | None:
        if code not in self.service_agencies:
            self.load_services()
        return self.service_agencies.get(code)

    def agency_services(self, agency: str) -> list[str]:
        self.load_services()
        return sorted(c for c, a in self.service_agencies.items() if a == agency)

    # -- entry points, timers and batching ----------------------------------

    def after_each_step(self, step: Callable[[], None]) -> None:
        """What ``run`` does after each action, inside its transaction (routing)."""
        self._after_step = step

    def run(self, action: Callable[[], None]) -> None:
        """One entry point: apply ``action``, route waiting calls, commit every
        change in one transaction, then send."""
        try:
            with self.store.batch():
                action()
                self._after_step()
        finally:
            self.flush()

    def later(self, key: TimerKey, delay: float, fn: Callable[[str], None], arg: str) -> None:
        self.cancel(key)

        def fire() -> None:
            self._timers.pop(key, None)
            self.run(lambda: fn(arg))

        self._timers[key] = asyncio.get_running_loop().call_later(delay, fire)

    def cancel(self, key: TimerKey) -> None:
        handle = self._timers.pop(key, None)
        if handle is not None:
            handle.cancel()

    def time_left(self, key: TimerKey) -> float:
        """Seconds before the timer fires (0 if there is none)."""
        handle = self._timers.get(key)
        return handle.when() - asyncio.get_running_loop().time() if handle else 0.0

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        outs: dict[Outbox, None] = {}
        for peer, data, since, received in batch:
            out = peer.out
            out.send(data, since)
            if received is not None:
                out.confirm(received)
            outs[out] = None
        # Each connection writes what the step sent it at once.
        for out in outs:
            out.push()

    def send(
        self,
        peer: Peer | None,
        message: Base,
        since: float | None = None,
        received: Received | None = None,
    ) -> None:
        """Queues a message; ``received`` runs (as an entry point of its own)
        once the client has read it, never if the connection ends first."""
        if peer is not None:
            self._batch.append((peer, encode_bytes(message), since, received))

    def send_encoded(self, peers: list[Peer] | set[Peer], data: bytes) -> None:
        """An already encoded message (``encode_bytes``) to several peers."""
        self._batch.extend((p, data, None, None) for p in peers)

    def flush_discard(self) -> None:
        """Drops what was queued (nobody is connected yet at start)."""
        self._batch.clear()

    def batch_mark(self) -> int:
        return len(self._batch)

    def reply(self, peer: Peer, message: Base, at: int | None = None) -> None:
        """Queues a message to a peer; ``at`` (a ``batch_mark``) puts it ahead of
        what was queued since, so a request's reply comes before its effects."""
        if at is None:
            self.send(peer, message)
        else:
            self._batch.insert(at, (peer, encode_bytes(message), None, None))

    def to_kiosk(self, call: LiveCall, message: Base) -> None:
        self.send(self.kiosks.get(call.row.kiosk_id), message)

    def to_agent(self, login: str | None, message: Base) -> None:
        if login is not None:
            self.send(self.agents.get(login), message)
