"""The figures' tables (agentdesk.supervision.tables) in the supervisor's
language: the figures panel and the PDF report both show exactly these."""

# Every title is a literal QCoreApplication.translate("FigureTables", ...) call:
# the form lupdate recognises.

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agentdesk.protocol.figures import FiguresResponse
from agentdesk.supervision.tables import Cell, CellKind, Column, Table, TableKind

from . import texts


def label_title(kind: TableKind) -> str:
    match kind:
        case TableKind.SERVICE | TableKind.APPOINTMENTS:
            return QCoreApplication.translate("FigureTables", "Service")
        case TableKind.COMMUNE:
            return QCoreApplication.translate("FigureTables", "Commune")
        case TableKind.AGENT:
            return QCoreApplication.translate("FigureTables", "Agent")
        case TableKind.OUTCOME:
            return QCoreApplication.translate("FigureTables", "Outcome")
        case TableKind.HOUR:
            return QCoreApplication.translate("FigureTables", "Hour")
        case TableKind.DAY:
            return QCoreApplication.translate("FigureTables", "Day")
        case TableKind.TOTAL:
            return QCoreApplication.translate("FigureTables", "All calls")


def column_title(column: Column) -> str:
    match column:
        case Column.LABEL:
            return ""
        case Column.KIOSK:
            return QCoreApplication.translate("FigureTables", "Kiosk")
        case Column.OFFERED:
            return QCoreApplication.translate("FigureTables", "Offered")
        case Column.ANSWERED:
            return QCoreApplication.translate("FigureTables", "Answered")
        case Column.ABANDONED:
            return QCoreApplication.translate("FigureTables", "Abandoned")
        case Column.MEAN_ABANDON:
            return QCoreApplication.translate("FigureTables", "Left after (mean)")
        case Column.LONGEST_ABANDON:
            return QCoreApplication.translate("FigureTables", "Left after (longest)")
        case Column.MEAN_WAIT:
            return QCoreApplication.translate("FigureTables", "Mean wait")
        case Column.LONGEST_WAIT:
            return QCoreApplication.translate("FigureTables", "Longest wait")
        case Column.ANSWERED_IN_TARGET:
            return QCoreApplication.translate("FigureTables", "Answered within target")
        case Column.IN_TARGET:
            return QCoreApplication.translate("FigureTables", "Within target")
        case Column.MEAN_CALL:
            return QCoreApplication.translate("FigureTables", "Mean call length")
        case Column.TALKS:
            return QCoreApplication.translate("FigureTables", "Talk legs")
        case Column.RATED_GOOD:
            return QCoreApplication.translate("FigureTables", "Rated well")
        case Column.RATED_NEUTRAL:
            return QCoreApplication.translate("FigureTables", "Rated so-so")
        case Column.RATED_BAD:
            return QCoreApplication.translate("FigureTables", "Rated badly")
        case Column.ROUND_TRIP_KM:
            return QCoreApplication.translate("FigureTables", "Round trip (km)")
        case Column.KM_AVOIDED:
            return QCoreApplication.translate("FigureTables", "Km not travelled")
        case Column.CO2_AVOIDED:
            return QCoreApplication.translate("FigureTables", "kg CO2e avoided")
        case Column.OFFICE:
            return QCoreApplication.translate("FigureTables", "Nearest office")
        case Column.CALLS:
            return QCoreApplication.translate("FigureTables", "Calls")
        case Column.SHARE:
            return QCoreApplication.translate("FigureTables", "Share")
        case Column.BOOKED:
            return QCoreApplication.translate("FigureTables", "Booked")
        case Column.KEPT:
            return QCoreApplication.translate("FigureTables", "Kept")
        case Column.LATE:
            return QCoreApplication.translate("FigureTables", "Of which late")
        case Column.NO_SHOW:
            return QCoreApplication.translate("FigureTables", "No-shows")
        case Column.CANCELLED:
            return QCoreApplication.translate("FigureTables", "Cancelled")
        case Column.HOURS_SCHEDULED:
            return QCoreApplication.translate("FigureTables", "Hours scheduled")
        case Column.HOURS_STAFFED:
            return QCoreApplication.translate("FigureTables", "Hours staffed")
        case Column.REFUSED_CLOSED:
            return QCoreApplication.translate("FigureTables", "Refused (closed)")


def cell_text(column: Column, value: Cell) -> str:
    if column is Column.LABEL and value is None:
        return QCoreApplication.translate("FigureTables", "(none given)")
    if isinstance(value, str):
        return value
    match column.kind:
        case CellKind.SECONDS:
            return texts.wait(value)
        case CellKind.SHARE:
            return texts.percent(value)
        case CellKind.AMOUNT:
            return texts.number(value)
        case CellKind.HOURS:
            return texts.number(value, 1)
    return "–" if value is None else str(value)


def headers(table: Table) -> list[str]:
    return [
        label_title(table.kind) if c is Column.LABEL else column_title(c) for c in table.columns
    ]


def cells(table: Table) -> list[list[str]]:
    return [
        [cell_text(c, v) for c, v in zip(table.columns, row.cells, strict=True)]
        for row in table.rows
    ]


def hours_text(figures: FiguresResponse) -> str:
    scheduled, staffed = figures.hours_scheduled, figures.hours_staffed
    share = texts.percent(staffed / scheduled) if scheduled else "–"
    return (
        QCoreApplication.translate(
            "FigureTables", "Permanence hours: %1 h scheduled, %2 h staffed (%3)."
        )
        .replace("%1", texts.number(scheduled, 1))
        .replace("%2", texts.number(staffed, 1))
        .replace("%3", share)
    )


def refused_text(figures: FiguresResponse) -> str:
    return QCoreApplication.translate(
        "FigureTables", "Callers refused because the service was closed: %1"
    ).replace("%1", str(figures.refused_closed))
