"""The top bar: who is signed in, presence, connection and camera state."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from agentdesk.desk import Action, Desk, DeskState, Identity, LinkStatus, MediaState

from . import texts
from .common import Retranslating, shortcut, with_shortcut
from .runner import ActionRunner


class PresenceBar(Retranslating, QFrame):
    def __init__(self, desk: Desk, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.who = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("stateBadge")
        self.available_button = QPushButton()
        self.pause_button = QPushButton()
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.offline_button = QPushButton()
        self.link_label = QLabel()
        self.camera_label = QLabel()
        self.cover_button = QPushButton()
        self.cover_button.setCheckable(True)
        self.settings_button = QPushButton()

        self.reason.setMinimumContentsLength(8)
        self.reason.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # ``who`` and ``link_label`` are shown by the main window's status bar:
        # the bar must stay narrow enough for 150 % scaling.
        layout = QHBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addSpacing(12)
        layout.addWidget(self.available_button)
        layout.addWidget(self.pause_button)
        layout.addWidget(self.reason)
        layout.addWidget(self.offline_button)
        layout.addStretch(1)
        layout.addWidget(self.camera_label)
        layout.addWidget(self.cover_button)
        layout.addWidget(self.settings_button)

        self._keys = {
            self.available_button: shortcut(self.available_button, "Ctrl+1"),
            self.pause_button: shortcut(self.pause_button, "Ctrl+2"),
            self.offline_button: shortcut(self.offline_button, "Ctrl+3"),
            self.cover_button: shortcut(self.cover_button, "Ctrl+Shift+V"),
            self.settings_button: shortcut(self.settings_button, "Ctrl+,"),
        }

        self.available_button.clicked.connect(
            lambda: self._runner.run(self._desk.go_available(), "go-available")
        )
        self.pause_button.clicked.connect(
            lambda: self._runner.run(self._desk.pause(self.reason.currentText()), "pause")
        )
        self.offline_button.clicked.connect(
            lambda: self._runner.run(self._desk.go_offline(), "go-offline")
        )
        self.cover_button.toggled.connect(self._desk.set_camera_covered)

        desk.events.state_changed.connect(self._on_state)
        desk.events.identity_changed.connect(self._on_identity)
        desk.events.link_changed.connect(self._on_link)
        desk.events.media_changed.connect(self._on_media)
        self.retranslate()

    def retranslate(self) -> None:
        self.available_button.setText(self.tr("&Available"))
        self.pause_button.setText(self.tr("&Break"))
        self.offline_button.setText(self.tr("O&ffline"))
        self.settings_button.setText(self.tr("Settin&gs…"))
        self.reason.setToolTip(self.tr("Reason for the break (shown to supervisors)"))
        current = self.reason.currentText()
        self.reason.clear()
        self.reason.addItems(
            [self.tr("Break"), self.tr("Meeting"), self.tr("Back office"), self.tr("Lunch")]
        )
        if current:
            self.reason.setCurrentText(current)
        tips = {
            self.available_button: self.tr("Receive calls"),
            self.pause_button: self.tr("Stop receiving calls for a while"),
            self.offline_button: self.tr("Stay signed in without receiving calls"),
            self.cover_button: self.tr("Stop sending your picture at once"),
            self.settings_button: self.tr("Server, devices, language, outcomes"),
        }
        for button, tip in tips.items():
            button.setToolTip(with_shortcut(tip, self._keys[button]))
        self._on_identity(self._desk.identity)
        self._on_state(self._desk.state)
        self._on_link(self._desk.link)
        self._on_media(self._desk.media)

    def _on_identity(self, identity: Identity | None) -> None:
        if identity is None:
            self.who.setText("")
        else:
            self.who.setText(
                self.tr("%1 · %2")
                .replace("%1", identity.display_name)
                .replace("%2", identity.agency)
            )

    def _on_state(self, state: DeskState) -> None:
        text = texts.state_text(state)
        reason = self._desk.pause_reason
        if state is DeskState.PAUSED and reason:
            text = f"{text} ({reason})"
        self.state_label.setText(text)
        self.state_label.setStyleSheet(
            f"QLabel#stateBadge {{ color: white; background: {texts.state_colour(state)};"
            " padding: 2px 8px; border-radius: 4px; font-weight: bold; }"
        )
        self.available_button.setEnabled(self._desk.allowed(Action.GO_AVAILABLE))
        self.pause_button.setEnabled(self._desk.allowed(Action.PAUSE))
        self.reason.setEnabled(self._desk.allowed(Action.PAUSE))
        self.offline_button.setEnabled(self._desk.allowed(Action.GO_OFFLINE))

    def _on_link(self, status: LinkStatus) -> None:
        # Only worth the space when something is wrong or in progress.
        self.link_label.setVisible(status not in (LinkStatus.CONNECTED, LinkStatus.IDLE))
        self.link_label.setText(texts.link_text(status))

    def _on_media(self, media: MediaState) -> None:
        if not media.camera_on:
            self.camera_label.setText(self.tr("○ Camera off"))
        elif media.camera_covered:
            self.camera_label.setText(self.tr("▨ Camera covered"))
        else:
            self.camera_label.setText(self.tr("● Camera on"))
        self.cover_button.blockSignals(True)
        self.cover_button.setChecked(media.camera_covered)
        self.cover_button.blockSignals(False)
        self.cover_button.setText(
            self.tr("Show &camera") if media.camera_covered else self.tr("Cover &camera")
        )
