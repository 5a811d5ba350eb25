"""The device check, as pre-join screens have it: the chosen camera's picture,
the chosen microphone's level, a test sound on the chosen speaker.

The devices are the app's own, through the backend (``Backend.device_check``),
not a separate process: the "Test my equipment" child would compete with the
app for the camera.  A device picked in the screen is used at once; what is
not saved goes back when the screen closes (the backend sees to it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

import msgspec
from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DeskSettings, FrameSink

from .common import Retranslating, fit_wrapped_text, heading
from .video import VideoWidget

METER_INTERVAL_MS = 100
"""Ten readings a second: the bar follows speech without flicker."""
METER_FLOOR_DB = -60.0
"""The bar's empty end: quieter than this is silence for the ear."""


class DeviceHold(Protocol):
    """The backend's hold on the devices while a check screen shows
    (``agentdesk.station.backend.DeskDeviceHold``)."""

    def choose(self, camera: str | None, microphone: str | None, speaker: str | None) -> None: ...
    def microphone_level(self) -> float:
        """0 (silence) to 1 (full scale)."""
        ...

    def microphone_found(self) -> bool:
        """False when no microphone could be opened: the bar would stay still."""
        ...

    def test_speaker(self, volume: int) -> None: ...
    def close(self) -> None: ...


OpenDeviceCheck = Callable[[FrameSink], DeviceHold]
"""``Backend.device_check``: frames of the camera go to the sink given."""


def meter_percent(level: float) -> int:
    """A level (RMS over full scale) on the bar, in decibels as the ear hears:
    a voice at a normal distance fills about two thirds of it."""
    if level <= 0:
        return 0
    decibels = 20 * math.log10(min(1.0, level))
    return max(0, min(100, round((decibels - METER_FLOOR_DB) / -METER_FLOOR_DB * 100)))


class DeviceCheckPanel(Retranslating, QWidget):
    """Preview, level meter and (``speaker_test``) a test-sound button; the
    devices live while the panel shows."""

    def __init__(
        self,
        open_check: OpenDeviceCheck,
        volume: Callable[[], int],
        *,
        speaker_test: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_check = open_check
        self._volume = volume
        self._check: DeviceHold | None = None
        self._devices: tuple[str | None, str | None, str | None] = (None, None, None)
        self.preview = VideoWidget()
        self.preview.setMinimumSize(160, 120)
        self.preview.setMaximumSize(320, 240)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setValue(0)
        self.meter.setTextVisible(False)
        self.meter_caption = QLabel()
        self.meter_caption.setWordWrap(True)
        self.meter_caption.setBuddy(self.meter)
        # In the caption's place when there is no microphone: a still bar
        # said nothing, only the main window's footer did (« ⚠ No microphone »).
        self.no_microphone = QLabel()
        self.no_microphone.setWordWrap(True)
        self.no_microphone.setVisible(False)
        self.speaker_button = QPushButton()
        self.speaker_button.setVisible(speaker_test)
        self.speaker_button.clicked.connect(self.test_speaker)
        self._timer = QTimer(self)
        self._timer.setInterval(METER_INTERVAL_MS)
        self._timer.timeout.connect(self._read_level)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview, 1)
        column.addWidget(self.meter_caption)
        column.addWidget(self.no_microphone)
        column.addWidget(self.meter)
        column.addWidget(self.speaker_button)
        column.addStretch(0)
        self.retranslate()

    def retranslate(self) -> None:
        self.preview.set_placeholder(self.tr("Camera starting…"))
        self.preview.setAccessibleName(self.tr("Picture of the chosen camera"))
        self.meter_caption.setText(self.tr("Speak: this bar should move with your voice."))
        self.meter.setAccessibleName(self.tr("Microphone level"))
        self.no_microphone.setText(
            self.tr(
                "⚠ No microphone found: residents would not hear you. Plug in a "
                "microphone or a headset, then choose it here."
            )
        )
        self.speaker_button.setText(self.tr("Play a test &sound"))
        self.speaker_button.setToolTip(
            self.tr("Plays the ringtone once on the chosen speaker, at the ring volume")
        )

    def choose(self, camera: str | None, microphone: str | None, speaker: str | None) -> None:
        """The devices to try; live at once while the panel shows."""
        self._devices = (camera, microphone, speaker)
        if self._check is not None:
            self._check.choose(*self._devices)

    def test_speaker(self) -> None:
        if self._check is not None:
            self._check.test_speaker(self._volume())

    @property
    def checking(self) -> bool:
        return self._check is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start()

    def start(self) -> None:
        """Takes the devices (showing the panel does it)."""
        if self._check is None:
            self._check = self._open_check(self.preview)
            self._check.choose(*self._devices)
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop()
        super().hideEvent(event)

    def stop(self) -> None:
        """Gives the devices back (the dialog closing calls it too)."""
        self._timer.stop()
        check, self._check = self._check, None
        if check is not None:
            check.close()
        self.meter.setValue(0)

    def _read_level(self) -> None:
        if self._check is not None:
            self.meter.setValue(meter_percent(self._check.microphone_level()))
            found = self._check.microphone_found()
            if found is self.no_microphone.isHidden():
                return
            self.no_microphone.setVisible(not found)
            self.meter_caption.setVisible(found)
            self.meter.setEnabled(found)


class DeviceCheckDialog(Retranslating, QDialog):
    """Shown at the first sign-in: the three devices, each tried at once.
    ``result_settings()`` has the devices chosen once accepted."""

    def __init__(
        self,
        settings: DeskSettings,
        devices: tuple[Sequence[str], Sequence[str], Sequence[str]],
        open_check: OpenDeviceCheck,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._result: DeskSettings | None = None
        cameras, microphones, speakers = devices
        self.title = heading()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.camera = device_box(cameras, settings.camera, "")
        self.microphone = device_box(microphones, settings.microphone, "")
        self.speaker = device_box(speakers, settings.speaker, "")
        self.panel = DeviceCheckPanel(open_check, lambda: self._settings.ring_volume)
        follow_devices((self.camera, self.microphone, self.speaker), self._choose)
        self._choose()
        self.form = QFormLayout()
        self.captions = [QLabel(), QLabel(), QLabel()]
        for caption, box in zip(
            self.captions, (self.camera, self.microphone, self.speaker), strict=True
        ):
            caption.setBuddy(box)
            self.form.addRow(caption, box)
        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _result: self.panel.stop())
        layout = QVBoxLayout(self)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check your equipment"))
        self.title.setText(self.tr("Before your first call: your camera, microphone and speaker"))
        self.intro.setText(
            self.tr(
                "Check that residents will see and hear you. Another device chosen here "
                "is tried at once. You can come back to this in the settings."
            )
        )
        default = self.tr("System default")
        for box in (self.camera, self.microphone, self.speaker):
            box.setItemText(0, default)
        for caption, text in zip(
            self.captions,
            (self.tr("&Camera:"), self.tr("&Microphone:"), self.tr("S&peaker:")),
            strict=True,
        ):
            caption.setText(text)
        self.done_button.setText(self.tr("&Done"))

    def _choose(self) -> None:
        self.panel.choose(device(self.camera), device(self.microphone), device(self.speaker))

    def _accept(self) -> None:
        self._result = msgspec.structs.replace(
            self._settings,
            camera=device(self.camera),
            microphone=device(self.microphone),
            speaker=device(self.speaker),
            devices_checked=True,
        )
        self.accept()

    def result_settings(self) -> DeskSettings | None:
        return self._result


def show_device_check(
    parent: QWidget,
    settings: Callable[[], DeskSettings],
    devices: tuple[Sequence[str], Sequence[str], Sequence[str]],
    open_check: OpenDeviceCheck,
    apply: Callable[[DeskSettings], None],
    closed: Callable[[], None],
) -> DeviceCheckDialog:
    """The check as the first sign-in shows it: not modal (a call that rings
    meanwhile can be answered); once closed, the devices chosen and « checked »
    are applied to the settings as they are then (``settings()``: another
    question of the first sign-in may have been answered meanwhile)."""
    dialog = DeviceCheckDialog(settings(), devices, open_check, parent)

    def done(_result: int) -> None:
        chosen = dialog.result_settings()
        changes: dict[str, object] = {"devices_checked": True}
        if chosen is not None:
            changes.update(
                camera=chosen.camera, microphone=chosen.microphone, speaker=chosen.speaker
            )
        apply(msgspec.structs.replace(settings(), **changes))
        dialog.deleteLater()
        closed()

    dialog.finished.connect(done)
    dialog.show()
    fit_wrapped_text(dialog)
    return dialog


def device_box(names: Sequence[str], current: str | None, default: str) -> QComboBox:
    """A device list, first the system's default (data None); a saved device
    that is not plugged in now stays listed."""
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


def follow_devices(boxes: Sequence[QComboBox], changed: Callable[[], None]) -> None:
    """``changed()`` when a device is picked in a list, or typed and confirmed
    (not at every key: each choice reopens a device)."""
    for box in boxes:
        box.currentIndexChanged.connect(lambda _index: changed())
        edit = box.lineEdit()
        if edit is not None:
            edit.editingFinished.connect(changed)


def device(box: QComboBox) -> str | None:
    """The device chosen (None: the system's default)."""
    data = box.currentData()
    if isinstance(data, str) and box.currentText() == data:
        return data
    text = box.currentText().strip()
    return None if not text or (box.currentIndex() == 0 and text == box.itemText(0)) else text
