"""What a person checks on a small screen: every visible button whole and
inside the window.  Shared by tests/ui and tools/screenshots.py."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QWidget


def cut_off_controls(top: QWidget) -> list[str]:
    """Visible buttons outside ``top`` or whose text does not fit them."""
    inside = QRect(0, 0, top.width(), top.height())
    found = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        where = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        name = button.text().replace("&", "")
        if not inside.contains(where):
            found.append(f"{name}: outside the window")
        elif button.fontMetrics().horizontalAdvance(name) + 6 > button.width():
            found.append(f"{name}: text cut")
    return found
