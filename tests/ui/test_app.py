"""The app bootstrap: qasync loop, window, sign-in page, clean shutdown,
built as ``agentdesk.desktop`` builds it (the real backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from agentdesk.station.backend import DeskBackend
from agentdesk.ui import app
from agentdesk.ui.main_window import MainWindow
from tests.ui.real_app import Backends, look_then_close


def test_main_opens_in_french_and_shuts_down(
    qapp: QApplication, tmp_path: Path, no_keyring: None
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text("{not json")
    seen: dict[str, Any] = {}

    def look(window: MainWindow) -> None:
        seen["on_sign_in"] = window.pages.currentWidget() is window.sign_in_panel
        seen["title"] = window.windowTitle()
        seen["message"] = window.last_message

    backends = Backends()
    argv = ["--config-dir", str(config), "--log-dir", str(tmp_path / "logs")]
    timer = look_then_close(look)
    assert app.main(argv, backend_factory=backends) == 0
    timer.stop()
    [backend] = backends.built
    assert isinstance(backend, DeskBackend)
    assert seen["on_sign_in"]
    assert seen["title"] == "AgentDesk — guichet visio"
    assert "remis à leur valeur par défaut" in seen["message"]
    assert list(config.glob("settings.json.bad-*"))
    assert (tmp_path / "logs" / "agentdesk.log").exists()
