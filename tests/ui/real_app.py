"""The agent's app as app.run() composes it (app.compose: real backend, duty
keeper), for tests against a real switchboard process."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from agentdesk import desktop
from agentdesk.desk import (
    DeskSettings,
    SettingsStore,
)
from agentdesk.ui import app
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.main_window import MainWindow
from tests.support.switchboard import SwitchboardProcess, start_switchboard


async def until(predicate: Callable[[], bool], within: float = 30.0, what: str = "") -> None:
    """Polls while the qasync loop keeps Qt and asyncio running."""
    deadline = asyncio.get_running_loop().time() + within
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not within {within} s: {what}")
        await asyncio.sleep(0.05)


class App:
    """The app as app.run() wires it, with the dialogs answered by the test."""

    def __init__(
        self,
        tmp_path: Path,
        languages: LanguageSwitcher,
        server_url: str,
        qtbot: Any,
        *,
        clock: Callable[[], float] = time.time,
        auto_available: bool | None = None,
        devices_checked: bool = True,
        backend: app.BackendFactory | None = None,
    ) -> None:
        """``devices_checked``: False shows the first sign-in's device check;
        ``backend``: instead of ``agentdesk.desktop``'s (another sound card).
        A background task that fails goes to ``failures`` (in the app: the
        crash guard, whose box is « Erreur inattendue »)."""
        self.failures: list[BaseException] = []
        self.closed = asyncio.Event()
        """Set when the window closes, as app.run() waits for it."""
        self.print_path: Path | None = None
        self.save_folder = tmp_path / "saved"
        settings = DeskSettings(
            server_url=server_url, auto_available=auto_available, devices_checked=devices_checked
        )
        self.store = SettingsStore(tmp_path / "config")
        # The backend agentdesk.desktop builds, the parts app.run() composes.
        build = backend or desktop.backend_factory(["127.0.0.1"], "testsrc")
        self.backend: Any = build(settings)
        self.parts = app.compose(
            self.backend,
            settings,
            self.store,
            languages,
            clock=clock,
            on_task_error=self.failures.append,
            confirm=lambda _parent, _title, _text: True,
            choose_file=lambda _parent: self.print_path,
            choose_folder=lambda _parent: self.save_folder,
            tray=False,
        )
        self.desk, self.flow, self.duty = self.parts.desk, self.parts.flow, self.parts.duty
        self.window = self.parts.window
        self.window.closing.connect(self.closed.set)
        qtbot.addWidget(self.window)
        self.window.resize(1400, 900)
        self.window.show()

    def sign_in(self, login: str, password: str) -> None:
        panel = self.window.sign_in_panel
        panel.login.setText(login)
        panel.password.setText(password)
        panel.submit.click()

    async def close(self) -> None:
        """As app.run() ends once ``closed``."""
        await self.parts.aclose()


class Backends:
    """The backend factory the app is built with (``agentdesk.desktop``'s, the
    test pattern for a camera: this machine has none), remembering what it built."""

    def __init__(self) -> None:
        self._factory = desktop.backend_factory(["127.0.0.1"], "testsrc")
        self.built: list[app.Backend] = []

    def __call__(self, settings: DeskSettings) -> app.Backend:
        backend = self._factory(settings)
        self.built.append(backend)
        return backend


def look_then_close(look: Callable[[MainWindow], None]) -> QTimer:
    """Once the app's main window is shown, ``look`` at it, then close it as
    the agent would.  Keep the returned timer until the app has returned."""
    timer = QTimer()

    def poll() -> None:
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if shown:
            timer.stop()
            look(shown[0])
            shown[0].close()

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


@contextlib.asynccontextmanager
async def app_on_a_switchboard(
    db: Path,
    tmp_path: Path,
    languages: LanguageSwitcher,
    qtbot: Any,
    *extra: str,
    **options: Any,
) -> AsyncIterator[tuple[SwitchboardProcess, App]]:
    """A real switchboard process on ``db`` (``extra``: more serve options) and
    the app pointed at it (``options``: :class:`App`'s); both stopped at the end."""
    sb = await start_switchboard(db, *extra)
    try:
        app = App(tmp_path, languages, sb.url, qtbot, **options)
        try:
            yield sb, app
        finally:
            await app.close()
    finally:
        # Even when the app failed to build or to close.
        with contextlib.suppress(ProcessLookupError):
            await sb.stop()


Body = Callable[[SwitchboardProcess, App], Coroutine[Any, Any, None]]


class OnASwitchboard(Protocol):
    """The ``on_a_switchboard`` fixture (tests/ui/conftest.py): plays
    ``body(sb, app)``, the app in French on a real switchboard process
    started with ``extra`` serve options, built with ``options`` (:class:`App`'s)."""

    def __call__(self, body: Body, *extra: str, **options: Any) -> None: ...
