"""Figures of the calendar: appointments kept, late and missed per service and
kiosk; hours of permanence staffed against scheduled; callers refused while closed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.protocol.figures import FiguresResponse

from ..common import Retranslating
from . import texts


class CalendarFigures(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: FiguresResponse | None = None
        self.hours = QLabel()
        self.hours.setWordWrap(True)
        self.refused = QLabel()
        self.table = QTableWidget(0, 7)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hours)
        layout.addWidget(self.refused)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(self.headers())
        if self._figures is not None:
            self.show_figures(self._figures)

    def headers(self) -> list[str]:
        return [
            self.tr("Service"),
            self.tr("Kiosk"),
            self.tr("Booked"),
            self.tr("Kept"),
            self.tr("Of which late"),
            self.tr("No-shows"),
            self.tr("Cancelled"),
        ]

    def hours_text(self, figures: FiguresResponse) -> str:
        scheduled, staffed = figures.hours_scheduled, figures.hours_staffed
        share = texts.percent(staffed / scheduled) if scheduled else "–"
        return (
            self.tr("Permanence hours: %1 h scheduled, %2 h staffed (%3).")
            .replace("%1", texts.number(scheduled, 1))
            .replace("%2", texts.number(staffed, 1))
            .replace("%3", share)
        )

    def refused_text(self, figures: FiguresResponse) -> str:
        return self.tr("Callers refused because the service was closed: %1").replace(
            "%1", str(figures.refused_closed)
        )

    @staticmethod
    def rows(figures: FiguresResponse) -> list[list[str]]:
        """One per service and kiosk: what the table, and the PDF report, show."""
        return [
            [
                row.service,
                row.kiosk_name or row.kiosk_id,
                str(row.booked),
                str(row.kept),
                str(row.late),
                str(row.no_show),
                str(row.cancelled),
            ]
            for row in sorted(figures.appointments, key=lambda a: (a.service, a.kiosk_id))
        ]

    def show_figures(self, figures: FiguresResponse) -> None:
        self._figures = figures
        self.hours.setText(self.hours_text(figures))
        self.refused.setText(self.refused_text(figures))
        rows = self.rows(figures)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c > 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
