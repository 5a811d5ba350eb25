"""Choose another service to send the resident to (they keep their place)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)


class TransferDialog(QDialog):
    def __init__(self, services: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer the call"))
        self.explanation = QLabel(
            self.tr(
                "Choose the service to transfer the resident to. They keep their "
                "place in the queue by arrival time."
            )
        )
        self.explanation.setWordWrap(True)
        self.services = QListWidget()
        self.services.addItems(services)
        if services:
            self.services.setCurrentRow(0)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(label)
        layout.addWidget(self.services)
        layout.addWidget(self.buttons)

    def chosen(self) -> str | None:
        item = self.services.currentItem()
        return item.text() if item is not None else None
