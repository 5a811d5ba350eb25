"""Small helpers shared by the panels."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QPalette, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

Confirm = Callable[[QWidget, str, str], bool]
"""Ask a yes/no question (parent, title, text); injected so tests can answer."""


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes or no, modal.  Not QMessageBox.question: its box lives on the C++
    stack, and the window closing under it (the session ending while it is
    open: the app's cleanup runs in the box's event loop) deletes it a second
    time, a crash at exit.  A box of our own is merely deleted; No, then."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box.exec() == QMessageBox.StandardButton.Yes


def fit_wrapped_text(window: QWidget) -> None:
    """Qt sets no minimum height for text that wraps, so a window holding
    some may open too short and squeeze it under its neighbours: made as tall
    as its layout needs at its width, within the screen (beyond, lists and
    pictures give up room, not the text)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width())
    room = window.screen().availableGeometry().height() - 40
    if window.height() < needed:
        window.resize(window.width(), min(needed, max(room, window.height())))


def sized_by_current_page(tabs: QTabWidget) -> None:
    """``tabs`` as small as the page it shows, not as its largest page: the
    figures' height must not make the calendar scroll on a small screen."""

    def follow(current: int) -> None:
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is None:
                continue
            shown = index == current
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
            page.updateGeometry()

    tabs.currentChanged.connect(follow)
    follow(tabs.currentIndex())


def set_hint(edit: QLineEdit, hint: str) -> None:
    """An empty field's hint, shown whole: the field at least as wide as it
    (the hints say what not to type, e.g. no personal data)."""
    edit.setPlaceholderText(hint)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(hint) + 16)


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


class Heading(QLabel):
    """Bold and a little larger than the text around it, whatever the text
    size the agent chose (set again when the application's font changes)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self._follow()

    def _follow(self) -> None:
        font = QApplication.font()
        font.setBold(True)
        # Relative size: follows the system's scaling and the agent's font setting.
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._follow()
        super().changeEvent(event)


def heading(text: str = "") -> QLabel:
    return Heading(text)


def set_text_size(percent: int, base_point_size: float) -> None:
    """The whole app's text at ``percent`` of the system's size."""
    font = QApplication.font()
    font.setPointSizeF(base_point_size * percent / 100)
    QApplication.setFont(font)


class Retranslating:
    """Mixed in before a widget's Qt base: its visible texts are set again
    when the language changes (Qt sends LanguageChange to every widget)."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        # A new text size changes the widths measured from the font too.
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
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


class WrappingHeader(QHeaderView):
    """Column titles on two lines when they have several words: a table of
    figures as wide as its numbers, not as its titles."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
        )

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        text = str(self.model().headerData(logicalIndex, self.orientation()) or "")
        words = text.split()
        if len(words) < 2:
            return size
        metrics = self.fontMetrics()
        # The split into two lines whose longer line is the shortest.
        lines = min(
            max(
                metrics.horizontalAdvance(" ".join(words[:cut])),
                metrics.horizontalAdvance(" ".join(words[cut:])),
            )
            for cut in range(1, len(words))
        )
        width = size.width() - metrics.horizontalAdvance(text) + lines + 2
        height = size.height() + metrics.lineSpacing()
        return QSize(width, height)


def share_width(table: QTableView, *columns: int) -> None:
    """``columns`` share the width the others leave, their text wrapped."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class EmptyNote(QLabel):
    """A grey line across a table with no row (« Aucun rendez-vous
    aujourd'hui »): an empty grid says nothing; it might still be loading.
    A child of the table's viewport: gone with the table."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table.viewport())
        self._table = table
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = table.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update)
        table.viewport().installEventFilter(self)
        self._update()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self._update()

    @property
    def shown(self) -> bool:
        """What the agent sees: the line, over the empty table."""
        return not self.isHidden()

    def _update(self) -> None:
        if not shiboken6.isValid(self._table):
            return  # the table is being destroyed, and this line with it
        self.setVisible(bool(self.text()) and self._table.model().rowCount() == 0)
        self._place()

    def _place(self) -> None:
        self.setGeometry(self._table.viewport().rect().adjusted(8, 8, -8, -8))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False


class StatusLine(QLabel):
    """A wrapped status line whose room is kept, said or not: a message that
    comes, goes or takes another line moves nothing around it (the call's
    video jumped).  Taller only for a text longer than the lines kept."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def clear(self) -> None:
        super().clear()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        height = self._lines * metrics.lineSpacing()
        # Measured at its laid-out width only (before, any width is a guess),
        # as QLabel lays it out; not by heightForWidth, which never goes
        # below the height fixed here.
        if self.text() and self.isVisible():
            width = self.width() - margins.left() - margins.right()
            area = QRect(0, 0, max(1, width), 100_000)
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            height = max(height, metrics.boundingRect(area, flags, self.text()).height())
        height += margins.top() + margins.bottom()
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)
