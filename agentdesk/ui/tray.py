"""The tray icon: the agent's state at a glance (available, ringing, in a call,
paused, offline), in its picture and its tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from agentdesk.assets import TrayState
from agentdesk.desk import Desk, DeskState

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


class AgentTray(QSystemTrayIcon):
    """Not a widget, so Qt sends it no LanguageChange: the main window's
    ``retranslate`` calls ours."""

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self.face = TrayState.OFFLINE
        self._state = desk.state
        desk.events.state_changed.subscribe(self._on_state)
        self._on_state(desk.state)

    def _on_state(self, state: DeskState) -> None:
        self._state = state
        self.face = TRAY_STATE[state]
        self.setIcon(tray_icon(self.face))
        self.retranslate()

    def retranslate(self) -> None:
        # The badge's words (ui/texts.py): the same state, the same words.
        self.setToolTip(self.tr("AgentDesk: %1").replace("%1", state_word(self._state)))


def make_tray(parent: QWidget, desk: Desk) -> AgentTray | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = AgentTray(desk, parent)
    tray.show()
    return tray
