"""Checkpoints of the SQLite write-ahead log, mostly away from the event loop.

By default SQLite checkpoints inside the commit that crosses 1,000 pages of
WAL: under load several times a second, each time 5 to 20 ms here during
which no message is handled.  Instead, once a second, a worker thread copies
the WAL into the database (the sqlite3 module releases the GIL meanwhile),
then the event loop's own connection copies what was committed during that
copy (a few pages, well under a millisecond).  Both steps are needed: a
checkpoint from another connection alone never catches up with a busy writer,
and the WAL is only started over once everything in it has been copied.
Durability is unchanged: a commit is in the WAL either way.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3

from .background import Background
from .logs import EventLog
from .store import Store


class WalCheckpointer:
    def __init__(self, store: Store, log: EventLog, every_s: float = 1.0) -> None:
        self.store = store
        self.log = log
        self.every_s = every_s
        self._task = Background()
        self._bulk: asyncio.Future[None] | None = None
        """The copy under way in a worker thread, if any."""

    def start(self) -> None:
        self.store.checkpoint_elsewhere()
        self._task.start(self._run())

    async def stop(self) -> None:
        await self._task.stop()
        if self._bulk is not None:
            # The store must not be closed under the worker thread's feet.
            with contextlib.suppress(sqlite3.Error):
                await self._bulk
            self._bulk = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every_s)
            try:
                self._bulk = asyncio.ensure_future(asyncio.to_thread(self.store.checkpoint_bulk))
                await asyncio.shield(self._bulk)
                self._bulk = None
                self.store.checkpoint_rest()
            except sqlite3.Error as exc:
                # Busy or I/O trouble: the WAL keeps everything; try again later.
                self.log.warning("wal_checkpoint_failed", error=type(exc).__name__)
