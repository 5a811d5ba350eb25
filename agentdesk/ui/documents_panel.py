"""The call's documents beside the video: a strip of thumbnails, the viewer,
and the scan / print / save actions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.assets import DocumentIcon
from agentdesk.desk import (
    Action,
    Desk,
    DeskState,
    DocumentKind,
    DocumentRecord,
    DocumentsService,
    DocumentStatus,
)

from . import texts
from .common import Retranslating, StatusLine, heading, shortcut, with_shortcut
from .document_viewer import DocumentViewer, thumbnail
from .file_dialogs import choose_print_file, choose_save_folder
from .icons import document_icon
from .runner import ActionRunner

log = logging.getLogger(__name__)

ChooseFile = Callable[[QWidget], Path | None]
ChooseFolder = Callable[[QWidget], Path | None]

PRINTABLE = {".pdf", ".png", ".jpg", ".jpeg"}
MAX_PRINT_BYTES = 20 * 1024 * 1024
THUMB = 60
"""Pixels: with two lines of label under it, the strip leaves the call's page
room on a laptop at 150 %."""


class DocumentsPanel(Retranslating, QWidget):
    def __init__(
        self,
        desk: Desk,
        service: DocumentsService,
        runner: ActionRunner,
        choose_file: ChooseFile = choose_print_file,
        choose_folder: ChooseFolder = choose_save_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._service = service
        self._runner = runner
        self._choose_file = choose_file
        self._choose_folder = choose_folder
        self._items: dict[str, QListWidgetItem] = {}
        self._scan_asked = False
        self._about_the_call = False
        """The status line speaks of the live call (a scan asked for, a scan's
        quality): over when the call ends."""
        self._verdict_shown = False
        """The status line holds the kiosk's verdict on the document shown."""

        self.title = heading()
        self.strip = QListWidget()
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setFlow(QListView.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(THUMB, THUMB))
        self.strip.setMovement(QListView.Movement.Static)
        self.strip.setWordWrap(True)
        # Sized from the font, so the labels stay whole at 125 % and 150 % scaling.
        line = self.fontMetrics().lineSpacing()
        cell = QSize(
            max(THUMB + 24, self.fontMetrics().averageCharWidth() * 20), THUMB + 2 * line + 12
        )
        self.strip.setGridSize(cell)
        scrollbar = self.strip.horizontalScrollBar().sizeHint().height()
        self.strip.setFixedHeight(cell.height() + scrollbar + 2 * self.strip.frameWidth() + 4)
        self.viewer = DocumentViewer()
        # Their lines kept, empty or not: nothing moves when the kiosk or an
        # action has something to say (on a laptop at 150 % the scanner's
        # message is three lines, the kiosk's devices two when both fail).
        self.status = StatusLine(3)
        self.peripherals = StatusLine(2)
        self.scan_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()

        buttons = QHBoxLayout()
        buttons.addWidget(self.scan_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.strip)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(self.peripherals)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self._keys = {
            self.scan_button: shortcut(self.scan_button, "Ctrl+Shift+S"),
            self.print_button: shortcut(self.print_button, "Ctrl+P"),
            self.save_button: shortcut(self.save_button, "Ctrl+S"),
        }
        self.scan_button.clicked.connect(self.request_scan)
        self.print_button.clicked.connect(self.print_at_kiosk)
        self.save_button.clicked.connect(self.save)
        self.strip.currentItemChanged.connect(lambda item, _old: self._show_item(item))

        desk.documents.changed.subscribe(self._on_document)
        desk.documents.peripherals_changed.subscribe(lambda _n: self._on_peripherals())
        desk.events.state_changed.subscribe(lambda _s: self._on_state())
        desk.events.call_changed.subscribe(lambda _c: self._update_buttons())
        self.retranslate()

    def _show_peripherals(self) -> None:
        """« Borne : imprimante — plus de papier » before the agent sends a print."""
        parts = []
        for device in ("scanner", "printer"):
            state = self._desk.documents.peripherals.get(device)
            if state is None:
                continue
            name = self.tr("scanner") if device == "scanner" else self.tr("printer")
            mark = "✔" if state.working else "⚠"
            parts.append(f"{mark} {name} : {self._peripheral_state(state.state)}")
        self.peripherals.setText(self.tr("Kiosk — ") + " · ".join(parts) if parts else "")

    def _on_peripherals(self) -> None:
        self._show_peripherals()
        if self._scan_asked and self._scanner_down():
            # The kiosk said its scanner stopped: the scan asked for will not come.
            self._scan_asked = False
            self._say(self._scanner_down_text(), about_the_call=True)

    def _scanner_down(self) -> bool:
        scanner = self._desk.documents.peripherals.get("scanner")
        return scanner is not None and not scanner.working

    def _scanner_down_text(self) -> str:
        return self.tr(
            "The kiosk's scanner does not respond: no scan will come. Ask the resident to "
            "show the document to the camera, or to send it another way."
        )

    def _say(self, text: str, *, about_the_call: bool = False) -> None:
        self.status.setText(text)
        self._about_the_call = about_the_call

    def _on_state(self) -> None:
        if self._about_the_call and self._desk.state is not DeskState.IN_CALL:
            # The call is over: no scan will come, none can be asked for.
            self._scan_asked = False
            self._say("")
        self._update_buttons()

    def _peripheral_state(self, state: str) -> str:
        match state:
            case "ready":
                return self.tr("ready")
            case "busy":
                return self.tr("busy")
            case "paper_jam":
                return self.tr("paper jam")
            case "out_of_paper":
                return self.tr("out of paper")
            case "offline":
                return self.tr("not responding")
            case _:
                return self.tr("in error")

    def retranslate(self) -> None:
        self._show_peripherals()
        self.title.setText(self.tr("Documents"))
        self.scan_button.setText(self.tr("Ask for a &scan"))
        self.print_button.setText(self.tr("&Print at the kiosk…"))
        self.save_button.setText(self.tr("Sa&ve…"))
        tips = {
            self.scan_button: self.tr("The kiosk asks the resident to place a document"),
            self.print_button: self.tr("Send a PDF or an image to the kiosk's printer"),
            self.save_button: self.tr("Save every received document in a folder you choose"),
        }
        for button, tip in tips.items():
            button.setToolTip(with_shortcut(tip, self._keys[button]))
        self.strip.setAccessibleName(self.tr("Received documents"))
        for record in self._desk.documents.records:
            self._update_item(record)
        self._update_buttons()

    # ------------------------------------------------------------- actions

    def request_scan(self) -> None:
        call = self._desk.call
        if call is None:
            return
        if self._scanner_down():
            self._say(self._scanner_down_text(), about_the_call=True)
            return
        self._say(self.tr("Scan requested: the kiosk asks the resident…"), about_the_call=True)
        self._scan_asked = True
        self._runner.run(self._service.request_scan(call.call_id), "request-scan")

    def print_at_kiosk(self) -> None:
        call = self._desk.call
        if call is None:
            return
        path = self._choose_file(self)
        if path is None:
            return
        problem = _printable_problem(path)
        if problem is not None:
            self.status.setText(self.tr(problem).replace("%1", path.name))
            return
        self.status.setText(self.tr("Sending %1 to the kiosk's printer…").replace("%1", path.name))
        self._runner.run(self._print(call.call_id, path), "print")

    async def _print(self, call_id: str, path: Path) -> None:
        try:
            await self._service.print_file(call_id, path)
        except Exception as exc:
            log.warning("print at kiosk failed: %s: %s", type(exc).__name__, exc)
            self.status.setText(
                self.tr("%1 was not printed: %2")
                .replace("%1", path.name)
                .replace("%2", texts.error_text(exc))
            )
            return
        self.status.setText(self.tr("%1 was printed at the kiosk.").replace("%1", path.name))

    def save(self) -> None:
        if not self._desk.documents.unsaved_documents() and not any(
            r.status is DocumentStatus.READY for r in self._desk.documents.records
        ):
            return
        folder = self._choose_folder(self)
        if folder is None:
            return
        try:
            written = self._desk.documents.save_all(folder)
        except OSError as exc:
            self.status.setText(
                self.tr("The documents could not be saved in %1: %2")
                .replace("%1", str(folder))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        self.status.setText(
            self.tr("%n document(s) saved in %1.", "", len(written)).replace("%1", str(folder))
        )

    # ------------------------------------------------------------- display

    def _on_document(self, record: DocumentRecord | None) -> None:
        if record is None:  # wiped with the call
            self.strip.clear()
            self._items.clear()
            self.viewer.clear()
            self.status.setText("")
        else:
            first = not self._items
            if record.doc_id not in self._items and self._scan_asked:
                # What was asked for is here: the request's line is over.
                self._scan_asked = False
                self._say("")
            self._update_item(record)
            item = self._items[record.doc_id]
            if record.status is DocumentStatus.READY and (
                first or self.strip.currentItem() is None or self.strip.currentItem() is item
            ):
                self.strip.setCurrentItem(item)
                self._show_item(item)
        self._update_buttons()

    def _update_item(self, record: DocumentRecord) -> None:
        item = self._items.get(record.doc_id)
        if item is None:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, record.doc_id)
            self._items[record.doc_id] = item
            self.strip.addItem(item)
        if record.status is DocumentStatus.ARRIVING:
            state = self.tr("Arriving… %1 %").replace("%1", str(int(record.progress * 100)))
            icon = document_icon(DocumentIcon.ARRIVING)
        elif record.status is DocumentStatus.FAILED:
            state = self.tr("⚠ Failed")
            icon = document_icon(DocumentIcon.FAILED)
        else:
            state = self.tr("✔ Saved") if record.saved_to else self.tr("Not saved")
            image = thumbnail(record, THUMB)
            icon = (
                QIcon(QPixmap.fromImage(image))
                if image is not None
                else document_icon(DocumentIcon.FILE)
            )
        item.setIcon(icon)
        item.setText(f"{_short(record.name)}\n{state}")
        item.setToolTip(
            f"{record.name} · {record.mime_type} · {_size(record.size)}"
            + (f" · {record.problem}" if record.problem else "")
        )

    def _show_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.viewer.clear()
            return
        record = self._desk.documents.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if record is None or record.status is not DocumentStatus.READY:
            return
        verdict_before, self._verdict_shown = self._verdict_shown, False
        if not self.viewer.show_document(record) and record.kind is DocumentKind.OTHER:
            self.status.setText(
                self.tr("This kind of document cannot be shown; save it to open it.")
            )
        elif record.quality:
            # The kiosk's own verdict, beside the document: one click asks for another.
            found = ", ".join(self._quality_word(problem) for problem in record.quality)
            if self._desk.state is DeskState.IN_CALL:
                text = self.tr(
                    "⚠ The kiosk finds this scan %1. « Ask for a scan » asks for another."
                )
            else:
                text = self.tr("⚠ The kiosk found this scan %1.")
            self._say(text.replace("%1", found), about_the_call=True)
            self._verdict_shown = True
        elif verdict_before:
            # Another document shown: the verdict was about the one before.
            self._say("")

    def _quality_word(self, problem: str) -> str:
        match problem:
            case "blurred":
                return self.tr("blurred")
            case "dark":
                return self.tr("too dark")
            case "washed_out":
                return self.tr("too pale")
            case "skewed":
                return self.tr("crooked")
            case "cut_off":
                return self.tr("cut off")
            case "low_resolution":
                return self.tr("too low in resolution")
            case _:
                return problem

    def _update_buttons(self) -> None:
        in_call = self._desk.call is not None and self._desk.allowed(Action.HANG_UP)
        self.scan_button.setEnabled(in_call)
        self.print_button.setEnabled(in_call)
        self.save_button.setEnabled(
            any(r.status is DocumentStatus.READY for r in self._desk.documents.records)
        )


def _printable_problem(path: Path) -> str | None:
    # Returned untranslated: the caller passes it through tr() in its context.
    if path.suffix.lower() not in PRINTABLE:
        return str(
            QT_TRANSLATE_NOOP(
                "DocumentsPanel", "%1 cannot be printed: choose a PDF or an image (PNG, JPEG)."
            )
        )
    try:
        size = path.stat().st_size
    except OSError:
        return str(QT_TRANSLATE_NOOP("DocumentsPanel", "%1 cannot be read."))
    if size > MAX_PRINT_BYTES:
        return str(
            QT_TRANSLATE_NOOP("DocumentsPanel", "%1 is too large to send (more than 20 MB).")
        )
    return None


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MiB"
