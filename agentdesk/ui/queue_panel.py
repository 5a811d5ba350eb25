"""The waiting calls, with their waiting time ticking."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import Action, Desk, DeskState, QueueEntry

from . import day_texts, texts
from .common import EmptyNote, Retranslating, heading, shortcut, with_shortcut
from .runner import ActionRunner

COLUMNS = 4
# Waiting time next to the commune: the two things an agent scans for; the
# kiosk name (often "Mairie de <commune>") last, where a narrow pane cuts it.
WAIT_COLUMN = 1


class QueuePanel(Retranslating, QWidget):
    def __init__(self, desk: Desk, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._entries: list[QueueEntry] = []

        self.title = heading()
        self.count_label = QLabel()
        self.table = QTableWidget(0, COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        # The reason wraps instead: a sideways scroll bar hides the end of each line.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(
            COLUMNS - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.empty = EmptyNote(self.table)
        self.next_button = QPushButton()
        self.take_button = QPushButton()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        # Stacked, so the queue pane stays narrow beside a call at 150 % scaling.
        buttons = QVBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.take_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._keys = {
            self.next_button: shortcut(self.next_button, "Ctrl+Shift+N"),
            self.take_button: shortcut(self.take_button, "Ctrl+Shift+P"),
        }
        self.next_button.clicked.connect(self.take_next)
        self.take_button.clicked.connect(self.take_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.take_selected())

        # Ticks only while calls wait: an idle desk should cost nothing.
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh_waits)

        desk.events.queue_changed.subscribe(self._on_queue)
        desk.events.day_changed.subscribe(lambda _day: self._on_queue(self._desk.queue.entries))
        desk.events.state_changed.subscribe(lambda _state: self._update_buttons())
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Waiting calls"))
        self.empty.set_text(self.tr("No call waiting"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Commune"),
                self.tr("Waiting"),
                self.tr("Service"),
                # Last: it stretches and wraps, so a long reason is not cut off.
                self.tr("Reason"),
            ]
        )
        self.next_button.setText(self.tr("Take the &next call"))
        self.take_button.setText(self.tr("Take the se&lected call"))
        self.next_button.setToolTip(
            with_shortcut(
                self.tr("The call waiting longest (appointments first)"),
                self._keys[self.next_button],
            )
        )
        self.take_button.setToolTip(
            with_shortcut(
                self.tr("The call chosen in the list (or press Enter on it)"),
                self._keys[self.take_button],
            )
        )
        self.table.setAccessibleName(self.tr("Waiting calls"))
        self._on_queue(self._desk.queue.entries)

    # ------------------------------------------------------------- actions

    def selected_call_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._entries[row].call_id if row < len(self._entries) else None

    def take_next(self) -> None:
        self._runner.run(self._desk.take_next(), "take-next")

    def take_selected(self) -> None:
        call_id = self.selected_call_id()
        if call_id is not None:
            self._runner.run(self._desk.take(call_id), "take")

    # ------------------------------------------------------------- display

    def _on_queue(self, entries: list[QueueEntry]) -> None:
        selected = self.selected_call_id()
        self._entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            call = entry.call
            appointment = self.tr("✔ Appointment") if call.appointment_id else ""
            if call.appointment_due:
                appointment = self.tr("✔ Appointment (due)")
            booked = self._desk.day.appointment(call.appointment_id)
            if booked is not None:
                # The booked resident by name and purpose: the agent greets them.
                appointment = "✔ " + day_texts.appointment_line(booked, self._desk.day)
            commune = call.commune
            if entry.ringing_elsewhere:
                # Under the commune: beside it, it widened the column and
                # squeezed the reason into a narrow strip at 150 %.
                commune = self.tr("%1\n(ringing)").replace("%1", call.commune)
            # The appointment first: it is why this call goes before others.
            why = "\n".join(part for part in (appointment, call.reason or "") if part)
            values = [commune, "", call.service, why]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{value}\n{call.kiosk_name}" if column == 0 else value)
                item.setData(Qt.ItemDataRole.UserRole, entry.call_id)
                self.table.setItem(row, column, item)
            if entry.call_id == selected:
                self.table.selectRow(row)
        self.count_label.setText(self.tr("%n call(s) waiting", "", len(entries)))
        self._refresh_waits()
        self.table.resizeRowsToContents()
        if entries and not self._tick.isActive():
            self._tick.start()
        elif not entries:
            self._tick.stop()
        self._update_buttons()

    def _refresh_waits(self) -> None:
        for row, entry in enumerate(self._entries):
            item = self.table.item(row, WAIT_COLUMN)
            if item is not None:
                item.setText(texts.duration(self._desk.queue.waited_s(entry)))

    def _update_buttons(self) -> None:
        can_take = self._desk.allowed(Action.TAKE)
        self.next_button.setEnabled(can_take and bool(self._entries))
        self.take_button.setEnabled(can_take and self.selected_call_id() is not None)
        if self._desk.state is DeskState.SIGNED_OUT:
            self.next_button.setEnabled(False)
