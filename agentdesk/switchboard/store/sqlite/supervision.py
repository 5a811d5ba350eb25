"""An agency's offices and supervision settings."""

from __future__ import annotations

import sqlite3

from agentdesk.protocol.figures import (
    AgencySettings,
    AgencySettingsUpdate,
    FiguresResponse,
    Office,
)

from ..records import StoreError
from .base import SqliteBase


class SqliteSupervision(SqliteBase):
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

    def period_figures(
        self,
        agency: str,
        services: list[str],
        since: float,
        until: float,
        settings: AgencySettings,
        offices: list[Office],
        agent_names: dict[str, str],
    ) -> FiguresResponse:
        # Imported here: stats reads the records of this package.
        from ...stats import period_figures

        return period_figures(
            self.path, agency, services, since, until, settings, offices, agent_names
        )
