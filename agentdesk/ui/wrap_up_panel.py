"""After the call: outcome, note, and back to available."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DEFAULT_OUTCOMES, Action, CurrentCall, Desk, DeskState

from . import texts
from .common import Confirm, Retranslating, heading, shortcut, with_shortcut
from .runner import ActionRunner

MAX_NOTE = 2000
APPOINTMENT_OUTCOME = DEFAULT_OUTCOMES[1]
"""« Rendez-vous fixé »: choosing it opens the booking form for the resident."""


class WrapUpPanel(Retranslating, QWidget):
    appointment_wanted = Signal(object)
    """The agent chose « Rendez-vous fixé »: the call's ``CallInfo``, to book."""

    def __init__(
        self,
        desk: Desk,
        runner: ActionRunner,
        outcomes: Callable[[], list[str]],
        confirm: Confirm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._outcomes = outcomes
        self._confirm = confirm
        self._transfer_outcome: str | None = None
        """« Transféré vers CPAM »: first among the outcomes after a transfer."""
        self._outcome_chosen = False
        """The outcome shown was chosen (by the agent, or a transfer's), not
        merely the first of the list."""

        self.title = heading()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.timer_label = QLabel()
        self.outcome = QComboBox()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.finish_button = QPushButton()
        self.outcome_label = QLabel()
        self.outcome_label.setBuddy(self.outcome)
        self.note_label = QLabel()
        self.note_label.setBuddy(self.note)

        form = QFormLayout()
        form.addRow(self.outcome_label, self.outcome)
        form.addRow(self.note_label, self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.timer_label)
        layout.addLayout(form, 1)
        layout.addWidget(self.finish_button)

        self._finish_key = shortcut(self.finish_button, "Ctrl+Return")
        self.finish_button.clicked.connect(self.finish)
        # Only the agent's own choice (not a reload of the list) opens the form.
        self.outcome.textActivated.connect(self._on_outcome)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh_timer)

        desk.events.call_changed.subscribe(self._on_call)
        desk.events.state_changed.subscribe(self._on_state)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Wrap-up"))
        self.outcome_label.setText(self.tr("&Outcome:"))
        self.note_label.setText(self.tr("N&ote:"))
        self.note.setPlaceholderText(self.tr("What was done, what follows (no personal data)"))
        self.finish_button.setText(self.tr("&Finish"))
        self.finish_button.setToolTip(
            with_shortcut(self.tr("Record the outcome and become available"), self._finish_key)
        )
        self._on_call(self._desk.call)

    def reload_outcomes(self) -> None:
        current = self.outcome.currentText()
        self.outcome.clear()
        if self._transfer_outcome is not None:
            self.outcome.addItem(self._transfer_outcome)
        self.outcome.addItems(self._outcomes())
        if current:
            self.outcome.setCurrentText(current)

    def finish(self) -> None:
        unsaved = len(self._desk.documents.unagreed_unsaved())
        if unsaved and not self._confirm(
            self,
            self.tr("Finish the wrap-up"),
            self.tr(
                "%n document(s) of this call are not saved and will be erased from "
                "this computer. Finish anyway?",
                "",
                unsaved,
            ),
        ):
            return
        self._desk.documents.agree_to_erase()
        self._runner.run(
            self._desk.finish_wrap_up(self.outcome.currentText(), self._note()), "finish-wrap-up"
        )

    def as_it_stands(self) -> tuple[str | None, str | None]:
        """The outcome chosen (None if none was) and the note written: the
        wrap-up as it is recorded when the app quits before « Finish »."""
        outcome = self.outcome.currentText() if self._outcome_chosen else None
        return outcome, self._note()

    def _note(self) -> str:
        return self.note.toPlainText()[:MAX_NOTE]

    def _on_outcome(self, outcome: str) -> None:
        self._outcome_chosen = True
        call = self._desk.call
        if outcome == APPOINTMENT_OUTCOME and call is not None:
            self.appointment_wanted.emit(call.call)

    def _on_state(self, state: DeskState) -> None:
        self.finish_button.setEnabled(self._desk.allowed(Action.FINISH_WRAP_UP))
        if state is DeskState.WRAP_UP:
            self._tick.start()
            self._refresh_timer()
            self.outcome.setFocus()
        else:
            self._tick.stop()

    def _on_call(self, call: CurrentCall | None) -> None:
        if call is None:
            self.summary.setText("")
            self.note.clear()
            self._transfer_outcome = None
            self._outcome_chosen = False
            self.reload_outcomes()
            self.outcome.setCurrentIndex(0)
        else:
            # The call as the agent served it (the desk keeps its service), and
            # how it ended for them: « Transféré vers CPAM », as the history says.
            ended = texts.ended_text(call.end_reason, call.transferred_to)
            text = texts.call_heading(call.call, self._desk.day) + "\n"
            text += (
                self.tr("%1 · duration %2")
                .replace("%1", ended)
                .replace("%2", texts.duration(call.elapsed_s(self._desk.now())))
            )
            self.summary.setText(text)
            self._offer_transfer_outcome(ended if call.transferred_to else None)
        self._on_state(self._desk.state)

    def _offer_transfer_outcome(self, outcome: str | None) -> None:
        """After a transfer its outcome comes first and is chosen, once: the
        agent may still choose another."""
        if outcome == self._transfer_outcome:
            return
        self._transfer_outcome = outcome
        self.reload_outcomes()
        if outcome is not None:
            self.outcome.setCurrentText(outcome)
            self._outcome_chosen = True

    def _refresh_timer(self) -> None:
        call = self._desk.call
        seconds = call.wrap_up_s(self._desk.now()) if call else 0.0
        self.timer_label.setText(self.tr("Wrap-up time: %1").replace("%1", texts.duration(seconds)))
