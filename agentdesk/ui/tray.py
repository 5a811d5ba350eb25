"""The tray icon: the agent's state at a glance (available, ringing, in a call,
paused, offline), in its picture and its tooltip; its menu shows the window,
changes the presence and quits, so the desk can run with its window closed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from agentdesk.assets import TrayState
from agentdesk.desk import Action, Desk, DeskState

from .icons import tray_icon
from .texts import state_word

TRAY_STATE = {
    DeskState.SIGNED_OUT: TrayState.OFFLINE,
    DeskState.OFFLINE: TrayState.OFFLINE,
    DeskState.AVAILABLE: TrayState.AVAILABLE,
    DeskState.PAUSED: TrayState.PAUSED,
    DeskState.OFFERED: TrayState.RINGING,
    DeskState.IN_CALL: TrayState.IN_CALL,
    DeskState.WRAP_UP: TrayState.IN_CALL,
}


@dataclass(frozen=True)
class TrayActions:
    """What the tray's menu does, the window's own ways of doing it."""

    show_window: Callable[[], None]
    go_available: Callable[[], None]
    pause_menu: QMenu
    """The presence bar's list of reasons: the same words, the same requests."""
    quit: Callable[[], None]


class AgentTray(QSystemTrayIcon):
    """Not a widget, so Qt sends it no LanguageChange: the main window's
    ``retranslate`` calls ours."""

    def __init__(self, desk: Desk, parent: QWidget, actions: TrayActions | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.face = TrayState.OFFLINE
        self._state = desk.state
        self.menu = QMenu(parent)
        self.show_action = QAction(self.menu)
        self.available_action = QAction(self.menu)
        self.pause_action = QAction(self.menu)
        self.quit_action = QAction(self.menu)
        if actions is not None:
            self.show_action.triggered.connect(actions.show_window)
            self.available_action.triggered.connect(actions.go_available)
            self.pause_action.setMenu(actions.pause_menu)
            self.quit_action.triggered.connect(actions.quit)
            self.activated.connect(self._on_activated)
            self.messageClicked.connect(actions.show_window)
            self._show_window = actions.show_window
            for action in (self.show_action, self.available_action, self.pause_action):
                self.menu.addAction(action)
            self.menu.addSeparator()
            self.menu.addAction(self.quit_action)
            self.setContextMenu(self.menu)
        desk.events.state_changed.subscribe(self._on_state)
        desk.events.presence_changed.subscribe(self._on_state)
        self._on_state(desk.state)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()

    def _on_state(self, _changed: object) -> None:
        self._state = self._desk.state
        self.face = TRAY_STATE[self._state]
        self.setIcon(tray_icon(self.face))
        self.available_action.setEnabled(self._desk.allowed(Action.GO_AVAILABLE))
        self.pause_action.setEnabled(self._desk.allowed(Action.PAUSE))
        self.retranslate()

    def retranslate(self) -> None:
        # The badge's words (ui/texts.py): the same state, the same words.
        self.setToolTip(self.tr("AgentDesk: %1").replace("%1", state_word(self._state)))
        self.show_action.setText(self.tr("Show"))
        self.available_action.setText(self.tr("Available"))
        self.pause_action.setText(self.tr("Break"))
        self.quit_action.setText(self.tr("Quit"))


def make_tray(
    parent: QWidget, desk: Desk, actions: TrayActions, *, available: bool | None = None
) -> AgentTray | None:
    """``available``: whether the desktop has a tray (None: ask Qt; offscreen
    and some desktops have none, and then the window is the only way in)."""
    if not (QSystemTrayIcon.isSystemTrayAvailable() if available is None else available):
        return None
    tray = AgentTray(desk, parent, actions)
    tray.show()
    return tray
