"""The top bar: who is signed in, presence, connection and camera state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import (
    Action,
    ConnectionState,
    Desk,
    DeskState,
    Identity,
    MediaState,
    PauseReason,
)

from . import texts
from .common import Retranslating, shortcut, with_shortcut
from .runner import ActionRunner

_REASONS = (
    PauseReason.BREAK,
    PauseReason.LUNCH,
    PauseReason.MEETING,
    PauseReason.BACK_OFFICE,
    PauseReason.TRAINING,
)
"""Offered in the break menu; sent as codes, shown in words on both sides."""
BADGE_PADDING = 8
"""Pixels left and right of the state badge's text."""


class PresenceBar(Retranslating, QFrame):
    sign_out_requested = Signal()

    def __init__(self, desk: Desk, runner: ActionRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.who = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("stateBadge")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label = QLabel()
        # A long reason must not widen the window beyond a small screen.
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.available_button = QPushButton()
        self.pause_button = QPushButton()
        self.pause_menu = QMenu(self.pause_button)
        self.pause_button.setMenu(self.pause_menu)
        self.offline_button = QPushButton()
        self.link_label = QLabel()
        self.camera_label = QLabel()
        self.cover_button = QPushButton()
        self.cover_button.setCheckable(True)
        self.settings_button = QPushButton()
        self.sign_out_button = QPushButton()

        # ``who``, ``link_label`` and ``camera_label`` are shown by the main window's status bar:
        # the bar must stay narrow enough for 150 % scaling.
        row = QHBoxLayout()
        row.addWidget(self.state_label)
        row.addWidget(self.available_button)
        row.addWidget(self.pause_button)
        row.addWidget(self.offline_button)
        row.addStretch(1)
        row.addWidget(self.cover_button)
        row.addWidget(self.settings_button)
        row.addWidget(self.sign_out_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addLayout(row)
        # Its own line, always there (empty or not), so nothing below moves.
        layout.addWidget(self.detail_label)

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
        self.offline_button.clicked.connect(
            lambda: self._runner.run(self._desk.go_offline(), "go-offline")
        )
        self.cover_button.toggled.connect(self._desk.set_camera_covered)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

        desk.events.state_changed.subscribe(self._on_state)
        desk.events.presence_changed.subscribe(self._on_state)
        desk.events.identity_changed.subscribe(self._on_identity)
        desk.events.link_changed.subscribe(self._on_link)
        desk.events.media_changed.subscribe(self._on_media)
        self.retranslate()

    def pause(self, reason: PauseReason) -> None:
        self._runner.run(self._desk.pause(reason.value), "pause")

    def retranslate(self) -> None:
        self.available_button.setText(self.tr("&Available"))
        self.pause_button.setText(self.tr("&Break"))
        self.offline_button.setText(self.tr("O&ffline"))
        self.settings_button.setText(self.tr("Settin&gs…"))
        self.sign_out_button.setText(self.tr("Sign &out"))
        self.pause_menu.clear()
        for reason in _REASONS:
            action = QAction(texts.reason_text(reason.value), self.pause_menu)
            action.triggered.connect(lambda _checked=False, r=reason: self.pause(r))
            self.pause_menu.addAction(action)
        tips = {
            self.available_button: self.tr("Receive calls (during a call: after it)"),
            self.pause_button: self.tr(
                "Stop receiving calls for a while, with a reason (during a call: after it)"
            ),
            self.offline_button: self.tr(
                "Stay signed in without receiving calls (during a call: after it)"
            ),
            self.cover_button: self.tr("Stop sending your picture at once"),
            self.settings_button: self.tr("Server, devices, language, outcomes"),
        }
        for button, tip in tips.items():
            button.setToolTip(with_shortcut(tip, self._keys[button]))
        self.sign_out_button.setToolTip(self.tr("End your session on this computer"))
        for button in (*tips, self.sign_out_button):
            button.setAccessibleName(button.text().replace("&", ""))
        # The widest text of each label that changes, so nothing moves when it does.
        metrics = self.state_label.fontMetrics()
        self.detail_label.setFixedHeight(self.detail_label.fontMetrics().lineSpacing())
        # The badge's own font is bold (its style sheet): measured in plain
        # type, the longest states widened it and pushed the buttons by 7 px.
        # (The bar's own font: the badge's follows it only after this event.)
        bold = QFont(self.font())
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(texts.state_text(s)) for s in DeskState)
        self.state_label.setFixedWidth(widest + 2 * BADGE_PADDING + 8)
        self.camera_label.setMinimumWidth(
            max(metrics.horizontalAdvance(text) for text in self._camera_texts())
        )
        self.cover_button.setMinimumWidth(
            max(
                self.cover_button.fontMetrics().horizontalAdvance(t.replace("&", ""))
                for t in (self.tr("Show &camera"), self.tr("Cover &camera"))
            )
            + 24
        )
        self._on_identity(self._desk.identity)
        self._on_state(self._desk.state)
        self._on_link(self._desk.link)
        self._on_media(self._desk.media)

    def _camera_texts(self) -> list[str]:
        return [
            self.tr("○ Camera off"),
            self.tr("▨ Camera covered"),
            self.tr("● Camera on"),
            self.tr("⚠ No camera"),
        ]

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
        state = self._desk.state
        self.state_label.setText(texts.state_text(state))
        self.state_label.setAccessibleName(texts.state_text(state))
        detail = texts.presence_detail(state, self._desk.pause_reason, self._desk.next_presence)
        self.detail_label.setText(detail)
        self.detail_label.setToolTip(detail)
        self.state_label.setStyleSheet(
            f"QLabel#stateBadge {{ color: white; background: {texts.state_colour(state)};"
            f" padding: 2px {BADGE_PADDING}px; border-radius: 4px; font-weight: bold; }}"
        )
        self.camera_label.setVisible(state is not DeskState.SIGNED_OUT)
        self.available_button.setEnabled(self._desk.allowed(Action.GO_AVAILABLE))
        self.pause_button.setEnabled(self._desk.allowed(Action.PAUSE))
        self.offline_button.setEnabled(self._desk.allowed(Action.GO_OFFLINE))
        self.sign_out_button.setEnabled(not state.busy)

    def _on_link(self, status: ConnectionState) -> None:
        # Only worth the space when something is wrong or in progress.
        self.link_label.setVisible(status not in (ConnectionState.CONNECTED, ConnectionState.IDLE))
        self.link_label.setText(texts.link_text(status))

    def _on_media(self, media: MediaState) -> None:
        off, covered, on, missing = self._camera_texts()
        problems = []
        if not media.camera_on:
            self.camera_label.setText(off)
        elif media.camera_missing:
            # What the resident really sees, not what was asked of the camera.
            self.camera_label.setText(missing)
            problems.append(self.tr("No camera works: the resident sees a test card saying so."))
            if media.camera_problem is not None:
                problems.append(texts.device_problem_text(media.camera_problem))
        elif media.camera_covered:
            self.camera_label.setText(covered)
        else:
            self.camera_label.setText(on)
        if media.microphone_missing:
            self.camera_label.setText(self.camera_label.text() + " · " + self.tr("⚠ No microphone"))
            problems.append(self.tr("No microphone works: the resident hears silence."))
        if media.microphone_problem is not None:
            problems.append(texts.device_problem_text(media.microphone_problem))
        tip = " ".join(problems) or self.tr("Choose devices in the settings")
        self.camera_label.setToolTip(tip)
        self.camera_label.setAccessibleName(self.camera_label.text())
        self.camera_label.setAccessibleDescription(tip)
        self.cover_button.blockSignals(True)
        self.cover_button.setChecked(media.camera_covered)
        self.cover_button.blockSignals(False)
        self.cover_button.setText(
            self.tr("Show &camera") if media.camera_covered else self.tr("Cover &camera")
        )
