"""The calendar's tables: permanences, closures, appointments (with check-in
and no-show), early closings, and what the calendar figures count (calls
refused because closed, agents' sessions)."""

from __future__ import annotations

import secrets
import sqlite3

import msgspec

from agentdesk.protocol.schedule import (
    Appointment,
    AppointmentState,
    Closure,
    ClosureDraft,
    Permanence,
    PermanenceDraft,
)

from ..records import StoreError
from .base import SqliteBase
from .schema import new_code

_permanence_json = msgspec.json.Encoder()
_permanence_decoder = msgspec.json.Decoder(PermanenceDraft)


def forget_agent(db: sqlite3.Connection, login: str, pseudonym: str, at: float) -> None:
    """The calendar's part of deleting an account at ``at``: its sessions (an
    open one ends then: the switchboard would no longer find it by login) and
    closings stay under the pseudonym; appointments still to come go to any
    agent of the service; permanences no longer name it."""
    db.execute(
        "UPDATE agent_sessions SET login=?, ended_at=COALESCE(ended_at, MAX(started_at, ?))"
        " WHERE login=?",
        (pseudonym, at, login),
    )
    db.execute("UPDATE early_closings SET login=? WHERE login=?", (pseudonym, login))
    db.execute(
        "UPDATE appointments SET agent_login=CASE WHEN state IN (?, ?) THEN NULL ELSE ? END"
        " WHERE agent_login=?",
        (AppointmentState.BOOKED.value, AppointmentState.CHECKED_IN.value, pseudonym, login),
    )
    for row in db.execute("SELECT id, body FROM permanences").fetchall():
        draft = _permanence_decoder.decode(row[1])
        if login in draft.agent_logins:
            kept = [other for other in draft.agent_logins if other != login]
            body = _permanence_json.encode(msgspec.structs.replace(draft, agent_logins=kept))
            db.execute("UPDATE permanences SET body=? WHERE id=?", (body.decode(), row[0]))


class SqliteCalendar(SqliteBase):
    # -- permanences ---------------------------------------------------------

    def permanences(self) -> list[Permanence]:
        rows = self._db.execute("SELECT id, body FROM permanences ORDER BY created_at, id")
        out = []
        for row in rows:
            draft = _permanence_decoder.decode(row["body"])
            out.append(Permanence(permanence_id=row["id"], **msgspec.structs.asdict(draft)))
        return out

    def permanence(self, permanence_id: str) -> Permanence | None:
        return next((p for p in self.permanences() if p.permanence_id == permanence_id), None)

    def save_permanence(
        self, draft: PermanenceDraft, at: float, permanence_id: str | None = None
    ) -> Permanence:
        """Adds a permanence, or replaces ``permanence_id``'s."""
        body = _permanence_json.encode(draft).decode()
        with self.tx() as db:
            if permanence_id is None:
                permanence_id = "perm-" + secrets.token_hex(4)
                db.execute(
                    "INSERT INTO permanences VALUES (?, ?, ?, ?)",
                    (permanence_id, draft.service, body, at),
                )
            elif (
                db.execute(
                    "UPDATE permanences SET service=?, body=? WHERE id=?",
                    (draft.service, body, permanence_id),
                ).rowcount
                == 0
            ):
                raise StoreError(f"no permanence {permanence_id}")
        return Permanence(permanence_id=permanence_id, **msgspec.structs.asdict(draft))

    def remove_permanence(self, permanence_id: str) -> None:
        with self.tx() as db:
            if db.execute("DELETE FROM permanences WHERE id=?", (permanence_id,)).rowcount == 0:
                raise StoreError(f"no permanence {permanence_id}")

    # -- closures ------------------------------------------------------------

    def closures(self, agency: str | None = None) -> list[Closure]:
        rows = self._db.execute("SELECT * FROM closures ORDER BY date_from, id")
        return [
            Closure(
                closure_id=r["id"],
                agency=r["agency_id"],
                service=r["service"],
                date_from=r["date_from"],
                date_to=r["date_to"],
                label=r["label"],
            )
            for r in rows
            if agency is None or r["agency_id"] == agency
        ]

    def add_closure(self, draft: ClosureDraft, agency: str) -> Closure:
        if draft.date_to < draft.date_from:
            raise StoreError(f"date_to ({draft.date_to}) is before date_from ({draft.date_from})")
        closure_id = "closure-" + secrets.token_hex(4)
        with self.tx() as db:
            if db.execute("SELECT 1 FROM agencies WHERE id=?", (agency,)).fetchone() is None:
                raise StoreError(f"no agency {agency}")
            if draft.service is not None:
                row = db.execute(
                    "SELECT agency_id FROM services WHERE code=?", (draft.service,)
                ).fetchone()
                if row is None or row[0] != agency:
                    raise StoreError(f"no service {draft.service} in agency {agency}")
            db.execute(
                "INSERT INTO closures VALUES (?, ?, ?, ?, ?, ?)",
                (closure_id, agency, draft.service, draft.date_from, draft.date_to, draft.label),
            )
        return Closure(
            closure_id=closure_id,
            agency=agency,
            service=draft.service,
            date_from=draft.date_from,
            date_to=draft.date_to,
            label=draft.label,
        )

    def remove_closure(self, closure_id: str) -> None:
        with self.tx() as db:
            if db.execute("DELETE FROM closures WHERE id=?", (closure_id,)).rowcount == 0:
                raise StoreError(f"no closure {closure_id}")

    # -- early closings ------------------------------------------------------

    def early_closings(self) -> dict[str, float]:
        rows = self._db.execute("SELECT service, until FROM early_closings")
        return {r["service"]: float(r["until"]) for r in rows}

    def close_early(self, service: str, at: float, until: float, login: str) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO early_closings VALUES (?, ?, ?, ?) ON CONFLICT (service)"
                " DO UPDATE SET at=excluded.at, until=excluded.until, login=excluded.login",
                (service, at, until, login),
            )

    # -- appointments --------------------------------------------------------

    def appointments(
        self,
        since: float | None = None,
        until: float | None = None,
        kiosk_id: str | None = None,
    ) -> list[Appointment]:
        sql, args = "SELECT * FROM appointments WHERE 1=1", []
        for clause, value in (
            (" AND due_at >= ?", since),
            (" AND due_at < ?", until),
            (" AND kiosk_id = ?", kiosk_id),
        ):
            if value is not None:
                sql += clause
                args.append(value)
        rows = self._db.execute(sql + " ORDER BY due_at, id", args)
        return [_appointment(r) for r in rows]

    def appointment(self, appointment_id: str) -> Appointment | None:
        row = self._db.execute(
            "SELECT * FROM appointments WHERE id=?", (appointment_id,)
        ).fetchone()
        return None if row is None else _appointment(row)

    def appointment_by_code(self, kiosk_id: str, code: str) -> Appointment | None:
        row = self._db.execute(
            "SELECT * FROM appointments WHERE kiosk_id=? AND code=?", (kiosk_id, code)
        ).fetchone()
        return None if row is None else _appointment(row)

    def add_appointment(
        self, service: str, kiosk_id: str, due_at: float, appointment_id: str | None = None
    ) -> str:
        """A bare appointment (admin CLI ``add-appointment``, tests): no name,
        no check against the permanences.  Returns its id."""
        appointment_id = appointment_id or "rdv-" + secrets.token_hex(6)
        try:
            with self.tx() as db:
                db.execute(
                    "INSERT INTO appointments (id, service, kiosk_id, due_at, code)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (appointment_id, service, kiosk_id, due_at, self._free_code(db, kiosk_id)),
                )
        except sqlite3.IntegrityError:
            raise StoreError(
                f"appointment {appointment_id!r} exists, or no service {service!r}"
                f" or kiosk {kiosk_id!r}"
            ) from None
        return appointment_id

    @staticmethod
    def _free_code(db: sqlite3.Connection, kiosk_id: str) -> str:
        for _ in range(50):
            code = new_code()
            taken = db.execute(
                "SELECT 1 FROM appointments WHERE kiosk_id=? AND code=?", (kiosk_id, code)
            ).fetchone()
            if taken is None:
                return code
        raise StoreError(f"no free check-in code at {kiosk_id}")

    def book(self, appointment: Appointment) -> Appointment:
        """Stores a new appointment; its id and code are chosen here."""
        with self.tx() as db:
            code = self._free_code(db, appointment.kiosk_id)
            booked = msgspec.structs.replace(
                appointment, appointment_id="rdv-" + secrets.token_hex(5), code=code
            )
            db.execute(
                "INSERT INTO appointments (id, service, kiosk_id, due_at, call_id, code,"
                " duration_min, purpose, resident_name, agent_login, state, checked_in_at)"
                " VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    booked.appointment_id,
                    booked.service,
                    booked.kiosk_id,
                    booked.starts_at,
                    booked.code,
                    booked.duration_min,
                    booked.purpose,
                    booked.resident_name,
                    booked.agent_login,
                    booked.state.value,
                ),
            )
        return booked

    def save_appointment(self, appointment: Appointment) -> None:
        with self.tx() as db:
            db.execute(
                "UPDATE appointments SET service=?, kiosk_id=?, due_at=?, call_id=?,"
                " duration_min=?, purpose=?, resident_name=?, agent_login=?, state=?,"
                " checked_in_at=? WHERE id=?",
                (
                    appointment.service,
                    appointment.kiosk_id,
                    appointment.starts_at,
                    appointment.call_id,
                    appointment.duration_min,
                    appointment.purpose,
                    appointment.resident_name,
                    appointment.agent_login,
                    appointment.state.value,
                    appointment.checked_in_at,
                    appointment.appointment_id,
                ),
            )

    # -- what the figures count ----------------------------------------------

    def refused(self, at: float, service: str, kiosk_id: str) -> None:
        with self.tx() as db:
            db.execute("INSERT INTO refusals VALUES (?, ?, ?)", (at, service, kiosk_id))

    def refusals(self, since: float, until: float, services: list[str]) -> int:
        marks = ",".join("?" * len(services))
        row = self._db.execute(
            f"SELECT COUNT(*) FROM refusals WHERE at >= ? AND at < ? AND service IN ({marks})",
            (since, until, *services),
        ).fetchone()
        return int(row[0])

    def session_started(self, login: str, at: float) -> None:
        with self.tx() as db:
            db.execute("INSERT INTO agent_sessions VALUES (?, ?, NULL)", (login, at))

    def session_ended(self, login: str, at: float) -> None:
        with self.tx() as db:
            db.execute(
                "UPDATE agent_sessions SET ended_at=? WHERE login=? AND ended_at IS NULL",
                (at, login),
            )

    def end_all_sessions(self, at: float) -> None:
        """At start-up: sessions left open by a stopped switchboard end now."""
        with self.tx() as db:
            db.execute("UPDATE agent_sessions SET ended_at=? WHERE ended_at IS NULL", (at,))

    def sessions(self, since: float, until: float) -> list[tuple[str, float, float | None]]:
        rows = self._db.execute(
            "SELECT login, started_at, ended_at FROM agent_sessions"
            " WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)",
            (until, since),
        )
        return [(r[0], float(r[1]), None if r[2] is None else float(r[2])) for r in rows]


def _appointment(row: sqlite3.Row) -> Appointment:
    return Appointment(
        appointment_id=row["id"],
        code=row["code"] or "",
        service=row["service"],
        kiosk_id=row["kiosk_id"],
        starts_at=row["due_at"],
        duration_min=row["duration_min"],
        purpose=row["purpose"],
        resident_name=row["resident_name"],
        agent_login=row["agent_login"],
        state=AppointmentState(row["state"]),
        checked_in_at=row["checked_in_at"],
        call_id=row["call_id"],
    )
