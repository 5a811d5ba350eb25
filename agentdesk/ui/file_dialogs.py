"""The app's file dialogs: a document to print at the kiosk, the folder for a
call's documents, where to save the figures.  On a desktop without a native
dialog Qt shows its own, whose side panel (« Ordinateur », the home folder…)
it makes about 70 px wide: on a laptop at 150 % it read « Or… »."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QListView, QSplitter, QStyle, QWidget


class FileDialog(QFileDialog):
    """QFileDialog whose side panel, where Qt's own dialog shows one, is wide
    enough for its entries."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        widen_side_panel(self)


def widen_side_panel(dialog: QFileDialog) -> None:
    sidebar = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    model = sidebar.model() if sidebar is not None else None
    if sidebar is None or splitter is None or model is None:
        return  # the desktop's own dialog: its panel is its business
    style = sidebar.style()
    icon = sidebar.iconSize().width()
    if icon <= 0:
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, sidebar)
    # Around the icon and around the text, as the item views lay them out.
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, sidebar) + 1
    metrics = sidebar.fontMetrics()
    texts = [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    scrollbar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, sidebar)
    needed = widest + icon + 4 * margin + 2 * sidebar.frameWidth() + scrollbar
    sidebar.setMinimumWidth(needed)
    sizes = splitter.sizes()
    if len(sizes) == 2 and sizes[0] < needed:
        splitter.setSizes([needed, max(0, sum(sizes) - needed)])


def print_file_dialog(parent: QWidget | None) -> FileDialog:
    dialog = FileDialog(
        parent,
        QCoreApplication.translate("DocumentsPanel", "Document to print at the kiosk"),
        str(Path.home()),
        QCoreApplication.translate("DocumentsPanel", "PDF or image (*.pdf *.png *.jpg *.jpeg)"),
    )
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


def save_folder_dialog(parent: QWidget | None) -> FileDialog:
    dialog = FileDialog(
        parent,
        QCoreApplication.translate("DocumentsPanel", "Folder for the call's documents"),
        str(Path.home()),
    )
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog


def choose_print_file(parent: QWidget) -> Path | None:
    return chosen(print_file_dialog(parent))


def choose_save_folder(parent: QWidget) -> Path | None:
    return chosen(save_folder_dialog(parent))


def choose_save_path(parent: QWidget, title: str, name: str, pattern: str) -> Path | None:
    """Where to save a file suggested as ``name`` in the home folder."""
    dialog = FileDialog(parent, title, str(Path.home() / name), pattern)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return chosen(dialog)


def chosen(dialog: QFileDialog) -> Path | None:
    """The path the person chose in ``dialog`` (modal), or None."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return Path(files[0]) if files else None
    finally:
        dialog.deleteLater()
