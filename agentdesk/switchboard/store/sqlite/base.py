"""The SQLite connection: opening, migrating, transactions, WAL checkpoints.

One connection, used from the event loop's thread only.  Writes are small
and synchronous; WAL with synchronous=NORMAL makes a committed transaction
survive the process being killed (only a power cut may lose the last ones).
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..records import StoreError
from .schema import SCHEMA, SCHEMA_VERSION, upgrade


class SqliteBase:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
        self._db.row_factory = sqlite3.Row
        self._batching = 0
        self._checkpointer: sqlite3.Connection | None = None
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()
        self._data_version = int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None

    # -- WAL checkpoints (see wal.py) ------------------------------------------

    def checkpoint_elsewhere(self) -> None:
        """No checkpoint inside this connection's commits any more: the
        switchboard runs ``checkpoint_bulk`` and ``checkpoint_rest`` itself."""
        self._db.execute("PRAGMA wal_autocheckpoint=0")

    def checkpoint_bulk(self) -> None:
        """Copies the WAL's committed pages into the database (PASSIVE: writers
        go on meanwhile).  Its own connection, for a worker thread."""
        if self._checkpointer is None:
            self._checkpointer = sqlite3.connect(
                self.path, isolation_level=None, timeout=10.0, check_same_thread=False
            )
        self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def checkpoint_rest(self) -> tuple[int, int]:
        """Copies the pages committed since ``checkpoint_bulk`` began, from this
        connection, between two writes: when it copies everything, the next
        write starts the WAL over, so the file does not grow without end.
        Returns (frames in the WAL, frames copied)."""
        row = self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return int(row[1]), int(row[2])

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this switchboard's "
                f"{SCHEMA_VERSION}: upgrade the switchboard"
            )
        with self.tx():
            upgrade(self._db)
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def changed_elsewhere(self) -> bool:
        """Whether another connection (an admin command) committed since the
        last call: SQLite's data_version moves only for other connections."""
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        changed, self._data_version = version != self._data_version, version
        return changed

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction (BEGIN IMMEDIATE, so a concurrent admin command
        waits instead of failing half-way).  Inside ``batch`` it is a savepoint
        of the batch's transaction: still all or nothing, committed with it.
        The first one of a batch begins that transaction: undoing it is
        undoing the transaction, with no savepoint (two statements fewer)."""
        if self._batching and self._db.in_transaction:
            self._db.execute("SAVEPOINT tx")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK TO tx")
                self._db.execute("RELEASE tx")
                raise
            self._db.execute("RELEASE tx")
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        if not self._batching:
            self._db.execute("COMMIT")  # else the batch does, at its end

    def _write(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        """One statement, atomic by itself: inside ``batch`` it needs no
        savepoint (``tx``'s two statements more, at every step under load)."""
        if not self._batching:
            with self.tx() as db:
                return db.execute(sql, params)
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        return self._db.execute(sql, params)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Groups the writes of one step of the switchboard (a message, a timer)
        into one commit, at the end, even if the step fails half-way (what was
        done stays done, as with separate commits).  A step that writes nothing
        opens no transaction."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching and self._db.in_transaction:
                try:
                    self._db.execute("COMMIT")
                except sqlite3.Error:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise

    # -- settings ------------------------------------------------------------

    def secret(self) -> bytes:
        """The token-signing key, generated on first use."""
        with self.tx() as db:
            row = db.execute("SELECT value FROM settings WHERE key='token_secret'").fetchone()
            if row is None:
                value = secrets.token_hex(32)
                db.execute("INSERT INTO settings VALUES ('token_secret', ?)", (value,))
                return bytes.fromhex(value)
        return bytes.fromhex(row["value"])
