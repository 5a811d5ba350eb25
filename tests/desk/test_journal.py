"""After the app stops in a call, the next start tells the agent what became of it."""

from __future__ import annotations

from pathlib import Path

from agentdesk.desk import CallJournal, Desk
from agentdesk.protocol import AgentState, CallState, CallUpdate, EndReason

from .helpers import Clock, Switchboard, call, feed, status, welcome


def in_call(desk: Desk) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, status(AgentState.IN_CALL, call_id="c1"))
    feed(
        desk,
        CallUpdate(
            call=call("c1", "Allanche", state=CallState.CONNECTED, agent_login="agent.dupont")
        ),
    )


def test_a_call_cut_by_a_crash_is_told_once(tmp_path: Path) -> None:
    desk = Desk(Switchboard().request, clock=Clock())
    journal = CallJournal(tmp_path)
    desk.events.call_changed.subscribe(journal.follow)
    in_call(desk)
    # The app is killed here: nothing more happens in this process.

    after_restart = CallJournal(tmp_path)
    unfinished = after_restart.take_unfinished()
    assert unfinished is not None
    assert (unfinished.call_id, unfinished.commune, unfinished.service) == (
        "c1",
        "Allanche",
        "CAF",
    )
    assert after_restart.take_unfinished() is None  # told once


def test_a_call_that_ended_leaves_nothing(tmp_path: Path) -> None:
    desk = Desk(Switchboard().request, clock=Clock())
    journal = CallJournal(tmp_path)
    desk.events.call_changed.subscribe(journal.follow)
    in_call(desk)
    assert journal.path.exists()
    feed(
        desk,
        CallUpdate(
            call=call("c1", "Allanche", state=CallState.WRAP_UP),
            end_reason=EndReason.KIOSK_HUNG_UP,
        ),
    )
    feed(desk, status(AgentState.WRAP_UP, call_id="c1"))
    assert not journal.path.exists()  # the resident has left: nothing to tell
    assert CallJournal(tmp_path).take_unfinished() is None


def test_a_damaged_journal_is_ignored(tmp_path: Path) -> None:
    journal = CallJournal(tmp_path)
    journal.path.write_text("{not json")
    assert journal.take_unfinished() is None
    assert not journal.path.exists()
