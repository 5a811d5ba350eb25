"""Today's calls."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import Desk, HistoryEntry
from agentdesk.desk.day import clock_text

from . import texts
from .common import EmptyNote, Retranslating, heading, share_width


class HistoryPanel(Retranslating, QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.title = heading()
        self.table = QTableWidget(0, 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        share_width(self.table, 5)  # the outcome, wrapped
        self.empty = EmptyNote(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        desk.events.history_changed.subscribe(self._on_history)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Today's calls"))
        self.empty.set_text(self.tr("No call yet today"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Start"),
                self.tr("End"),
                self.tr("Commune"),
                self.tr("Service"),
                self.tr("Duration"),
                self.tr("Outcome"),
            ]
        )
        self.table.setAccessibleName(self.tr("Today's calls"))
        self._on_history(self._desk.history.today())

    def _on_history(self, entries: list[HistoryEntry]) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            duration = entry.duration_s
            outcome = entry.outcome or texts.end_reason_text(entry.end_reason)
            if entry.transferred_to:
                outcome = texts.ended_text(entry.end_reason, entry.transferred_to)
            elif entry.ended_at is None:
                outcome = self.tr("In progress")
            values = [
                _clock(entry.started_at),
                _clock(entry.ended_at) if entry.ended_at else "",
                entry.commune,
                entry.service,
                texts.duration(duration) if duration is not None else "",
                outcome,
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))


def _clock(at: float) -> str:
    return clock_text(at)
