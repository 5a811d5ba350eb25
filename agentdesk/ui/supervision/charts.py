"""Bar charts painted with QPainter: light, sharp in a PDF, and readable
without colour (each series has its own hatching, values are written)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

Formatter = Callable[[float], str]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str
    pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    stacked: bool = True
    horizontal: bool = False
    """Horizontal bars suit long category names (communes)."""
    empty_text: str = ""


def _default_format(value: float) -> str:
    return f"{value:.0f}"


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ChartData | None = None
        self.format: Formatter = _default_format
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: ChartData, formatter: Formatter = _default_format) -> None:
        self.data, self.format = data, formatter
        self.setAccessibleName(data.title)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 280)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().base())
            if self.data is not None:
                paint_chart(painter, QRectF(self.rect()), self.data, self.format, self.font())
        finally:
            painter.end()

    def image(self, width: int, height: int) -> QImage:
        """The chart alone, for a report."""
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        if self.data is not None:
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                paint_chart(
                    painter, QRectF(0, 0, width, height), self.data, self.format, self.font()
                )
            finally:
                painter.end()
        return image


def paint_chart(
    painter: QPainter, rect: QRectF, data: ChartData, fmt: Formatter, font: QFont
) -> None:
    painter.save()
    painter.setFont(font)
    metrics = painter.fontMetrics()
    line = metrics.height()
    text_pen = QPen(QColor("#202020"))
    grid_pen = QPen(QColor("#d0d0d0"))
    painter.setPen(text_pen)
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(
        QRectF(rect.left() + 8, rect.top() + 4, rect.width() - 16, line + 4),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        data.title,
    )
    painter.setFont(font)
    # Legend, right-aligned on the title line.
    x = rect.right() - 8
    for series in reversed(data.series if len(data.series) > 1 else []):
        width = metrics.horizontalAdvance(series.name)
        x -= width
        painter.drawText(QPointF(x, rect.top() + 4 + metrics.ascent() + 2), series.name)
        x -= line + 4
        swatch = QRectF(x, rect.top() + 6, line - 2, line - 2)
        painter.fillRect(swatch, QBrush(QColor(series.colour), series.pattern))
        painter.drawRect(swatch)
        x -= 12
    area = QRectF(rect.left() + 8, rect.top() + line + 14, rect.width() - 16, 0)
    area.setBottom(rect.bottom() - 6)
    count = len(data.categories)
    totals = [
        sum(s.values[i] for s in data.series) if data.stacked else
        max((s.values[i] for s in data.series), default=0.0)
        for i in range(count)
    ]  # fmt: skip
    top = max(totals, default=0.0)
    if count == 0 or top <= 0:
        painter.setPen(QPen(QColor("#6b6b6b")))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, data.empty_text)
        painter.restore()
        return
    if data.horizontal:
        _horizontal(painter, area, data, totals, top, fmt, grid_pen)
    else:
        _vertical(painter, area, data, totals, top, fmt, grid_pen)
    painter.restore()


def _fill(painter: QPainter, bar: QRectF, series: Series) -> None:
    painter.fillRect(bar, QColor(series.colour))
    if series.pattern is not Qt.BrushStyle.SolidPattern:
        painter.fillRect(bar, QBrush(QColor("white"), series.pattern))
    painter.setPen(QPen(QColor(series.colour).darker(130)))
    painter.drawRect(bar)


def _vertical(
    painter: QPainter,
    area: QRectF,
    data: ChartData,
    totals: list[float],
    top: float,
    fmt: Formatter,
    grid: QPen,
) -> None:
    metrics = painter.fontMetrics()
    label_h = metrics.height() + 4
    plot = QRectF(area.left(), area.top() + metrics.height(), area.width(), 0)
    plot.setBottom(area.bottom() - label_h)
    painter.setPen(grid)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    count = len(data.categories)
    slot = plot.width() / count
    bar_w = max(2.0, slot * 0.7)
    for i, category in enumerate(data.categories):
        x = plot.left() + i * slot + (slot - bar_w) / 2
        base = plot.bottom()
        for s_index, series in enumerate(data.series):
            value = series.values[i]
            if value <= 0:
                continue
            height = plot.height() * value / top
            if data.stacked:
                bar = QRectF(x, base - height, bar_w, height)
                base -= height
            else:
                width = bar_w / len(data.series)
                bar = QRectF(x + s_index * width, plot.bottom() - height, width, height)
            _fill(painter, bar, series)
        painter.setPen(QPen(QColor("#202020")))
        if totals[i] > 0 and metrics.horizontalAdvance(fmt(totals[i])) <= slot:
            y = plot.bottom() - plot.height() * totals[i] / top
            painter.drawText(
                QRectF(x - slot, y - metrics.height(), bar_w + 2 * slot, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                fmt(totals[i]),
            )
        painter.drawText(
            QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, label_h),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            category,
        )


def _horizontal(
    painter: QPainter,
    area: QRectF,
    data: ChartData,
    totals: list[float],
    top: float,
    fmt: Formatter,
    grid: QPen,
) -> None:
    metrics = painter.fontMetrics()
    label_w = min(
        area.width() * 0.4, max(metrics.horizontalAdvance(c) for c in data.categories) + 8
    )
    value_w = max(metrics.horizontalAdvance(fmt(t)) for t in totals) + 8
    plot = QRectF(
        area.left() + label_w, area.top(), area.width() - label_w - value_w, area.height()
    )
    count = len(data.categories)
    slot = plot.height() / count
    bar_h = max(2.0, min(slot * 0.7, metrics.height() * 1.6))
    painter.setPen(grid)
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    for i, category in enumerate(data.categories):
        y = plot.top() + i * slot + (slot - bar_h) / 2
        left = plot.left()
        for series in data.series:
            value = series.values[i]
            if value <= 0:
                continue
            width = plot.width() * value / top
            bar = QRectF(left, y, width, bar_h)
            if data.stacked:
                left += width
            _fill(painter, bar, series)
        painter.setPen(QPen(QColor("#202020")))
        text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(label_w - 8))
        painter.drawText(
            QRectF(area.left(), plot.top() + i * slot, label_w - 8, slot),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        end = plot.left() + plot.width() * totals[i] / top
        painter.drawText(
            QRectF(end + 4, plot.top() + i * slot, value_w, slot),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fmt(totals[i]),
        )
