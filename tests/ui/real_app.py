"""The agent's app as app.run() wires it (real backend, duty keeper), for
tests against a real switchboard process."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from agentdesk.desk import (
    CredentialStore,
    Desk,
    DutyKeeper,
    LoopScheduler,
    Settings,
    SettingsStore,
    SignInFlow,
)
from agentdesk.station.backend import DeskBackend
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
    ) -> None:
        self.print_path: Path | None = None
        self.save_folder = tmp_path / "saved"
        settings = Settings(server_url=server_url, auto_available=auto_available)
        self.store = SettingsStore(tmp_path / "config")
        self.backend = DeskBackend(
            settings, allowed_addresses=["127.0.0.1"], camera_device="testsrc"
        )
        self.desk = Desk(self.backend.request, media=self.backend.media, clock=clock)
        self.flow = SignInFlow(self.backend.authenticator, CredentialStore(), self.store, settings)
        # As app.run() wires it: the duty keeper opens the camera.
        self.duty = DutyKeeper(
            self.desk, self.backend, LoopScheduler(clock), lambda: self.flow.settings.duty()
        )
        self.window = MainWindow(
            self.desk,
            self.flow,
            self.backend.documents,
            self._start_session,
            self.store,
            languages=languages,
            confirm=lambda _parent, _title, _text: True,
            choose_file=lambda _parent: self.print_path,
            choose_folder=lambda _parent: self.save_folder,
            tray=False,
            end_session=self.backend.end_session,
            duty=self.duty,
            bookings=lambda: self.backend.bookings,
        )
        qtbot.addWidget(self.window)
        self.backend.attach_video(self.window.local_video_sink, self.window.remote_video_sink)
        self.window.settings_changed.connect(self.backend.apply_settings)
        self.window.resize(1400, 900)
        self.window.show()

    async def _start_session(self, signed: Any) -> None:
        await self.backend.start_session(signed, self.desk)
        self.duty.start()

    def sign_in(self, login: str, password: str) -> None:
        panel = self.window.sign_in_panel
        panel.login.setText(login)
        panel.password.setText(password)
        panel.submit.click()

    async def close(self) -> None:
        await self.window.runner.aclose()
        await self.duty.aclose()
        await self.desk.aclose()
        await self.backend.aclose()


@contextlib.asynccontextmanager
async def app_on_a_switchboard(
    db: Path, tmp_path: Path, languages: LanguageSwitcher, qtbot: Any
) -> AsyncIterator[tuple[SwitchboardProcess, App]]:
    """A real switchboard process on ``db`` and the app pointed at it; both
    stopped at the end."""
    sb = await start_switchboard(db)
    app = App(tmp_path, languages, sb.url, qtbot)
    try:
        yield sb, app
    finally:
        await app.close()
        with contextlib.suppress(ProcessLookupError):
            await sb.stop()
