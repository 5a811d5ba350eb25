"""Agencies, services, accounts (with their presence), kiosks."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time

from agentdesk.protocol import AgentState, LineCaps, Role

from ...auth import hash_password, hash_token
from ..records import Agency, Agent, Kiosk, Service, StoreError
from .base import SqliteBase
from .calendar import forget_agent


def _sign_out(db: sqlite3.Connection, login: str) -> None:
    """Revokes every refresh token of the account: its sessions end (the
    switchboard checks the family of each access token)."""
    db.execute("UPDATE refresh_tokens SET revoked=1 WHERE login=?", (login,))


class SqliteDirectory(SqliteBase):
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
        """A new password signs the account out everywhere."""
        with self.tx() as db:
            cur = db.execute(
                "UPDATE agents SET password_hash=? WHERE login=?", (hash_password(password), login)
            )
            if cur.rowcount == 0:
                raise StoreError(f"no agent {login!r}")
            _sign_out(db, login)

    def set_disabled(self, login: str, disabled: bool) -> None:
        with self.tx() as db:
            cur = db.execute("UPDATE agents SET disabled=? WHERE login=?", (int(disabled), login))
            if cur.rowcount == 0:
                raise StoreError(f"no agent {login!r}")
            if disabled:
                _sign_out(db, login)

    def set_role(self, login: str, role: Role) -> None:
        if role is Role.KIOSK:
            raise StoreError("an agent's role is agent or supervisor")
        with self.tx() as db:
            cur = db.execute("UPDATE agents SET role=? WHERE login=?", (role.value, login))
            if cur.rowcount == 0:
                raise StoreError(f"no agent {login!r}")
            _sign_out(db, login)

    def delete_agent(self, login: str) -> str:
        """Deletes the account; its calls' history stays, under a pseudonym
        (returned) that is the same for all of its calls."""
        pseudonym = "former-" + hashlib.sha256(login.encode()).hexdigest()[:12]
        with self.tx() as db:
            if db.execute("SELECT 1 FROM agents WHERE login=?", (login,)).fetchone() is None:
                raise StoreError(f"no agent {login!r}")
            for table in ("calls", "call_events", "wrap_ups"):
                db.execute(
                    f"UPDATE {table} SET agent_login=? WHERE agent_login=?", (pseudonym, login)
                )
            forget_agent(db, login, pseudonym, time.time())
            db.execute("DELETE FROM refresh_tokens WHERE login=?", (login,))
            db.execute("DELETE FROM transfer_results WHERE sender=?", (login,))
            db.execute("DELETE FROM agent_services WHERE login=?", (login,))
            db.execute("DELETE FROM agents WHERE login=?", (login,))
        return pseudonym

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
            disabled=bool(row["disabled"]),
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
        self._write(
            "UPDATE agents SET presence=?, presence_reason=?, auto_answer=?, presence_call=?"
            " WHERE login=?",
            (state.value, reason, int(auto_answer), call, login),
        )

    def kiosk(self, kiosk_id: str) -> Kiosk | None:
        row = self._db.execute("SELECT * FROM kiosks WHERE id=?", (kiosk_id,)).fetchone()
        return None if row is None else _kiosk(row)

    def kiosks(self) -> list[Kiosk]:
        # One query: each agent's sign-in lists every kiosk (its day plan), and
        # a query per kiosk held the loop when 300 agents signed in at once.
        return [_kiosk(row) for row in self._db.execute("SELECT * FROM kiosks ORDER BY id")]


def _kiosk(row: sqlite3.Row) -> Kiosk:
    return Kiosk(
        row["id"], row["display_name"], row["commune"], row["lat"], row["lon"], row["token_sha256"]
    )
