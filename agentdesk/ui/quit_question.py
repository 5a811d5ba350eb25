"""« Quit AgentDesk? » while a call rings or goes on: a question that follows
the desk's state for as long as it is open.

It does not block (the call goes on meanwhile), and its words change with the
state: a ring that stops, a call that ends, a document saved.  Whoever asked
is told the answer once, with the state as it is then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from agentdesk.desk import Desk, DeskState


class QuitQuestion(QObject):
    """One question at a time; ``answered(yes)`` once it is answered."""

    def __init__(self, parent: QWidget, desk: Desk, answered: Callable[[bool], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._desk = desk
        self._answered = answered
        self.box: QMessageBox | None = None
        desk.events.state_changed.subscribe(lambda _state: self.refresh())
        desk.documents.changed.subscribe(lambda _record: self.refresh())

    def ask(self) -> None:
        if self.box is None:
            box = QMessageBox(self._parent)
            box.setIcon(QMessageBox.Icon.Question)
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.finished.connect(lambda _result: self._finished(box))
            self.box = box
        self.refresh()
        self.box.open()
        self.box.raise_()

    def refresh(self) -> None:
        if self.box is not None:
            self.box.setWindowTitle(self.tr("Quit"))
            self.box.setText(self.text())

    def text(self) -> str:
        state = self._desk.state
        if state is DeskState.OFFERED:
            text = self.tr("A call is ringing. Decline it and quit AgentDesk?")
        elif state is DeskState.IN_CALL:
            text = self.tr("A call is in progress. End it and quit AgentDesk?")
        elif state is DeskState.WRAP_UP:
            text = self.tr("The call is over; its wrap-up is not finished. Quit AgentDesk?")
        else:
            text = self.tr("No call is ringing or in progress any more. Quit AgentDesk?")
        unsaved = len(self._desk.documents.unsaved_documents())
        if unsaved:
            text += "\n" + self.tr("%n document(s) are not saved and will be erased.", "", unsaved)
        return text

    def _finished(self, box: QMessageBox) -> None:
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        self.box = None
        box.deleteLater()
        self._answered(yes)
