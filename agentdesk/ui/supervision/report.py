"""The printable report: an A4 PDF of a period's figures, charts and impact."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from agentdesk.supervision import Report
from agentdesk.supervision.tables import Table, tables_of

from . import table_texts, texts
from .charts import ChartData, paint_chart

CHART_W, CHART_H = 1400, 560


def _chart_image(data: ChartData, font: QFont, minutes: bool = False) -> QImage:
    image = QImage(CHART_W, CHART_H, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(font)
        font.setPixelSize(22)
        fmt = (lambda v: texts.number(v, 0)) if minutes else (lambda v: f"{v:.0f}")
        paint_chart(painter, QRectF(0, 0, CHART_W, CHART_H), data, fmt, font)
    finally:
        painter.end()
    return image


def _shown(table: Table) -> str:
    """A table of the figures as the screen shows it (same columns, same words)."""
    return _table(table_texts.headers(table), table_texts.cells(table))


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def report_html(report: Report, period: str) -> str:
    figures, impact, total = report.figures, report.impact, report.figures.total
    tables = tables_of(report)
    ratings = f"{total.rated_good}/{total.rated_neutral}/{total.rated_bad}"
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
            f"{texts.percent(total.satisfied_share)} ({ratings})",
        ],
    ]
    h_figures_of_the_permanences = QCoreApplication.translate(
        "Supervision", "Figures of the permanences"
    )
    h_by_service = QCoreApplication.translate("Supervision", "By service")
    h_by_commune = QCoreApplication.translate("Supervision", "By commune")
    h_by_agent = QCoreApplication.translate("Supervision", "By agent")
    h_outcomes = QCoreApplication.translate("Supervision", "Outcomes")
    h_calendar = QCoreApplication.translate("Supervision", "Calendar")
    note = texts.assumptions(impact.road_factor, impact.emission_kg_per_km)
    style = (
        "body { font-family: sans-serif; font-size: 9pt; }"
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 14px; }"
        "table { border-collapse: collapse; margin-bottom: 8px; }"
        "th { background: #e8eef7; text-align: left; padding: 3px 6px; }"
        "td { padding: 2px 4px; border-bottom: 1px solid #dddddd; }"
        # The figures' tables are as wide as on screen: smaller type keeps them on A4.
        "th, td { font-size: 7pt; }"
        ".note { color: #505050; font-size: 8pt; }"
    )
    parts = [
        f"<html><head><style>{style}</style></head><body>",
        f"<h1>{html.escape(h_figures_of_the_permanences)}</h1>",
        f"<p><b>{html.escape(period)}</b></p>",
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
        _shown(tables.service),
        f"<h2>{html.escape(h_by_commune)}</h2>",
        _shown(tables.commune),
        f"<h2>{html.escape(h_by_agent)}</h2>",
        _shown(tables.agent),
        f"<h2>{html.escape(h_outcomes)}</h2>",
        _shown(tables.outcome),
        f"<h2>{html.escape(h_calendar)}</h2>",
        f"<p>{html.escape(table_texts.hours_text(figures))}<br>",
        f"{html.escape(table_texts.refused_text(figures))}</p>",
        _shown(tables.appointments),
        f'<p class="note">{html.escape(note)}</p>',
        "</body></html>",
    ]
    return "".join(parts)


def write_pdf(
    report: Report,
    path: Path,
    *,
    period: str,
    charts: tuple[ChartData, ChartData, ChartData],
    font: QFont,
) -> None:
    """``period`` and ``charts`` as the figures panel shows them."""
    per_hour, waits, per_commune = charts
    document = QTextDocument()
    document.setDefaultFont(font)
    for name, data, minutes in (
        ("hour", per_hour, False),
        ("wait", waits, True),
        ("commune", per_commune, False),
    ):
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"chart://{name}"),
            _chart_image(data, font, minutes),
        )
    document.setHtml(report_html(report, period))
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
