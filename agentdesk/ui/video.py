"""A widget that paints the newest video frame it was handed.

``show_frame`` may be called from any thread, as often as frames come: only
the latest frame is kept (a one-slot mailbox) and at most one repaint request
is pending, so a slow screen never makes frames pile up.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from agentdesk.desk import BYTES_PER_PIXEL, RgbFrame


class VideoWidget(QWidget):
    _frame_ready = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._latest: RgbFrame | None = None
        self._pending = False
        self._display: tuple[int, int] | None = None
        self._placeholder = placeholder
        self.frames_received = 0
        self.frames_painted = 0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._frame_ready.connect(self.update, Qt.ConnectionType.QueuedConnection)

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 60)

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    def display_size(self) -> tuple[int, int] | None:
        """Thread-safe (one reference read): kept up to date by the GUI thread."""
        return self._display

    def _note_display(self) -> None:
        ratio = self.devicePixelRatioF()
        shown = self.isVisible()
        self._display = (
            (round(self.width() * ratio), round(self.height() * ratio)) if shown else None
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._note_display()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._note_display()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._display = None
        super().hideEvent(event)

    def show_frame(self, frame: RgbFrame) -> None:
        """Thread-safe; drops whatever frame had not been painted yet."""
        if frame.width <= 0 or frame.height <= 0:
            return
        needed = frame.bytes_per_line * (frame.height - 1) + frame.width * BYTES_PER_PIXEL
        if len(frame.data) < needed:
            return  # a short buffer would make QImage read past its end
        with self._lock:
            self._latest = frame
            self.frames_received += 1
            notify = not self._pending
            self._pending = True
        if notify:
            self._frame_ready.emit()

    def clear(self) -> None:
        with self._lock:
            self._latest = None
        self.update()

    def has_frame(self) -> bool:
        with self._lock:
            return self._latest is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        with self._lock:
            frame = self._latest
            self._pending = False
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(24, 24, 24))
            if frame is None:
                if self._placeholder:
                    painter.setPen(QColor(220, 220, 220))
                    painter.drawText(
                        self.rect().adjusted(8, 8, -8, -8),
                        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                        self._placeholder,
                    )
                return
            image = QImage(
                frame.data,
                frame.width,
                frame.height,
                frame.bytes_per_line,
                QImage.Format.Format_RGB32,
            )
            ratio = self.devicePixelRatioF()
            target = _fit(frame.width, frame.height, self.rect())
            if abs(frame.width - target.width() * ratio) <= 2 and (
                abs(frame.height - target.height() * ratio) <= 2
            ):
                # Already at the size shown (the converter scaled it): a plain copy.
                image.setDevicePixelRatio(ratio)
                painter.drawImage(target.topLeft(), image)
            else:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(target, image)
            self.frames_painted += 1
        finally:
            painter.end()


def _fit(width: int, height: int, area: QRect) -> QRect:
    """The largest rectangle of the frame's proportions centred in ``area``."""
    scale = min(area.width() / width, area.height() / height)
    w, h = max(1, int(width * scale)), max(1, int(height * scale))
    return QRect(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)


class FrameFanout:
    """One frame sink feeding several widgets (the idle preview and the call's
    small self-view show the same camera)."""

    def __init__(self, *widgets: VideoWidget) -> None:
        self._widgets = widgets

    def show_frame(self, frame: RgbFrame) -> None:
        for widget in self._widgets:
            if widget.isVisible():
                widget.show_frame(frame)

    def display_size(self) -> tuple[int, int] | None:
        """The largest of the widgets shown: a smaller one scales down when painting."""
        sizes = [s for w in self._widgets if (s := w.display_size()) is not None]
        return max(sizes, key=lambda s: s[0] * s[1]) if sizes else None
