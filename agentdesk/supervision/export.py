"""CSV export of a report, in a shape a spreadsheet and a program both read.

One table: ``section`` (total, service, commune, agent, hour, day, outcome,
appointments) and ``key`` name the group; the other columns are its figures.
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

from agentdesk.protocol.figures import FigureRow

from .figures import Report

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
]


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


def _figure_row(section: str, row: FigureRow, name: str, french: bool) -> dict[str, str]:
    share = row.in_target_share
    return {
        "section": section,
        "key": row.key,
        "name": name,
        "offered": str(row.offered),
        "answered": str(row.answered),
        "abandoned": str(row.abandoned),
        "answered_in_target": str(row.answered_in_target),
        "in_target_pct": _number(None if share is None else share * 100, french),
        "mean_wait_s": _number(row.mean_wait_s, french),
        "longest_wait_s": _number(row.longest_wait_s, french),
        "mean_abandon_s": _number(row.mean_abandon_s, french),
        "longest_abandon_s": _number(row.longest_abandon_s, french),
        "mean_call_s": _number(row.mean_talk_s, french),
        "rated_good": str(row.rated_good),
        "rated_neutral": str(row.rated_neutral),
        "rated_bad": str(row.rated_bad),
    }


APPOINTMENT_COUNTS = ("booked", "kept", "late", "no_show", "cancelled")


def rows_of(report: Report, french: bool = False) -> Iterator[dict[str, str]]:
    figures, impact = report.figures, report.impact
    total = _figure_row("total", figures.total, "", french)
    total["km_avoided"] = _number(impact.km_avoided, french)
    total["co2_kg_avoided"] = _number(impact.co2_kg_avoided, french)
    for count in APPOINTMENT_COUNTS:
        total[count] = str(sum(getattr(a, count) for a in figures.appointments))
    total["hours_scheduled"] = _number(figures.hours_scheduled, french, 2)
    total["hours_staffed"] = _number(figures.hours_staffed, french, 2)
    total["refused_closed"] = str(figures.refused_closed)
    yield total
    for row in figures.by_service:
        yield _figure_row("service", row, "", french)
    for row in figures.by_commune:
        out = _figure_row("commune", row, "", french)
        commune = impact.of(row.key)
        if commune is not None:
            out["km_avoided"] = _number(commune.km_avoided, french)
            out["co2_kg_avoided"] = _number(commune.co2_kg_avoided, french)
        yield out
    for row in figures.by_agent:
        yield _figure_row("agent", row, figures.agent_names.get(row.key, row.key), french)
    for row in figures.by_hour:
        yield _figure_row("hour", row, "", french)
    for row in figures.by_day:
        yield _figure_row("day", row, "", french)
    for outcome in figures.outcomes:
        yield {"section": "outcome", "key": outcome.outcome, "calls": str(outcome.calls)}
    for seen in sorted(figures.appointments, key=lambda a: (a.service, a.kiosk_id)):
        group = {"section": "appointments", "key": seen.service, "name": seen.kiosk_id}
        yield group | {count: str(getattr(seen, count)) for count in APPOINTMENT_COUNTS}


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
            if name in ("section", "key", "name"):
                row[name] = value
            elif value == "":
                row[name] = None
            else:
                row[name] = float(value.replace(",", ".") if french else value)
        out.append(row)
    return out
