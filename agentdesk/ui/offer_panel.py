"""An incoming call: what it is, accept or decline, and the ring."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from agentdesk.desk import Desk, Offer

from . import texts
from .common import Retranslating, heading, shortcut, with_shortcut
from .runner import ActionRunner

log = logging.getLogger(__name__)


class Ringer:
    """Draws the agent's attention: a tray notification, the window forward.
    The ringtone itself plays through the agent's speaker (station/alerts.py)."""

    def __init__(self, window: QWidget, tray: QSystemTrayIcon | None) -> None:
        self._window = window
        self._tray = tray
        self.ringing = False

    def start(self, title: str, text: str) -> None:
        self.ringing = True
        if self._tray is not None and self._tray.isVisible():
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        window = self._window.window()
        if window.isMinimized() or window.isHidden():
            # Minimised, or closed to the tray: the call needs its buttons.
            window.showNormal()
        window.raise_()
        window.activateWindow()
        QApplication.alert(window)

    def stop(self) -> None:
        self.ringing = False


class OfferPanel(Retranslating, QFrame):
    def __init__(
        self, desk: Desk, runner: ActionRunner, ringer: Ringer | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._runner = runner
        self._ringer = ringer
        self.setFrameShape(QFrame.Shape.Box)
        self.setObjectName("offerPanel")
        self.setStyleSheet("QFrame#offerPanel { border: 2px solid #0b5cad; }")

        self.title = heading()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.countdown = QLabel()
        self.accept_button = QPushButton()
        self.decline_button = QPushButton()
        self.notice = QLabel()
        self.notice.setWordWrap(True)

        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.details)
        text.addWidget(self.countdown)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.decline_button)

        self._keys = {
            self.accept_button: shortcut(self.accept_button, "Ctrl+Shift+A"),
            self.decline_button: shortcut(self.decline_button, "Ctrl+Shift+D"),
        }
        self.accept_button.clicked.connect(lambda: self._runner.run(self._desk.accept(), "accept"))
        self.decline_button.clicked.connect(
            lambda: self._runner.run(self._desk.decline(), "decline")
        )
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh_countdown)

        desk.events.offer_changed.subscribe(self._on_offer)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("☎ Incoming call"))
        self.accept_button.setText(self.tr("&Accept"))
        self.decline_button.setText(self.tr("&Decline"))
        self.accept_button.setToolTip(
            with_shortcut(self.tr("Answer this call"), self._keys[self.accept_button])
        )
        self.decline_button.setToolTip(
            with_shortcut(
                self.tr("The call goes back to the queue for another agent"),
                self._keys[self.decline_button],
            )
        )
        self._show(self._desk.offer, ring=False)

    def _on_offer(self, offer: Offer | None) -> None:
        self._show(offer, ring=True)

    def _show(self, offer: Offer | None, *, ring: bool) -> None:
        self.setVisible(offer is not None)
        if offer is None:
            self._tick.stop()
            if self._ringer is not None:
                self._ringer.stop()
            return
        details = texts.call_heading(offer.call, self._desk.day)
        if offer.note:
            # A colleague's transfer note: read before answering.
            details += "\n" + self.tr("Note from %1: %2").replace(
                "%1", offer.note_from or self.tr("the previous agent")
            ).replace("%2", offer.note)
        self.details.setText(details)
        self._refresh_countdown()
        self._tick.start()
        if ring and self._ringer is not None:
            self._ringer.start(self.tr("Incoming call"), details)
            if self.accept_button.isVisible():
                self.accept_button.setFocus()

    def _refresh_countdown(self) -> None:
        offer = self._desk.offer
        if offer is None:
            return
        seconds = int(offer.remaining_s(self._desk.now()))
        self.countdown.setText(self.tr("Rings for %n more second(s)", "", seconds))
