"""Periods a supervisor reports on: a day, a week (Monday to Sunday) or a
calendar month, in Europe/Paris time."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class PeriodKind(enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    first: dt.date
    """First day of the period."""
    last: dt.date
    """Last day, included."""

    @property
    def since(self) -> float:
        return dt.datetime.combine(self.first, dt.time(), tzinfo=PARIS).timestamp()

    @property
    def until(self) -> float:
        end = self.last + dt.timedelta(days=1)
        return dt.datetime.combine(end, dt.time(), tzinfo=PARIS).timestamp()

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def period_of(kind: PeriodKind, day: dt.date) -> Period:
    """The period of this kind that holds ``day``."""
    if kind is PeriodKind.DAY:
        return Period(kind, day, day)
    if kind is PeriodKind.WEEK:
        first = day - dt.timedelta(days=day.weekday())
        return Period(kind, first, first + dt.timedelta(days=6))
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return Period(kind, first, following - dt.timedelta(days=1))


def today() -> dt.date:
    return dt.datetime.now(PARIS).date()
