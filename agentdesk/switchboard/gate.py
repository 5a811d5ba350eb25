"""The switchboard's door: how many connections it holds, from whom.

Every open connection costs a file descriptor.  At start the process raises
its soft file limit to the hard one; ``RESERVED_FDS`` stay for the database,
the logs and the worker threads, the rest is the ceiling of connections.
Above the ceiling, or above ``per_source`` connections from one address, a
new connection is closed at once, before a byte is read: one client cannot
use up the switchboard's descriptors and lock the others out.

The cap counts TCP peers: behind a reverse proxy every connection comes from
the proxy, so cap per source at the proxy and raise this one (docs/security.md).
"""

from __future__ import annotations

import asyncio
import resource
import time
from collections.abc import Callable

from .logs import EventLog

RESERVED_FDS = 64
MIN_CEILING = 16
LOG_EVERY_S = 60.0
"""Refusals are logged once a minute per source, with their count, so a flood
of connections does not become a flood of log lines."""


def raise_file_limit() -> int:
    """Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def connection_ceiling(file_limit: int) -> int:
    return max(MIN_CEILING, file_limit - RESERVED_FDS)


class Gate:
    def __init__(self, per_source: int, ceiling: int, log: EventLog) -> None:
        self.per_source = per_source
        self.ceiling = ceiling
        self.log = log
        self.open = 0
        self._by_source: dict[str, int] = {}
        self._refused: dict[str, tuple[float, int]] = {}

    def protocol(self, factory: Callable[[], asyncio.Protocol]) -> Callable[[], asyncio.Protocol]:
        """A protocol factory for ``loop.create_server``: ``factory``'s
        protocols, behind this gate."""
        return lambda: _Door(self, factory())

    def admit(self, source: str) -> bool:
        held = self._by_source.get(source, 0)
        if self.open >= self.ceiling or held >= self.per_source:
            self._note_refusal(source, held)
            return False
        self._by_source[source] = held + 1
        self.open += 1
        return True

    def release(self, source: str) -> None:
        self.open -= 1
        held = self._by_source.pop(source, 1) - 1
        if held > 0:
            self._by_source[source] = held

    def _note_refusal(self, source: str, held: int) -> None:
        now = time.monotonic()
        since, count = self._refused.get(source, (now - LOG_EVERY_S, 0))
        count += 1
        if now - since >= LOG_EVERY_S:
            self.log.warning(
                "connections_refused",
                source=source,
                count=count,
                held_by_source=held,
                open=self.open,
                ceiling=self.ceiling,
            )
            self._refused[source] = (now, 0)
            if len(self._refused) > 10_000:
                self._refused.clear()
        else:
            self._refused[source] = (since, count)


class _Door(asyncio.Protocol):
    """Forwards everything to the real protocol once the gate let it in."""

    def __init__(self, gate: Gate, inner: asyncio.Protocol) -> None:
        self._gate = gate
        self._inner = inner
        self._source: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        source = str(peer[0]) if peer else "?"
        if not self._gate.admit(source):
            assert isinstance(transport, asyncio.Transport)
            transport.abort()
            return
        self._source = source
        self._inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._source is not None:
            self._gate.release(self._source)
            self._source = None
            self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._source is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._source is not None else None

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()
