"""The supervisor's calendar: a week of permanences and closures, edited in place."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import TaskOwner
from agentdesk.desk.booking import BookingDefaults, Bookings
from agentdesk.desk.day import clock_text
from agentdesk.protocol.schedule import PermanenceDraft, ServiceStatus
from agentdesk.supervision.calendar import CalendarModel, Week, WeekEntry, draft_of, overlapping

from ..appointments_dialog import AppointmentsDialog
from ..booking_dialog import BookingDialog, booked_text
from ..common import Confirm, Retranslating, ask, heading
from ..day_texts import service_status_text, weekday_name
from . import texts
from .calendar_dialogs import ClosureDialog, PermanenceDialog

CLOSED_COLOUR = QColor("#fde7e4")


def entry_text(entry: WeekEntry, kiosk: Callable[[str], str]) -> str:
    slot = entry.slot
    where = ", ".join(kiosk(k) for k in slot.kiosk_ids) or "*"
    repeat = "↻ " if entry.weekly else ""
    return (
        f"{repeat}{clock_text(slot.starts_at)}–{clock_text(slot.ends_at)} {slot.service} · {where}"
    )


class CalendarPanel(Retranslating, QWidget):
    def __init__(
        self,
        model: CalendarModel,
        services: Sequence[str],
        tasks: TaskOwner,
        bookings: Bookings | None = None,
        login: str = "",
        confirm: Confirm = ask,
        waiting: Callable[[str], int] = lambda _service: 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._bookings = bookings
        self._login = login
        self.confirm = confirm
        self._waiting = waiting
        self.appointments: AppointmentsDialog | None = None
        self.booking: BookingDialog | None = None
        self._services = list(services)
        self._tasks = tasks
        self.dialog: PermanenceDialog | ClosureDialog | None = None
        self.kiosk_names: dict[str, str] = {}

        self.title = heading()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.copy_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setStyleSheet("color: #505050;")
        self.table = QTableWidget(0, 7)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        self.closure_button = QPushButton()
        self.remove_closure_button = QPushButton()
        self.appointments_button = QPushButton()
        self.appointments_button.setVisible(bookings is not None)
        self.close_service = QComboBox()
        self.close_service.addItems(self._services)
        self.close_now_button = QPushButton()

        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.title, 1, Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.next_button)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.closure_button,
            self.remove_closure_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # A second row: on one row they made the window wider than a laptop's screen.
        actions = QHBoxLayout()
        actions.addWidget(self.close_service)
        actions.addWidget(self.close_now_button)
        actions.addStretch(1)
        actions.addWidget(self.appointments_button)
        actions.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addLayout(buttons)
        layout.addLayout(actions)

        self.previous_button.clicked.connect(lambda: self._run(self.model.shift(-1)))
        self.next_button.clicked.connect(lambda: self._run(self.model.shift(1)))
        self.copy_button.clicked.connect(self.copy_week)
        self.add_button.clicked.connect(self.add_permanence)
        self.edit_button.clicked.connect(self.edit_permanence)
        self.remove_button.clicked.connect(self.remove_permanence)
        self.closure_button.clicked.connect(self.add_closure)
        self.remove_closure_button.clicked.connect(self.remove_closure)
        self.appointments_button.clicked.connect(self.open_appointments)
        self.close_now_button.clicked.connect(self.close_now)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.edit_permanence())
        model.events.changed.subscribe(self.show_week)
        self.retranslate()

    def retranslate(self) -> None:
        self.previous_button.setText(self.tr("◀ &Previous week"))
        self.next_button.setText(self.tr("&Next week ▶"))
        self.copy_button.setText(self.tr("C&opy this week's sessions to the next week"))
        self.copy_button.setToolTip(
            self.tr("One-off sessions are copied; weekly permanences repeat by themselves")
        )
        self.add_button.setText(self.tr("&Add a permanence…"))
        self.edit_button.setText(self.tr("&Change…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.closure_button.setText(self.tr("Add a c&losure…"))
        self.remove_closure_button.setText(self.tr("Remove the closure"))
        self.appointments_button.setText(self.tr("A&ppointments…"))
        self.close_now_button.setText(self.tr("Close &now…"))
        self.close_now_button.setToolTip(
            self.tr("Closes the service at every kiosk until its next slot")
        )
        self.legend.setText(self.tr("↻ every week · the others once · public holidays included"))
        if self.model.week is not None:
            self.show_week(self.model.week)
        else:
            self.title.setText(self.tr("Calendar"))
        self._update_buttons()

    # ------------------------------------------------------------- display

    def show_week(self, week: Week) -> None:
        self.title.setText(
            self.tr("Week of %1 (%2)")
            .replace("%1", week.monday.strftime("%d/%m/%Y"))
            .replace("%2", week.iso)
        )
        days = [week.monday + dt.timedelta(days=i) for i in range(7)]
        self.table.setHorizontalHeaderLabels(
            [f"{weekday_name(d.weekday())} {d:%d/%m}" for d in days]
        )
        rows = max([len(e) + len(c) for e, c in zip(week.days, week.closures, strict=True)] + [1])
        self.table.clearContents()
        self.table.setRowCount(rows)
        for column, (entries, closures) in enumerate(zip(week.days, week.closures, strict=True)):
            row = 0
            for closure in closures:
                item = QTableWidgetItem(self.tr("Closed: %1").replace("%1", closure.label))
                item.setBackground(CLOSED_COLOUR)
                item.setData(Qt.ItemDataRole.UserRole, ("closure", closure))
                self.table.setItem(row, column, item)
                row += 1
            for entry in entries:
                item = QTableWidgetItem(entry_text(entry, self._kiosk))
                item.setData(Qt.ItemDataRole.UserRole, ("slot", entry))
                item.setToolTip(entry.permanence.note or "" if entry.permanence else "")
                self.table.setItem(row, column, item)
                row += 1
        self.table.resizeRowsToContents()
        self._update_buttons()

    def set_kiosk_names(self, names: Mapping[str, str]) -> None:
        """Kiosk id -> name (the network's kiosks, read by the fleet tab)."""
        self.kiosk_names = dict(names)
        if self.model.week is not None:
            self.show_week(self.model.week)

    def _kiosk(self, kiosk_id: str) -> str:
        return self.kiosk_names.get(kiosk_id, kiosk_id)

    def selected(self) -> tuple[str, Any] | None:
        item = self.table.currentItem()
        if item is None or not item.isSelected():
            return None
        data = item.data(Qt.ItemDataRole.UserRole)
        return data if isinstance(data, tuple) else None

    def select(self, text_part: str) -> bool:
        """Selects the first cell whose text holds ``text_part`` (as a click would)."""
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None and text_part in item.text():
                    self.table.setCurrentItem(item)
                    return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected()
        kind = chosen[0] if chosen else None
        entry = chosen[1] if chosen and kind == "slot" else None
        editable = isinstance(entry, WeekEntry) and entry.permanence is not None
        self.edit_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        if isinstance(entry, WeekEntry):
            self.close_service.setCurrentText(entry.slot.service)
        closure = chosen[1] if chosen and kind == "closure" else None
        self.remove_closure_button.setEnabled(closure is not None and not closure.holiday)

    def selected_day(self) -> dt.date:
        column = max(0, self.table.currentColumn())
        return self.model.monday + dt.timedelta(days=column)

    # ------------------------------------------------------------- actions

    def _run(self, action: Awaitable[Any], done: Callable[[Any], None] | None = None) -> None:
        async def go() -> None:
            self.message.setText("")
            try:
                result = await action
            except Exception as exc:  # SupervisionError and any refusal: a sentence
                self.message.setText(texts.problem_text(exc))
                return
            if done is not None:
                done(result)

        self._tasks.spawn(go(), "calendar")

    def _open(self, dialog: PermanenceDialog | ClosureDialog, save: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.buttons.accepted.connect(save)
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QWidget) -> None:
        dialog.deleteLater()
        if self.dialog is dialog:
            self.dialog = None

    def _save_in(self, dialog: PermanenceDialog | ClosureDialog, action: Awaitable[Any]) -> None:
        """Sends what the form holds; a refusal stays in the form, to be corrected."""

        async def go() -> None:
            dialog.buttons.setEnabled(False)
            try:
                await action
            except Exception as exc:
                dialog.show_problem(texts.problem_text(exc))
                return
            finally:
                dialog.buttons.setEnabled(True)
            dialog.accept()

        self._tasks.spawn(go(), "calendar-save")

    def _overlap_text(self, draft: PermanenceDraft, replacing: str | None) -> str:
        other = overlapping(draft, self.model.permanences, replacing)
        if other is None:
            return ""
        when = (
            weekday_name(other.weekday)
            if other.weekday is not None
            else dt.date.fromisoformat(other.date or "1970-01-01").strftime("%d/%m/%Y")
        )
        return (
            self.tr("This slot overlaps the %1 permanence of %2, %3–%4.")
            .replace("%1", other.service)
            .replace("%2", when)
            .replace("%3", other.start)
            .replace("%4", other.end)
        )

    def _save_permanence(self, dialog: PermanenceDialog, replacing: str | None) -> None:
        draft = dialog.draft()
        overlap = self._overlap_text(draft, replacing)
        if overlap:
            dialog.show_problem(overlap)
            return
        action = self.model.update(replacing, draft) if replacing else self.model.add(draft)
        self._save_in(dialog, action)

    def add_permanence(self) -> None:
        dialog = PermanenceDialog(self._services, self.selected_day(), parent=self)
        self._open(dialog, lambda: self._save_permanence(dialog, None))

    def edit_permanence(self) -> None:
        chosen = self.selected()
        if not chosen or chosen[0] != "slot" or chosen[1].permanence is None:
            return
        permanence = chosen[1].permanence
        dialog = PermanenceDialog(
            self._services, self.selected_day(), draft_of(permanence), parent=self
        )
        self._open(dialog, lambda: self._save_permanence(dialog, permanence.permanence_id))

    def remove_permanence(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "slot" and chosen[1].permanence is not None:
            self._run(self.model.remove(chosen[1].permanence.permanence_id))

    def add_closure(self) -> None:
        dialog = ClosureDialog(self._services, self.selected_day(), parent=self)

        def save() -> None:
            draft = dialog.draft()
            if not draft.label:
                dialog.show_problem(self.tr("Write the reason of the closure."))
                return
            self._save_in(dialog, self.model.add_closure(draft))

        self._open(dialog, save)

    def remove_closure(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "closure" and not chosen[1].holiday:
            self._run(self.model.remove_closure(chosen[1].closure_id))

    def copy_week(self) -> None:
        def done(count: int) -> None:
            self.message.setText(
                self.tr("%1 session(s) copied to the next week.").replace("%1", str(count))
            )

        self._run(self.model.copy_to_next_week(), done)

    def close_now(self) -> None:
        """Closes the chosen service early, once the supervisor has read who
        is waiting: each of them is told the next opening."""
        service = self.close_service.currentText()
        if not service:
            return
        count = self._waiting(service)
        question = (
            self.tr("Close %1 now, at every kiosk, until its next slot? Nobody is waiting.")
            if count == 0
            else self.tr(
                "Close %1 now, at every kiosk, until its next slot? %2 resident(s) waiting: "
                "each will be told the next opening."
            )
        )
        title = self.tr("Close the service now")
        if not self.confirm(self, title, question.replace("%1", service).replace("%2", str(count))):
            return

        def done(status: ServiceStatus) -> None:
            self.message.setText(service_status_text(status))

        self._run(self.model.close_now(service), done)

    def reload(self) -> None:
        self._run(self.model.load())

    # ------------------------------------------------------------- booking

    def _kiosks(self) -> list[tuple[str, str]]:
        week = self.model.week
        ids = {k for day in (week.days if week else ()) for e in day for k in e.slot.kiosk_ids}
        ids |= {k for p in self.model.permanences for k in p.kiosk_ids}
        ids |= set(self.kiosk_names)
        return [(k, self._kiosk(k)) for k in sorted(ids)]

    def open_appointments(self) -> None:
        """The agency's appointments of a day: a supervisor books for any agent."""
        if self._bookings is None:
            return
        dialog = AppointmentsDialog(
            self._bookings,
            self._login,
            self._kiosks(),
            self.selected_day(),
            self.open_booking,
            self.confirm,
            self,
        )
        dialog.mine.setChecked(False)
        self.appointments = dialog
        dialog.finished.connect(lambda _r: self._tasks.spawn(dialog.aclose(), "rdv-close"))
        dialog.open()
        dialog.reload()

    def open_booking(self, defaults: BookingDefaults) -> None:
        if self._bookings is None:
            return
        dialog = BookingDialog(
            self._bookings, defaults, self._services, self._kiosks(), time.time, self
        )
        self.booking = dialog

        def done(_result: int) -> None:
            if dialog.result_appointment is not None:
                self.message.setText(booked_text(dialog.result_appointment))
                if self.appointments is not None:
                    self.appointments.reload()
            self._tasks.spawn(dialog.aclose(), "booking-close")

        dialog.finished.connect(done)
        dialog.open()
