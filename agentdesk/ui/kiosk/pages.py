"""The kiosk's screens outside the call: one decision each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from agentdesk.kiosk.screen_model import ResidentScreen
from agentdesk.protocol.messages import Satisfaction
from agentdesk.protocol.schedule import KioskAppointment

from ..common import Retranslating
from . import texts
from .style import FaceButton, button, set_kind, text_label, title

Run = Callable[[Coroutine[Any, Any, Any]], Any]


class Page(Retranslating, QWidget):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__()
        self.model = model
        self.run = run
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(48, 16, 48, 24)
        self.layout_.setSpacing(18)

    def refresh(self) -> None:
        """Draws the model's current state (called on every change)."""
        self.retranslate()


class HomePage(Page):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        self.problem = text_label(name="problem")
        self.services_box = QVBoxLayout()
        self.services_box.setSpacing(18)
        self.service_buttons: dict[str, QPushButton] = {}
        self.appointment_button = button("quiet")
        self.appointment_button.clicked.connect(model.open_appointment)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.problem)
        self.layout_.addLayout(self.services_box)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.appointment_button)
        self.retranslate()

    def _button(self, code: str) -> QPushButton:
        if code not in self.service_buttons:
            widget = button()
            widget.clicked.connect(lambda: self.run(self.model.choose(code)))
            self.services_box.addWidget(widget)
            self.service_buttons[code] = widget
        return self.service_buttons[code]

    def retranslate(self) -> None:
        self.title.setText(
            QCoreApplication.translate("Kiosk", "Hello! Which service would you like to talk to?")
        )
        self.appointment_button.setText(
            QCoreApplication.translate("Kiosk", "I have an appointment")
        )
        problem = self.model.problem
        self.problem.setVisible(bool(problem))
        self.problem.setText(
            QCoreApplication.translate(
                "Kiosk", "That did not work. Please try again or ask the reception desk."
            )
            if problem
            else ""
        )
        lines = self.model.services()
        for line in lines:
            widget = self._button(line.code)
            widget.setText(texts.service_text(line))
            # Closed services stay visible and touchable: the next screen says when they open.
            set_kind(widget, "open" if line.state.accepts_callers else "closed")
        if not lines:
            self.problem.setVisible(True)
            self.problem.setText(
                QCoreApplication.translate("Kiosk", "Connecting to the agents' switchboard…")
            )


class AppointmentPage(Page):
    """Today's appointments here (first name and time), or the code."""

    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        self.problem = text_label(name="problem")
        self.list_box = QVBoxLayout()
        self.code_label = text_label(name="big")
        self.code = ""
        pad = QGridLayout()
        pad.setSpacing(12)
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("1234567890"):
            widget = button("digit")
            widget.setText(digit)
            widget.clicked.connect(lambda _=False, d=digit: self._type(d))
            self.digit_buttons[digit] = widget
            pad.addWidget(
                widget, index // 3 if digit != "0" else 3, index % 3 if digit != "0" else 1
            )
        self.erase_button = button("digit")
        self.erase_button.clicked.connect(self._erase)
        pad.addWidget(self.erase_button, 3, 0)
        self.ok_button = button()
        self.ok_button.setMinimumHeight(80)
        self.ok_button.clicked.connect(self._validate)
        pad.addWidget(self.ok_button, 3, 2)
        self.back_button = button("quiet")
        self.back_button.clicked.connect(model.go_home)
        self.code_title = text_label()
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.problem)
        self.layout_.addLayout(self.list_box)
        self.layout_.addWidget(self.code_title)
        self.layout_.addWidget(self.code_label)
        self.layout_.addLayout(pad)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.back_button)
        self.appointment_buttons: list[QPushButton] = []
        self.retranslate()

    def load(self) -> None:
        """Asks the switchboard for today's appointments here."""
        self.code = ""
        self.run(self._load())

    async def _load(self) -> None:
        appointments = await self.model.appointments()
        for widget in self.appointment_buttons:
            widget.deleteLater()
        self.appointment_buttons = []
        for appointment in appointments:
            widget = button()
            widget.setText(_appointment_text(appointment))
            widget.clicked.connect(lambda _=False, a=appointment: self.run(self.model.check_in(a)))
            self.list_box.addWidget(widget)
            self.appointment_buttons.append(widget)

    def _type(self, digit: str) -> None:
        if len(self.code) < 6:
            self.code += digit
        self.retranslate()

    def _erase(self) -> None:
        self.code = self.code[:-1]
        self.retranslate()

    def _validate(self) -> None:
        if len(self.code) == 6:
            code, self.code = self.code, ""
            self.run(self.model.check_in_code(code))

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("Kiosk", "Your appointment"))
        self.code_title.setText(
            QCoreApplication.translate(
                "Kiosk", "Touch your first name, or type the 6-digit code you were given:"
            )
        )
        self.code_label.setText(" ".join(self.code.ljust(6, "·")))
        self.erase_button.setText(QCoreApplication.translate("Kiosk", "Erase"))
        self.ok_button.setText(QCoreApplication.translate("Kiosk", "OK"))
        self.ok_button.setEnabled(len(self.code) == 6)
        self.back_button.setText(QCoreApplication.translate("Kiosk", "Back to the start"))
        wrong = self.model.problem is not None
        self.problem.setVisible(wrong)
        self.problem.setText(
            QCoreApplication.translate(
                "Kiosk", "This code was not recognised. Check it, or ask the reception desk."
            )
            if wrong
            else ""
        )


def _appointment_text(appointment: KioskAppointment) -> str:
    at = dt.datetime.fromtimestamp(appointment.starts_at, texts.PARIS)
    return f"{appointment.first_name} — {at:%H:%M} — {appointment.service}"


class ClosedPage(Page):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        self.message = text_label(name="big")
        self.back_button = button()
        self.back_button.clicked.connect(model.go_home)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("Kiosk", "This service is closed now"))
        self.message.setText(
            QCoreApplication.translate("Kiosk", "Next opening: %1").replace(
                "%1", texts.when(self.model.closed_next_opening)
            )
        )
        self.back_button.setText(QCoreApplication.translate("Kiosk", "Back to the start"))


class WaitingPage(Page):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        self.place = text_label(name="big")
        self.estimate = text_label()
        self.prepare = text_label(name="notice")
        self.leave_button = button("danger")
        self.leave_button.clicked.connect(lambda: self.run(self.model.leave()))
        self.layout_.addWidget(self.title)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.place)
        self.layout_.addWidget(self.estimate)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.prepare)
        self.layout_.addWidget(self.leave_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            QCoreApplication.translate("Kiosk", "Please wait, an agent will answer you")
        )
        place, estimate = texts.wait_text(self.model.position, self.model.estimated_wait_s)
        self.place.setText(place)
        self.estimate.setText(estimate)
        self.prepare.setText(texts.prepare_text(self.model.service))
        self.leave_button.setText(QCoreApplication.translate("Kiosk", "Leave the queue"))


class RatingPage(Page):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        row = QHBoxLayout()
        row.setSpacing(32)
        self.faces = {
            Satisfaction.GOOD: FaceButton(1, "#7ed957"),
            Satisfaction.NEUTRAL: FaceButton(0, "#ffd84d"),
            Satisfaction.BAD: FaceButton(-1, "#ff8a7a"),
        }
        for rating, face in self.faces.items():
            face.clicked.connect(lambda _=False, r=rating: self.run(self.model.rate(r)))
            row.addWidget(face)
        self.skip_button = button("quiet")
        self.skip_button.clicked.connect(model.go_home)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.title)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.skip_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("Kiosk", "The call is over. How did it go?"))
        self.faces[Satisfaction.GOOD].setText(QCoreApplication.translate("Kiosk", "Well"))
        self.faces[Satisfaction.NEUTRAL].setText(QCoreApplication.translate("Kiosk", "So-so"))
        self.faces[Satisfaction.BAD].setText(QCoreApplication.translate("Kiosk", "Badly"))
        self.skip_button.setText(QCoreApplication.translate("Kiosk", "Do not answer"))


class ThanksPage(Page):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        self.message = text_label(name="big")
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("Kiosk", "Thank you, goodbye!"))
        self.message.setText(
            QCoreApplication.translate(
                "Kiosk",
                "Your documents have been erased from this kiosk. Do not forget your prints.",
            )
        )
