"""CSV export of a report, in a shape a spreadsheet and a program both read.

One table: ``section`` (total, service, commune, agent, hour, day, outcome,
appointments) and ``key`` name the group; the other columns are its figures.
The sections are the tables of :mod:`agentdesk.supervision.tables`, the rows
and columns the figures screen and the PDF report show.
The calendar's figures: the total row carries the appointments of the period
(booked, kept, late, no-shows, cancelled), the permanence hours scheduled and
staffed and the calls refused because closed; one ``appointments`` row per
service (``key``) and kiosk (``name``).  The French
option is for a French spreadsheet: column and section names in French, ';'
between fields, a decimal comma, and a byte-order mark so spreadsheets
recognise UTF-8.  Both read back with :func:`read_csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .figures import Report
from .tables import Cell, CellKind, Column, tables_of

COLUMNS = [
    "section",
    "key",
    "name",
    "offered",
    "answered",
    "abandoned",
    "answered_in_target",
    "in_target_pct",
    "mean_wait_s",
    "longest_wait_s",
    "mean_abandon_s",
    "longest_abandon_s",
    "mean_call_s",
    "calls",
    "km_avoided",
    "co2_kg_avoided",
    "rated_good",
    "rated_neutral",
    "rated_bad",
    "booked",
    "kept",
    "late",
    "no_show",
    "cancelled",
    "hours_scheduled",
    "hours_staffed",
    "refused_closed",
    # Added after the columns above, so older readers still find theirs.
    "talks",
    "round_trip_km",
    "office",
    "share_pct",
    "kiosk",
]
"""The file's columns: every table column but the label (``key`` and ``name``)."""


FRENCH_COLUMNS = {
    "section": "rubrique",
    "key": "clé",
    "name": "nom",
    "offered": "présentés",
    "answered": "décrochés",
    "abandoned": "abandonnés",
    "answered_in_target": "décrochés dans le délai",
    "in_target_pct": "% dans le délai",
    "mean_wait_s": "attente moyenne (s)",
    "longest_wait_s": "attente la plus longue (s)",
    "mean_abandon_s": "abandon après (s, moyenne)",
    "longest_abandon_s": "abandon après (s, au plus)",
    "mean_call_s": "durée moyenne d'appel (s)",
    "calls": "appels",
    "km_avoided": "km évités",
    "co2_kg_avoided": "kg CO2 évités",
    "rated_good": "satisfaits",
    "rated_neutral": "mitigés",
    "rated_bad": "insatisfaits",
    "booked": "rendez-vous pris",
    "kept": "rendez-vous honorés",
    "late": "dont en retard",
    "no_show": "absents",
    "cancelled": "annulés",
    "hours_scheduled": "heures de permanence prévues",
    "hours_staffed": "heures de permanence tenues",
    "refused_closed": "refusés (service fermé)",
    "talks": "entretiens",
    "round_trip_km": "aller-retour (km)",
    "office": "accueil le plus proche",
    "share_pct": "% des appels",
    "kiosk": "point visio",
}
"""The French layout's header: a file format, fixed, so it reads back."""

FRENCH_SECTIONS = {
    "total": "ensemble",
    "service": "service",
    "commune": "commune",
    "agent": "agent",
    "hour": "heure",
    "day": "jour",
    "outcome": "issue",
    "appointments": "rendez-vous",
}


def _number(value: float | None, french: bool, digits: int = 1) -> str:
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if french else text


def _cell(column: Column, value: Cell, french: bool) -> str:
    """A cell as the file holds it: raw seconds, percentages, plain counts."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    match column.kind:
        case CellKind.SHARE:
            return _number(value * 100, french)
        case CellKind.SECONDS | CellKind.AMOUNT:
            return _number(value, french)
        case CellKind.HOURS:
            return _number(value, french, 2)
    return str(value)


def rows_of(report: Report, french: bool = False) -> Iterator[dict[str, str]]:
    """The rows of the figures' tables (agentdesk.supervision.tables), the
    same the screen and the PDF show, one section after another."""
    for table in tables_of(report).all():
        for row in table.rows:
            out = {"section": table.kind.value, "key": row.key, "name": row.name}
            for column, value in zip(table.columns, row.cells, strict=True):
                if column is not Column.LABEL:
                    out[column.value] = _cell(column, value, french)
            yield out


def csv_text(report: Report, french: bool = False) -> str:
    buffer = io.StringIO()
    names = [FRENCH_COLUMNS[c] for c in COLUMNS] if french else COLUMNS
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(names)
    for row in rows_of(report, french):
        if french:
            row["section"] = FRENCH_SECTIONS[row["section"]]
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return buffer.getvalue()


def write_csv(report: Report, path: Path, french: bool = False) -> None:
    """Writes atomically enough for a report: a temporary file, then renamed."""
    text = csv_text(report, french)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8-sig" if french else "utf-8", newline="")
    tmp.replace(path)


TEXT_COLUMNS = {"section", "key", "name"} | {
    c.value for c in Column if c.kind is CellKind.TEXT and c is not Column.LABEL
}


def read_csv(path: Path) -> list[dict[str, str | float | None]]:
    """Reads an export back (either option): numbers as floats, blanks as None."""
    text = path.read_text(encoding="utf-8-sig")
    french = text.split("\n", 1)[0].count(";") > 0
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if french else ",")
    columns = {v: k for k, v in FRENCH_COLUMNS.items()} if french else {}
    sections = {v: k for k, v in FRENCH_SECTIONS.items()} if french else {}
    out: list[dict[str, str | float | None]] = []
    for raw in reader:
        row: dict[str, str | float | None] = {}
        for header, value in raw.items():
            name = columns.get(header, header)
            if name == "section":
                value = sections.get(value, value)
            if name in TEXT_COLUMNS:
                row[name] = value
            elif value == "":
                row[name] = None
            else:
                row[name] = float(value.replace(",", ".") if french else value)
        out.append(row)
    return out
