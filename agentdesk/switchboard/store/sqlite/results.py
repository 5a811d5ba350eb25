"""Outcomes of transfers to a named colleague, kept until the agent who
transferred has received them (see handover.py's deliveries)."""

from __future__ import annotations

from agentdesk.protocol import TransferOutcome

from ..records import KeptResult
from .base import SqliteBase


class SqliteResults(SqliteBase):
    def keep_result(
        self,
        sender: str,
        call_id: str,
        outcome: TransferOutcome,
        colleague: str,
        answered_by: str | None,
        at: float,
    ) -> KeptResult:
        with self.tx() as db:
            cur = db.execute(
                "INSERT INTO transfer_results"
                " (sender, call_id, outcome, colleague, answered_by, at) VALUES (?, ?, ?, ?, ?, ?)",
                (sender, call_id, outcome.value, colleague, answered_by, at),
            )
        result_id = cur.lastrowid
        assert result_id is not None
        return KeptResult(result_id, sender, call_id, outcome, colleague, answered_by, at)

    def kept_results(self, sender: str) -> list[KeptResult]:
        rows = self._db.execute(
            "SELECT * FROM transfer_results WHERE sender=? ORDER BY id", (sender,)
        )
        return [
            KeptResult(
                r["id"],
                r["sender"],
                r["call_id"],
                TransferOutcome(r["outcome"]),
                r["colleague"],
                r["answered_by"],
                r["at"],
            )
            for r in rows
        ]

    def result_delivered(self, result_id: int) -> None:
        with self.tx() as db:
            db.execute("DELETE FROM transfer_results WHERE id=?", (result_id,))
