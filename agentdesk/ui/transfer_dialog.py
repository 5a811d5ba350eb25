"""Choose another service to send the resident to (they keep their place),
with a note for the agent who takes them next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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

from agentdesk.protocol import ServiceStatus

from . import day_texts

MAX_NOTE = 200
"""The protocol's short text: one or two sentences."""


class TransferDialog(QDialog):
    def __init__(
        self,
        services: list[str],
        parent: QWidget | None = None,
        *,
        name_of: Callable[[str], str] = lambda code: code,
        status_of: Callable[[str], ServiceStatus | None] = lambda _code: None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer the call"))
        self.explanation = QLabel(
            self.tr(
                "Choose the service to transfer the resident to. They keep their "
                "place in the queue by arrival time, and an appointment keeps its priority."
            )
        )
        self.explanation.setWordWrap(True)
        self.services = QListWidget()
        self.services.setAccessibleName(self.tr("Services of the network"))
        for code in services:
            item = QListWidgetItem(_service_line(name_of(code), code, status_of(code)))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.services.addItem(item)
        if services:
            self.services.setCurrentRow(0)
        self.empty = QLabel(
            self.tr(
                "No other service is known to the switchboard yet, so the call cannot "
                "be transferred. Your supervisor can add services to the network."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not services)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(self.tr("What the next agent should know (no personal data)"))
        self.note.setAccessibleName(self.tr("Note for the next agent"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Transfer"))
        ok.setEnabled(bool(services))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.services.itemActivated.connect(lambda _item: self.accept())
        label = QLabel(self.tr("&Service:"))
        label.setBuddy(self.services)
        note_label = QLabel(self.tr("&Note for the next agent (shown when the call rings):"))
        note_label.setBuddy(self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(label)
        layout.addWidget(self.services)
        layout.addWidget(self.empty)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

    def chosen(self) -> str | None:
        item = self.services.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def chosen_note(self) -> str:
        return self.note.text().strip()


def _service_line(name: str, code: str, status: ServiceStatus | None) -> str:
    line = name if code in name else f"{name} ({code})"
    if status is not None:
        line += " — " + day_texts.service_status_text(status)
    return line
