"""The booking form: a resident's appointment at a kiosk, booked or changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import TaskOwner
from agentdesk.desk.booking import (
    DURATIONS_MIN,
    MAX_NAME,
    MAX_PURPOSE,
    BookingDefaults,
    BookingDraft,
    BookingError,
    BookingProblem,
    Bookings,
    check_draft,
    paris_timestamp,
)
from agentdesk.desk.day import AppointmentLike, clock_text, paris_time

from . import day_texts
from .common import Retranslating, set_hint
from .refusals import refusal_text


def booking_problem_text(exc: BookingError) -> str:
    match exc.problem:
        case BookingProblem.NO_SERVICE:
            return QCoreApplication.translate("Booking", "Choose the service.")
        case BookingProblem.NO_KIOSK:
            return QCoreApplication.translate("Booking", "Choose the kiosk.")
        case BookingProblem.NO_NAME:
            return QCoreApplication.translate("Booking", "Write the resident's name.")
        case BookingProblem.NO_PURPOSE:
            return QCoreApplication.translate("Booking", "Write the purpose of the appointment.")
        case BookingProblem.TOO_LONG:
            return QCoreApplication.translate(
                "Booking", "The name or the purpose is too long: keep it short."
            )
        case BookingProblem.ID_NUMBER:
            return QCoreApplication.translate(
                "Booking",
                "No identification number here (allocataire, social security, tax): "
                "the name and the purpose are enough.",
            )
        case BookingProblem.BAD_DURATION:
            return QCoreApplication.translate("Booking", "Choose a length between 5 and 240 min.")
        case BookingProblem.IN_THE_PAST:
            return QCoreApplication.translate("Booking", "This time has already passed.")
        case BookingProblem.OUTSIDE_PERMANENCE:
            text = QCoreApplication.translate(
                "Booking", "The service holds no permanence at this kiosk at that time."
            )
            if exc.next_opening is not None:
                opening = paris_time(exc.next_opening)
                text += " " + QCoreApplication.translate(
                    "Booking", "Its next opening: %1 at %2."
                ).replace("%1", day_texts.date_text(opening.date())).replace(
                    "%2", clock_text(exc.next_opening)
                )
            return text
        case BookingProblem.REFUSED:
            return refusal_text(exc.code, exc.reason)
        case BookingProblem.NOT_FOUND:
            if exc.reason:
                return refusal_text(exc.code, exc.reason)
            # The switchboard's own words are English, for its logs.
            return QCoreApplication.translate(
                "Booking", "The kiosk, the service or the appointment no longer exists."
            )
        case BookingProblem.FORBIDDEN:
            return QCoreApplication.translate(
                "Booking", "Your account may not book for this service."
            )
        case BookingProblem.UNREACHABLE:
            return QCoreApplication.translate(
                "Booking", "The switchboard cannot be reached: try again in a moment."
            )


def booked_text(rdv: AppointmentLike) -> str:
    when = paris_time(rdv.starts_at)
    return (
        QCoreApplication.translate(
            "Booking",
            "Appointment booked for %1 on %2 at %3. Check-in code to give the resident: %4.",
        )
        .replace("%1", rdv.resident_name)
        .replace("%2", day_texts.date_text(when.date()))
        .replace("%3", clock_text(rdv.starts_at))
        .replace("%4", rdv.code)
    )


class BookingDialog(Retranslating, QDialog):
    def __init__(
        self,
        bookings: Bookings,
        defaults: BookingDefaults,
        services: Sequence[str],
        kiosks: Sequence[tuple[str, str]],
        clock: Callable[[], float],
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._bookings = bookings
        self._defaults = defaults
        self._clock = clock
        self._tasks = TaskOwner(on_error)
        self.result_appointment: AppointmentLike | None = None

        self.service = QComboBox()
        self.service.addItems(sorted({*services, defaults.service} - {""}))
        if defaults.service:
            self.service.setCurrentText(defaults.service)
        self.kiosk = QComboBox()
        self.kiosk.setEditable(True)
        for kiosk_id, kiosk_name in kiosks:
            self.kiosk.addItem(kiosk_name, kiosk_id)
        if defaults.kiosk_id:
            index = self.kiosk.findData(defaults.kiosk_id)
            if index < 0:
                self.kiosk.addItem(defaults.kiosk_id, defaults.kiosk_id)
                index = self.kiosk.count() - 1
            self.kiosk.setCurrentIndex(index)
        start = paris_time(defaults.starts_at if defaults.starts_at else self._next_quarter())
        self.date = QDateEdit(QDate(start.year, start.month, start.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.time = QComboBox()
        self.time.setEditable(True)
        self.time.addItems([f"{h:02d}:{m:02d}" for h in range(7, 20) for m in (0, 15, 30, 45)])
        self.time.setCurrentText(start.strftime("%H:%M"))
        self.duration = QComboBox()
        for minutes in DURATIONS_MIN:
            self.duration.addItem(f"{minutes} min", minutes)
        self.duration.setCurrentIndex(max(0, self.duration.findData(defaults.duration_min)))
        self.purpose = QLineEdit(defaults.purpose)
        self.purpose.setMaxLength(MAX_PURPOSE)
        self.resident = QLineEdit(defaults.resident_name)
        self.resident.setMaxLength(MAX_NAME)
        self.agent = QLineEdit(defaults.agent_login)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self._labels = [QLabel() for _ in range(8)]
        for label, field in zip(
            self._labels,
            (
                self.service,
                self.kiosk,
                self.date,
                self.time,
                self.duration,
                self.resident,
                self.purpose,
                self.agent,
            ),
            strict=True,
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        # Room for a purpose and a refusal sentence without cutting them.
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        changing = self._defaults.appointment_id is not None
        self.setWindowTitle(
            self.tr("Change the appointment") if changing else self.tr("Book an appointment")
        )
        texts = (
            self.tr("&Service:"),
            self.tr("&Kiosk:"),
            self.tr("&Day:"),
            self.tr("&Time:"),
            self.tr("&Length:"),
            self.tr("Resident's &name:"),
            self.tr("&Purpose:"),
            self.tr("&Agent:"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        set_hint(self.resident, self.tr("As the resident gives it, e.g. Mme Martin"))
        set_hint(self.purpose, self.tr("e.g. Prime d'activité: renewal"))
        set_hint(self.agent, self.tr("Login (empty: any agent of the service)"))

    def _next_quarter(self) -> float:
        now = self._clock()
        return now + (900 - now % 900)

    def draft(self) -> BookingDraft:
        qdate = self.date.date()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        clock = QTime.fromString(self.time.currentText().strip(), "HH:mm")
        if not clock.isValid():
            clock = QTime.fromString(self.time.currentText().strip(), "H:mm")
        starts_at = paris_timestamp(day, clock.hour(), clock.minute()) if clock.isValid() else 0.0
        kiosk = self.kiosk.currentData()
        if not kiosk or self.kiosk.currentText() != self.kiosk.itemText(self.kiosk.currentIndex()):
            kiosk = self.kiosk.currentText()
        return BookingDraft(
            service=self.service.currentText(),
            kiosk_id=str(kiosk),
            starts_at=starts_at,
            duration_min=int(self.duration.currentData() or 20),
            purpose=self.purpose.text(),
            resident_name=self.resident.text(),
            agent_login=self.agent.text(),
        )

    def save(self) -> None:
        try:
            draft = check_draft(self.draft(), self._clock())
        except BookingError as exc:
            self.show_problem(exc)
            return
        self.problem.setText("")
        self.buttons.setEnabled(False)
        self._tasks.spawn(self._send(draft), "booking")

    async def _send(self, draft: BookingDraft) -> None:
        try:
            if self._defaults.appointment_id is not None:
                rdv = await self._bookings.change(self._defaults.appointment_id, draft)
            else:
                rdv = await self._bookings.book(draft)
        except BookingError as exc:
            self.show_problem(exc)
            return
        finally:
            self.buttons.setEnabled(True)
        self.result_appointment = rdv
        self.accept()

    def show_problem(self, exc: BookingError) -> None:
        self.problem.setText(booking_problem_text(exc))

    async def aclose(self) -> None:
        await self._tasks.aclose()
