"""The supervisor's figures as tables: one layout for the screen, the PDF and the CSV.

:func:`tables_of` turns a :class:`Report` into :class:`Table` s whose columns
and rows are the same wherever they are shown: the figures panel words the
headers and formats the cells in the agent's language, the PDF report prints
the very same, the CSV writes the raw values under fixed column names (a file
format).  Qt-free, so the three views cannot drift apart again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from agentdesk.protocol.figures import FigureRow, FiguresResponse

from .figures import Report


class CellKind(enum.Enum):
    TEXT = "text"
    COUNT = "count"
    SECONDS = "seconds"
    SHARE = "share"
    """0 to 1; a percentage when shown."""
    AMOUNT = "amount"
    """Kilometres, kilograms."""
    HOURS = "hours"


class Column(enum.Enum):
    """A column of any table; its value is its name in the CSV (fixed)."""

    LABEL = "label"
    """The group: service, commune, agent, outcome; never a CSV column (``key``, ``name``)."""
    KIOSK = "kiosk"
    OFFERED = "offered"
    ANSWERED = "answered"
    ABANDONED = "abandoned"
    MEAN_ABANDON = "mean_abandon_s"
    LONGEST_ABANDON = "longest_abandon_s"
    MEAN_WAIT = "mean_wait_s"
    LONGEST_WAIT = "longest_wait_s"
    ANSWERED_IN_TARGET = "answered_in_target"
    IN_TARGET = "in_target_pct"
    MEAN_CALL = "mean_call_s"
    TALKS = "talks"
    RATED_GOOD = "rated_good"
    RATED_NEUTRAL = "rated_neutral"
    RATED_BAD = "rated_bad"
    ROUND_TRIP_KM = "round_trip_km"
    KM_AVOIDED = "km_avoided"
    CO2_AVOIDED = "co2_kg_avoided"
    OFFICE = "office"
    CALLS = "calls"
    SHARE = "share_pct"
    BOOKED = "booked"
    KEPT = "kept"
    LATE = "late"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    HOURS_SCHEDULED = "hours_scheduled"
    HOURS_STAFFED = "hours_staffed"
    REFUSED_CLOSED = "refused_closed"

    @property
    def kind(self) -> CellKind:
        return _KINDS.get(self, CellKind.COUNT)


_KINDS = {
    Column.LABEL: CellKind.TEXT,
    Column.KIOSK: CellKind.TEXT,
    Column.OFFICE: CellKind.TEXT,
    Column.MEAN_ABANDON: CellKind.SECONDS,
    Column.LONGEST_ABANDON: CellKind.SECONDS,
    Column.MEAN_WAIT: CellKind.SECONDS,
    Column.LONGEST_WAIT: CellKind.SECONDS,
    Column.MEAN_CALL: CellKind.SECONDS,
    Column.IN_TARGET: CellKind.SHARE,
    Column.SHARE: CellKind.SHARE,
    Column.ROUND_TRIP_KM: CellKind.AMOUNT,
    Column.KM_AVOIDED: CellKind.AMOUNT,
    Column.CO2_AVOIDED: CellKind.AMOUNT,
    Column.HOURS_SCHEDULED: CellKind.HOURS,
    Column.HOURS_STAFFED: CellKind.HOURS,
}


class TableKind(enum.Enum):
    """Which groups a table's rows are; its value is the CSV's ``section``."""

    TOTAL = "total"
    SERVICE = "service"
    COMMUNE = "commune"
    AGENT = "agent"
    HOUR = "hour"
    DAY = "day"
    OUTCOME = "outcome"
    APPOINTMENTS = "appointments"


Cell = str | int | float | None
"""None: nothing to show (no call answered: no mean wait); a LABEL of None
is the outcome nobody gave."""


@dataclass(frozen=True)
class Row:
    key: str
    """The group's identity: service, commune, agent login, hour, day, outcome."""
    name: str
    """Its second identity, when it has one: the agent's name, the kiosk's id."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    kind: TableKind
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def column(self, column: Column) -> list[Cell]:
        at = self.columns.index(column)
        return [row.cells[at] for row in self.rows]


RATINGS = (Column.RATED_GOOD, Column.RATED_NEUTRAL, Column.RATED_BAD)
FIGURES = (
    Column.OFFERED,
    Column.ANSWERED,
    Column.ABANDONED,
    Column.MEAN_ABANDON,
    Column.LONGEST_ABANDON,
    Column.MEAN_WAIT,
    Column.LONGEST_WAIT,
    Column.ANSWERED_IN_TARGET,
    Column.IN_TARGET,
    Column.MEAN_CALL,
    *RATINGS,
)
"""The figures of a group of calls, in the order every table shows them."""
IMPACT = (Column.ROUND_TRIP_KM, Column.KM_AVOIDED, Column.CO2_AVOIDED, Column.OFFICE)
AGENT = (
    Column.ANSWERED,
    Column.MEAN_WAIT,
    Column.LONGEST_WAIT,
    Column.MEAN_CALL,
    Column.TALKS,
    *RATINGS,
)
"""An agent is offered calls the queue chose: what they answered and how."""
APPOINTMENT_COUNTS = (Column.BOOKED, Column.KEPT, Column.LATE, Column.NO_SHOW, Column.CANCELLED)
APPOINTMENTS_COLUMNS = (Column.LABEL, Column.KIOSK, *APPOINTMENT_COUNTS)
TOTAL_EXTRA = (
    Column.KM_AVOIDED,
    Column.CO2_AVOIDED,
    *APPOINTMENT_COUNTS,
    Column.HOURS_SCHEDULED,
    Column.HOURS_STAFFED,
    Column.REFUSED_CLOSED,
)


def _figure(row: FigureRow, column: Column) -> Cell:
    match column:
        case Column.MEAN_ABANDON:
            return row.mean_abandon_s
        case Column.MEAN_WAIT:
            return row.mean_wait_s
        case Column.IN_TARGET:
            return row.in_target_share
        case Column.MEAN_CALL:
            return row.mean_talk_s
    value: Cell = getattr(row, column.value)
    return value


def _figures(row: FigureRow, columns: tuple[Column, ...]) -> list[Cell]:
    return [_figure(row, c) for c in columns]


@dataclass(frozen=True)
class FigureTables:
    total: Table
    service: Table
    commune: Table
    agent: Table
    hour: Table
    day: Table
    outcome: Table
    appointments: Table

    def all(self) -> tuple[Table, ...]:
        """In the CSV's order."""
        return (
            self.total,
            self.service,
            self.commune,
            self.agent,
            self.hour,
            self.day,
            self.outcome,
            self.appointments,
        )


def tables_of(report: Report) -> FigureTables:
    figures, impact = report.figures, report.impact

    def grouped(kind: TableKind, rows: list[FigureRow]) -> Table:
        return Table(
            kind,
            (Column.LABEL, *FIGURES),
            tuple(Row(r.key, "", (r.key, *_figures(r, FIGURES))) for r in rows),
        )

    counts = [sum(getattr(a, c.value) for a in figures.appointments) for c in APPOINTMENT_COUNTS]
    total = Table(
        TableKind.TOTAL,
        (Column.LABEL, *FIGURES, *TOTAL_EXTRA),
        (
            Row(
                figures.total.key,
                "",
                (
                    "",
                    *_figures(figures.total, FIGURES),
                    impact.km_avoided,
                    impact.co2_kg_avoided,
                    *counts,
                    figures.hours_scheduled,
                    figures.hours_staffed,
                    figures.refused_closed,
                ),
            ),
        ),
    )
    communes = []
    for row in sorted(figures.by_commune, key=lambda r: (-r.offered, r.key)):
        place = impact.of(row.key)
        where: list[Cell] = (
            [place.round_trip_km, place.km_avoided, place.co2_kg_avoided, place.office]
            if place
            else [None, None, None, None]
        )
        communes.append(Row(row.key, "", (row.key, *_figures(row, FIGURES), *where)))
    names = figures.agent_names
    agents = sorted(figures.by_agent, key=lambda r: names.get(r.key, r.key))
    answered = sum(o.calls for o in figures.outcomes)
    return FigureTables(
        total=total,
        service=grouped(TableKind.SERVICE, figures.by_service),
        commune=Table(TableKind.COMMUNE, (Column.LABEL, *FIGURES, *IMPACT), tuple(communes)),
        agent=Table(
            TableKind.AGENT,
            (Column.LABEL, *AGENT),
            tuple(
                Row(r.key, names.get(r.key, r.key), (names.get(r.key, r.key), *_figures(r, AGENT)))
                for r in agents
            ),
        ),
        hour=grouped(TableKind.HOUR, figures.by_hour),
        day=grouped(TableKind.DAY, figures.by_day),
        outcome=Table(
            TableKind.OUTCOME,
            (Column.LABEL, Column.CALLS, Column.SHARE),
            tuple(
                Row(
                    o.outcome,
                    "",
                    (o.outcome or None, o.calls, o.calls / answered if answered else None),
                )
                for o in figures.outcomes
            ),
        ),
        appointments=appointments_table(figures),
    )


def appointments_table(figures: FiguresResponse) -> Table:
    """The calendar's figures: appointments per service and kiosk."""
    return Table(
        TableKind.APPOINTMENTS,
        APPOINTMENTS_COLUMNS,
        tuple(
            Row(
                a.service,
                a.kiosk_id,
                (
                    a.service,
                    a.kiosk_name or a.kiosk_id,
                    *(getattr(a, c.value) for c in APPOINTMENT_COUNTS),
                ),
            )
            for a in sorted(figures.appointments, key=lambda a: (a.service, a.kiosk_id))
        ),
    )
