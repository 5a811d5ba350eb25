"""Handling the switchboard's messages one after the other, off the listener.

Listeners are plain callbacks; what they start may need to await (open a peer
connection, close one).  Run as free tasks, a ``signal`` could overtake the
``call_update`` that creates its call.  ``OrderedSteps`` runs them in arrival
order, owns them, and cancels what is left on ``close()``: a step whose turn
never came is closed unrun, and one handed in after ``close()`` is too."""

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
        self._closed = False

    def run(self, step: Coroutine[Any, Any, None]) -> None:
        if self._closed:
            # Nobody would cancel it: the owner is gone.
            step.close()
            return

        async def in_turn() -> None:
            async with self._lock:
                await step

        task = asyncio.ensure_future(in_turn())
        self._tasks.add(task)
        # Cancelled before its turn, ``in_turn`` never started, so ``step`` was
        # never awaited: closing it says so (closing a finished one does nothing).
        task.add_done_callback(lambda done: self._done(done, step))

    def _done(self, task: asyncio.Future[None], step: Coroutine[Any, Any, None]) -> None:
        step.close()
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s: a step failed", self._name, exc_info=task.exception())

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
