"""Calls, their history of events and agents' wrap-ups."""

from __future__ import annotations

import json
import sqlite3

from agentdesk.protocol import CallEvent, CallState

from ..records import CallRow, EventRow, Hold
from .base import SqliteBase

_CALL_COLUMNS = (
    "seq, id, service, origin_service, kiosk_id, reason, appointment_id, appointment_due, "
    "queued_at, state, rank, agent_login, generation, answered_at, connected_at, ended_at, "
    "end_reason, outcome, transfer_note, transfer_from, held_for, held_until, held_by, declined_by"
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
        transfer_note=row["transfer_note"],
        transfer_from=row["transfer_from"],
        hold=None
        if row["held_for"] is None
        else Hold(row["held_for"], row["held_until"], row["held_by"]),
        declined_by=tuple(json.loads(row["declined_by"])) if row["declined_by"] else (),
    )


class SqliteCalls(SqliteBase):
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
                " answered_at=?, connected_at=?, ended_at=?, end_reason=?, outcome=?,"
                " transfer_note=?, transfer_from=?, declined_by=? WHERE seq=?",
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
                    call.transfer_note,
                    call.transfer_from,
                    json.dumps(list(call.declined_by)) if call.declined_by else None,
                    call.seq,
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

    def save_rank(self, call_id: str, rank: int, appointment_due: bool) -> None:
        self._write(
            "UPDATE calls SET rank=?, appointment_due=? WHERE id=?",
            (rank, int(appointment_due), call_id),
        )

    def save_hold(self, call_id: str, hold: Hold | None) -> None:
        self._write(
            "UPDATE calls SET held_for=?, held_until=?, held_by=? WHERE id=?",
            (
                hold.agent_login if hold else None,
                hold.until if hold else None,
                hold.sender if hold else None,
                call_id,
            ),
        )

    def save_wrap_up(
        self, call_id: str, login: str, at: float, outcome: str | None, note: str | None
    ) -> None:
        self._write(
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

    def recent_handle_times(self, service: str, limit: int = 20) -> list[tuple[str | None, float]]:
        rows = self._db.execute(
            "SELECT agent_login, ended_at - answered_at FROM calls WHERE service=?"
            " AND answered_at IS NOT NULL AND ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?",
            (service, limit),
        )
        return [(r[0], float(r[1])) for r in rows if r[1] is not None and r[1] >= 0]
