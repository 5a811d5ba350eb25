"""The SQLite file's tables, and its schema version."""

from __future__ import annotations

import secrets
import sqlite3

SCHEMA_VERSION = 5
# 2: agency offices and settings (supervision), indexes for period figures.
# 3: accounts can be disabled; refresh tokens belong to a family (one sign-in);
#    the calendar: permanences, closures, early closings, appointments with a
#    check-in code, a resident's name and a state; calls refused because
#    closed and agents' sessions (for the figures).
# 4: what a waiting call carries besides its place, so a restart keeps it: the
#    transfer's note to the next agent, and the first offer held for one agent
#    (a colleague named in a transfer, an appointment's own agent).
# 5: nothing lost across a restart: the agents who declined a waiting call
#    (not offered it again), and the outcomes of transfers to a named
#    colleague not yet delivered to the agent who transferred.

SCHEMA = """
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
    auto_answer INTEGER NOT NULL DEFAULT 0, presence_call TEXT,
    disabled INTEGER NOT NULL DEFAULT 0);
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
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id), due_at REAL NOT NULL, call_id TEXT,
    code TEXT, duration_min INTEGER NOT NULL DEFAULT 20, purpose TEXT NOT NULL DEFAULT '',
    resident_name TEXT NOT NULL DEFAULT '', agent_login TEXT,
    state TEXT NOT NULL DEFAULT 'booked', checked_in_at REAL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_sha256 TEXT PRIMARY KEY, login TEXT NOT NULL, created_at REAL NOT NULL,
    expires_at REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, family TEXT);
CREATE TABLE IF NOT EXISTS calls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL, origin_service TEXT NOT NULL, kiosk_id TEXT NOT NULL,
    reason TEXT, appointment_id TEXT, appointment_due INTEGER NOT NULL DEFAULT 0,
    queued_at REAL NOT NULL, state TEXT NOT NULL, rank INTEGER NOT NULL,
    agent_login TEXT, generation INTEGER NOT NULL DEFAULT 0,
    answered_at REAL, connected_at REAL, ended_at REAL, end_reason TEXT, outcome TEXT,
    transfer_note TEXT, transfer_from TEXT,
    held_for TEXT, held_until REAL, held_by TEXT, declined_by TEXT);
CREATE INDEX IF NOT EXISTS calls_by_arrival ON calls (queued_at);
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
CREATE TABLE IF NOT EXISTS permanences (
    id TEXT PRIMARY KEY, service TEXT NOT NULL REFERENCES services(code),
    body TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS closures (
    id TEXT PRIMARY KEY, agency_id TEXT NOT NULL REFERENCES agencies(id), service TEXT,
    date_from TEXT NOT NULL, date_to TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS early_closings (
    service TEXT PRIMARY KEY, at REAL NOT NULL, until REAL NOT NULL, login TEXT);
CREATE TABLE IF NOT EXISTS refusals (
    at REAL NOT NULL, service TEXT NOT NULL, kiosk_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS refusals_by_time ON refusals (at);
CREATE TABLE IF NOT EXISTS agent_sessions (
    login TEXT NOT NULL, started_at REAL NOT NULL, ended_at REAL);
CREATE INDEX IF NOT EXISTS agent_sessions_by_start ON agent_sessions (started_at);
CREATE INDEX IF NOT EXISTS appointments_by_time ON appointments (due_at);
CREATE UNIQUE INDEX IF NOT EXISTS appointments_by_code ON appointments (kiosk_id, code);
CREATE TABLE IF NOT EXISTS kiosk_health (
    kiosk_id TEXT PRIMARY KEY, online INTEGER NOT NULL, since REAL, last_contact REAL,
    devices TEXT NOT NULL DEFAULT '[]', devices_at REAL);
CREATE TABLE IF NOT EXISTS satisfaction (
    call_id TEXT PRIMARY KEY, rating TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS transfer_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sender TEXT NOT NULL, call_id TEXT NOT NULL,
    outcome TEXT NOT NULL, colleague TEXT NOT NULL, answered_by TEXT, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS transfer_results_by_sender ON transfer_results (sender, id);
DROP INDEX IF EXISTS calls_by_state;
"""
# calls_by_state (up to version 5) served no query (live_calls reads every row
# at start) and every transition of a call paid for keeping it up to date.
# Dropping it changes nothing an older switchboard reads: the version stays.

# Columns added after a table was first created: (table, column, definition).
ADDED_COLUMNS = [
    ("agents", "disabled", "INTEGER NOT NULL DEFAULT 0"),
    ("refresh_tokens", "family", "TEXT"),
    ("appointments", "code", "TEXT"),
    ("appointments", "duration_min", "INTEGER NOT NULL DEFAULT 20"),
    ("appointments", "purpose", "TEXT NOT NULL DEFAULT ''"),
    ("appointments", "resident_name", "TEXT NOT NULL DEFAULT ''"),
    ("appointments", "agent_login", "TEXT"),
    ("appointments", "state", "TEXT NOT NULL DEFAULT 'booked'"),
    ("appointments", "checked_in_at", "REAL"),
    ("calls", "transfer_note", "TEXT"),
    ("calls", "transfer_from", "TEXT"),
    ("calls", "held_for", "TEXT"),
    ("calls", "held_until", "REAL"),
    ("calls", "held_by", "TEXT"),
    ("calls", "declined_by", "TEXT"),
]


def new_code() -> str:
    """A six-digit check-in code."""
    return f"{secrets.randbelow(1_000_000):06d}"


def upgrade(db: sqlite3.Connection) -> None:
    """Brings the tables of an older file up to date.  Runs before SCHEMA,
    whose indexes need the added columns; a new file has no tables yet and
    gets them whole from SCHEMA."""
    added: set[tuple[str, str]] = set()
    for table, column, definition in ADDED_COLUMNS:
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        if have and column not in have:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
            added.add((table, column))
    if ("appointments", "code") in added:
        _give_codes(db)


def _give_codes(db: sqlite3.Connection) -> None:
    """Appointments booked before version 3 keep working: each gets a code
    (unique at its kiosk); one whose call was placed is served."""
    taken: set[tuple[str, str]] = set()
    rows = db.execute("SELECT id, kiosk_id, call_id FROM appointments").fetchall()
    for appointment_id, kiosk_id, call_id in rows:
        code = new_code()
        while (kiosk_id, code) in taken:
            code = new_code()
        taken.add((kiosk_id, code))
        state = "served" if call_id is not None else "booked"
        db.execute(
            "UPDATE appointments SET code=?, state=? WHERE id=?", (code, state, appointment_id)
        )
