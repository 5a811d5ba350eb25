"""The app shows its own icon and a tray icon that follows the agent's state,
and the settings offer the hardware test."""

from __future__ import annotations

import re
import sys
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from agentdesk.assets import TrayState
from agentdesk.desk import DeskSettings
from agentdesk.protocol import AgentState, CallState, Offered
from agentdesk.ui.icons import app_icon, tray_icon
from agentdesk.ui.selftest_dialog import SelfTestDialog, self_test_command
from agentdesk.ui.settings_dialog import SettingsDialog
from agentdesk.ui.tray import AgentTray

from .helpers import Harness, call, feed, status


def _image(icon: Any, size: int) -> QImage:
    return icon.pixmap(size, size).toImage()


def test_app_icon_has_every_size_and_tray_faces_differ(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    faces = {state: _image(tray_icon(state), 16) for state in TrayState}
    assert len({face.bits().tobytes() for face in faces.values()}) == len(TrayState)


def test_tray_follows_the_agent_state_in_french(harness: Harness) -> None:
    tray = AgentTray(harness.desk, harness.window)
    assert tray.face is TrayState.OFFLINE
    harness.signed_in(AgentState.AVAILABLE)
    assert tray.face is TrayState.AVAILABLE
    assert tray.toolTip() == "AgentDesk : Disponible"
    feed(harness.desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
    assert tray.face is TrayState.RINGING
    assert tray.toolTip() == "AgentDesk : Appel entrant"
    assert tray.icon().pixmap(16, 16).toImage() == _image(tray_icon(TrayState.RINGING), 16)
    feed(harness.desk, status(AgentState.IN_CALL, call_id="c1"))
    assert tray.face is TrayState.IN_CALL
    assert tray.toolTip() == "AgentDesk : En appel"  # as the badge says it
    feed(harness.desk, status(AgentState.PAUSED))
    assert tray.face is TrayState.PAUSED


def test_self_test_command_runs_this_installation() -> None:
    command = self_test_command("testsrc", None, "Casque USB", "fr")
    assert command == [sys.executable, "-m", "agentdesk", "self-test", "--json", "--language",
                       "fr", "--camera", "testsrc", "--speaker", "Casque USB"]  # fmt: skip


def test_settings_button_runs_the_hardware_test_and_shows_each_step(
    harness: Harness, qtbot: Any
) -> None:
    dialog = SettingsDialog(DeskSettings(camera="testsrc"), ["testsrc"], [], [], harness.window)
    qtbot.addWidget(dialog)
    assert dialog.test_button.text() == "T&ester mon matériel"
    dialog.test_button.click()
    test = dialog.self_test
    assert isinstance(test, SelfTestDialog)
    qtbot.waitUntil(lambda: test.finished_ok is not None, timeout=60_000)
    lines = [test.steps.item(i).text() for i in range(test.steps.count())]
    assert lines[0].startswith("[OK] Caméra : Mire de test"), lines
    assert any(line.startswith("[OK] Appel d'essai") for line in lines)
    assert len(lines) == 6
    # No sound card here: the speaker fails, and the verdict says so.
    assert test.summary.text().startswith("Verdict : 2 étape(s) en échec")
    assert test.finished_ok is False
    test.done(0)


def test_every_settings_shortcut_is_one_control(harness: Harness, qtbot: Any) -> None:
    """Alt+letter reaches one control: the hardware test's button and the text
    size came from two branches, both on Alt+T at first."""
    dialog = SettingsDialog(DeskSettings(), [], [], [], harness.window)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    keys = [m.lower() for text in texts for m in re.findall(r"(?<!&)&(\w)", text)]
    assert len(keys) > 10
    assert sorted(keys) == sorted(set(keys)), texts
