"""An in-memory signalling relay between two sessions in one process.

It stands in for the switchboard's relay of ``Signal`` messages (and sets
``sender`` as the switchboard does); the media themselves go over real
aiortc connections on loopback UDP.  Used by the tests, the benchmark and
anyone who wants two endpoints in one process.  ``tamper`` may rewrite a
signal on its way (a test of a forged DTLS fingerprint), ``blocked`` drops
everything (the switchboard away).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from agentdesk.protocol import Role, Signal

log = logging.getLogger(__name__)

SignalHandler = Callable[[Signal], Awaitable[None]]


class SignalPipe:
    def __init__(self, tamper: Callable[[Signal], Signal] | None = None) -> None:
        self.tamper = tamper
        self.blocked = False
        self.log: list[Signal] = []
        """Every signal relayed, in order (tests read it)."""
        self._handlers: dict[Role, SignalHandler] = {}
        self._queues: dict[Role, asyncio.Queue[Signal]] = {
            Role.AGENT: asyncio.Queue(),
            Role.KIOSK: asyncio.Queue(),
        }
        self._tasks: list[asyncio.Task[None]] = []

    def sender(self, role: Role) -> Callable[[Signal], Awaitable[None]]:
        """The ``send_signal`` to give the session playing ``role``."""
        peer = Role.KIOSK if role == Role.AGENT else Role.AGENT

        async def send(signal: Signal) -> None:
            if self.blocked:
                return
            relayed = Signal(
                call_id=signal.call_id,
                kind=signal.kind,
                generation=signal.generation,
                sdp=signal.sdp,
                sender=role,
            )
            if self.tamper is not None:
                relayed = self.tamper(relayed)
            self.log.append(relayed)
            self._queues[peer].put_nowait(relayed)

        return send

    def attach(self, role: Role, handler: SignalHandler) -> None:
        """Delivers signals for ``role`` to ``handler`` (``handle_signal``), in order."""
        self._handlers[role] = handler
        self._tasks.append(asyncio.create_task(self._deliver(role), name=f"signal-pipe-{role}"))

    async def _deliver(self, role: Role) -> None:
        queue = self._queues[role]
        while True:
            signal = await queue.get()
            try:
                await self._handlers[role](signal)
            except Exception:
                log.exception("signal handler for %s failed", role)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
