"""The agent's settings: language, devices, auto-answer, preview rate, outcomes,
and the permanence day (available at the start, camera warm-up, reminders)."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DeskSettings, Language

from .selftest_dialog import SelfTestDialog, self_test_command


class SettingsDialog(QDialog):
    """Edits a copy; ``result_settings()`` gives the new record after Accepted."""

    def __init__(
        self,
        settings: DeskSettings,
        cameras: Sequence[str] = (),
        microphones: Sequence[str] = (),
        speakers: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem("Français", Language.FRENCH.value)
        self.language.addItem("English", Language.ENGLISH.value)
        self.language.setCurrentIndex(self.language.findData(settings.language.value))
        self.server = QLineEdit(settings.server_url)
        self.camera = _device_box(cameras, settings.camera, self.tr("System default"))
        self.microphone = _device_box(microphones, settings.microphone, self.tr("System default"))
        self.speaker = _device_box(speakers, settings.speaker, self.tr("System default"))
        self.auto_accept = QCheckBox(self.tr("&Answer incoming calls automatically"))
        self.auto_accept.setChecked(settings.auto_accept)
        self.preview_fps = QSpinBox()
        self.preview_fps.setRange(1, 30)
        self.preview_fps.setValue(settings.preview_fps)
        self.preview_fps.setSuffix(self.tr(" frames/s"))
        self.text_size = QComboBox()
        for percent in (100, 125, 150, 175, 200):
            self.text_size.addItem(f"{percent} %", percent)
        index = self.text_size.findData(settings.text_size)
        if index < 0:
            self.text_size.addItem(f"{settings.text_size} %", settings.text_size)
            index = self.text_size.count() - 1
        self.text_size.setCurrentIndex(index)
        self.auto_available = QCheckBox(
            self.tr("Make me a&vailable at the start of each of my permanences")
        )
        self.auto_available.setChecked(settings.auto_available is not False)
        self.warm_up = QSpinBox()
        self.warm_up.setRange(0, 30)
        self.warm_up.setValue(settings.warm_up_min)
        self.warm_up.setSuffix(self.tr(" min before"))
        self.reminder = QSpinBox()
        self.reminder.setRange(0, 120)
        self.reminder.setValue(settings.reminder_min)
        self.reminder.setSuffix(self.tr(" min before"))
        self.outcomes = QPlainTextEdit("\n".join(settings.wrap_up_outcomes))
        self.error = QLabel()
        self.error.setWordWrap(True)

        form = QFormLayout()
        for label, widget in (
            (self.tr("&Language:"), self.language),
            (self.tr("Se&rver address:"), self.server),
            (self.tr("&Camera:"), self.camera),
            (self.tr("&Microphone:"), self.microphone),
            (self.tr("S&peaker:"), self.speaker),
            (self.tr("Camera preview &rate when idle:"), self.preview_fps),
            (self.tr("&Text size:"), self.text_size),
            (self.tr("Camera &on before a permanence:"), self.warm_up),
            (self.tr("Appointment &reminder:"), self.reminder),
            (self.tr("Wrap-up &outcomes (one per line):"), self.outcomes),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("", self.auto_accept)
        form.addRow("", self.auto_available)
        self.test_button = QPushButton(self.tr("Test my e&quipment"))
        self.test_button.clicked.connect(self.test_equipment)
        self.self_test: SelfTestDialog | None = None
        form.addRow("", self.test_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._result: DeskSettings | None = None

    def _check_and_accept(self) -> None:
        outcomes = [line.strip() for line in self.outcomes.toPlainText().splitlines()]
        candidate = {
            "server_url": self.server.text().strip(),
            "language": self.language.currentData(),
            "camera": _device(self.camera),
            "microphone": _device(self.microphone),
            "speaker": _device(self.speaker),
            "auto_accept": self.auto_accept.isChecked(),
            "preview_fps": self.preview_fps.value(),
            "text_size": self.text_size.currentData(),
            "wrap_up_outcomes": [o for o in outcomes if o],
            "auto_available": self.auto_available.isChecked(),
            "warm_up_min": self.warm_up.value(),
            "reminder_min": self.reminder.value(),
        }
        try:
            base = msgspec.structs.asdict(self._settings)
            self._result = msgspec.convert({**base, **candidate}, DeskSettings)
        except msgspec.ValidationError as exc:
            self.error.setText(self.tr("This setting is not valid: %1").replace("%1", str(exc)))
            return
        self.accept()

    def test_equipment(self) -> None:
        """The devices as chosen in this dialog, saved or not yet."""
        command = self_test_command(
            _device(self.camera), _device(self.microphone), _device(self.speaker),
            self.language.currentData(),
        )  # fmt: skip
        self.self_test = SelfTestDialog(command, self)
        self.self_test.open()

    def result_settings(self) -> DeskSettings | None:
        return self._result


def _device_box(names: Sequence[str], current: str | None, default: str) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItem(default, None)
    for name in names:
        box.addItem(name, name)
    if current:
        index = box.findData(current)
        if index < 0:
            box.addItem(current, current)
            index = box.count() - 1
        box.setCurrentIndex(index)
    return box


def _device(box: QComboBox) -> str | None:
    data = box.currentData()
    if isinstance(data, str) and box.currentText() == data:
        return data
    text = box.currentText().strip()
    return None if not text or (box.currentIndex() == 0 and text == box.itemText(0)) else text
