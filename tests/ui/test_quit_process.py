"""The desktop session ends (SIGTERM) while the agent is in a call: the app
as a process of its own, a real switchboard process, a real kiosk process.

The app is ``agentdesk.desktop.main``, as the ``agentdesk`` command and the
demo start it, signed in at start-up as the demo signs its agent in (this
machine has no keyring to resume a session from), offscreen; it answers the
call by itself (the agent's « auto-accept » setting).  No camera and no sound
card here: both ends film FFmpeg's test pattern through PyAV and send
silence."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path

from agentdesk.desk import DeskSettings, SettingsStore
from agentdesk.desk.journal import JOURNAL_NAME
from agentdesk.protocol import AgentState
from tests.support.switchboard import PASSWORD, Provisioned, SwitchboardProcess, connect_agent
from tests.ui.quitting import agent_state, call_record, events_of, how_it_ended, resident_calling
from tests.ui.test_quit_during_call import a_scan
from tests.ui.test_signals import EXIT_WITHIN_S

SIGNED_IN_APP = (
    "import sys\n"
    "from agentdesk import desktop\n"
    "from agentdesk.ui.app import AutoSignIn\n"
    "url, login, password, *argv = sys.argv[1:]\n"
    "sys.exit(desktop.main(argv, auto_sign_in=AutoSignIn(url, login, password)))\n"
)

HANGING_UP = """
import os
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from agentdesk.desk import DeskState
from agentdesk.ui.main_window import MainWindow

asking = os.environ["ASKING_MARKER"]
qt = QApplication(["agentdesk"])  # desktop.main uses it: a timer needs it first
hand = QTimer()
pressed = []

def look():
    for widget in QApplication.topLevelWidgets():
        desk = getattr(widget, "desk", None)
        if isinstance(widget, MainWindow) and not pressed and desk.state is DeskState.IN_CALL \
                and desk.documents.unsaved_documents():
            pressed.append(True)
            QTimer.singleShot(0, widget.call_panel.hang_up_button.click)
        if isinstance(widget, QMessageBox) and widget.isVisible() and pressed:
            open(asking, "w").close()

hand.timeout.connect(look)
hand.start(50)
"""
"""The agent's hand, in the app's process: once the scan has arrived, a click
on « Raccrocher », whose question (« hang up anyway? », the scan is not
saved) stays open; the file ``ASKING_MARKER`` names says it is showing."""


async def start_app(
    sb: SwitchboardProcess, tmp_path: Path, *, hand: str = ""
) -> asyncio.subprocess.Process:
    config = tmp_path / "app-config"
    SettingsStore(config).save(
        DeskSettings(server_url=sb.url, auto_accept=True, auto_available=True, devices_checked=True)
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "AGENTDESK_MACHINE_CONFIG": str(tmp_path / "absent.toml"),
        "ASKING_MARKER": str(tmp_path / "asking"),
    }
    with open(tmp_path / "app.err", "w") as stderr:  # noqa: ASYNC230 - opening is instant
        return await asyncio.create_subprocess_exec(
            sys.executable, "-c", hand + SIGNED_IN_APP, sb.url, "agent.caf", PASSWORD,
            "--config-dir", str(config), "--log-dir", str(tmp_path / "app-logs"),
            "--camera", "testsrc", "--ice-address", "127.0.0.1",
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
            env=env,
        )  # fmt: skip


async def test_sigterm_during_a_call_hangs_it_up_and_exits(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path
) -> None:
    app = await start_app(sb, tmp_path)
    kiosk = await resident_calling(sb, accounts, tmp_path, a_scan(tmp_path))
    try:
        # Answered by the app, connected, the scan across.
        connected = await kiosk.event("connected", within=60)
        call_id = str(connected["call_id"])
        await kiosk.event("document_sent")
        assert app.returncode is None, (tmp_path / "app.err").read_text()
        before = len(kiosk.events)

        app.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(app.wait(), EXIT_WITHIN_S)
        except TimeoutError:
            raise AssertionError(f"still running {EXIT_WITHIN_S} s after SIGTERM") from None
        assert code == 0, (tmp_path / "app.err").read_text()

        assert await how_it_ended(kiosk, call_id, before) == "agent_hung_up"
        record = await call_record(sb, call_id)
        assert record["end_reason"] == "agent_hung_up"
        assert events_of(record)[-2:] == ["wrap_up", "done"], events_of(record)
        assert "interrupted" not in events_of(record)
        assert await agent_state(sb, "agent.caf") == "offline"
        # The call ended properly: the next start does not say it stopped during one.
        assert not (tmp_path / "app-config" / JOURNAL_NAME).exists()
        # Nor does it ring at once: the agent comes back on a break, not available.
        again, welcome = await connect_agent(sb, "agent.caf")
        await again.close()
        assert welcome.agent is not None and welcome.agent.state is AgentState.PAUSED
    finally:
        if app.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                app.kill()
            await app.wait()
        await kiosk.stop()


async def test_sigterm_with_the_switchboard_frozen_still_exits(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path
) -> None:
    """The switchboard stops answering mid-call (frozen, its socket open):
    the hang-up is tried, not waited for past its bound, and the app exits
    within the time a desktop session gives it."""
    app = await start_app(sb, tmp_path)
    kiosk = await resident_calling(sb, accounts, tmp_path, a_scan(tmp_path))
    try:
        await kiosk.event("connected", within=60)
        sb.proc.send_signal(signal.SIGSTOP)
        app.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(app.wait(), EXIT_WITHIN_S)
        except TimeoutError:
            raise AssertionError(f"still running {EXIT_WITHIN_S} s after SIGTERM") from None
        assert code == 0, (tmp_path / "app.err").read_text()
    finally:
        sb.proc.send_signal(signal.SIGCONT)
        if app.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                app.kill()
            await app.wait()
        await kiosk.stop()


async def test_sigterm_while_a_question_is_open_exits_cleanly(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path
) -> None:
    """The session ends while the agent looks at « hang up anyway? » (a modal
    question: the app's cleanup then runs inside its event loop, and the
    window closing under it crashed the app at exit, code -6): the call ends
    as hung up, and the app exits with 0."""
    app = await start_app(sb, tmp_path, hand=HANGING_UP)
    kiosk = await resident_calling(sb, accounts, tmp_path, a_scan(tmp_path))
    try:
        call_id = str((await kiosk.event("connected", within=60))["call_id"])
        async with asyncio.timeout(30):
            while not (tmp_path / "asking").exists():  # noqa: ASYNC110 - another process's file
                await asyncio.sleep(0.05)
        before = len(kiosk.events)

        app.send_signal(signal.SIGTERM)
        try:
            code = await asyncio.wait_for(app.wait(), EXIT_WITHIN_S)
        except TimeoutError:
            raise AssertionError(f"still running {EXIT_WITHIN_S} s after SIGTERM") from None
        assert code == 0, (tmp_path / "app.err").read_text()
        assert await how_it_ended(kiosk, call_id, before) == "agent_hung_up"
    finally:
        if app.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                app.kill()
            await app.wait()
        await kiosk.stop()
