"""Agents' pulse: an agent's app frozen with its socket open (stopped, hung,
its PC asleep) is noticed within seconds, so that its call is back in the
queue within 5 s of the loss (docs/protocol.md, "The life of a call").

The WebSocket heartbeat every connection has (a ping after ``heartbeat_s`` of
silence, then half of that for the pong: 7.5 s by default) is too slow for
that, and pinging 2,000 kiosks faster would cost the switchboard for nothing
(a kiosk keeps its place 60 s anyway).  Agents are a few hundred at most: one
task pings those silent for ``every_s`` and gives up on one whose ping is not
answered within ``PONG_FACTOR × every_s``.  That silence is the loss itself:
no grace on top (the grace is for a connection that closes, whose app may
reconnect).

With the defaults (1 s): the loss is declared at most 4 s after the app's
last frame (1 s of silence, up to 0.25 s to the next sweep, 2.5 s for the
pong, up to 0.25 s to the next sweep), and an app whose event loop stalls
for less than 3.5 s is not taken for lost.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from .background import Background

PONG_FACTOR = 2.5
SWEEPS_PER_INTERVAL = 4


class Listened(Protocol):
    """A connection the pulse watches."""

    @property
    def heard_at(self) -> float:
        """Monotonic time any frame (a pong included) last arrived."""

    def ping(self) -> None:
        """Sends a WebSocket ping (its pong updates ``heard_at``)."""

    def unresponsive(self) -> None:
        """Its ping went unanswered: the client is lost."""


class Pulse:
    def __init__(self, every_s: float) -> None:
        self.every_s = every_s
        self.timeout_s = PONG_FACTOR * every_s
        self._watched: dict[Listened, float | None] = {}
        """Connection -> monotonic time of its unanswered ping, if any."""
        self._task = Background()

    def start(self) -> None:
        self._task.start(self._run())

    async def stop(self) -> None:
        await self._task.stop()
        self._watched.clear()

    def watch(self, connection: Listened) -> None:
        self._watched[connection] = None

    def forget(self, connection: Listened) -> None:
        self._watched.pop(connection, None)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every_s / SWEEPS_PER_INTERVAL)
            self.sweep(time.monotonic())

    def sweep(self, now: float) -> None:
        lost = []
        for connection, pinged in self._watched.items():
            heard = connection.heard_at
            if pinged is not None and heard < pinged:
                if now - pinged >= self.timeout_s:
                    lost.append(connection)
            elif now - heard >= self.every_s:
                self._watched[connection] = now
                connection.ping()
            else:
                self._watched[connection] = None
        for connection in lost:
            self.forget(connection)
            connection.unresponsive()
