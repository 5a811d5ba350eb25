"""The switchboard's SQLite file: accounts, tokens, calls and their history.

One connection, used from the event loop's thread only.  Writes are small
and synchronous; WAL with synchronous=NORMAL makes a committed transaction
survive the process being killed (only a power cut may lose the last ones).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from agentdesk.protocol import AgentState, CallEvent, CallState, LineCaps, Role
from agentdesk.protocol.figures import AgencySettings, AgencySettingsUpdate, Office

from .auth import hash_password, hash_token

SCHEMA_VERSION = 2
# 2: agency offices and settings (supervision), indexes for period figures.

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agencies (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS services (
    code TEXT PRIMARY KEY, name TEXT NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id));
CREATE TABLE IF NOT EXISTS agents (
    login TEXT PRIMARY KEY, display_name TEXT NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at REAL NOT NULL,
    presence TEXT NOT NULL DEFAULT 'paused', presence_reason TEXT,
    auto_answer INTEGER NOT NULL DEFAULT 0, presence_call TEXT);
CREATE TABLE IF NOT EXISTS agent_services (
    login TEXT NOT NULL REFERENCES agents(login),
    service TEXT NOT NULL REFERENCES services(code),
    PRIMARY KEY (login, service));
CREATE TABLE IF NOT EXISTS kiosks (
    id TEXT PRIMARY KEY, display_name TEXT NOT NULL, commune TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, token_sha256 TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS kiosk_lines (
    kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(id),
    down_kbps INTEGER NOT NULL, up_kbps INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS appointments (
    id TEXT PRIMARY KEY, service TEXT NOT NULL REFERENCES services(code),
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id), due_at REAL NOT NULL, call_id TEXT);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_sha256 TEXT PRIMARY KEY, login TEXT NOT NULL, created_at REAL NOT NULL,
    expires_at REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS calls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL, origin_service TEXT NOT NULL, kiosk_id TEXT NOT NULL,
    reason TEXT, appointment_id TEXT, appointment_due INTEGER NOT NULL DEFAULT 0,
    queued_at REAL NOT NULL, state TEXT NOT NULL, rank INTEGER NOT NULL,
    agent_login TEXT, generation INTEGER NOT NULL DEFAULT 0,
    answered_at REAL, connected_at REAL, ended_at REAL, end_reason TEXT, outcome TEXT);
CREATE INDEX IF NOT EXISTS calls_by_arrival ON calls (queued_at);
CREATE INDEX IF NOT EXISTS calls_by_state ON calls (state);
CREATE TABLE IF NOT EXISTS call_events (
    call_id TEXT NOT NULL, seq INTEGER NOT NULL, at REAL NOT NULL, event TEXT NOT NULL,
    state TEXT NOT NULL, agent_login TEXT, detail TEXT,
    PRIMARY KEY (call_id, seq));
CREATE TABLE IF NOT EXISTS wrap_ups (
    call_id TEXT NOT NULL, agent_login TEXT NOT NULL, at REAL NOT NULL,
    outcome TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS offices (
    id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id),
    name TEXT NOT NULL, address TEXT NOT NULL, commune TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL);
CREATE TABLE IF NOT EXISTS agency_settings (
    agency_id TEXT NOT NULL REFERENCES agencies(id), key TEXT NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (agency_id, key));
CREATE INDEX IF NOT EXISTS calls_by_origin_arrival ON calls (origin_service, queued_at);
CREATE INDEX IF NOT EXISTS call_events_by_kind ON call_events (event, at);
"""


class StoreError(Exception):
    """A bad administrative request (unknown agency, duplicate id...)."""


@dataclass(slots=True)
class Agency:
    id: str
    name: str


@dataclass(slots=True)
class Service:
    code: str
    name: str
    agency_id: str


@dataclass(slots=True)
class Agent:
    login: str
    display_name: str
    agency_id: str
    role: Role
    password_hash: str
    services: list[str]
    presence: AgentState
    presence_reason: str | None
    auto_answer: bool
    presence_call: str | None


@dataclass(slots=True)
class Kiosk:
    id: str
    display_name: str
    commune: str
    lat: float
    lon: float
    token_sha256: str


@dataclass(slots=True)
class Appointment:
    id: str
    service: str
    kiosk_id: str
    due_at: float
    call_id: str | None


@dataclass(slots=True, eq=False)
class CallRow:
    """A call as stored; the switchboard keeps the live ones in memory too."""

    seq: int
    id: str
    service: str
    origin_service: str
    kiosk_id: str
    reason: str | None
    appointment_id: str | None
    appointment_due: bool
    queued_at: float
    state: CallState
    rank: int
    agent_login: str | None = None
    generation: int = 0
    answered_at: float | None = None
    connected_at: float | None = None
    ended_at: float | None = None
    end_reason: str | None = None
    outcome: str | None = None


@dataclass(slots=True)
class EventRow:
    call_id: str
    seq: int
    at: float
    event: CallEvent
    state: CallState
    agent_login: str | None
    detail: dict[str, str]


_CALL_COLUMNS = (
    "seq, id, service, origin_service, kiosk_id, reason, appointment_id, appointment_due, "
    "queued_at, state, rank, agent_login, generation, answered_at, connected_at, ended_at, "
    "end_reason, outcome"
)


def _call(row: sqlite3.Row) -> CallRow:
    return CallRow(
        seq=row["seq"],
        id=row["id"],
        service=row["service"],
        origin_service=row["origin_service"],
        kiosk_id=row["kiosk_id"],
        reason=row["reason"],
        appointment_id=row["appointment_id"],
        appointment_due=bool(row["appointment_due"]),
        queued_at=row["queued_at"],
        state=CallState(row["state"]),
        rank=row["rank"],
        agent_login=row["agent_login"],
        generation=row["generation"],
        answered_at=row["answered_at"],
        connected_at=row["connected_at"],
        ended_at=row["ended_at"],
        end_reason=row["end_reason"],
        outcome=row["outcome"],
    )


class Store:
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
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction (BEGIN IMMEDIATE, so a concurrent admin command
        waits instead of failing half-way).  Inside ``batch`` it is a savepoint
        of the batch's transaction: still all or nothing, committed with it."""
        if self._batching:
            if not self._db.in_transaction:
                self._db.execute("BEGIN IMMEDIATE")
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
        self._db.execute("COMMIT")

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

    # -- accounts ------------------------------------------------------------

    def add_agency(self, agency_id: str, name: str) -> None:
        try:
            with self.tx() as db:
                db.execute("INSERT INTO agencies VALUES (?, ?)", (agency_id, name))
        except sqlite3.IntegrityError:
            raise StoreError(f"agency {agency_id!r} already exists") from None

    def add_service(self, code: str, name: str, agency_id: str) -> None:
        try:
            with self.tx() as db:
                db.execute("INSERT INTO services VALUES (?, ?, ?)", (code, name, agency_id))
        except sqlite3.IntegrityError:
            raise StoreError(
                f"service {code!r} already exists, or agency {agency_id!r} does not"
            ) from None

    def add_agent(
        self,
        login: str,
        display_name: str,
        agency_id: str,
        services: list[str],
        password: str,
        role: Role = Role.AGENT,
        *,
        password_hash: str | None = None,
    ) -> None:
        if role is Role.KIOSK:
            raise StoreError("an agent's role is agent or supervisor")
        hashed = password_hash or hash_password(password)
        try:
            with self.tx() as db:
                if db.execute("SELECT 1 FROM agencies WHERE id=?", (agency_id,)).fetchone() is None:
                    raise StoreError(f"no agency {agency_id!r}")
                db.execute(
                    "INSERT INTO agents (login, display_name, agency_id, role, password_hash,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (login, display_name, agency_id, role.value, hashed, time.time()),
                )
                for service in services:
                    if (
                        db.execute("SELECT 1 FROM services WHERE code=?", (service,)).fetchone()
                        is None
                    ):
                        raise StoreError(f"no service {service!r}")
                    db.execute("INSERT INTO agent_services VALUES (?, ?)", (login, service))
        except sqlite3.IntegrityError:
            raise StoreError(f"agent {login!r} already exists") from None

    def set_password(self, login: str, password: str) -> None:
        with self.tx() as db:
            cur = db.execute(
                "UPDATE agents SET password_hash=? WHERE login=?", (hash_password(password), login)
            )
            if cur.rowcount == 0:
                raise StoreError(f"no agent {login!r}")

    def add_kiosk(
        self, kiosk_id: str, display_name: str, commune: str, lat: float, lon: float
    ) -> str:
        """Registers a kiosk and returns its device token: shown once, stored hashed."""
        token = secrets.token_urlsafe(32)
        try:
            with self.tx() as db:
                db.execute(
                    "INSERT INTO kiosks VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (kiosk_id, display_name, commune, lat, lon, hash_token(token), time.time()),
                )
        except sqlite3.IntegrityError:
            raise StoreError(f"kiosk {kiosk_id!r} already exists") from None
        return token

    def set_kiosk_line(self, kiosk_id: str, down_kbps: int, up_kbps: int) -> None:
        """The kiosk's line (kbit/s each way): both ends of its calls fit their video to it."""
        for rate in (down_kbps, up_kbps):
            if not 64 <= rate <= 1_000_000:
                raise StoreError(f"a line of {rate} kbit/s is out of range (64 to 1000000)")
        if self.kiosk(kiosk_id) is None:
            raise StoreError(f"no kiosk {kiosk_id!r}")
        with self.tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO kiosk_lines VALUES (?, ?, ?)",
                (kiosk_id, down_kbps, up_kbps),
            )

    def kiosk_line(self, kiosk_id: str) -> LineCaps | None:
        row = self._db.execute(
            "SELECT down_kbps, up_kbps FROM kiosk_lines WHERE kiosk_id=?", (kiosk_id,)
        ).fetchone()
        return None if row is None else LineCaps(down_kbps=row[0], up_kbps=row[1])

    def renew_kiosk_token(self, kiosk_id: str) -> str:
        token = secrets.token_urlsafe(32)
        with self.tx() as db:
            cur = db.execute(
                "UPDATE kiosks SET token_sha256=? WHERE id=?", (hash_token(token), kiosk_id)
            )
            if cur.rowcount == 0:
                raise StoreError(f"no kiosk {kiosk_id!r}")
        return token

    def add_appointment(
        self, service: str, kiosk_id: str, due_at: float, appointment_id: str | None = None
    ) -> str:
        appointment_id = appointment_id or "rdv-" + secrets.token_hex(6)
        try:
            with self.tx() as db:
                db.execute(
                    "INSERT INTO appointments VALUES (?, ?, ?, ?, NULL)",
                    (appointment_id, service, kiosk_id, due_at),
                )
        except sqlite3.IntegrityError:
            raise StoreError(
                f"appointment {appointment_id!r} exists, or no service {service!r}"
                f" or kiosk {kiosk_id!r}"
            ) from None
        return appointment_id

    def agencies(self) -> list[Agency]:
        return [Agency(r["id"], r["name"]) for r in self._db.execute("SELECT * FROM agencies")]

    def services(self) -> list[Service]:
        rows = self._db.execute("SELECT * FROM services ORDER BY code")
        return [Service(r["code"], r["name"], r["agency_id"]) for r in rows]

    def agent(self, login: str) -> Agent | None:
        row = self._db.execute("SELECT * FROM agents WHERE login=?", (login,)).fetchone()
        if row is None:
            return None
        services = [
            r[0]
            for r in self._db.execute(
                "SELECT service FROM agent_services WHERE login=? ORDER BY service", (login,)
            )
        ]
        return Agent(
            login=row["login"],
            display_name=row["display_name"],
            agency_id=row["agency_id"],
            role=Role(row["role"]),
            password_hash=row["password_hash"],
            services=services,
            presence=AgentState(row["presence"]),
            presence_reason=row["presence_reason"],
            auto_answer=bool(row["auto_answer"]),
            presence_call=row["presence_call"],
        )

    def agents(self, agency_id: str | None = None) -> list[Agent]:
        if agency_id is None:
            rows = self._db.execute("SELECT login FROM agents ORDER BY login")
        else:
            rows = self._db.execute(
                "SELECT login FROM agents WHERE agency_id=? ORDER BY login", (agency_id,)
            )
        return [a for r in rows.fetchall() if (a := self.agent(r[0])) is not None]

    def save_presence(
        self, login: str, state: AgentState, reason: str | None, auto_answer: bool, call: str | None
    ) -> None:
        with self.tx() as db:
            db.execute(
                "UPDATE agents SET presence=?, presence_reason=?, auto_answer=?, presence_call=?"
                " WHERE login=?",
                (state.value, reason, int(auto_answer), call, login),
            )

    def kiosk(self, kiosk_id: str) -> Kiosk | None:
        row = self._db.execute("SELECT * FROM kiosks WHERE id=?", (kiosk_id,)).fetchone()
        if row is None:
            return None
        return Kiosk(
            row["id"],
            row["display_name"],
            row["commune"],
            row["lat"],
            row["lon"],
            row["token_sha256"],
        )

    def kiosks(self) -> list[Kiosk]:
        ids = [r[0] for r in self._db.execute("SELECT id FROM kiosks ORDER BY id")]
        return [k for i in ids if (k := self.kiosk(i)) is not None]

    def appointment(self, appointment_id: str) -> Appointment | None:
        row = self._db.execute(
            "SELECT * FROM appointments WHERE id=?", (appointment_id,)
        ).fetchone()
        if row is None:
            return None
        return Appointment(
            row["id"], row["service"], row["kiosk_id"], row["due_at"], row["call_id"]
        )

    def appointments(self) -> list[Appointment]:
        rows = self._db.execute("SELECT * FROM appointments ORDER BY due_at")
        return [
            Appointment(r["id"], r["service"], r["kiosk_id"], r["due_at"], r["call_id"])
            for r in rows
        ]

    # -- supervision: offices and settings of an agency -----------------------

    def add_office(
        self,
        office_id: str,
        agency_id: str,
        name: str,
        address: str,
        commune: str,
        lat: float,
        lon: float,
    ) -> None:
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise StoreError(f"coordinates out of range: {lat}, {lon}")
        try:
            with self.tx() as db:
                if db.execute("SELECT 1 FROM agencies WHERE id=?", (agency_id,)).fetchone() is None:
                    raise StoreError(f"no agency {agency_id!r}")
                db.execute(
                    "INSERT INTO offices VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (office_id, agency_id, name, address, commune, lat, lon),
                )
        except sqlite3.IntegrityError:
            raise StoreError(f"office {office_id!r} already exists") from None

    def offices(self, agency_id: str) -> list[Office]:
        rows = self._db.execute("SELECT * FROM offices WHERE agency_id=? ORDER BY id", (agency_id,))
        return [
            Office(
                id=r["id"],
                name=r["name"],
                address=r["address"],
                commune=r["commune"],
                lat=r["lat"],
                lon=r["lon"],
            )
            for r in rows
        ]

    def agency_settings(self, agency_id: str) -> AgencySettings:
        """The agency's settings; defaults for what it never set."""
        rows = self._db.execute(
            "SELECT key, value FROM agency_settings WHERE agency_id=?", (agency_id,)
        )
        known = set(AgencySettings.__struct_fields__)
        return AgencySettings(**{r["key"]: float(r["value"]) for r in rows if r["key"] in known})

    def set_agency_settings(self, agency_id: str, update: AgencySettingsUpdate) -> AgencySettings:
        with self.tx() as db:
            if db.execute("SELECT 1 FROM agencies WHERE id=?", (agency_id,)).fetchone() is None:
                raise StoreError(f"no agency {agency_id!r}")
            for key in AgencySettingsUpdate.__struct_fields__:
                value = getattr(update, key)
                if value is not None:
                    db.execute(
                        "INSERT INTO agency_settings VALUES (?, ?, ?) ON CONFLICT"
                        " (agency_id, key) DO UPDATE SET value=excluded.value",
                        (agency_id, key, float(value)),
                    )
        return self.agency_settings(agency_id)

    # -- refresh tokens ------------------------------------------------------

    def add_refresh_token(self, token: str, login: str, ttl_s: float) -> None:
        now = time.time()
        with self.tx() as db:
            db.execute("DELETE FROM refresh_tokens WHERE expires_at < ?", (now,))
            db.execute(
                "INSERT INTO refresh_tokens VALUES (?, ?, ?, ?, 0)",
                (hash_token(token), login, now, now + ttl_s),
            )

    def use_refresh_token(self, token: str) -> str | None:
        """Revokes a valid refresh token and returns its login (rotation)."""
        with self.tx() as db:
            row = db.execute(
                "SELECT login, expires_at, revoked FROM refresh_tokens WHERE token_sha256=?",
                (hash_token(token),),
            ).fetchone()
            if row is None or row["revoked"] or row["expires_at"] < time.time():
                return None
            db.execute(
                "UPDATE refresh_tokens SET revoked=1 WHERE token_sha256=?", (hash_token(token),)
            )
            return str(row["login"])

    # -- calls ---------------------------------------------------------------

    def create_call(
        self,
        call_id: str,
        service: str,
        kiosk_id: str,
        reason: str | None,
        appointment_id: str | None,
        appointment_due: bool,
        queued_at: float,
        rank: int,
        detail: dict[str, str],
    ) -> CallRow:
        with self.tx() as db:
            cur = db.execute(
                "INSERT INTO calls (id, service, origin_service, kiosk_id, reason, appointment_id,"
                " appointment_due, queued_at, state, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    call_id,
                    service,
                    service,
                    kiosk_id,
                    reason,
                    appointment_id,
                    int(appointment_due),
                    queued_at,
                    CallState.QUEUED.value,
                    rank,
                ),
            )
            if appointment_id is not None:
                db.execute(
                    "UPDATE appointments SET call_id=? WHERE id=?", (call_id, appointment_id)
                )
            db.execute(
                "INSERT INTO call_events VALUES (?, 1, ?, ?, ?, NULL, ?)",
                (
                    call_id,
                    queued_at,
                    CallEvent.QUEUED.value,
                    CallState.QUEUED.value,
                    json.dumps(detail) if detail else None,
                ),
            )
        seq = cur.lastrowid
        assert seq is not None
        return CallRow(
            seq=seq,
            id=call_id,
            service=service,
            origin_service=service,
            kiosk_id=kiosk_id,
            reason=reason,
            appointment_id=appointment_id,
            appointment_due=appointment_due,
            queued_at=queued_at,
            state=CallState.QUEUED,
            rank=rank,
        )

    def record(
        self,
        call: CallRow,
        event: CallEvent,
        at: float,
        agent_login: str | None,
        detail: dict[str, str] | None = None,
        wrap_up: tuple[str, str | None, str | None] | None = None,
    ) -> None:
        """Saves the call as it now is and appends the event, in one transaction."""
        with self.tx() as db:
            db.execute(
                "UPDATE calls SET service=?, state=?, rank=?, agent_login=?, generation=?,"
                " answered_at=?, connected_at=?, ended_at=?, end_reason=?, outcome=? WHERE id=?",
                (
                    call.service,
                    call.state.value,
                    call.rank,
                    call.agent_login,
                    call.generation,
                    call.answered_at,
                    call.connected_at,
                    call.ended_at,
                    call.end_reason,
                    call.outcome,
                    call.id,
                ),
            )
            db.execute(
                "INSERT INTO call_events SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?"
                " FROM call_events WHERE call_id=?",
                (
                    call.id,
                    at,
                    event.value,
                    call.state.value,
                    agent_login,
                    json.dumps(detail) if detail else None,
                    call.id,
                ),
            )
            if wrap_up is not None:
                login, outcome, note = wrap_up
                db.execute(
                    "INSERT INTO wrap_ups VALUES (?, ?, ?, ?, ?)",
                    (call.id, login, at, outcome, note),
                )

    def save_wrap_up(
        self, call_id: str, login: str, at: float, outcome: str | None, note: str | None
    ) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO wrap_ups VALUES (?, ?, ?, ?, ?)", (call_id, login, at, outcome, note)
            )

    def live_calls(self) -> list[CallRow]:
        rows = self._db.execute(
            f"SELECT {_CALL_COLUMNS} FROM calls WHERE state NOT IN (?, ?) ORDER BY seq",
            (CallState.DONE.value, CallState.ABANDONED.value),
        )
        return [_call(r) for r in rows]

    def calls_between(self, since: float, until: float, services: list[str]) -> list[CallRow]:
        """Calls that arrived in [since, until) and that were, or are, in one of
        these services."""
        marks = ",".join("?" * len(services))
        rows = self._db.execute(
            f"SELECT {_CALL_COLUMNS} FROM calls WHERE queued_at >= ? AND queued_at < ?"
            f" AND (service IN ({marks}) OR origin_service IN ({marks})) ORDER BY seq",
            (since, until, *services, *services),
        )
        return [_call(r) for r in rows]

    def events_of(self, call_ids: list[str]) -> dict[str, list[EventRow]]:
        out: dict[str, list[EventRow]] = {c: [] for c in call_ids}
        for start in range(0, len(call_ids), 500):
            chunk = call_ids[start : start + 500]
            rows = self._db.execute(
                f"SELECT * FROM call_events WHERE call_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY call_id, seq",
                chunk,
            )
            for r in rows:
                out[r["call_id"]].append(
                    EventRow(
                        call_id=r["call_id"],
                        seq=r["seq"],
                        at=r["at"],
                        event=CallEvent(r["event"]),
                        state=CallState(r["state"]),
                        agent_login=r["agent_login"],
                        detail=json.loads(r["detail"]) if r["detail"] else {},
                    )
                )
        return out

    def recent_handle_times(self, service: str, limit: int = 20) -> list[float]:
        rows = self._db.execute(
            "SELECT ended_at - answered_at FROM calls WHERE service=? AND answered_at IS NOT NULL"
            " AND ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?",
            (service, limit),
        )
        return [float(r[0]) for r in rows if r[0] is not None and r[0] >= 0]
