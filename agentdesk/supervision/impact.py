"""Kilometres and CO2 the residents did not travel thanks to the kiosks.

For each answered call: a round trip by car from the kiosk's commune to the
agency's nearest office.  Road distance is approximated as the great-circle
distance (haversine, mean Earth radius) times the agency's road factor (1.3 by
default: the usual detour of rural roads); emissions are that distance times
the agency's emission factor (0.218 kg CO2e per km by default, ADEME Base
Carbone, average car).  Both factors are stated with the figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from agentdesk.protocol.figures import AgencySettings, KioskCount, Office

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG)."""


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_office(lat: float, lon: float, offices: list[Office]) -> tuple[Office, float] | None:
    """The nearest office and its great-circle distance in km."""
    best: tuple[Office, float] | None = None
    for office in offices:
        km = great_circle_km(lat, lon, office.lat, office.lon)
        if best is None or km < best[1]:
            best = (office, km)
    return best


@dataclass(frozen=True, slots=True)
class CommuneImpact:
    commune: str
    answered: int
    office: str
    """Name of the nearest office (of the commune's busiest kiosk)."""
    round_trip_km: float
    """Road kilometres of one round trip to that office."""
    km_avoided: float
    co2_kg_avoided: float


@dataclass(frozen=True, slots=True)
class Impact:
    communes: list[CommuneImpact]
    km_avoided: float
    co2_kg_avoided: float
    trips_avoided: int
    road_factor: float
    emission_kg_per_km: float
    has_offices: bool

    def of(self, commune: str) -> CommuneImpact | None:
        return next((c for c in self.communes if c.commune == commune), None)


def compute_impact(
    kiosks: list[KioskCount], offices: list[Office], settings: AgencySettings
) -> Impact:
    by_commune: dict[str, list[tuple[KioskCount, Office, float]]] = {}
    for kiosk in kiosks:
        found = nearest_office(kiosk.lat, kiosk.lon, offices)
        if found is None:
            continue
        office, km = found
        trip = 2.0 * km * settings.road_factor
        by_commune.setdefault(kiosk.commune, []).append((kiosk, office, trip))
    rows = []
    for commune, entries in sorted(by_commune.items()):
        answered = sum(k.answered for k, _, _ in entries)
        km = sum(k.answered * trip for k, _, trip in entries)
        busiest = max(entries, key=lambda e: e[0].answered)
        rows.append(
            CommuneImpact(
                commune=commune,
                answered=answered,
                office=busiest[1].name,
                round_trip_km=busiest[2],
                km_avoided=km,
                co2_kg_avoided=km * settings.emission_kg_per_km,
            )
        )
    total_km = sum(r.km_avoided for r in rows)
    return Impact(
        communes=rows,
        km_avoided=total_km,
        co2_kg_avoided=total_km * settings.emission_kg_per_km,
        trips_avoided=sum(r.answered for r in rows),
        road_factor=settings.road_factor,
        emission_kg_per_km=settings.emission_kg_per_km,
        has_offices=bool(offices),
    )
