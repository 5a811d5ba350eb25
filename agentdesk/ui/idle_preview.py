"""Beside the day's tabs between calls: the agent's own camera, and in words
what it is doing.  Its picture is only shown while the camera is on: once
released, the last frame would look like a live camera under « Caméra éteinte »."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from agentdesk.desk import Desk, MediaState

from .common import Retranslating
from .video import VideoWidget


class IdlePreview(Retranslating, QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.preview = VideoWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.preview, 1)
        desk.events.media_changed.subscribe(self._on_media)
        self.retranslate()

    def retranslate(self) -> None:
        self._on_media(self._desk.media)

    def _on_media(self, media: MediaState) -> None:
        if media.camera_on:
            self.caption.setText(
                self.tr("Your camera: this is what residents will see when you answer.")
            )
            self.preview.set_placeholder(self.tr("Camera starting…"))
        else:
            self.preview.clear()
            self.caption.setText(self.tr("Your camera is off: residents see nothing of you."))
            self.preview.set_placeholder(self.tr("Camera off"))
        self.preview.setAccessibleName(self.caption.text())
