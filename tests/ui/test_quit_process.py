"""The desktop session ends (SIGTERM) while the agent is in a call: the app
as a process of its own (tests/support/desk_process.py), a real switchboard
process, a real kiosk process.  No camera and no sound card here: both ends
film FFmpeg's test pattern through PyAV and send silence."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator
from pathlib import Path

from agentdesk.desk.journal import JOURNAL_NAME
from agentdesk.protocol import AgentState
from tests.support.desk_process import start_signed_in_app
from tests.support.kiosk import KioskProcess
from tests.support.switchboard import Provisioned, SwitchboardProcess, connect_agent
from tests.ui.quitting import agent_state, call_record, events_of, how_it_ended, resident_calling
from tests.ui.test_quit_during_call import a_scan
from tests.ui.test_signals import EXIT_WITHIN_S

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


@contextlib.asynccontextmanager
async def in_a_call(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path, hand: str = ""
) -> AsyncIterator[tuple[asyncio.subprocess.Process, KioskProcess, str]]:
    """The app (``hand`` run in its process first) answers the kiosk's call:
    the app, the kiosk and the call's id, once connected; both stopped after."""
    app = await start_signed_in_app(
        sb, tmp_path, before=hand, env={"ASKING_MARKER": str(tmp_path / "asking")}
    )
    kiosk = await resident_calling(sb, accounts, tmp_path, a_scan(tmp_path))
    try:
        connected = await kiosk.event("connected", within=60)
        yield app, kiosk, str(connected["call_id"])
    finally:
        if app.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                app.kill()
            await app.wait()
        await kiosk.stop()


async def terminated(app: asyncio.subprocess.Process, tmp_path: Path) -> None:
    """SIGTERM, as a desktop session that logs out sends it: a clean exit
    (code 0) within the time the session gives."""
    app.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(app.wait(), EXIT_WITHIN_S)
    except TimeoutError:
        raise AssertionError(f"still running {EXIT_WITHIN_S} s after SIGTERM") from None
    assert code == 0, f"exit code {code}: " + (tmp_path / "app.err").read_text()


async def test_sigterm_during_a_call_hangs_it_up_and_exits(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path
) -> None:
    async with in_a_call(sb, accounts, tmp_path) as (app, kiosk, call_id):
        await kiosk.event("document_sent")  # the scan across
        assert app.returncode is None, (tmp_path / "app.err").read_text()
        before = len(kiosk.events)

        await terminated(app, tmp_path)

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


async def test_sigterm_with_the_switchboard_frozen_still_exits(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path
) -> None:
    """The switchboard stops answering mid-call (frozen, its socket open):
    the hang-up is tried, not waited for past its bound, and the app exits
    within the time a desktop session gives it."""
    async with in_a_call(sb, accounts, tmp_path) as (app, _kiosk, _call_id):
        sb.proc.send_signal(signal.SIGSTOP)
        try:
            await terminated(app, tmp_path)
        finally:
            sb.proc.send_signal(signal.SIGCONT)


async def test_sigterm_while_a_question_is_open_exits_cleanly(
    sb: SwitchboardProcess, accounts: Provisioned, tmp_path: Path
) -> None:
    """The session ends while the agent looks at « hang up anyway? » (a modal
    question: the app's cleanup then runs inside its event loop, and the
    window closing under it crashed the app at exit, code -6): the call ends
    as hung up, and the app exits with 0."""
    async with in_a_call(sb, accounts, tmp_path, hand=HANGING_UP) as (app, kiosk, call_id):
        async with asyncio.timeout(30):
            while not (tmp_path / "asking").exists():  # noqa: ASYNC110 - another process's file
                await asyncio.sleep(0.05)
        before = len(kiosk.events)

        await terminated(app, tmp_path)

        assert await how_it_ended(kiosk, call_id, before) == "agent_hung_up"
