"""Short garbage-collection pauses for a server whose heap is mostly long-lived.

With a few thousand WebSocket connections the switchboard holds some 250,000
objects that live as long as their connection.  CPython's full collection walks
all of them: 60 to 180 ms here, every few seconds under load, during which no
call is routed.  Freezing the heap from time to time (``gc.freeze``, constant
time) moves what is alive out of the collector's reach, so the automatic
collections only walk what was allocated since: a few milliseconds.

Frozen objects are still freed by reference counting; only those that end up
in a reference cycle after being frozen wait for the periodic full collection
(unfreeze, collect, freeze), which keeps memory bounded at the price of one
long pause every ``collect_every_s``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from typing import Any

from .background import Background
from .metrics import Histogram


class HeapFreezer:
    def __init__(
        self, pauses: Histogram, freeze_every_s: float = 5.0, collect_every_s: float = 600.0
    ) -> None:
        self.pauses = pauses
        """Every collection's duration, for GET /api/v1/metrics."""
        self.freeze_every_s = freeze_every_s
        self.collect_every_s = collect_every_s
        self._task = Background()
        self._started_at = 0.0

    def start(self) -> None:
        gc.callbacks.append(self._on_gc)
        self._task.start(self._run())

    async def stop(self) -> None:
        await self._task.stop()
        with contextlib.suppress(ValueError):
            gc.callbacks.remove(self._on_gc)
        gc.unfreeze()

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started_at = time.perf_counter()
        else:
            self.pauses.add(time.perf_counter() - self._started_at)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        last_full = loop.time()
        while True:
            await asyncio.sleep(self.freeze_every_s)
            if loop.time() - last_full >= self.collect_every_s:
                gc.unfreeze()
                gc.collect()
                last_full = loop.time()
            gc.freeze()
