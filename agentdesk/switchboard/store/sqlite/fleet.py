"""The kiosks' last contact and devices, and the residents' satisfaction."""

from __future__ import annotations

import json

from ..records import KioskHealth, RatingRefusal
from .base import SqliteBase


class SqliteFleet(SqliteBase):
    def kiosk_seen(self, kiosk_id: str, at: float, *, online: bool) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO kiosk_health (kiosk_id, online, since, last_contact, devices)"
                " VALUES (?, ?, ?, ?, '[]') ON CONFLICT (kiosk_id) DO UPDATE SET"
                " since = CASE WHEN online = excluded.online THEN since ELSE excluded.since END,"
                " online = excluded.online, last_contact = excluded.last_contact",
                (kiosk_id, int(online), at, at),
            )

    def all_kiosks_gone(self, at: float) -> None:
        with self.tx() as db:
            db.execute("UPDATE kiosk_health SET online = 0, since = ? WHERE online = 1", (at,))

    def save_devices(self, kiosk_id: str, at: float, devices: list[dict[str, str]]) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT INTO kiosk_health (kiosk_id, online, since, last_contact, devices,"
                " devices_at) VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET"
                " last_contact = excluded.last_contact, devices = excluded.devices,"
                " devices_at = excluded.devices_at",
                (kiosk_id, at, at, json.dumps(devices), at),
            )

    def kiosk_health(self) -> list[KioskHealth]:
        rows = self._db.execute(
            "SELECT k.id, k.display_name, k.commune, h.online, h.since, h.last_contact,"
            " h.devices, h.devices_at FROM kiosks k LEFT JOIN kiosk_health h"
            " ON h.kiosk_id = k.id ORDER BY k.id"
        ).fetchall()
        return [
            KioskHealth(
                kiosk_id=row["id"],
                name=row["display_name"],
                commune=row["commune"],
                online=bool(row["online"]),
                since=row["since"],
                last_contact=row["last_contact"],
                devices=json.loads(row["devices"] or "[]"),
                devices_at=row["devices_at"],
            )
            for row in rows
        ]

    def rate_call(
        self, call_id: str, kiosk_id: str, rating: str, at: float
    ) -> RatingRefusal | None:
        """Records the resident's answer; says why not when it is refused."""
        with self.tx() as db:
            row = db.execute(
                "SELECT kiosk_id, state, connected_at FROM calls WHERE id = ?", (call_id,)
            ).fetchone()
            if row is None or row["kiosk_id"] != kiosk_id:
                return RatingRefusal.NOT_FOUND
            if row["state"] not in ("wrap_up", "done") or row["connected_at"] is None:
                return RatingRefusal.NOT_OVER
            cursor = db.execute(
                "INSERT OR IGNORE INTO satisfaction (call_id, rating, at) VALUES (?, ?, ?)",
                (call_id, rating, at),
            )
            return None if cursor.rowcount == 1 else RatingRefusal.ALREADY

    def satisfaction(self, since: float, until: float, services: list[str]) -> dict[str, int]:
        """Answers per rating for the calls that arrived in [since, until)."""
        marks = ",".join("?" * len(services))
        rows = self._db.execute(
            "SELECT s.rating, COUNT(*) AS n FROM satisfaction s JOIN calls c ON c.id = s.call_id"
            f" WHERE c.queued_at >= ? AND c.queued_at < ? AND c.service IN ({marks})"
            " GROUP BY s.rating",
            (since, until, *services),
        ).fetchall()
        return {row["rating"]: int(row["n"]) for row in rows}
