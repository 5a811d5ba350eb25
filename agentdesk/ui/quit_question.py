"""« Quit AgentDesk? » when closing the window would cost something: a call
ringing or going on, or (with a tray) the calls that would no longer ring.
A question that follows the desk's state for as long as it is open.

It does not block (the call goes on meanwhile), and its words change with the
state: a ring that stops, a call that ends, a document saved.  Whoever asked
is told the answer once, with the state as it is then.  With a tray it offers
a third way, keeping AgentDesk running there: one question, not two.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from agentdesk.desk import Desk, DeskState


class QuitChoice(enum.Enum):
    STAY = "stay"
    """Not closed: the window stays as it was."""
    TRAY = "tray"
    """The window hides; AgentDesk runs on in the tray, calls still ring."""
    QUIT = "quit"


class QuitQuestion(QObject):
    """One question at a time; ``answered(choice)`` once it is answered."""

    def __init__(self, parent: QWidget, desk: Desk, answered: Callable[[QuitChoice], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._desk = desk
        self._answered = answered
        self.box: QMessageBox | None = None
        self.tray_button: QPushButton | None = None
        """« Keep running in the tray », when the question offers it."""
        desk.events.state_changed.subscribe(lambda _state: self.refresh())
        desk.documents.changed.subscribe(lambda _record: self.refresh())

    def ask(self, *, tray: bool = False) -> None:
        """``tray``: offer to keep running in the tray (the desktop has one)."""
        if self.box is None:
            box = QMessageBox(self._parent)
            box.setIcon(QMessageBox.Icon.Question)
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if tray:
                self.tray_button = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
                box.setDefaultButton(self.tray_button)
            box.finished.connect(lambda _result: self._finished(box))
            self.box = box
        self.refresh()
        self.box.open()
        self.box.raise_()

    def refresh(self) -> None:
        box = self.box
        if box is None:
            return
        box.setWindowTitle(self.tr("Quit"))
        box.setText(self.text())
        if self.tray_button is not None:
            self.tray_button.setText(self.tr("Keep running in the &tray"))
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Quit"))
            box.button(QMessageBox.StandardButton.No).setText(self.tr("Cancel"))

    def text(self) -> str:
        state = self._desk.state
        if state is DeskState.OFFERED:
            text = self.tr("A call is ringing. Decline it and quit AgentDesk?")
        elif state is DeskState.IN_CALL:
            text = self.tr("A call is in progress. End it and quit AgentDesk?")
        elif state is DeskState.WRAP_UP:
            text = self.tr(
                "The call is over; its wrap-up is not finished: it will be recorded "
                "as it stands. Quit AgentDesk?"
            )
        elif self.tray_button is not None:
            text = self.tr(
                "You are on duty: once AgentDesk is closed, no call reaches you. Quit AgentDesk?"
            )
        else:
            text = self.tr("No call is ringing or in progress any more. Quit AgentDesk?")
        if self.tray_button is not None:
            text += "\n" + self.tr(
                "Or keep it running in the tray: calls still ring and its icon shows your state."
            )
        unsaved = len(self._desk.documents.unsaved_documents())
        if unsaved:
            text += "\n" + self.tr("%n document(s) are not saved and will be erased.", "", unsaved)
        return text

    def _finished(self, box: QMessageBox) -> None:
        clicked = box.clickedButton()
        if self.tray_button is not None and clicked is self.tray_button:
            choice = QuitChoice.TRAY
        elif clicked is box.button(QMessageBox.StandardButton.Yes):
            choice = QuitChoice.QUIT
        else:
            choice = QuitChoice.STAY
        self.box = None
        self.tray_button = None
        box.deleteLater()
        self._answered(choice)
