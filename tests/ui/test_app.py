"""The app bootstrap: qasync loop, window, sign-in page, clean shutdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from agentdesk.desk import DeskSettings, FrameSink
from agentdesk.ui import app
from agentdesk.ui.main_window import MainWindow


class Backend(app.UnwiredBackend):
    """The lead's client and engine are not wired yet: the unwired backend,
    plus a record of how the app used it."""

    def __init__(self, settings: DeskSettings) -> None:
        super().__init__()
        self.settings = settings
        self.sinks: tuple[FrameSink, FrameSink] | None = None
        self.closed = False
        self.seen: dict[str, Any] = {}

    def attach_video(self, local: FrameSink, remote: FrameSink) -> None:
        self.sinks = (local, remote)
        QTimer.singleShot(50, self._look_and_close)

    def _look_and_close(self) -> None:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        self.seen["page"] = window.pages.currentWidget()
        self.seen["sign_in"] = window.sign_in_panel
        self.seen["title"] = window.windowTitle()
        self.seen["message"] = window.last_message
        window.close()

    async def aclose(self) -> None:
        self.closed = True


def test_main_opens_in_french_and_shuts_down(
    qapp: QApplication, tmp_path: Path, no_keyring: None
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text("{not json")
    backends: list[Backend] = []

    def factory(settings: DeskSettings) -> Backend:
        backends.append(Backend(settings))
        return backends[0]

    argv = ["--config-dir", str(config), "--log-dir", str(tmp_path / "logs")]
    assert app.main(argv, backend_factory=factory) == 0
    [backend] = backends
    assert backend.closed and backend.sinks is not None
    assert backend.seen["page"] is backend.seen["sign_in"]
    assert backend.seen["title"] == "AgentDesk — guichet visio"
    assert "remis à leur valeur par défaut" in backend.seen["message"]
    assert list(config.glob("settings.json.bad-*"))
    assert (tmp_path / "logs" / "agentdesk.log").exists()
