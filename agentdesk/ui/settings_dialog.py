"""The agent's settings: language, devices, auto-answer, preview rate, outcomes,
and the permanence day (available at the start, camera warm-up, reminders)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import DeskSettings, Language

from .device_check import DeviceCheckPanel, OpenDeviceCheck, device, device_box, follow_devices
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
        *,
        test_ring: Callable[[int], None] = lambda _volume: None,
        device_check: OpenDeviceCheck | None = None,
    ) -> None:
        """``device_check``: the devices live in the dialog (preview, level,
        the ring test through the speaker chosen here)."""
        super().__init__(parent)
        self._settings = settings
        self._test_ring = test_ring
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem("Français", Language.FRENCH.value)
        self.language.addItem("English", Language.ENGLISH.value)
        self.language.setCurrentIndex(self.language.findData(settings.language.value))
        self.server = QLineEdit(settings.server_url)
        self.camera = device_box(cameras, settings.camera, self.tr("System default"))
        self.microphone = device_box(microphones, settings.microphone, self.tr("System default"))
        self.speaker = device_box(speakers, settings.speaker, self.tr("System default"))
        self.ring_volume = QSlider(Qt.Orientation.Horizontal)
        self.ring_volume.setRange(0, 100)
        self.ring_volume.setSingleStep(5)
        self.ring_volume.setPageStep(10)
        self.ring_volume.setValue(settings.ring_volume)
        self.ring_volume_value = QLabel()
        self.ring_volume.valueChanged.connect(self._show_ring_volume)
        self.ring_test = QPushButton()
        self.ring_test.clicked.connect(lambda: self._test_ring(self.ring_volume.value()))
        ring_box = QWidget()
        ring_row = QHBoxLayout(ring_box)
        ring_row.setContentsMargins(0, 0, 0, 0)
        ring_row.addWidget(self.ring_volume, 1)
        ring_row.addWidget(self.ring_volume_value)
        ring_row.addWidget(self.ring_test)
        self._show_ring_volume(settings.ring_volume)
        self.check_panel: DeviceCheckPanel | None = None
        if device_check is not None:
            # The ring's « Test » is the speaker test: one button, not two.
            self.check_panel = DeviceCheckPanel(
                device_check, self.ring_volume.value, speaker_test=False
            )
            devices = (self.camera, self.microphone, self.speaker)
            follow_devices(devices, self._try_devices)
            self._try_devices()
            self.finished.connect(lambda _result: self._stop_check())
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
            self.tr("Make me available at the be&ginning of each of my permanences")
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

        # Three pages rather than one long form: at 150 % on a 1366x768 laptop
        # (910 x 512 of Qt's pixels) the form ran 27 px past the screen's
        # bottom and the outcomes' list was cut.
        self.pages = QTabWidget()
        self.pages.setAccessibleName(self.tr("Settings pages"))
        self.pages.tabBar().setAccessibleName(self.pages.accessibleName())
        devices_form = self._form(
            (self.tr("&Camera:"), self.camera, None),
            (self.tr("&Microphone:"), self.microphone, None),
            (self.tr("S&peaker:"), self.speaker, None),
            (self.tr("Ring &volume:"), ring_box, self.ring_volume),
            (self.tr("Camera preview rate when &idle:"), self.preview_fps, None),
        )
        self.test_button = QPushButton(self.tr("Test my e&quipment"))
        self.test_button.clicked.connect(self.test_equipment)
        self.self_test: SelfTestDialog | None = None
        devices_form.addRow("", self.test_button)
        general_form = self._form(
            (self.tr("&Language:"), self.language, None),
            (self.tr("S&erver address:"), self.server, None),
            (self.tr("Te&xt size:"), self.text_size, None),
            (self.tr("Camera o&n before a permanence:"), self.warm_up, None),
            (self.tr("Appointment &reminder:"), self.reminder, None),
        )
        general_form.addRow("", self.auto_accept)
        general_form.addRow("", self.auto_available)
        outcomes_page = QWidget()
        outcomes_column = QVBoxLayout(outcomes_page)
        outcomes_caption = QLabel(self.tr("Wrap-up o&utcomes (one per line):"))
        outcomes_caption.setBuddy(self.outcomes)
        outcomes_column.addWidget(outcomes_caption)
        outcomes_column.addWidget(self.outcomes, 1)
        for form, title in (
            (devices_form, self.tr("Devices")),
            (general_form, self.tr("General")),
        ):
            page = QWidget()
            page.setLayout(form)
            self.pages.addTab(page, title)
        self.pages.addTab(outcomes_page, self.tr("Call outcomes"))
        self._reach_hidden_pages()
        # Our own words, without the platform's stock icons (offscreen and
        # under some desktops they are clip-art ticks and crosses).
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.pages, 1)
        if self.check_panel is not None:
            # Beside the form, not under it: the dialog must fit a small
            # laptop at 150 % (910 × 512 of Qt's pixels).
            top.addWidget(self.check_panel, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._result: DeskSettings | None = None

    def _reach_hidden_pages(self) -> None:
        """Alt and the letter of a caption or a button on a page not shown
        reach it too (Qt answers only those in sight): that page, and as if
        pressed there (the caption's field takes the focus, a box is ticked)."""
        self._page_keys: list[tuple[int, QShortcut]] = []
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            assert page is not None
            targets: list[tuple[str, QWidget, bool]] = [
                (caption.text(), buddy, False)
                for caption in page.findChildren(QLabel)
                if (buddy := caption.buddy()) is not None
            ]
            targets += [
                (button.text(), button, True) for button in page.findChildren(QAbstractButton)
            ]
            for text, target, press in targets:
                letter = _letter(text)
                if letter is None:
                    continue
                key = QShortcut(QKeySequence(f"Alt+{letter}"), self)
                # Not through ``self``: a connection holding the dialog would make
                # a cycle that Python's collector may break (deleting the dialog)
                # in the middle of Qt's event processing.
                key.activated.connect(partial(_reach, self.pages, index, target, press))
                self._page_keys.append((index, key))
        self.pages.currentChanged.connect(self._follow_page)
        self._follow_page(self.pages.currentIndex())

    def _follow_page(self, shown: int) -> None:
        for index, key in self._page_keys:
            key.setEnabled(index != shown)

    @staticmethod
    def _form(*rows: tuple[str, QWidget, QWidget | None]) -> QFormLayout:
        """Captions and fields; each caption's Alt letter reaches its field
        (or ``buddy``, the part of a composite field that takes the keys)."""
        form = QFormLayout()
        for text, widget, buddy in rows:
            caption = QLabel(text)
            caption.setBuddy(buddy or widget)
            form.addRow(caption, widget)
        return form

    def _try_devices(self) -> None:
        if self.check_panel is not None:
            self.check_panel.choose(
                device(self.camera), device(self.microphone), device(self.speaker)
            )

    def _stop_check(self) -> None:
        if self.check_panel is not None:
            self.check_panel.stop()

    def _show_ring_volume(self, value: int) -> None:
        self.ring_volume_value.setText(f"{value} %")
        self.ring_test.setText(self.tr("&Test"))
        self.ring_test.setToolTip(self.tr("Play the ringtone once at this volume"))
        self.ring_volume.setAccessibleName(self.tr("Ring volume"))

    def _check_and_accept(self) -> None:
        outcomes = [line.strip() for line in self.outcomes.toPlainText().splitlines()]
        candidate = {
            "server_url": self.server.text().strip(),
            "language": self.language.currentData(),
            "camera": device(self.camera),
            "microphone": device(self.microphone),
            "speaker": device(self.speaker),
            "auto_accept": self.auto_accept.isChecked(),
            "preview_fps": self.preview_fps.value(),
            "text_size": self.text_size.currentData(),
            "ring_volume": self.ring_volume.value(),
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
            device(self.camera), device(self.microphone), device(self.speaker),
            self.language.currentData(),
        )  # fmt: skip
        self.self_test = SelfTestDialog(command, self)
        if self.check_panel is not None:
            # The self-test is another process: it needs the camera to itself.
            panel = self.check_panel
            panel.stop()
            self.self_test.finished.connect(
                lambda _result: panel.start() if panel.isVisible() else None
            )
        self.self_test.open()

    def result_settings(self) -> DeskSettings | None:
        return self._result


def _letter(text: str) -> str | None:
    """The Alt letter of a caption (« && » is a plain ampersand), lower case."""
    found = re.search(r"(?<!&)&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _reach(pages: QTabWidget, index: int, target: QWidget, press: bool) -> None:
    """Shows the page of ``target`` and focuses it (``press``: clicks it too)."""
    pages.setCurrentIndex(index)
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if press and isinstance(target, QAbstractButton):
        target.click()
