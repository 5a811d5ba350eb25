"""Shows one document: an image or the pages of a PDF, with zoom, fit, rotate
and page navigation.  Everything is rendered from bytes in memory."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DocumentKind, DocumentRecord

from .common import Retranslating, shortcut, with_shortcut

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0
FIT_FLOOR = 0.01
"""Fitting goes below ``MIN_ZOOM`` (a page in a small area), not to nothing."""
SCREEN_DPI = 96.0


class _Pdf:
    """A PDF loaded from bytes; the buffer must live as long as the document."""

    def __init__(self, data: bytes) -> None:
        self.buffer = QBuffer()
        self.buffer.setData(data)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)

    @property
    def ok(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready and self.page_count > 0

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def page_size(self, page: int) -> QSizeF:
        points = self.document.pagePointSize(page)
        return QSizeF(points.width() * SCREEN_DPI / 72, points.height() * SCREEN_DPI / 72)

    def render(self, page: int, size: QSize) -> QImage:
        return self.document.render(page, size)

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def thumbnail(record: DocumentRecord, size: int) -> QImage | None:
    """A small picture of a received document (its first page for a PDF)."""
    if record.data is None:
        return None
    if record.kind is DocumentKind.IMAGE:
        image = QImage.fromData(record.data)
        if image.isNull():
            return None
        return image.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    if record.kind is DocumentKind.PDF:
        pdf = _Pdf(record.data)
        try:
            if not pdf.ok:
                return None
            page = pdf.page_size(0)
            scale = size / max(page.width(), page.height())
            return pdf.render(0, QSize(int(page.width() * scale), int(page.height() * scale)))
        finally:
            pdf.close()
    return None


class DocumentViewer(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._pdf: _Pdf | None = None
        self._page = 0
        self._zoom: float | None = None  # None: fit to the visible area
        self._rotation = 0
        self.rendered: QImage | None = None
        """What is on screen now (tests and screenshots look at it)."""

        self.zoom_out_button = QPushButton()
        self.zoom_in_button = QPushButton()
        self.fit_button = QPushButton()
        self.rotate_button = QPushButton()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.page_label = QLabel()
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.picture)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setWidgetResizable(False)
        # Three lines of text high at least (Qt's least is five): with the
        # strip, the kiosk's lines, the buttons and the status kept, the
        # call's page fits a laptop at 150 % under its title bar and a panel.
        self.scroll_area.setMinimumHeight(3 * self.fontMetrics().lineSpacing())

        tools = QHBoxLayout()
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.previous_button,
            self.next_button,
        ):
            # As narrow as their symbol, however large the font.
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("MM") + 12)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.rotate_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        # The pages only for a document of several.  With them, the tools'
        # row and the call's controls made the call's page wider than a
        # laptop at 150 % (1,432 px on 1,366): every button of the row is
        # as narrow as its text (see ``retranslate``).
        tools.addWidget(self.previous_button)
        tools.addWidget(self.page_label)
        tools.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.scroll_area, 1)

        self._keys = {
            self.zoom_in_button: shortcut(self.zoom_in_button, "Ctrl++"),
            self.zoom_out_button: shortcut(self.zoom_out_button, "Ctrl+-"),
            self.fit_button: shortcut(self.fit_button, "Ctrl+0"),
            self.rotate_button: shortcut(self.rotate_button, "Ctrl+R"),
            self.previous_button: shortcut(self.previous_button, "Ctrl+PgUp"),
            self.next_button: shortcut(self.next_button, "Ctrl+PgDown"),
        }
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit)
        self.rotate_button.clicked.connect(self.rotate)
        self.previous_button.clicked.connect(lambda: self.go_to_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self._page + 1))
        self.retranslate()

    def retranslate(self) -> None:
        # Symbols keep the toolbar narrow; the words are in tooltips and
        # accessible names (screen readers), translated like the rest.
        self.zoom_out_button.setText("−")
        self.zoom_in_button.setText("+")
        self.fit_button.setText(self.tr("&Fit"))
        self.rotate_button.setText(self.tr("&Rotate"))
        for button in (self.fit_button, self.rotate_button):
            # The style's least width for a button with words (80 px) is
            # more than these short words need.
            text = button.text().replace("&", "")
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance(text) + 24)
        self.previous_button.setText("◀")
        self.next_button.setText("▶")
        tips = {
            self.zoom_in_button: self.tr("Enlarge"),
            self.zoom_out_button: self.tr("Reduce"),
            self.fit_button: self.tr("Show the whole page"),
            self.rotate_button: self.tr("Turn a quarter to the right"),
            self.previous_button: self.tr("Previous page"),
            self.next_button: self.tr("Next page"),
        }
        for button, tip in tips.items():
            button.setToolTip(with_shortcut(tip, self._keys[button]))
            button.setAccessibleName(tip)
        self.scroll_area.setAccessibleName(self.tr("Document"))
        self._render()

    # ------------------------------------------------------------- content

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        if self._pdf is not None:
            return self._pdf.page_count
        return 1 if self._image is not None else 0

    def show_document(self, record: DocumentRecord | None) -> bool:
        """False when it cannot be shown (not received yet, or unreadable)."""
        self._unload()
        if record is not None and record.data is not None:
            if record.kind is DocumentKind.IMAGE:
                image = QImage.fromData(record.data)
                self._image = None if image.isNull() else image
            elif record.kind is DocumentKind.PDF:
                pdf = _Pdf(record.data)
                if pdf.ok:
                    self._pdf = pdf
                else:
                    pdf.close()
        self._page, self._zoom, self._rotation = 0, None, 0
        self._render()
        return self._image is not None or self._pdf is not None

    def clear(self) -> None:
        self.show_document(None)

    def _unload(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        self._pdf = None
        self._image = None

    # ------------------------------------------------------------- controls

    def zoom_by(self, factor: float) -> None:
        current = self._zoom if self._zoom is not None else self._fit_scale()
        # Below the least zoom only where fitting a small area took it.
        self._zoom = min(MAX_ZOOM, max(min(MIN_ZOOM, current), current * factor))
        self._render()

    def fit(self) -> None:
        self._zoom = None
        self._render()

    def rotate(self) -> None:
        self._rotation = (self._rotation + 90) % 360
        self._render()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self._page = page
            self._render()

    # ------------------------------------------------------------- drawing

    def _natural_size(self) -> QSizeF | None:
        if self._pdf is not None:
            return self._pdf.page_size(self._page)
        if self._image is not None:
            return QSizeF(self._image.size())
        return None

    def _fit_scale(self) -> float:
        natural = self._natural_size()
        if natural is None or natural.isEmpty():
            return 1.0
        w, h = natural.width(), natural.height()
        if self._rotation in (90, 270):
            w, h = h, w
        view = self.scroll_area.viewport().size()
        scale = min((view.width() - 4) / w, (view.height() - 4) / h)
        # The whole page, however small the area (at 150 % beside a call it
        # may be 100 px tall): a least zoom here left it under a scroll bar.
        return max(FIT_FLOOR, float(scale))

    def _render(self) -> None:
        natural = self._natural_size()
        has = natural is not None
        for button in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.rotate_button,
        ):
            button.setEnabled(has)
        self.previous_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page + 1 < self.page_count)
        self.page_label.setText(
            self.tr("Page %1 of %2")
            .replace("%1", str(self._page + 1))
            .replace("%2", str(self.page_count))
            if self.page_count
            else ""
        )
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setVisible(self.page_count > 1)
        if natural is None:
            self.rendered = None
            self.picture.clear()
            self.picture.setText(self.tr("Choose a document in the strip above."))
            self.picture.adjustSize()
            return
        scale = self._zoom if self._zoom is not None else self._fit_scale()
        size = QSize(max(1, int(natural.width() * scale)), max(1, int(natural.height() * scale)))
        if self._pdf is not None:
            image = self._pdf.render(self._page, size)
        else:
            assert self._image is not None
            image = self._image.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        if self._rotation:
            image = image.transformed(QTransform().rotate(self._rotation))
        self.rendered = image
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.picture.resize(image.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom is None and self._natural_size() is not None:
            self._render()
