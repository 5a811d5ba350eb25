"""The printable report: an A4 PDF of a period's figures, charts and impact."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from agentdesk.supervision import Report

from . import texts
from .charts import ChartData, paint_chart

if TYPE_CHECKING:
    from .figures_panel import FiguresPanel

CHART_W, CHART_H = 1400, 560


def _chart_image(data: ChartData, panel: FiguresPanel, minutes: bool = False) -> QImage:
    image = QImage(CHART_W, CHART_H, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = panel.font()
        font.setPixelSize(22)
        fmt = (lambda v: texts.number(v, 0)) if minutes else (lambda v: f"{v:.0f}")
        paint_chart(painter, QRectF(0, 0, CHART_W, CHART_H), data, fmt, font)
    finally:
        painter.end()
    return image


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def report_html(panel: FiguresPanel, report: Report) -> str:
    figures, impact, total = report.figures, report.impact, report.figures.total
    summary = [
        [QCoreApplication.translate("Supervision", "Calls offered"), str(total.offered)],
        [QCoreApplication.translate("Supervision", "Answered"), str(total.answered)],
        [
            QCoreApplication.translate("Supervision", "Abandoned"),
            f"{total.abandoned} ({texts.wait(total.mean_abandon_s)})",
        ],
        [QCoreApplication.translate("Supervision", "Mean wait"), texts.wait(total.mean_wait_s)],
        [
            QCoreApplication.translate("Supervision", "Longest wait"),
            texts.wait(total.longest_wait_s),
        ],
        [
            QCoreApplication.translate(
                "Supervision", "Answered within the target wait (%1 min)"
            ).replace("%1", texts.number(figures.settings.target_wait_s / 60.0)),
            texts.percent(total.in_target_share),
        ],
        [
            QCoreApplication.translate("Supervision", "Mean call length"),
            texts.wait(total.mean_talk_s),
        ],
        [QCoreApplication.translate("Supervision", "Trips avoided"), str(impact.trips_avoided)],
        [
            QCoreApplication.translate("Supervision", "Kilometres not travelled"),
            texts.number(impact.km_avoided),
        ],
        [
            QCoreApplication.translate("Supervision", "kg CO2e avoided"),
            texts.number(impact.co2_kg_avoided),
        ],
        [
            QCoreApplication.translate("Supervision", "Residents satisfied"),
            f"{texts.percent(total.satisfied_share)} ({'/'.join(panel.rating_cells(total))})",
        ],
    ]
    communes = []
    for row in sorted(figures.by_commune, key=lambda r: (-r.offered, r.key)):
        place = impact.of(row.key)
        communes.append(
            [
                row.key,
                str(row.offered),
                str(row.answered),
                str(row.abandoned),
                texts.wait(row.mean_wait_s),
                texts.number(place.km_avoided if place else None),
                texts.number(place.co2_kg_avoided if place else None),
                *panel.rating_cells(row),
            ]
        )
    h_figures_of_the_permanences = QCoreApplication.translate(
        "Supervision", "Figures of the permanences"
    )
    h_by_service = QCoreApplication.translate("Supervision", "By service")
    h_by_commune = QCoreApplication.translate("Supervision", "By commune")
    h_by_agent = QCoreApplication.translate("Supervision", "By agent")
    h_outcomes = QCoreApplication.translate("Supervision", "Outcomes")
    h_calendar = QCoreApplication.translate("Supervision", "Calendar")
    calendar = panel.calendar_figures
    names = figures.agent_names
    note = texts.assumptions(impact.road_factor, impact.emission_kg_per_km)
    style = (
        "body { font-family: sans-serif; font-size: 9pt; }"
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 14px; }"
        "table { border-collapse: collapse; margin-bottom: 8px; }"
        "th { background: #e8eef7; text-align: left; padding: 3px 6px; }"
        "td { padding: 2px 6px; border-bottom: 1px solid #dddddd; }"
        ".note { color: #505050; font-size: 8pt; }"
    )
    parts = [
        f"<html><head><style>{style}</style></head><body>",
        f"<h1>{html.escape(h_figures_of_the_permanences)}</h1>",
        f"<p><b>{html.escape(panel.period_text(report))}</b></p>",
        _table(
            [
                QCoreApplication.translate("Supervision", "Figure"),
                QCoreApplication.translate("Supervision", "Value"),
            ],
            summary,
        ),
        '<p><img src="chart://hour" width="620"></p>',
        '<p><img src="chart://wait" width="620"></p>',
        '<p><img src="chart://commune" width="620"></p>',
        f"<h2>{html.escape(h_by_service)}</h2>",
        _table(
            panel.figure_headers(QCoreApplication.translate("Supervision", "Service")),
            [panel.figure_cells(r.key, r) for r in figures.by_service],
        ),
        f"<h2>{html.escape(h_by_commune)}</h2>",
        _table(
            [
                QCoreApplication.translate("Supervision", "Commune"),
                QCoreApplication.translate("Supervision", "Offered"),
                QCoreApplication.translate("Supervision", "Answered"),
                QCoreApplication.translate("Supervision", "Abandoned"),
                QCoreApplication.translate("Supervision", "Mean wait"),
                QCoreApplication.translate("Supervision", "Km not travelled"),
                QCoreApplication.translate("Supervision", "kg CO2e avoided"),
                *panel.rating_headers(),
            ],
            communes,
        ),
        f"<h2>{html.escape(h_by_agent)}</h2>",
        _table(
            panel.figure_headers(QCoreApplication.translate("Supervision", "Agent")),
            [panel.figure_cells(names.get(r.key, r.key), r) for r in figures.by_agent],
        ),
        f"<h2>{html.escape(h_outcomes)}</h2>",
        _table(
            [
                QCoreApplication.translate("Supervision", "Outcome"),
                QCoreApplication.translate("Supervision", "Calls"),
            ],
            [
                [
                    o.outcome or QCoreApplication.translate("Supervision", "(none given)"),
                    str(o.calls),
                ]
                for o in figures.outcomes
            ],
        ),
        f"<h2>{html.escape(h_calendar)}</h2>",
        f"<p>{html.escape(calendar.hours_text(figures))}<br>",
        f"{html.escape(calendar.refused_text(figures))}</p>",
        _table(calendar.headers(), calendar.rows(figures)),
        f'<p class="note">{html.escape(note)}</p>',
        "</body></html>",
    ]
    return "".join(parts)


def write_pdf(panel: FiguresPanel, report: Report, path: Path) -> None:
    per_hour, waits, per_commune = panel.chart_data(report)
    document = QTextDocument()
    document.setDefaultFont(panel.font())
    for name, data, minutes in (
        ("hour", per_hour, False),
        ("wait", waits, True),
        ("commune", per_commune, False),
    ):
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"chart://{name}"),
            _chart_image(data, panel, minutes),
        )
    document.setHtml(report_html(panel, report))
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(QCoreApplication.translate("Supervision", "Figures of the permanences"))
    writer.setCreator("AgentDesk")
    writer.setResolution(144)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer
    if not tmp.exists() or tmp.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
    tmp.replace(path)
