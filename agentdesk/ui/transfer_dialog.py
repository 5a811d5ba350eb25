"""Choose where the resident goes next: a service of the network (they keep
their place in its queue) or a named colleague who gets the call first, with
who staffs each service now, and a note for the next agent."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DeskState
from agentdesk.desk.day import clock_text, paris_time
from agentdesk.desk.staffing import TransferTarget
from agentdesk.protocol import ServiceState, TransferOutcome, TransferResult

from . import day_texts, texts
from .common import fit_wrapped_text, set_hint

MAX_NOTE = 200
"""The protocol's short text: one or two sentences."""


class TransferDialog(QDialog):
    """Filled by ``show_targets`` once the switchboard said who staffs what."""

    filled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer the call"))
        self._targets: list[TransferTarget] = []
        self.explanation = _sentence(
            self.tr(
                "Choose the service to transfer the resident to, or a colleague by name: "
                "the colleague gets the call first. The resident keeps their place in the "
                "queue by arrival time, and an appointment keeps its priority."
            )
        )
        self.loading = QLabel(self.tr("Looking who is signed in…"))
        self.services = QListWidget()
        self.services.setAccessibleName(self.tr("Services of the network"))
        self.staff = _sentence("")
        self.colleagues = QListWidget()
        self.colleagues.setAccessibleName(self.tr("Who gets the call"))
        for choices in (self.services, self.colleagues):
            # Long lines wrap: no sideways scrolling to read a choice.
            choices.setWordWrap(True)
            choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for a service's line with who staffs it (« Union
        # départementale des associations familiales (UDAF) — 2 collègues
        # connectés ») and for the note's hint, within a small screen.
        room = self.screen().availableGeometry().width() - 40
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 80, room))
        self.empty = _sentence(
            self.tr(
                "No other service is known to the switchboard yet, so the call cannot "
                "be transferred. Your supervisor can add services to the network."
            ),
            shown=False,
        )
        self.unknown = _sentence(
            self.tr(
                "The switchboard did not say who is signed in right now: the call can "
                "still go to a service's queue."
            ),
            shown=False,
        )
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        set_hint(self.note, self.tr("What the next agent should know (no personal data)"))
        self.note.setAccessibleName(self.tr("Note for the next agent"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Transfer"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.services.currentRowChanged.connect(self._service_changed)
        self.colleagues.currentRowChanged.connect(lambda _row: self._update_ok())
        # Enter or a double click on a line chooses it (when the choice is complete).
        self.services.itemActivated.connect(lambda _item: self.accept())
        self.colleagues.itemActivated.connect(lambda _item: self.accept())
        label = QLabel(self.tr("&Service:"))
        label.setBuddy(self.services)
        who = QLabel(self.tr("&Who gets the call:"))
        who.setBuddy(self.colleagues)
        note_label = QLabel(self.tr("&Note for the next agent (shown when the call rings):"))
        note_label.setBuddy(self.note)
        layout = QVBoxLayout(self)
        for widget in (
            self.explanation,
            self.loading,
            label,
            self.services,
            self.empty,
            self.unknown,
            self.staff,
            who,
            self.colleagues,
            note_label,
            self.note,
            self.buttons,
        ):
            layout.addWidget(widget)

    # ----------------------------------------------------------------- filling

    def show_targets(self, targets: list[TransferTarget], staffing_known: bool) -> None:
        self._targets = targets
        self.loading.setVisible(False)
        self.unknown.setVisible(not staffing_known)
        self.empty.setVisible(not targets)
        self.services.clear()
        for target in targets:
            item = QListWidgetItem(self.service_line(target))
            item.setData(Qt.ItemDataRole.UserRole, target.code)
            self.services.addItem(item)
        if targets:
            # The first service another agent staffs, else the first one.
            first = next(
                (i for i, t in enumerate(targets) if t.staffed and not t.own),
                next((i for i, t in enumerate(targets) if not t.own), 0),
            )
            self.services.setCurrentRow(first)
        self._update_ok()
        # Opened while looking: now as tall as the sentences shown need.
        fit_wrapped_text(self)
        self.filled.emit()

    def _service_changed(self, row: int) -> None:
        self.colleagues.clear()
        target = self._targets[row] if 0 <= row < len(self._targets) else None
        if target is None:
            self.staff.setText("")
            self._update_ok()
            return
        self.staff.setText(staffing_text(target))
        if not target.own:
            anyone = QListWidgetItem(
                self.tr("Anyone of the service: the queue, at the resident's place")
            )
            anyone.setData(Qt.ItemDataRole.UserRole, None)
            self.colleagues.addItem(anyone)
        for colleague in target.colleagues:
            item = QListWidgetItem(
                f"{colleague.name} — {texts.state_word(DeskState.of_agent(colleague.state))}"
            )
            item.setData(Qt.ItemDataRole.UserRole, colleague.handle)
            self.colleagues.addItem(item)
        if self.colleagues.count():
            self.colleagues.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self) -> None:
        target = self.chosen_target()
        self.ok.setEnabled(
            target is not None and (not target.own or self.chosen_colleague() is not None)
        )

    def service_line(self, target: TransferTarget) -> str:
        line = target.name if target.code in target.name else f"{target.name} ({target.code})"
        if target.own:
            line += " — " + self.tr("your service")
        if target.staffing_known:
            count = len(target.colleagues)
            if count:
                line += " — " + self.tr("%n colleague(s) signed in", "", count)
            else:
                line += " — " + self.tr("nobody signed in")
        elif target.status is not None:
            line += " — " + day_texts.service_status_text(target.status)
        return line

    # ----------------------------------------------------------------- choice

    def chosen_target(self) -> TransferTarget | None:
        row = self.services.currentRow()
        return self._targets[row] if 0 <= row < len(self._targets) else None

    def chosen(self) -> str | None:
        target = self.chosen_target()
        return target.code if target is not None else None

    def chosen_colleague(self) -> str | None:
        """The colleague's handle, or None for the service's queue."""
        item = self.colleagues.currentItem()
        handle = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return str(handle) if handle else None

    def chosen_note(self) -> str:
        return self.note.text().strip()

    def accept(self) -> None:
        if self.ok.isEnabled():
            super().accept()


def _sentence(text: str, shown: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setVisible(shown)
    return label


def staffing_text(target: TransferTarget) -> str:
    """Who is there for the resident, or plainly that nobody is and until when."""
    if not target.staffing_known:
        return ""
    if target.staffed:
        names = ", ".join(
            f"{c.name} ({texts.state_word(DeskState.of_agent(c.state))})" for c in target.colleagues
        )
        return QCoreApplication.translate("TransferDialog", "Signed in now: %1").replace(
            "%1", names
        )
    if target.own:
        return QCoreApplication.translate(
            "TransferDialog", "Nobody else staffs your service now: the call stays with you."
        )
    text = QCoreApplication.translate(
        "TransferDialog",
        "Nobody staffs this service now: the resident will wait in its queue until "
        "someone signs in.",
    )
    status = target.status
    if status is not None and status.state in (ServiceState.CLOSED, ServiceState.LAST_CALLS):
        if status.next_opening is not None:
            when = paris_time(status.next_opening)
            text += " " + (
                QCoreApplication.translate("TransferDialog", "Its next permanence opens %1 at %2.")
                .replace("%1", day_texts.date_text(when.date()))
                .replace("%2", clock_text(status.next_opening))
            )
        else:
            text += " " + QCoreApplication.translate(
                "TransferDialog", "No permanence of this service is planned."
            )
    return text


def result_text(result: TransferResult) -> str:
    """What the agent is told of their transfer to a named colleague."""
    match result.outcome:
        case TransferOutcome.ACCEPTED:
            return QCoreApplication.translate(
                "TransferDialog", "%1 took the call you transferred."
            ).replace("%1", result.answered_by or result.colleague)
        case TransferOutcome.DECLINED:
            text = QCoreApplication.translate(
                "TransferDialog",
                "%1 declined the call: it is back in the queue, at the resident's place.",
            )
        case TransferOutcome.MISSED:
            text = QCoreApplication.translate(
                "TransferDialog",
                "%1 did not answer the call: it is back in the queue, at the resident's place.",
            )
        case TransferOutcome.UNAVAILABLE:
            text = QCoreApplication.translate(
                "TransferDialog",
                "%1 was not available: the call waits in the queue, at the resident's place.",
            )
        case TransferOutcome.ABANDONED:
            text = QCoreApplication.translate(
                "TransferDialog", "The resident left before %1 could answer."
            )
    return text.replace("%1", result.colleague)
