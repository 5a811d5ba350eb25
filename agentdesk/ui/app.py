"""The agent's desktop app, its widgets' half: started by ``agentdesk.desktop``.

One event loop for Qt and asyncio (ui/event_loop.py).  Services are built
inside it and handed to the widgets through constructors.  What talks to the
switchboard and the camera comes from a :class:`Backend`, which
``agentdesk.desktop`` builds (``DeskBackend``): this package imports no
network or media library.
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
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import msgspec
from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt
from PySide6.QtWidgets import QApplication

from agentdesk.assets import APP_ID
from agentdesk.desk import (
    Action,
    Authenticator,
    CallJournal,
    CredentialStore,
    Desk,
    DeskError,
    DeskSettings,
    DeskState,
    DocumentsService,
    DutyKeeper,
    FrameSink,
    Language,
    LoopScheduler,
    MediaControls,
    SettingsProblem,
    SettingsStore,
    SignedIn,
    SignInError,
    SignInFlow,
    UnfinishedCall,
)
from agentdesk.desk.booking import Bookings
from agentdesk.desk.closing import end_on_close
from agentdesk.desk.machine import MachineSetup, with_machine_defaults
from agentdesk.desk.reaching import until
from agentdesk.protocol import Base

from .common import Confirm, ask
from .crash import CrashGuard, log_to_file
from .device_check import DeviceHold
from .documents_panel import ChooseFile, ChooseFolder
from .event_loop import AppEventLoop
from .file_dialogs import choose_print_file, choose_save_folder
from .first_run import CheckServer, ask_server_address, machine_problem_text
from .gui_collector import GuiThreadCollector
from .i18n_runtime import LanguageSwitcher
from .icons import app_icon
from .main_window import MainWindow
from .supervision.wiring import OpenSupervision

log = logging.getLogger(__name__)


class Backend(Protocol):
    """What the switchboard client and the call engine give the widgets;
    ``agentdesk.station.backend.DeskBackend`` is the one implementation, built
    by ``agentdesk.desktop`` (the composition root: this package imports no
    network or media library).

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
    - ``device_check``: the devices live for a check screen (camera frames
      to the sink given, the microphone's level, the test ring through the
      chosen speaker), tried at once, given back on ``close()``.
    - ``aclose``: release camera and sound devices, close the client (the
      call ended and « offline » told first: ``agentdesk.desk.closing``).
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
    def apply_settings(self, settings: DeskSettings) -> None: ...
    def set_camera_wanted(self, wanted: bool) -> None: ...
    def test_ring(self, volume: int) -> None: ...
    def device_check(self, preview: FrameSink) -> DeviceHold: ...
    def devices(self) -> tuple[list[str], list[str], list[str]]: ...
    async def aclose(self) -> None: ...


BackendFactory = Callable[[DeskSettings], Backend]


@dataclass(frozen=True)
class AutoSignIn:
    """Credentials to sign in with at start-up (the demo's agent), instead of
    waiting for the sign-in page."""

    server_url: str
    login: str
    password: str
    go_available: bool = True
    """Available at once, so calls ring without a first click."""


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
    """Goes available once the switchboard has said where the agent stands.
    The duty keeper may ask the same at the start of a permanence: the desk
    makes the two one request (or none, once available)."""
    await asyncio.wait_for(until(desk, lambda: desk.state is not DeskState.SIGNED_OUT), 30)
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


@dataclass
class Composition:
    """The app's parts, wired: what :func:`run` shows, and what the tests
    against a real switchboard drive (tests/ui/real_app.py)."""

    backend: Backend
    desk: Desk
    flow: SignInFlow
    duty: DutyKeeper
    supervision: OpenSupervision
    window: MainWindow

    async def start_session(self, signed: SignedIn, *, go_available: bool = False) -> None:
        """``go_available``: once the switchboard has said where the agent
        stands (the demo's agent, so calls ring without a first click)."""
        if signed.tokens.role == "supervisor":
            await self.supervision(signed, self.window)
            return
        await self.backend.start_session(signed, self.desk)
        self.duty.start()
        if go_available:
            self.window.runner.run(_available_when_ready(self.desk), "go-available")

    async def aclose(self) -> None:
        # Nothing decides by itself any more (available at a permanence's
        # start), then the call ends while the connection stands
        # (desk/closing.py), then our tasks, the engine and the connection.
        await self.duty.aclose()
        await end_on_close(self.desk, self.window.wrap_up_panel.as_it_stands)
        await self.window.runner.aclose()
        await self.supervision.aclose()
        await self.desk.aclose()
        await self.backend.aclose()


def compose(
    backend: Backend,
    settings: DeskSettings,
    store: SettingsStore,
    languages: LanguageSwitcher,
    *,
    on_task_error: Callable[[BaseException], None] | None = None,
    ssl_context: ssl.SSLContext | None = None,
    clock: Callable[[], float] = time.time,
    confirm: Confirm = ask,
    choose_file: ChooseFile = choose_print_file,
    choose_folder: ChooseFolder = choose_save_folder,
    tray: bool = True,
) -> Composition:
    """The desk, the sign-in, the duty keeper and the window around ``backend``.
    ``confirm``, ``choose_*``: the dialogs (a test answers them)."""

    def task_failed(exc: BaseException) -> None:
        # A step the desk or the keeper took by itself (auto-accept, available
        # at a permanence's start) and that was refused: a sentence in the
        # agent's words, as for a click, not the crash guard's box.
        if isinstance(exc, DeskError) or on_task_error is None:
            composition.window.runner.report(exc)
        else:
            on_task_error(exc)

    desk = Desk(
        backend.request,
        media=backend.media,
        clock=clock,
        auto_accept=settings.auto_accept,
        on_task_error=task_failed,
    )
    flow = SignInFlow(backend.authenticator, CredentialStore(), store, settings)
    duty = DutyKeeper(
        desk,
        backend,
        LoopScheduler(clock),
        lambda: flow.settings.duty(),
        on_task_error=task_failed,
    )

    async def start_session(signed: SignedIn) -> None:
        await composition.start_session(signed)

    window = MainWindow(
        desk,
        flow,
        backend.documents,
        start_session,
        store,
        languages=languages,
        confirm=confirm,
        choose_file=choose_file,
        choose_folder=choose_folder,
        tray=tray,
        end_session=backend.end_session,
        devices=backend.devices(),
        duty=duty,
        bookings=lambda: backend.bookings,
        test_ring=backend.test_ring,
        device_check=backend.device_check,
    )
    window.settings_changed.connect(backend.apply_settings)
    window.settings_changed.connect(lambda _settings: duty.settings_changed())
    backend.attach_video(window.local_video_sink, window.remote_video_sink)
    supervision = OpenSupervision(on_task_error or _log_error, ssl_context)
    composition = Composition(backend, desk, flow, duty, supervision, window)
    return composition


def _log_error(exc: BaseException) -> None:
    log.error("background task failed", exc_info=exc)


async def run(
    app: QApplication,
    args: argparse.Namespace,
    guard: CrashGuard,
    backend_factory: BackendFactory,
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

    parts = compose(
        backend_factory(settings),
        settings,
        store,
        languages,
        on_task_error=guard.report,
        ssl_context=ssl_context,
    )
    desk, flow, window = parts.desk, parts.flow, parts.window
    guard.set_show(window.show_bug)
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
    desk.events.call_changed.subscribe(journal.follow)

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
            await parts.start_session(
                signed, go_available=auto_sign_in is not None and auto_sign_in.go_available
            )
    except SignInError as exc:
        window.sign_in_panel.show_problem(exc)
    finally:
        window.sign_in_panel.set_busy(False)

    await closed.wait()
    restore_signals()
    log.info("closing")
    await parts.aclose()
    log.info("closed")
    window.deleteLater()
    languages.remove()
    return 0


def main(
    argv: list[str],
    *,
    backend_factory: BackendFactory,
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
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    collector = GuiThreadCollector(app)
    collector.start()
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
        collector.stop()
        logging.getLogger().removeHandler(log_handler)
        log_handler.close()
