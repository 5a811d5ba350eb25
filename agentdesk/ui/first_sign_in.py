"""The first sign-in's dialogs, one after the other: the device check, then
whether to go available by oneself at the start of each permanence.

Each is shown without blocking (``show()``, its answer through ``finished``),
never with a nested ``exec()``: under qasync, Qt's loop and asyncio's are one,
and a dialog's ``exec()`` entered from inside a task's step (a test waiting
with a nested event loop, a handler run from a message) would keep that task
on the stack until the dialog closes: nothing else the task awaits can end it.
Not modal either: a call that rings meanwhile can still be answered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from agentdesk.desk import DayModel, DeskSettings

from .device_check import DeviceCheckDialog, OpenDeviceCheck, show_device_check


class FirstSignIn(QObject):
    """``signed_in()`` and ``day_drawn()`` say what may be asked; one dialog
    at a time, the device check first, each once."""

    def __init__(
        self,
        parent: QWidget,
        settings: Callable[[], DeskSettings],
        apply: Callable[[DeskSettings], None],
        devices: tuple[Sequence[str], Sequence[str], Sequence[str]],
        open_check: OpenDeviceCheck | None,
    ) -> None:
        """``settings()``: as they are now (each answer goes on top of the
        other's); ``apply``: saves them and hands them to the engine."""
        super().__init__(parent)
        self._parent = parent
        self._settings = settings
        self._apply = apply
        self._devices = devices
        self._open_check = open_check
        self.device_check_dialog: DeviceCheckDialog | None = None
        self.auto_available_box: QMessageBox | None = None
        self._check_due = False
        self._question_due = False
        self._question_asked = False

    def signed_in(self) -> None:
        """An agent's identity is known: the device check, if never shown."""
        if not self._settings().devices_checked and self._open_check is not None:
            self._check_due = True
            self._later()

    def day_drawn(self, day: DayModel) -> None:
        """The day's plan: with permanences in it, the question, if never answered."""
        if self._question_asked or not day.slots or self._settings().auto_available is not None:
            return
        self._question_asked = True
        self._question_due = True
        self._later()

    def _later(self) -> None:
        # After the message being handled, not inside it; dropped with us.
        QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        if self.device_check_dialog is not None or self.auto_available_box is not None:
            return  # the next one comes when this one closes
        if self._check_due:
            self.open_device_check()
        elif self._question_due:
            self.ask_auto_available()

    def open_device_check(self) -> None:
        """The device check, in its own window (then in the settings only)."""
        self._check_due = False
        if self._open_check is None or self.device_check_dialog is not None:
            return

        def closed() -> None:
            self.device_check_dialog = None
            self._later()

        self.device_check_dialog = show_device_check(
            self._parent, self._settings, self._devices, self._open_check, self._apply, closed
        )

    def ask_auto_available(self) -> None:
        """Agents usually want the desk to go available by itself, volunteers
        usually prefer the button."""
        self._question_due = False
        if self.auto_available_box is not None:
            return
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Your permanences"))
        box.setText(
            self.tr(
                "At the start of each of your permanences, make you available "
                "automatically?\n\nYes: recommended for agents.\nNo: you press "
                "“Available” yourself, as volunteers often prefer.\n\n"
                "You can change this in the settings."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)  # as before: nothing rings unasked
        box.setModal(False)
        box.finished.connect(lambda _result: self._answered(box))
        self.auto_available_box = box
        box.show()
        box.raise_()

    def _answered(self, box: QMessageBox) -> None:
        self.auto_available_box = None
        box.deleteLater()
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        self._apply(msgspec.structs.replace(self._settings(), auto_available=yes))
        self._later()
