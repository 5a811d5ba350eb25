"""The figures of a day, a week or a month: summary, charts, tables, exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import TaskOwner
from agentdesk.protocol.figures import FigureRow
from agentdesk.supervision import FiguresModel, PeriodKind, Report, write_csv
from agentdesk.supervision.tables import tables_of

from ..common import Retranslating, WrappingHeader, sized_by_current_page
from ..file_dialogs import choose_save_path
from . import table_texts, texts
from .calendar_figures import CalendarFigures
from .charts import BarChart, ChartData, Series
from .report import write_pdf

ChoosePath = Callable[[QWidget, str, str, str], Path | None]
"""(parent, title, suggested file name, filter) → where to save, or None."""

ANSWERED_COLOUR = "#2f6db5"
ABANDONED_COLOUR = "#d9822b"
WAIT_COLOUR = "#6a3fa0"


class Card(QFrame):
    """A figure in large type with its caption underneath."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #505050;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        # As tall as its wrapped text needs, never clipped.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)


def _table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setHorizontalHeader(WrappingHeader())
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(False)
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class FiguresPanel(Retranslating, QWidget):
    def __init__(
        self,
        model: FiguresModel,
        services: list[str],
        tasks: TaskOwner,
        *,
        choose_path: ChoosePath = choose_save_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._services = services
        self._tasks = tasks
        self._choose_path = choose_path
        self.last_saved: Path | None = None

        self.kind = QComboBox()
        for kind in PeriodKind:
            self.kind.addItem("", kind)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        # The date as French people write it (26/11/2026), English too.
        self.date.setDisplayFormat("dd/MM/yyyy")
        today = dt.date.today()
        self.date.setDate(QDate(today.year, today.month, today.day))
        self.service = QComboBox()
        self.service.addItem("", None)
        for service in services:
            self.service.addItem(service, service)
        self.show_button = QPushButton()
        self.csv_button = QPushButton()
        self.french = QCheckBox()
        self.french.setChecked(True)
        self.pdf_button = QPushButton()
        self.period_label = QLabel()
        font = self.period_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.period_label.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.kind_label, self.service_label = QLabel(), QLabel()
        self.kind_label.setBuddy(self.kind)
        self.service_label.setBuddy(self.service)

        bar = QHBoxLayout()
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind)
        bar.addWidget(self.date)
        bar.addWidget(self.service_label)
        bar.addWidget(self.service)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        # The exports on a row of their own and the cards four by four: in one
        # row each they made the window wider than a laptop's screen at 150 %.
        exports = QHBoxLayout()
        exports.addStretch(1)
        exports.addWidget(self.french)
        exports.addWidget(self.csv_button)
        exports.addWidget(self.pdf_button)

        self.cards: dict[str, Card] = {
            name: Card()
            for name in (
                "offered",
                "answered",
                "abandoned",
                "wait",
                "in_target",
                "talk",
                "impact",
                "satisfaction",
            )
        }
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 4, i % 4)

        self.hour_chart = BarChart()
        self.wait_chart = BarChart()
        self.commune_chart = BarChart()
        charts = QWidget()
        chart_grid = QGridLayout(charts)
        chart_grid.addWidget(self.hour_chart, 0, 0)
        chart_grid.addWidget(self.wait_chart, 0, 1)
        chart_grid.addWidget(self.commune_chart, 1, 0, 1, 2)

        self.tables: dict[str, QTableWidget] = {
            name: _table() for name in ("service", "commune", "agent", "outcome")
        }
        self.assumptions = QLabel()
        self.assumptions.setWordWrap(True)
        self.assumptions.setStyleSheet("color: #505050;")
        commune_page = QWidget()
        commune_layout = QVBoxLayout(commune_page)
        commune_layout.addWidget(self.tables["commune"], 1)
        commune_layout.addWidget(self.assumptions)

        self.tabs = QTabWidget()
        self.tabs.addTab(charts, "")
        self.tabs.addTab(self.tables["service"], "")
        self.tabs.addTab(commune_page, "")
        self.tabs.addTab(self.tables["agent"], "")
        self.tabs.addTab(self.tables["outcome"], "")
        self.calendar_figures = CalendarFigures()
        self.tabs.addTab(self.calendar_figures, "")

        # The whole page scrolls on a screen smaller than its cards and charts
        # (a laptop at 150 %) rather than making the window outgrow the screen.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addLayout(exports)
        layout.addWidget(self.period_label)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(self.tabs, 1)
        sized_by_current_page(self.tabs)

        self.show_button.clicked.connect(self.reload)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.service.currentIndexChanged.connect(lambda _i: self.reload())
        self.date.dateChanged.connect(lambda _d: self.reload())
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.export_pdf)
        model.events.changed.subscribe(self.show_report)
        model.events.loading.subscribe(self._on_loading)
        model.events.failed.subscribe(lambda exc: self.message.setText(texts.problem_text(exc)))
        self.retranslate()

    # ------------------------------------------------------------- language

    def retranslate(self) -> None:
        for index in range(self.kind.count()):
            self.kind.setItemText(index, texts.period_name(self.kind.itemData(index)))
        self.service.setItemText(0, self.tr("All services"))
        self.kind_label.setText(self.tr("&Period:"))
        self.service_label.setText(self.tr("&Service:"))
        self.show_button.setText(self.tr("&Refresh"))
        self.csv_button.setText(self.tr("Export &CSV…"))
        self.french.setText(self.tr("&French separators (; and decimal comma)"))
        self.pdf_button.setText(self.tr("Printable &PDF…"))
        for index, name in enumerate(
            [
                self.tr("Charts"),
                self.tr("By service"),
                self.tr("By commune"),
                self.tr("By agent"),
                self.tr("Outcomes"),
                self.tr("Appointments and hours"),
            ]
        ):
            self.tabs.setTabText(index, name)
        captions = {
            "offered": self.tr("Calls offered"),
            "answered": self.tr("Answered"),
            "abandoned": self.tr("Abandoned"),
            "wait": self.tr("Mean wait"),
            "in_target": self.tr("Answered within the target wait"),
            "talk": self.tr("Mean call length"),
            "impact": self.tr("Kilometres not travelled"),
            "satisfaction": self.tr("Residents satisfied"),
        }
        for name, caption in captions.items():
            self.cards[name].caption.setText(caption)
        if self.model.report is not None:
            self.show_report(self.model.report)

    # ------------------------------------------------------------- loading

    def selected_kind(self) -> PeriodKind:
        kind = self.kind.currentData()
        return kind if isinstance(kind, PeriodKind) else PeriodKind.DAY

    def selected_day(self) -> dt.date:
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def set_period(self, kind: PeriodKind, day: dt.date) -> None:
        """Chooses a period (and loads it) as a person would."""
        self.kind.blockSignals(True)
        self.date.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.kind.blockSignals(False)
        self.date.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        service = self.service.currentData()
        self._tasks.spawn(
            self._load(self.selected_kind(), self.selected_day(), service), "figures-load"
        )

    async def _load(self, kind: PeriodKind, day: dt.date, service: str | None) -> None:
        # Failures are shown through the model's ``failed`` event.
        try:
            await self.model.load(kind, day, service)
        except Exception:
            return

    def _on_loading(self, loading: bool) -> None:
        if loading:
            self.message.setText(self.tr("Loading the figures…"))
        else:
            self.message.setText("")
        self.csv_button.setEnabled(not loading and self.model.report is not None)
        self.pdf_button.setEnabled(not loading and self.model.report is not None)

    # ------------------------------------------------------------- display

    def period_text(self, report: Report) -> str:
        period = report.period
        first = QDate(period.first.year, period.first.month, period.first.day)
        last = QDate(period.last.year, period.last.month, period.last.day)
        locale = self.locale()
        fmt = locale.dateFormat(locale.FormatType.LongFormat)
        if period.kind is PeriodKind.DAY:
            text = locale.toString(first, fmt)
        else:
            text = self.tr("%1 to %2").replace("%1", locale.toString(first, fmt))
            text = text.replace("%2", locale.toString(last, fmt))
        who = report.agency_name or report.figures.agency
        service = report.service or self.tr("all services")
        return f"{who} — {service} — {text}"

    def show_report(self, report: Report) -> None:
        figures, impact = report.figures, report.impact
        total = figures.total
        target_min = figures.settings.target_wait_s / 60.0
        self.period_label.setText(self.period_text(report))
        self.cards["offered"].value.setText(str(total.offered))
        self.cards["answered"].value.setText(str(total.answered))
        self.cards["abandoned"].value.setText(str(total.abandoned))
        self.cards["abandoned"].detail.setText(
            self.tr("after %1 on average").replace("%1", texts.wait(total.mean_abandon_s))
            if total.abandoned
            else ""
        )
        self.cards["wait"].value.setText(texts.wait(total.mean_wait_s))
        self.cards["wait"].detail.setText(
            self.tr("longest %1").replace("%1", texts.wait(total.longest_wait_s))
        )
        self.cards["in_target"].value.setText(texts.percent(total.in_target_share))
        self.cards["in_target"].detail.setText(
            self.tr("target: %1 min").replace("%1", texts.number(target_min, 0))
        )
        self.cards["talk"].value.setText(texts.wait(total.mean_talk_s))
        self.cards["impact"].value.setText(texts.number(impact.km_avoided) + " km")
        self.cards["impact"].detail.setText(
            self.tr("%1 kg CO2e not emitted, %2 trips")
            .replace("%1", texts.number(impact.co2_kg_avoided))
            .replace("%2", str(impact.trips_avoided))
            if impact.has_offices
            else self.tr("No office set for the agency: distances cannot be computed.")
        )
        self.assumptions.setText(texts.assumptions(impact.road_factor, impact.emission_kg_per_km))
        self._fill_tables(report)
        self._fill_charts(report)
        self.calendar_figures.show_figures(figures)
        answers = figures.satisfaction
        count = sum(answers.values())
        good = answers.get("good", 0)
        self.cards["satisfaction"].value.setText(texts.percent(good / count) if count else "–")
        self.cards["satisfaction"].detail.setText(
            self.tr("%1 well, %2 so-so, %3 badly")
            .replace("%1", str(good))
            .replace("%2", str(answers.get("neutral", 0)))
            .replace("%3", str(answers.get("bad", 0)))
        )

    def _fill_tables(self, report: Report) -> None:
        tables = tables_of(report)
        for name, table in (
            ("service", tables.service),
            ("commune", tables.commune),
            ("agent", tables.agent),
            ("outcome", tables.outcome),
        ):
            _fill(self.tables[name], table_texts.headers(table), table_texts.cells(table))

    def chart_data(self, report: Report) -> tuple[ChartData, ChartData, ChartData]:
        figures = report.figures
        hours = {r.key: r for r in figures.by_hour}
        present = [int(k) for k in hours]
        span = range(min([8, *present]), max([17, *present]) + 1)
        categories = [f"{h:02d}" for h in span]
        rows = [hours.get(c, FigureRow(key=c)) for c in categories]
        answered = self.tr("Answered")
        abandoned = self.tr("Abandoned")
        per_hour = ChartData(
            title=self.tr("Calls per hour of the day"),
            categories=[f"{c}h" for c in categories],
            series=[
                Series(answered, [r.answered for r in rows], ANSWERED_COLOUR),
                Series(
                    abandoned,
                    [r.abandoned for r in rows],
                    ABANDONED_COLOUR,
                    Qt.BrushStyle.BDiagPattern,
                ),
            ],
            empty_text=self.tr("No call in this period"),
        )
        waits = ChartData(
            title=self.tr("Mean wait by hour of arrival (minutes)"),
            categories=[f"{c}h" for c in categories],
            series=[
                Series(
                    self.tr("Mean wait"),
                    [(r.mean_wait_s or 0.0) / 60.0 for r in rows],
                    WAIT_COLOUR,
                )
            ],
            empty_text=self.tr("No call answered in this period"),
        )
        communes = sorted(figures.by_commune, key=lambda r: (-r.offered, r.key))
        per_commune = ChartData(
            title=self.tr("Calls per commune"),
            categories=[r.key for r in communes],
            series=[
                Series(answered, [r.answered for r in communes], ANSWERED_COLOUR),
                Series(
                    abandoned,
                    [r.abandoned for r in communes],
                    ABANDONED_COLOUR,
                    Qt.BrushStyle.BDiagPattern,
                ),
            ],
            horizontal=True,
            empty_text=self.tr("No call in this period"),
        )
        return per_hour, waits, per_commune

    def _fill_charts(self, report: Report) -> None:
        per_hour, waits, per_commune = self.chart_data(report)
        self.hour_chart.set_data(per_hour)
        self.wait_chart.set_data(waits, lambda v: texts.number(v, 0))
        self.commune_chart.set_data(per_commune)
        self.commune_chart.setMinimumHeight(60 + 26 * max(3, len(per_commune.categories)))

    # ------------------------------------------------------------- exports

    def _file_stem(self, report: Report) -> str:
        period = report.period
        # In the agent's language: « chiffres-caf-semaine-2025-03-24 ».
        return "-".join(
            (
                self.tr("figures"),
                report.figures.agency,
                texts.period_name(period.kind).lower(),
                period.first.isoformat(),
            )
        )

    def export_csv(self) -> None:
        report = self.model.report
        if report is None:
            return
        path = self._choose_path(
            self, self.tr("Export the figures"), self._file_stem(report) + ".csv",
            self.tr("CSV files (*.csv)"),
        )  # fmt: skip
        if path is None:
            return
        try:
            write_csv(report, path, french=self.french.isChecked())
        except OSError as exc:
            self.message.setText(
                self.tr("The file could not be written: %1").replace("%1", str(exc))
            )
            return
        self.last_saved = path
        self.message.setText(self.tr("Saved in %1").replace("%1", str(path)))

    def export_pdf(self) -> None:
        report = self.model.report
        if report is None:
            return
        path = self._choose_path(
            self, self.tr("Printable report"), self._file_stem(report) + ".pdf",
            self.tr("PDF files (*.pdf)"),
        )  # fmt: skip
        if path is None:
            return
        try:
            write_pdf(
                report,
                path,
                period=self.period_text(report),
                charts=self.chart_data(report),
                font=self.font(),
            )
        except OSError as exc:
            self.message.setText(
                self.tr("The file could not be written: %1").replace("%1", str(exc))
            )
            return
        self.last_saved = path
        self.message.setText(self.tr("Saved in %1").replace("%1", str(path)))
