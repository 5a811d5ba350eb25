"""The live call: the resident large, the agent small, timer, quality, controls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import Action, CurrentCall, Desk, DeskState, MediaState, QualitySample

from . import texts
from .common import Confirm, Retranslating, heading, shortcut, with_shortcut
from .runner import ActionRunner
from .transfer_dialog import TransferDialog
from .video import VideoWidget


class _VideoArea(QWidget):
    """The remote picture filling the area, the self-view in the bottom-right corner."""

    def __init__(self, remote: VideoWidget, local: VideoWidget) -> None:
        super().__init__()
        self.remote = remote
        self.local = local
        remote.setParent(self)
        local.setParent(self)
        local.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        rect = self.rect()
        self.remote.setGeometry(rect)
        w = max(80, rect.width() // 4)
        h = w * 3 // 4
        margin = max(4, rect.width() // 80)
        self.local.setGeometry(rect.width() - w - margin, rect.height() - h - margin, w, h)
        super().resizeEvent(event)


class CallPanel(Retranslating, QWidget):
    def __init__(
        self,
        desk: Desk,
        runner: ActionRunner,
        confirm: Confirm,
        transfer_services: Callable[[], list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._confirm = confirm
        self._transfer_services = transfer_services
        self.transfer_dialog: TransferDialog | None = None

        self.title = heading()
        self.title.setWordWrap(True)
        self.timer_label = QLabel()
        self.quality_label = QLabel()
        self.remote_video = VideoWidget()
        self.local_video = VideoWidget()
        self.video_area = _VideoArea(self.remote_video, self.local_video)
        self.mute_button = QPushButton()
        self.mute_button.setCheckable(True)
        self.cover_button = QPushButton()
        self.cover_button.setCheckable(True)
        self.transfer_button = QPushButton()
        self.hang_up_button = QPushButton()
        self.hang_up_button.setObjectName("hangUp")
        self.hang_up_button.setStyleSheet(
            "QPushButton#hangUp { background: #b3261e; color: white; font-weight: bold; }"
        )

        # The line's quality and the duration under the title: beside it they
        # squeezed the commune and the reason into a narrow column.
        top = QHBoxLayout()
        top.addWidget(self.quality_label)
        top.addStretch(1)
        top.addWidget(self.timer_label)
        controls = QHBoxLayout()
        controls.addWidget(self.mute_button)
        controls.addWidget(self.cover_button)
        controls.addWidget(self.transfer_button)
        controls.addStretch(1)
        controls.addWidget(self.hang_up_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.video_area, 1)
        layout.addLayout(controls)

        self._keys = {
            self.mute_button: shortcut(self.mute_button, "Ctrl+Shift+M"),
            self.transfer_button: shortcut(self.transfer_button, "Ctrl+Shift+T"),
            self.hang_up_button: shortcut(self.hang_up_button, "Ctrl+Shift+H"),
        }
        self.mute_button.toggled.connect(self._desk.set_microphone_muted)
        self.cover_button.toggled.connect(self._desk.set_camera_covered)
        self.transfer_button.clicked.connect(self.open_transfer)
        self.hang_up_button.clicked.connect(self.hang_up)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh_timer)

        desk.events.call_changed.subscribe(self._on_call)
        desk.events.state_changed.subscribe(lambda _s: self._update_buttons())
        desk.events.quality_changed.subscribe(self._on_quality)
        desk.events.media_changed.subscribe(self._on_media)
        self.retranslate()

    def retranslate(self) -> None:
        self.remote_video.set_placeholder(self.tr("Waiting for the resident's picture…"))
        self.local_video.set_placeholder(self.tr("Your camera"))
        self.remote_video.setAccessibleName(self.tr("Resident's video"))
        self.local_video.setAccessibleName(self.tr("Your own picture"))
        self.transfer_button.setText(self.tr("&Transfer…"))
        self.hang_up_button.setText(self.tr("&Hang up"))
        tips = {
            self.mute_button: self.tr("The resident stops hearing you"),
            self.transfer_button: self.tr("Send the resident to another service's queue"),
            self.hang_up_button: self.tr("End the call"),
        }
        for button, tip in tips.items():
            button.setToolTip(with_shortcut(tip, self._keys[button]))
        # The presence bar's cover button owns Ctrl+Shift+V (both are visible in a call).
        self.cover_button.setToolTip(self.tr("Stop sending your picture at once (Ctrl+Shift+V)"))
        self._on_media(self._desk.media)
        self._on_call(self._desk.call)
        self._on_quality(self._desk.quality)

    # ------------------------------------------------------------- actions

    def hang_up(self) -> None:
        unsaved = len(self._desk.documents.unagreed_unsaved())
        if unsaved and not self._confirm(
            self,
            self.tr("Hang up"),
            self.tr(
                "%n document(s) of this call are not saved. They will be erased from "
                "this computer at the end of the wrap-up. Hang up anyway?",
                "",
                unsaved,
            ),
        ):
            return
        self._desk.documents.agree_to_erase()
        self._runner.run(self._desk.hang_up(), "hang-up")

    def open_transfer(self) -> None:
        dialog = TransferDialog(self)
        self.transfer_dialog = dialog

        def done(result: int) -> None:
            service = dialog.chosen()
            if result == QDialog.DialogCode.Accepted and service:
                transfer = self._desk.transfer(
                    service, dialog.chosen_note(), dialog.chosen_colleague()
                )
                self._runner.run(transfer, "transfer")
            dialog.deleteLater()
            self.transfer_dialog = None

        dialog.finished.connect(done)
        # open(), not exec(): no nested event loop while asyncio tasks run.
        dialog.open()
        self._runner.run(self._fill_transfer(dialog), "staffing")

    async def _fill_transfer(self, dialog: TransferDialog) -> None:
        targets, known = await self._desk.staffing(self._transfer_services())
        if self.transfer_dialog is dialog:
            dialog.show_targets(targets, known)

    # ------------------------------------------------------------- display

    def _on_call(self, call: CurrentCall | None) -> None:
        if call is None:
            self.title.setText("")
            self.timer_label.setText("")
            self.remote_video.clear()
            self._tick.stop()
        else:
            info = call.call
            self.title.setText(texts.call_heading(info))
            self._refresh_timer()
            if not self._tick.isActive():
                self._tick.start()
        self._update_buttons()

    def _refresh_timer(self) -> None:
        call = self._desk.call
        if call is None:
            return
        self.timer_label.setText(
            self.tr("Call time: %1").replace("%1", texts.duration(call.elapsed_s(self._desk.now())))
        )
        if call.ended:
            self._tick.stop()

    def _on_quality(self, sample: QualitySample) -> None:
        self.quality_label.setText(texts.quality_text(sample.quality))
        self.quality_label.setToolTip(texts.quality_details(sample.rtt_ms, sample.loss_pct))

    def _on_media(self, media: MediaState) -> None:
        for button, on in (
            (self.mute_button, media.microphone_muted),
            (self.cover_button, media.camera_covered),
        ):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self.mute_button.setText(
            self.tr("Un&mute microphone") if media.microphone_muted else self.tr("&Mute microphone")
        )
        self.cover_button.setText(
            self.tr("Show camera") if media.camera_covered else self.tr("Cover camera")
        )

    def _update_buttons(self) -> None:
        self.hang_up_button.setEnabled(self._desk.allowed(Action.HANG_UP))
        self.transfer_button.setEnabled(self._desk.allowed(Action.TRANSFER))
        if self.transfer_dialog is not None and self._desk.state is not DeskState.IN_CALL:
            # The call ended while the agent was choosing: nothing left to move.
            self.transfer_dialog.reject()
