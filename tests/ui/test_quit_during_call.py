"""Quitting AgentDesk during a call or its wrap-up, in the app as app.run()
composes it, against a real switchboard process and a real kiosk process:
the resident is told at once that the agent hung up (not left waiting for
the agent's grace period, then put back in the queue), the switchboard's
history says so, the agent is offline there (not stuck in wrap-up), the
link reads closed, and the resident's scan is gone.

Two ways to quit: the agent closes the window and answers « Quitter », or
the desktop session ends (SIGTERM; app.run() then closes the app with no
question, as ``App.close`` does here; tests/ui/test_quit_process.py sends the
signal to the real command).

No camera and no sound card here: both ends film FFmpeg's test pattern
through PyAV and send silence."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agentdesk.desk import ConnectionState, DeskState
from tests.support.kiosk import KioskProcess
from tests.support.switchboard import PASSWORD, Provisioned, SwitchboardProcess
from tests.ui.quitting import agent_state, call_record, events_of, how_it_ended, resident_calling
from tests.ui.real_app import App, OnASwitchboard, until


def a_scan(tmp_path: Path) -> Path:
    page = tmp_path / "attestation.png"
    Image.new("RGB", (600, 800), (20, 180, 60)).save(page)
    return page


async def in_a_call_with_a_scan(app: App, kiosk: KioskProcess) -> str:
    """The agent takes the call from the queue; the resident's scan arrives
    (not saved). The call's id."""
    app.sign_in("agent.caf", PASSWORD)
    await until(lambda: app.desk.state is DeskState.PAUSED, what="signed in, paused")
    table = app.window.queue_panel.table
    await until(lambda: table.rowCount() == 1, what="the call in the queue")
    table.selectRow(0)
    app.window.queue_panel.take_button.click()
    await until(lambda: app.desk.state is DeskState.IN_CALL, what="in call")
    call_id = str((await kiosk.event("connecting"))["call_id"])
    await until(
        lambda: any(r.data is not None for r in app.desk.documents.records), what="the scan"
    )
    return call_id


async def quit_answering(app: App, question: str) -> None:
    """The agent closes the window and answers « Quitter » to ``question``."""
    app.window.close()
    box = app.window.quit_question.box
    assert box is not None and question in box.text(), box and box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    # As app.run() does: the window's closing ends the app.
    await asyncio.wait_for(app.closed.wait(), 5)
    await app.close()


async def the_app_is_gone(app: App, sb: SwitchboardProcess) -> None:
    """The agent offline on the switchboard, the link closed, nothing of the
    resident's documents kept."""
    assert await agent_state(sb, "agent.caf") == "offline"
    assert app.desk.link is ConnectionState.CLOSED
    assert app.desk.documents.records == []
    assert not app.save_folder.exists()


@pytest.mark.parametrize("asked", [True, False], ids=["quit answered", "session ending"])
def test_quitting_during_a_call_hangs_it_up(
    on_a_switchboard: OnASwitchboard, accounts: Provisioned, tmp_path: Path, asked: bool
) -> None:
    scan = a_scan(tmp_path)

    async def body(sb: SwitchboardProcess, app: App) -> None:
        kiosk = await resident_calling(sb, accounts, tmp_path, scan)
        try:
            call_id = await in_a_call_with_a_scan(app, kiosk)
            before = len(kiosk.events)
            if asked:
                # The scan not saved is said in the question, once.
                await quit_answering(
                    app,
                    "Un appel est en cours. Le terminer et quitter AgentDesk ?\n"
                    "1 document n'est pas enregistré et sera effacé.",
                )
            else:
                await app.close()

            assert await how_it_ended(kiosk, call_id, before) == "agent_hung_up"
            record = await call_record(sb, call_id)
            assert record["end_reason"] == "agent_hung_up"
            assert "interrupted" not in events_of(record), events_of(record)
            # Wrapped up with nothing the agent did not choose.
            assert events_of(record)[-2:] == ["wrap_up", "done"]
            assert record.get("outcome") is None
            await the_app_is_gone(app, sb)
        finally:
            with contextlib.suppress(Exception):
                await kiosk.stop()

    on_a_switchboard(body)


@pytest.mark.parametrize("asked", [True, False], ids=["quit answered", "session ending"])
def test_quitting_during_wrap_up_records_it_as_it_stands(
    on_a_switchboard: OnASwitchboard,
    accounts: Provisioned,
    tmp_path: Path,
    qtbot: object,
    asked: bool,
) -> None:
    """The wrap-up is finished with what the agent chose and wrote, not left
    open on the switchboard (the agent shown « in wrap-up » all night, its
    time counted); an outcome the agent did not choose is not recorded."""
    scan = a_scan(tmp_path)

    async def body(sb: SwitchboardProcess, app: App) -> None:
        kiosk = await resident_calling(sb, accounts, tmp_path, scan)
        try:
            call_id = await in_a_call_with_a_scan(app, kiosk)
            app.window.call_panel.hang_up_button.click()
            await until(lambda: app.desk.state is DeskState.WRAP_UP, what="wrap-up")
            wrap = app.window.wrap_up_panel
            if asked:
                # The agent picks the last outcome with the keyboard and writes a note.
                wrap.outcome.setFocus()
                qtbot.keyClick(wrap.outcome, Qt.Key.Key_End)  # type: ignore[attr-defined]
                assert wrap.outcome.currentText() == "Sans suite"
                wrap.note.setPlainText("Rappeler lundi")
                await quit_answering(
                    app,
                    "L'appel est terminé, mais pas sa clôture : "
                    "elle sera enregistrée telle quelle.",
                )
            else:
                await app.close()

            record = await call_record(sb, call_id)
            assert events_of(record)[-2:] == ["wrap_up", "done"], events_of(record)
            assert record.get("outcome") == ("Sans suite" if asked else None)
            await the_app_is_gone(app, sb)
        finally:
            with contextlib.suppress(Exception):
                await kiosk.stop()

    on_a_switchboard(body)


def test_quitting_when_the_switchboard_does_not_answer_still_purges_the_scan(
    on_a_switchboard: OnASwitchboard, accounts: Provisioned, tmp_path: Path
) -> None:
    """The switchboard frozen mid-call (its socket open, no answer): the
    hang-up is not answered, the app closes anyway, and the resident's scan
    does not outlive it (it would be kept for a call that comes back)."""
    scan = a_scan(tmp_path)

    async def body(sb: SwitchboardProcess, app: App) -> None:
        kiosk = await resident_calling(sb, accounts, tmp_path, scan)
        try:
            await in_a_call_with_a_scan(app, kiosk)
            sb.proc.send_signal(signal.SIGSTOP)
            try:
                await app.close()
            finally:
                sb.proc.send_signal(signal.SIGCONT)
            assert app.desk.documents.records == []
            assert not app.save_folder.exists()
        finally:
            with contextlib.suppress(Exception):
                await kiosk.stop()

    on_a_switchboard(body)
