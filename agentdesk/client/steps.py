"""Handling the switchboard's messages one after the other, off the listener.

Listeners are plain callbacks; what they start may need to await (open a peer
connection, close one).  Run as free tasks, a ``signal`` could overtake the
``call_update`` that creates its call.  ``OrderedSteps`` runs them in arrival
order, owns them, and cancels what is left on ``close()``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class OrderedSteps:
    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Future[None]] = set()

    def run(self, step: Coroutine[Any, Any, None]) -> None:
        async def in_turn() -> None:
            async with self._lock:
                await step

        task = asyncio.ensure_future(in_turn())
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Future[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s: a step failed", self._name, exc_info=task.exception())

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
