"""The appointments of a day, for an agent or a kiosk: list, change, cancel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import TaskOwner
from agentdesk.desk.booking import BookingDefaults, BookingError, Bookings
from agentdesk.desk.day import AppointmentLike, clock_text, is_live

from . import day_texts
from .booking_dialog import booking_problem_text
from .common import Confirm, EmptyNote, Retranslating, fill_table, list_table

COLUMNS = 8


class AppointmentsDialog(Retranslating, QDialog):
    def __init__(
        self,
        bookings: Bookings,
        login: str,
        kiosks: Sequence[tuple[str, str]],
        today: dt.date,
        open_booking: Callable[[BookingDefaults], None],
        confirm: Confirm,
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        agents: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``agents``: (login, name) of the agents known by name, shown so."""
        super().__init__(parent)
        self._agent_names = dict(agents)
        self._bookings = bookings
        self._login = login
        self._open_booking = open_booking
        self._confirm = confirm
        self._tasks = TaskOwner(on_error)
        self._kiosk_names = dict(kiosks)
        self.shown: list[AppointmentLike] = []

        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.mine = QCheckBox()
        self.mine.setChecked(True)
        self.kiosk = QComboBox()
        self.kiosk.addItem("", None)
        for kiosk_id, name in kiosks:
            self.kiosk.addItem(name, kiosk_id)
        self.table = list_table(COLUMNS)
        self.empty = EmptyNote(self.table)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.new_button = QPushButton()
        self.change_button = QPushButton()
        self.cancel_button = QPushButton()
        self.close_button = QPushButton()

        filters = QHBoxLayout()
        filters.addWidget(self.day)
        filters.addWidget(self.mine)
        filters.addWidget(self.kiosk)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.change_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.setMinimumSize(760, 420)

        self.day.dateChanged.connect(lambda _d: self.reload())
        self.mine.toggled.connect(lambda _on: self.reload())
        self.kiosk.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.change_selected())
        self.new_button.clicked.connect(lambda: self._open_booking(BookingDefaults()))
        self.change_button.clicked.connect(self.change_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.close_button.clicked.connect(self.accept)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Appointments"))
        self.mine.setText(self.tr("&Mine only"))
        if self.empty.text():  # said once a day was loaded
            self.empty.set_text(self.tr("No appointment on this day"))
        self.kiosk.setItemText(0, self.tr("Every kiosk"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Resident"),
                self.tr("Purpose"),
                self.tr("Service"),
                self.tr("Kiosk"),
                self.tr("Agent"),
                self.tr("State"),
                self.tr("Code"),
            ]
        )
        self.new_button.setText(self.tr("&New…"))
        self.change_button.setText(self.tr("C&hange…"))
        self.cancel_button.setText(self.tr("Cancel the &appointment"))
        self.close_button.setText(self.tr("C&lose"))

    def selected_day(self) -> dt.date:
        q = self.day.date()
        return dt.date(q.year(), q.month(), q.day())

    def selected(self) -> AppointmentLike | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        live = chosen is not None and is_live(chosen)
        self.change_button.setEnabled(live)
        self.cancel_button.setEnabled(live)

    def reload(self) -> None:
        self._tasks.spawn(self._load(), "appointments")

    async def _load(self) -> None:
        kiosk = self.kiosk.currentData()
        try:
            found = await self._bookings.appointments(
                self.selected_day().isoformat(),
                agent=self._login if self.mine.isChecked() else None,
                kiosk=kiosk if isinstance(kiosk, str) else None,
            )
        except BookingError as exc:
            self.problem.setText(booking_problem_text(exc))
            return
        self.problem.setText("")
        self.show_appointments(found)

    def show_appointments(self, found: Sequence[AppointmentLike]) -> None:
        self.shown = sorted(found, key=lambda a: a.starts_at)
        self.empty.set_text(self.tr("No appointment on this day"))
        fill_table(
            self.table,
            [
                (
                    clock_text(rdv.starts_at),
                    rdv.resident_name,
                    rdv.purpose,
                    rdv.service,
                    self._kiosk_names.get(rdv.kiosk_id, rdv.kiosk_id),
                    self._agent_names.get(rdv.agent_login or "", rdv.agent_login or ""),
                    day_texts.appointment_state_text(rdv.state),
                    rdv.code,
                )
                for rdv in self.shown
            ],
        )
        self._update_buttons()

    def change_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and is_live(chosen):
            self._open_booking(BookingDefaults.of(chosen, chosen.agent_login))

    def cancel_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not is_live(chosen):
            return
        if not self._confirm(
            self,
            self.tr("Cancel the appointment"),
            self.tr("Cancel the appointment of %1 at %2?")
            .replace("%1", chosen.resident_name)
            .replace("%2", clock_text(chosen.starts_at)),
        ):
            return
        self._tasks.spawn(self._cancel(chosen.appointment_id), "appointment-cancel")

    async def _cancel(self, appointment_id: str) -> None:
        try:
            await self._bookings.cancel(appointment_id)
        except BookingError as exc:
            self.problem.setText(booking_problem_text(exc))
            return
        await self._load()

    async def aclose(self) -> None:
        await self._tasks.aclose()
