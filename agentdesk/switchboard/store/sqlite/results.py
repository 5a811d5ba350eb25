"""Outcomes of transfers to a named colleague, kept until the agent who
transferred has received them (see deliveries.py)."""

from __future__ import annotations

from agentdesk.protocol import TransferOutcome, TransferResult

from ..records import KeptResult
from .base import SqliteBase


class SqliteResults(SqliteBase):
    def keep_result(self, sender: str, result: TransferResult, at: float) -> KeptResult:
        with self.tx() as db:
            cur = db.execute(
                "INSERT INTO transfer_results"
                " (sender, call_id, outcome, colleague, answered_by, at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    sender,
                    result.call_id,
                    result.outcome.value,
                    result.colleague,
                    result.answered_by,
                    at,
                ),
            )
        result_id = cur.lastrowid
        assert result_id is not None
        return KeptResult(result_id, sender, at, result)

    def kept_results(self, sender: str) -> list[KeptResult]:
        rows = self._db.execute(
            "SELECT * FROM transfer_results WHERE sender=? ORDER BY id", (sender,)
        )
        return [
            KeptResult(
                r["id"],
                r["sender"],
                r["at"],
                TransferResult(
                    call_id=r["call_id"],
                    outcome=TransferOutcome(r["outcome"]),
                    colleague=r["colleague"],
                    answered_by=r["answered_by"],
                ),
            )
            for r in rows
        ]

    def result_delivered(self, result_id: int) -> None:
        with self.tx() as db:
            db.execute("DELETE FROM transfer_results WHERE id=?", (result_id,))
