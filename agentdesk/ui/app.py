"""``agentdesk`` / ``agentdesk app``: the agent's desktop app.

One event loop for Qt and asyncio (qasync).  Services are built inside it and
handed to the widgets through constructors.  What talks to the switchboard and
the camera comes from a :class:`Backend` (the WIRING POINT, provided by the
switchboard client and the call engine); without one the app still opens and
says it cannot connect.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import ssl
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import msgspec
import qasync
from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt
from PySide6.QtWidgets import QApplication

from agentdesk.assets import APP_ID
from agentdesk.desk import (
    Action,
    Authenticator,
    CallJournal,
    ConnectionLost,
    CredentialStore,
    Desk,
    DeskState,
    DocumentsService,
    DutyKeeper,
    FrameSink,
    Language,
    LoopScheduler,
    MediaControls,
    NoMedia,
    Settings,
    SettingsProblem,
    SettingsStore,
    SignedIn,
    SignInError,
    SignInFlow,
    SignInProblem,
    Tokens,
    UnfinishedCall,
)
from agentdesk.desk.booking import Bookings
from agentdesk.desk.machine import MachineSetup, with_machine_defaults
from agentdesk.protocol import Base

from .crash import CrashGuard, log_to_file
from .first_run import CheckServer, ask_server_address, machine_problem_text
from .i18n_runtime import LanguageSwitcher
from .icons import app_icon
from .main_window import MainWindow
from .supervision.wiring import OpenSupervision

log = logging.getLogger(__name__)


class Backend(Protocol):
    """WIRING POINT — what the lead's client and engine provide to the app.

    - ``authenticator``: ``sign_in`` → ``agentdesk.client.auth.login(http_base(url), …)``,
      ``resume`` → ``refresh``; their ``AuthError`` is understood as is.
    - ``request``: ``SwitchboardClient.request`` (raises ``NotConnected`` before a session).
    - ``start_session``: build the client with a hello carrying the access token,
      ``client.add_listener(desk.apply)``, a state listener calling
      ``desk.set_link(state)``, feed stats to ``desk.update_quality`` and the
      document channel to ``desk.documents`` (begin/progress/complete/fail).
    - ``attach_video``: where to hand local (preview) and remote frames.
    - ``set_camera_wanted``: open the camera and its preview (then call
      ``desk.set_camera_on(True)``) or release it; the duty keeper decides.
    - ``aclose``: hang up, release camera and sound devices, close the client.
    """

    @property
    def authenticator(self) -> Authenticator: ...
    @property
    def documents(self) -> DocumentsService: ...
    @property
    def media(self) -> MediaControls: ...
    @property
    def bookings(self) -> Bookings | None: ...

    async def request(self, message: Base) -> Base: ...
    async def start_session(self, signed: SignedIn, desk: Desk) -> None: ...
    async def end_session(self) -> None: ...
    def attach_video(self, local: FrameSink, remote: FrameSink) -> None: ...
    def apply_settings(self, settings: Settings) -> None: ...
    def set_camera_wanted(self, wanted: bool) -> None: ...
    def test_ring(self, volume: int) -> None: ...
    def devices(self) -> tuple[list[str], list[str], list[str]]: ...
    async def aclose(self) -> None: ...


BackendFactory = Callable[[Settings], Backend]


@dataclass(frozen=True)
class AutoSignIn:
    """Credentials to sign in with at start-up (the demo's agent), instead of
    waiting for the sign-in page."""

    server_url: str
    login: str
    password: str
    go_available: bool = True
    """Available at once, so calls ring without a first click."""


class UnwiredBackend:
    """Stands in until the switchboard client and the engine are wired: every
    attempt to connect says so clearly instead of failing obscurely."""

    def __init__(self) -> None:
        self.authenticator: Authenticator = _NoAuthenticator()
        self.documents: DocumentsService = _NoDocuments()
        self.media: MediaControls = NoMedia()
        self.bookings: Bookings | None = None

    async def request(self, message: Base) -> Base:
        raise ConnectionLost("no switchboard client in this build")

    async def start_session(self, signed: SignedIn, desk: Desk) -> None:
        raise SignInError(SignInProblem.NOT_AVAILABLE)

    async def end_session(self) -> None:
        return None

    def attach_video(self, local: FrameSink, remote: FrameSink) -> None:
        return None

    def apply_settings(self, settings: Settings) -> None:
        return None

    def set_camera_wanted(self, wanted: bool) -> None:
        return None

    def test_ring(self, volume: int) -> None:
        return None

    def devices(self) -> tuple[list[str], list[str], list[str]]:
        return [], [], []

    async def aclose(self) -> None:
        return None


class _NoAuthenticator:
    async def sign_in(self, server_url: str, login: str, password: str) -> Tokens:
        raise SignInError(SignInProblem.NOT_AVAILABLE)

    async def resume(self, server_url: str, refresh_token: str) -> Tokens:
        raise SignInError(SignInProblem.NOT_AVAILABLE)


class _NoDocuments:
    async def request_scan(self, call_id: str) -> None:
        raise ConnectionLost("no document channel in this build")

    async def print_file(self, call_id: str, path: Path) -> None:
        raise ConnectionLost("no document channel in this build")


def settings_problem_text(problems: list[SettingsProblem], backup: Path | None) -> str:
    names = ", ".join(p.field for p in problems if p.field) or QCoreApplication.translate(
        "App", "the whole file"
    )
    text = QCoreApplication.translate(
        "App", "Some settings were damaged and were reset to their defaults: %1."
    ).replace("%1", names)
    if backup is not None:
        text += " " + QCoreApplication.translate("App", "A copy was kept in %1.").replace(
            "%1", str(backup)
        )
    return text


def _stop_on_signals(loop: asyncio.AbstractEventLoop, closed: asyncio.Event) -> Callable[[], None]:
    """Ctrl+C in a terminal, or the session ending (SIGTERM), shuts the app
    down as closing its window does: call hung up, camera released, switchboard
    told.

    Python only runs a signal handler when the interpreter gets control back;
    while Qt waits in C (the sign-in page, where nothing ticks) that may be
    never.  The C handler also writes the signal's number to a socket that Qt
    watches, which wakes the interpreter at once."""

    def stop(_signum: int, _frame: object) -> None:
        loop.call_soon_threadsafe(closed.set)

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()

    return restore


async def _unless_closed(asking: Awaitable[str], closed: asyncio.Event) -> str | None:
    """What ``asking`` gives, or None if the app is told to stop first (the
    question is cancelled: its dialog closes)."""
    answer = asyncio.ensure_future(asking)
    stop = asyncio.ensure_future(closed.wait())
    try:
        await asyncio.wait({answer, stop}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
        if not answer.done():
            answer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await answer
    return None if answer.cancelled() else answer.result()


async def _available_when_ready(desk: Desk) -> None:
    """Goes available once the switchboard has said where the agent stands
    (unless the duty keeper already did, at the start of a permanence)."""
    ready = asyncio.Event()

    def check(_state: DeskState) -> None:
        if desk.state not in (DeskState.SIGNED_OUT,):
            ready.set()

    desk.events.state_changed.connect(check)
    try:
        check(desk.state)
        await asyncio.wait_for(ready.wait(), 30)
    finally:
        desk.events.state_changed.disconnect(check)
    if desk.allowed(Action.GO_AVAILABLE):
        await desk.go_available()


def _fit_to_screen(window: MainWindow) -> None:
    """A first size that uses the screen: video and documents side by side need room.
    In proportion to the screen, so it holds at 125% and 150% scaling too; a
    small screen (a laptop at 150 %) gets the whole of it."""
    area = window.screen().availableGeometry()
    if area.width() < 1200 or area.height() < 700:
        window.resize(area.size())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    window.resize(int(area.width() * 0.85), int(area.height() * 0.85))


def unfinished_call_text(call: UnfinishedCall) -> str:
    return (
        QCoreApplication.translate(
            "App",
            "AgentDesk stopped during a call from %1 (%2). The switchboard put the "
            "resident back at the head of the queue: they will be offered to the "
            "next available agent.",
        )
        .replace("%1", call.commune)
        .replace("%2", call.service)
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="agentdesk app", description="The agent's video desk.")
    parser.add_argument("--config-dir", type=Path, help="settings folder (default: the user's)")
    parser.add_argument("--language", choices=[lang.value for lang in Language])
    parser.add_argument("--log-dir", type=Path, help="log folder (default: the user's)")
    args, _qt_args = parser.parse_known_args(argv)
    return args


async def run(
    app: QApplication,
    args: argparse.Namespace,
    guard: CrashGuard,
    backend_factory: BackendFactory | None,
    auto_sign_in: AutoSignIn | None = None,
    machine: MachineSetup | None = None,
    check_server: CheckServer | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> int:
    store = SettingsStore(args.config_dir or SettingsStore.default_dir())
    first_start = not store.path.exists()
    loaded = store.load()
    settings = loaded.settings
    if machine is not None:
        settings = with_machine_defaults(settings, machine.config, first_start)
    languages = LanguageSwitcher(app)
    languages.use(Language(args.language) if args.language else settings.language)
    # From the first page on: a session that ends (SIGTERM) or Ctrl+C ends the app.
    closed = asyncio.Event()
    restore_signals = _stop_on_signals(asyncio.get_running_loop(), closed)
    if not settings.server_url and auto_sign_in is None and check_server is not None:
        # Saved only once a switchboard answered at that address.
        log.info("first-run page shown")
        server_url = await _unless_closed(ask_server_address(check_server), closed)
        if server_url is None:
            log.info("closed on the first-run page")
            restore_signals()
            languages.remove()
            return 0
        if server_url:
            settings = msgspec.structs.replace(settings, server_url=server_url)
            store.save(settings)

    # WIRING POINT: the lead passes a factory building the client + engine backend.
    backend: Backend = backend_factory(settings) if backend_factory else UnwiredBackend()
    desk = Desk(
        backend.request,
        media=backend.media,
        auto_accept=settings.auto_accept,
        on_task_error=guard.report,
    )
    flow = SignInFlow(backend.authenticator, CredentialStore(), store, settings)

    supervision = OpenSupervision(guard.report, ssl_context)
    duty = DutyKeeper(
        desk,
        backend,
        LoopScheduler(),
        lambda: flow.settings.duty(),
        on_task_error=guard.report,
    )

    async def start_session(signed: SignedIn) -> None:
        if signed.tokens.role == "supervisor":
            await supervision(signed, window)
            return
        await backend.start_session(signed, desk)
        duty.start()

    window = MainWindow(
        desk,
        flow,
        backend.documents,
        start_session,
        store,
        languages=languages,
        end_session=backend.end_session,
        devices=backend.devices(),
        duty=duty,
        bookings=lambda: backend.bookings,
        test_ring=backend.test_ring,
    )
    guard.set_show(window.show_bug)
    window.settings_changed.connect(backend.apply_settings)
    backend.attach_video(window.local_video_sink, window.remote_video_sink)
    window.closing.connect(closed.set)
    app.aboutToQuit.connect(closed.set)
    _fit_to_screen(window)
    window.show()
    log.info("window shown")
    if loaded.problems:
        window.tell(settings_problem_text(loaded.problems, loaded.backup))
    if machine is not None and machine.problem is not None:
        window.tell(machine_problem_text(machine))
    journal = CallJournal(store.config_dir)
    unfinished = journal.take_unfinished()
    if unfinished is not None:
        window.tell(unfinished_call_text(unfinished))
    desk.events.call_changed.connect(journal.follow)

    try:
        window.sign_in_panel.set_busy(True)
        signed: SignedIn | None
        if auto_sign_in is not None:
            window.sign_in_panel.prefill(auto_sign_in.server_url, auto_sign_in.login)
            signed = await flow.sign_in(
                auto_sign_in.server_url, auto_sign_in.login, auto_sign_in.password, False
            )
        else:
            signed = await flow.resume()
        if signed is None:
            log.info("sign-in page shown")
        else:
            await start_session(signed)
            if auto_sign_in is not None and auto_sign_in.go_available:
                window.runner.run(_available_when_ready(desk), "go-available")
    except SignInError as exc:
        window.sign_in_panel.show_problem(exc)
    finally:
        window.sign_in_panel.set_busy(False)

    await closed.wait()
    restore_signals()
    # Shutdown: our tasks first, then the engine and the connection.
    await window.runner.aclose()
    await supervision.aclose()
    await duty.aclose()
    await desk.aclose()
    await backend.aclose()
    window.deleteLater()
    languages.remove()
    return 0


def main(
    argv: list[str],
    *,
    backend_factory: BackendFactory | None = None,
    auto_sign_in: AutoSignIn | None = None,
    machine: MachineSetup | None = None,
    check_server: CheckServer | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> int:
    """``machine``: the IT team's presets; ``check_server``: the first-run check
    (without it, no first-run page: the sign-in page asks for the address);
    ``ssl_context``: the authorities trusted for the switchboard, for the
    supervisor's session (the agent's comes with the backend)."""
    args = parse_args(argv)
    import platformdirs

    log_dir = args.log_dir or Path(platformdirs.user_log_dir("agentdesk", appauthor=False))
    log_handler = log_to_file(log_dir)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName("AgentDesk")
    app.setOrganizationName("AgentDesk")
    app.setWindowIcon(app_icon())
    # Wayland and the docks match the window to its .desktop entry (and icon) by this.
    app.setDesktopFileName(APP_ID)
    # The window's closing signal ends the app, after confirmation and cleanup.
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    guard = CrashGuard(lambda text: log.error("%s", text))
    guard.install(loop)
    log.info("AgentDesk starting; log in %s", log_dir)
    try:
        return int(
            loop.run_until_complete(
                run(
                    app,
                    args,
                    guard,
                    backend_factory,
                    auto_sign_in,
                    machine,
                    check_server,
                    ssl_context,
                )
            )
        )
    finally:
        guard.uninstall(loop)
        loop.close()
        asyncio.set_event_loop(None)
        logging.getLogger().removeHandler(log_handler)
        log_handler.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
