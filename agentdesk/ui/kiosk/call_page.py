"""In the call: the agent large, the resident small, mute, hang up, and the
scan step (guidance, preview, send or scan again) when the agent asks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from agentdesk.kiosk.screen_model import ResidentScreen, ScanStep

from ..call_panel import _VideoArea
from ..video import VideoWidget
from . import texts
from .pages import Page, Run
from .style import button, text_label, title


class ScanPanel(QWidget):
    """The document step, beside the video: one instruction, one or two buttons."""

    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__()
        self.model = model
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        self.heading = text_label(name="big")
        self.guidance = text_label()
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(280, 280)
        self.scan_button = button()
        self.scan_button.clicked.connect(lambda: run(model.scan()))
        self.send_button = button()
        self.send_button.clicked.connect(lambda: run(model.send_scan()))
        self.again_button = button("quiet")
        self.again_button.clicked.connect(lambda: run(model.scan()))
        for label in (self.heading, self.guidance, self.preview):
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.scan_button)
        choice = QHBoxLayout()
        choice.addWidget(self.send_button)
        choice.addWidget(self.again_button)
        layout.addLayout(choice)
        self.setFixedWidth(640)

    def refresh(self) -> None:
        step = self.model.call.scan
        self.setVisible(step is not ScanStep.NONE)
        heading, guidance = {
            ScanStep.ASKED: (
                QCoreApplication.translate("Kiosk", "The agent asks you for a document"),
                QCoreApplication.translate(
                    "Kiosk",
                    "Lift the scanner's lid, lay your page face down in the top "
                    "left corner, close the lid, then touch « Scan ».",
                ),
            ),
            ScanStep.SCANNING: (
                QCoreApplication.translate("Kiosk", "Scanning…"),
                QCoreApplication.translate("Kiosk", "Do not lift the lid."),
            ),
            ScanStep.PREVIEW: (
                QCoreApplication.translate("Kiosk", "Is the page readable?"),
                texts.scan_quality_text(self.model.call.scan_quality)
                or QCoreApplication.translate(
                    "Kiosk", "If it is, send it to the agent. If not, scan it again."
                ),
            ),
            ScanStep.SENDING: (QCoreApplication.translate("Kiosk", "Sending to the agent…"), ""),
            ScanStep.SENT: (
                QCoreApplication.translate("Kiosk", "The agent has your document"),
                QCoreApplication.translate("Kiosk", "You may take your page back."),
            ),
            ScanStep.FAILED: (
                QCoreApplication.translate("Kiosk", "The scan did not work"),
                texts.scanner_problem(self.model.call.scan_problem),
            ),
        }.get(step, ("", ""))
        self.heading.setText(heading)
        self.guidance.setText(guidance)
        preview = self.model.call.preview
        if step is ScanStep.PREVIEW and preview is not None:
            picture = QPixmap(str(preview))
            self.preview.setPixmap(
                picture.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.preview.show()
        else:
            self.preview.clear()
            self.preview.hide()
        self.scan_button.setText(QCoreApplication.translate("Kiosk", "Scan"))
        self.scan_button.setVisible(step is ScanStep.ASKED)
        self.send_button.setText(QCoreApplication.translate("Kiosk", "Send to the agent"))
        self.send_button.setVisible(step is ScanStep.PREVIEW)
        self.again_button.setText(QCoreApplication.translate("Kiosk", "Scan again"))
        # Both choices side by side: neither is the default, the resident reads both.
        self.again_button.setVisible(step in (ScanStep.PREVIEW, ScanStep.FAILED, ScanStep.SENT))


class CallPage(Page):
    def __init__(self, model: ResidentScreen, run: Run) -> None:
        super().__init__(model, run)
        self.title = title()
        self.quality = text_label()
        self.remote_video = VideoWidget()
        self.local_video = VideoWidget()
        self.video_area = _VideoArea(self.remote_video, self.local_video)
        self.scan_panel = ScanPanel(model, run)
        self.print_notice = text_label(name="notice")
        self.mute_button = button("quiet")
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(model.set_muted)
        self.hang_up_button = button("danger")
        self.hang_up_button.clicked.connect(lambda: self.run(self.model.leave()))
        middle = QHBoxLayout()
        middle.addWidget(self.video_area, 1)
        middle.addWidget(self.scan_panel)
        controls = QHBoxLayout()
        controls.setSpacing(24)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.hang_up_button)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.quality)
        self.layout_.addLayout(middle, 1)
        self.layout_.addWidget(self.print_notice)
        self.layout_.addLayout(controls)
        self.retranslate()

    def retranslate(self) -> None:
        call = self.model.call
        if call.connected:
            name = call.agent_name or QCoreApplication.translate("Kiosk", "your agent")
            self.title.setText(
                QCoreApplication.translate("Kiosk", "You are talking with %1").replace("%1", name)
            )
        else:
            self.title.setText(
                QCoreApplication.translate("Kiosk", "An agent is answering, one moment…")
            )
        self.quality.setText(texts.quality_text(call.quality))
        self.mute_button.blockSignals(True)
        self.mute_button.setChecked(call.muted)
        self.mute_button.blockSignals(False)
        self.mute_button.setText(
            QCoreApplication.translate("Kiosk", "Microphone off — touch to speak again")
            if call.muted
            else QCoreApplication.translate("Kiosk", "Turn my microphone off")
        )
        self.hang_up_button.setText(QCoreApplication.translate("Kiosk", "Hang up"))
        if call.print_failed:
            self.print_notice.setText(texts.printer_problem(call.print_failed))
        elif call.printed:
            self.print_notice.setText(
                QCoreApplication.translate(
                    "Kiosk", "A document was printed for you: take it from the printer."
                )
            )
        self.print_notice.setVisible(bool(call.print_failed or call.printed))
        self.scan_panel.refresh()
        if not call.connected:
            self.remote_video.clear()
