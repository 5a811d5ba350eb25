"""The kiosk's look: very large text and targets, high contrast.

Residents are often elderly and may see poorly: black on white, text at least
28 px, buttons at least 110 px high (well above the 9 mm touch minimum),
colours never the only carrier of meaning (every state is also written).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

BLUE = "#0b3d91"
GREEN = "#0a6b2d"
RED = "#b3261e"
GREY = "#4a4a4a"

STYLE = f"""
QWidget#kioskRoot {{ background: #ffffff; }}
QWidget {{ color: #000000; font-size: 30px; }}
QLabel#title {{ font-size: 48px; font-weight: bold; }}
QLabel#big {{ font-size: 40px; font-weight: bold; }}
QLabel#notice {{ background: #fff4c2; border: 3px solid #000000; padding: 16px; }}
QLabel#problem {{ background: #ffe1dd; border: 3px solid {RED}; padding: 16px; }}
QPushButton {{
    min-height: 96px; padding: 10px 28px; border-radius: 14px;
    background: {BLUE}; color: #ffffff; font-size: 34px; font-weight: bold;
    border: 3px solid #000000;
}}
QPushButton:pressed {{ background: #06275e; }}
QPushButton:disabled {{ background: #d0d0d0; color: {GREY}; }}
QPushButton[kind="danger"] {{ background: {RED}; }}
QPushButton[kind="quiet"] {{ background: #ffffff; color: #000000; }}
QPushButton[kind="digit"] {{
    background: #ffffff; color: #000000; min-height: 80px; font-size: 40px;
}}
QPushButton[kind="language"] {{ background: #ffffff; color: #000000; min-height: 70px; }}
QPushButton[kind="closed"] {{ background: #e6e6e6; color: #000000; text-align: left; }}
QPushButton[kind="open"] {{ background: {GREEN}; text-align: left; }}
"""


def title(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("title")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def text_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if name:
        label.setObjectName(name)
    return label


def button(kind: str = "") -> QPushButton:
    widget = QPushButton()
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
    if kind:
        set_kind(widget, kind)
    return widget


def set_kind(widget: QPushButton, kind: str) -> None:
    if widget.property("kind") != kind:
        widget.setProperty("kind", kind)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class FaceButton(QPushButton):
    """A face drawn, not a glyph (kiosk fonts lack emoji): ``mood`` 1 smiles,
    0 is straight, -1 frowns.  Its text says the same in words."""

    def __init__(self, mood: int, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mood = mood
        self._colour = QColor(colour)
        self.setMinimumSize(QSize(240, 300))
        self.setStyleSheet(
            "QPushButton { background: #ffffff; color: #000000; border: 4px solid #000000;"
            " padding-top: 200px; }"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = min(self.width() - 40, 170.0)
        face = QRectF((self.width() - size) / 2, 20, size, size)
        painter.setBrush(self._colour)
        painter.setPen(QPen(QColor("#000000"), 5))
        painter.drawEllipse(face)
        eye = size * 0.08
        for dx in (-0.18, 0.18):
            centre = QPointF(face.center().x() + dx * size, face.top() + size * 0.38)
            painter.setBrush(QColor("#000000"))
            painter.drawEllipse(centre, eye, eye)
        mouth = QPainterPath()
        left = QPointF(face.left() + size * 0.28, face.top() + size * 0.68)
        right = QPointF(face.right() - size * 0.28, face.top() + size * 0.68)
        bend = QPointF(face.center().x(), left.y() + self.mood * size * 0.18)
        mouth.moveTo(left)
        mouth.quadTo(bend, right)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#000000"), max(4.0, math.floor(size / 25))))
        painter.drawPath(mouth)
        painter.end()
