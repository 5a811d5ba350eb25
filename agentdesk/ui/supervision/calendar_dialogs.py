"""The forms of the calendar editor: a permanence, a closure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from agentdesk.protocol.schedule import ClosureDraft, PermanenceDraft

from ..common import Retranslating, set_hint
from ..day_texts import weekday_name


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _iso(edit: QDateEdit) -> str:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day()).isoformat()


class _Form(Retranslating, QDialog):
    """A form whose result is read by the caller; refusals are shown in it."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._labels: list[QLabel] = []

    def _row(self, field: QWidget) -> None:
        label = QLabel()
        label.setBuddy(field)
        self._labels.append(label)
        self.form.addRow(label, field)

    def _label_texts(self, texts: Sequence[str]) -> None:
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)


class PermanenceDialog(_Form):
    def __init__(
        self,
        services: Sequence[str],
        day: dt.date,
        draft: PermanenceDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editing = draft is not None
        self.service = QComboBox()
        self.service.addItems(list(services))
        self.kiosks = QLineEdit()
        self.weekly = QRadioButton()
        self.once = QRadioButton()
        kinds = QButtonGroup(self)
        kinds.addButton(self.weekly)
        kinds.addButton(self.once)
        kind_row = QWidget()
        kind_layout = QHBoxLayout(kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.addWidget(self.weekly)
        kind_layout.addWidget(self.once)
        self.weekday = QComboBox()
        for index in range(7):
            self.weekday.addItem("", index)
        self.date = QDateEdit(_qdate(day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.start = QTimeEdit(QTime(9, 0))
        self.end = QTimeEdit(QTime(12, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.agents = QLineEdit()
        self.note = QLineEdit()
        for field in (
            self.service,
            self.kiosks,
            kind_row,
            self.weekday,
            self.date,
            self.start,
            self.end,
            self.agents,
            self.note,
        ):
            self._row(field)
        self.weekly.toggled.connect(self._kind_changed)
        self.weekly.setChecked(True)
        self.weekday.setCurrentIndex(day.weekday())
        if draft is not None:
            self._load(draft)
        self.retranslate()

    def _load(self, draft: PermanenceDraft) -> None:
        self.service.setCurrentText(draft.service)
        self.kiosks.setText(", ".join(draft.kiosk_ids))
        if draft.weekday is not None:
            self.weekly.setChecked(True)
            self.weekday.setCurrentIndex(draft.weekday)
        else:
            self.once.setChecked(True)
            if draft.date:
                self.date.setDate(_qdate(dt.date.fromisoformat(draft.date)))
        self.start.setTime(QTime.fromString(draft.start, "HH:mm"))
        self.end.setTime(QTime.fromString(draft.end, "HH:mm"))
        self.agents.setText(", ".join(draft.agent_logins))
        self.note.setText(draft.note or "")
        self._valid = (draft.valid_from, draft.valid_until)

    def _kind_changed(self, weekly: bool) -> None:
        self.weekday.setEnabled(weekly)
        self.date.setEnabled(not weekly)

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Change the permanence") if self.editing else self.tr("New permanence")
        )
        self._label_texts(
            (
                self.tr("&Service:"),
                self.tr("&Kiosks:"),
                self.tr("Repeats:"),
                self.tr("&Weekday:"),
                self.tr("&Date:"),
                self.tr("&From:"),
                self.tr("&To:"),
                self.tr("A&gents:"),
                self.tr("&Note:"),
            )
        )
        self.weekly.setText(self.tr("Every w&eek"))
        self.once.setText(self.tr("&Once"))
        for index in range(7):
            self.weekday.setItemText(index, weekday_name(index))
        set_hint(self.kiosks, self.tr("Kiosk ids, separated by commas (empty: every kiosk)"))
        set_hint(self.agents, self.tr("Logins (empty: any agent of the service)"))

    def draft(self) -> PermanenceDraft:
        valid_from, valid_until = getattr(self, "_valid", (None, None))
        weekly = self.weekly.isChecked()
        return PermanenceDraft(
            service=self.service.currentText(),
            kiosk_ids=_ids(self.kiosks.text()),
            weekday=int(self.weekday.currentData()) if weekly else None,
            date=None if weekly else _iso(self.date),
            start=self.start.time().toString("HH:mm"),
            end=self.end.time().toString("HH:mm"),
            valid_from=valid_from if weekly else None,
            valid_until=valid_until if weekly else None,
            agent_logins=_ids(self.agents.text()),
            note=self.note.text().strip() or None,
        )


class ClosureDialog(_Form):
    def __init__(
        self, services: Sequence[str], day: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = QComboBox()
        self.service.addItem("", None)
        for service in services:
            self.service.addItem(service, service)
        self.date_from = QDateEdit(_qdate(day))
        self.date_to = QDateEdit(_qdate(day))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.label = QLineEdit()
        self.label.setMaxLength(200)
        for field in (self.service, self.date_from, self.date_to, self.label):
            self._row(field)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New closure"))
        self._label_texts(
            (self.tr("&Service:"), self.tr("&From:"), self.tr("&To:"), self.tr("&Reason:"))
        )
        self.service.setItemText(0, self.tr("The whole agency"))
        set_hint(self.label, self.tr("e.g. Staff training"))

    def draft(self) -> ClosureDraft:
        service = self.service.currentData()
        return ClosureDraft(
            service=service if isinstance(service, str) else None,
            date_from=_iso(self.date_from),
            date_to=_iso(self.date_to),
            label=self.label.text().strip(),
        )
