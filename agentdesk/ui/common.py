"""Small helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

Confirm = Callable[[QWidget, str, str], bool]
"""Ask a yes/no question (parent, title, text); injected so tests can answer."""


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def shortcut(button: QAbstractButton, keys: str | QKeySequence.StandardKey) -> QShortcut:
    """A window-wide shortcut that clicks ``button`` when the agent could click it.

    The button keeps its own Alt mnemonic from its text; this adds the
    documented Ctrl combination and puts it in the tooltip."""
    # Parented to the button: Qt only fires it while the button is visible and
    # enabled, so a hidden panel's shortcuts never collide with a shown one's.
    sc = QShortcut(QKeySequence(keys), button, context=Qt.ShortcutContext.WindowShortcut)

    def click() -> None:
        if button.isVisible() and button.isEnabled():
            button.click()

    sc.activated.connect(click)
    return sc


def with_shortcut(tooltip: str, sc: QShortcut) -> str:
    keys = sc.key().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tooltip} ({keys})" if tooltip else keys


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    # Relative size: follows the system's scaling and the agent's font setting.
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class Retranslating:
    """Mixed in before a widget's Qt base: its visible texts are set again
    when the language changes (Qt sends LanguageChange to every widget)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def list_table(columns: int) -> QTableWidget:
    """A read-only table of rows, one selected at a time."""
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
