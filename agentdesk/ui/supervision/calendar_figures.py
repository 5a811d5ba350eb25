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
from agentdesk.supervision.tables import (
    APPOINTMENTS_COLUMNS,
    Table,
    TableKind,
    appointments_table,
)

from ..common import Retranslating
from . import table_texts


class CalendarFigures(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: FiguresResponse | None = None
        self.hours = QLabel()
        self.hours.setWordWrap(True)
        self.refused = QLabel()
        self.table = QTableWidget(0, len(APPOINTMENTS_COLUMNS))
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
        self.table.setHorizontalHeaderLabels(
            table_texts.headers(Table(TableKind.APPOINTMENTS, APPOINTMENTS_COLUMNS, ()))
        )
        if self._figures is not None:
            self.show_figures(self._figures)

    def show_figures(self, figures: FiguresResponse) -> None:
        self._figures = figures
        self.hours.setText(table_texts.hours_text(figures))
        self.refused.setText(table_texts.refused_text(figures))
        table = appointments_table(figures)
        self.table.setHorizontalHeaderLabels(table_texts.headers(table))
        rows = table_texts.cells(table)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c > 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
