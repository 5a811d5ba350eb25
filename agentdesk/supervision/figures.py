"""The figures of a period, as the supervisor asked for them."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from agentdesk.events import Listeners
from agentdesk.protocol.figures import FiguresResponse

from .impact import Impact, compute_impact
from .periods import Period, PeriodKind, period_of, today

log = logging.getLogger(__name__)

FetchFigures = Callable[[float, float, str | None], Awaitable[FiguresResponse]]
"""(since, until, service or None for all) → the switchboard's figures."""


@dataclass(frozen=True, slots=True)
class Report:
    """Figures of a period with their impact: what the views, the CSV and the
    PDF show."""

    period: Period
    service: str | None
    figures: FiguresResponse
    impact: Impact
    agency_name: str = ""


@dataclass(slots=True)
class FiguresEvents:
    loading: Listeners[bool] = field(default_factory=lambda: Listeners("loading"))
    changed: Listeners[Report] = field(default_factory=lambda: Listeners("changed"))
    failed: Listeners[Exception] = field(default_factory=lambda: Listeners("failed"))


class FiguresModel:
    def __init__(self, fetch: FetchFigures, agency_name: str = "") -> None:
        self._fetch = fetch
        self.agency_name = agency_name
        self.events = FiguresEvents()
        self.report: Report | None = None
        self.period = period_of(PeriodKind.DAY, today())
        self.service: str | None = None
        self._generation = 0

    async def load(
        self, kind: PeriodKind, day: dt.date | None = None, service: str | None = None
    ) -> Report | None:
        """Fetches the figures of the period holding ``day``; a newer request
        makes an older one's answer irrelevant (it is dropped)."""
        self.period = period_of(kind, day or today())
        self.service = service
        self._generation += 1
        mine = self._generation
        self.events.loading.emit(True)
        try:
            figures = await self._fetch(self.period.since, self.period.until, service)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if mine == self._generation:
                self.events.loading.emit(False)
                self.events.failed.emit(exc)
            raise
        if mine != self._generation:
            return None
        report = Report(
            period=self.period,
            service=service,
            figures=figures,
            impact=compute_impact(figures.kiosks, figures.offices, figures.settings),
            agency_name=self.agency_name,
        )
        self.report = report
        self.events.loading.emit(False)
        self.events.changed.emit(report)
        return report
