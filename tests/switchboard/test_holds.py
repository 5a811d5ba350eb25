"""First offers held for one agent (a colleague named in a transfer, an
appointment's own agent) across a restart of the switchboard, and the file of
the previous schema version that now stores them.

A real switchboard process killed with SIGKILL shows what the agents see (the
transfer's note and the named colleague: test_transfer.py); the engine
in-process, on a real SQLite file with a clock the test sets, shows what the
length of the outage does to a hold: it goes on for the time it had left, or
it is over.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from agentdesk.protocol import (
    AgentState,
    CallEvent,
    DeclineOffer,
    FinishWrapUp,
    Hangup,
    LeaveQueue,
    MediaConnected,
    Offered,
    QueueCall,
    Queued,
    SetPresence,
    TakeCall,
    Transfer,
    TransferOutcome,
    TransferResult,
)
from agentdesk.protocol.schedule import Appointment, AppointmentState
from agentdesk.switchboard.auth import hash_password, hash_token
from agentdesk.switchboard.live import Peer
from agentdesk.switchboard.store import SCHEMA_VERSION, Hold, Store
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    connect_agent,
    connect_kiosk,
    running_switchboard,
)
from tests.support.waiting import until

from .conftest import Joiner, Starter
from .test_calendar_cli import _tables
from .test_call_flow import available
from .test_routing_inprocess import Clock, InProcess, Recorder
from .test_routing_inprocess import available as ready

NOTE = "Attestation de loyer déjà scannée"
GRACE_S = 60.0
"""``appointment_agent_grace_s`` of a switchboard started without options."""


def book_now(db: Path, agent_login: str, starts_at: float) -> Appointment:
    """An appointment at Murat for CAF with ``agent_login``, written in the
    file as the admin CLI does (CAF has no permanence: open at any hour)."""
    draft = Appointment(appointment_id="", code="", service="CAF", kiosk_id="pvp-murat",
                        starts_at=starts_at, duration_min=20, resident_name="Marie Dupont",
                        agent_login=agent_login, state=AppointmentState.BOOKED)  # fmt: skip
    with contextlib.closing(Store(db)) as store:
        return store.book(draft)


async def test_after_a_kill_a_checked_in_appointment_goes_first_to_its_own_agent(
    start: Starter, join: Joiner, db: Path
) -> None:
    sb = await start()
    appointment = book_now(db, "agent2.caf", time.time())
    await join(sb, "agent2.caf")  # signed in, paused: the call waits for them
    kiosk, _ = await join(sb, "pvp-murat")
    queued = await kiosk.request(QueueCall(service="CAF", appointment_code=appointment.code))
    assert isinstance(queued, Queued) and queued.call.appointment_due

    sb.kill()  # SIGKILL: nothing is written on the way out
    await sb.proc.wait()
    sb2 = await start()
    await join(sb2, "pvp-murat")
    # Ready first: without the hold the call would be theirs at once.
    other, _ = await join(sb2, "agent.caf")
    await available(other)
    own, _ = await join(sb2, "agent2.caf")
    await available(own)
    offer = await own.next(Offered)
    assert offer.call.call_id == queued.call.call_id
    assert offer.call.appointment_id == appointment.appointment_id
    assert not other.unconsumed(Offered)


# -- in-process: the outage's length ------------------------------------------


Restart = Callable[[], InProcess]


@pytest.fixture
def clock() -> Clock:
    return Clock(1_800_000_000.0)


@pytest.fixture
def restart(db: Path, accounts: Provisioned, clock: Clock) -> Iterator[Restart]:
    """Stops the switchboard in-process (if one runs) and starts a new one on
    the same file, at the clock's time."""
    running: list[InProcess] = []

    def again() -> InProcess:
        if running:
            running.pop().close()
        running.append(InProcess(db, accounts, clock))
        return running[-1]

    yield again
    for board in running:
        board.close()


def checked_in(board: InProcess, db: Path, clock: Clock) -> tuple[str, Hold, Peer]:
    """A resident checks in for an appointment with agent2.caf (signed in,
    paused): the call's id, its stored hold, and agent2.caf."""
    own, _ = board.agent("agent2.caf")
    appointment = book_now(db, "agent2.caf", clock.now)
    kiosk, _ = board.kiosk("pvp-murat")
    board.handlers.handle(kiosk, QueueCall(service="CAF", appointment_code=appointment.code))
    [row] = board.store.live_calls()
    assert row.hold == Hold("agent2.caf", clock.now + GRACE_S)
    return row.id, row.hold, own


def handed_over(board: InProcess) -> tuple[str, Hold]:
    """agent.caf transfers a call to agent2.caf (signed in, paused): the
    call's id and its stored hold."""
    sender, _ = board.agent("agent.caf")
    board.agent("agent2.caf")
    kiosk, _ = board.kiosk("pvp-murat")
    board.handlers.handle(kiosk, QueueCall(service="CAF"))
    [row] = board.store.live_calls()
    board.handlers.handle(sender, TakeCall(call_id=row.id))
    board.handlers.handle(kiosk, MediaConnected(call_id=row.id))
    handle = board.engine.staffing.handle("agent2.caf")
    board.handlers.handle(sender, Transfer(call_id=row.id, service="CAF", agent=handle))
    [row] = board.store.live_calls()
    assert row.hold is not None and row.hold.sender == "agent.caf"
    return row.id, row.hold


def offers(out: Recorder) -> list[str]:
    return [m.call.call_id for m in out.of(Offered) if isinstance(m, Offered)]


def results(out: Recorder) -> list[TransferOutcome]:
    return [m.outcome for m in out.of(TransferResult) if isinstance(m, TransferResult)]


async def test_an_appointments_hold_goes_on_for_the_time_it_had_left(
    restart: Restart, db: Path, clock: Clock
) -> None:
    call_id, hold, _ = checked_in(restart(), db, clock)
    clock.now = hold.until - 0.3  # down for all but 0.3 s of the hold
    board = restart()
    board.kiosk("pvp-murat")
    other, out = board.agent("agent.caf")
    ready(board, other)
    assert offers(out) == []  # still the own agent's
    await until(out.changed, lambda: bool(offers(out)), 10.0)
    assert offers(out) == [call_id]
    assert [row.hold for row in board.store.live_calls()] == [None]


async def test_an_appointments_hold_that_ran_out_while_down_is_over(
    restart: Restart, db: Path, clock: Clock
) -> None:
    call_id, hold, _ = checked_in(restart(), db, clock)
    clock.now = hold.until + 1.0
    board = restart()
    board.kiosk("pvp-murat")
    other, out = board.agent("agent.caf")
    ready(board, other)
    assert offers(out) == [call_id]


async def test_a_handover_not_answered_in_the_time_it_had_left_goes_to_anyone(
    restart: Restart, clock: Clock
) -> None:
    call_id, hold = handed_over(restart())
    clock.now = hold.until - 0.3
    board = restart()
    board.kiosk("pvp-murat")
    _, sender = board.agent("agent.caf")
    other, out = board.agent("agent3.caf")
    ready(board, other)
    assert offers(out) == [] and results(sender) == []
    # agent2.caf never comes back.
    await until(sender.changed, lambda: bool(results(sender)), 10.0)
    assert results(sender) == [TransferOutcome.UNAVAILABLE]
    assert offers(out) == [call_id]


async def test_a_colleague_back_then_offline_ends_the_handover_at_once(
    restart: Restart, clock: Clock
) -> None:
    call_id, _ = handed_over(restart())
    clock.now += 10.0
    board = restart()
    board.kiosk("pvp-murat")
    _, sender = board.agent("agent.caf")
    other, out = board.agent("agent3.caf")
    ready(board, other)
    colleague, _ = board.agent("agent2.caf")  # back, paused: the call waits for them
    assert offers(out) == [] and results(sender) == []
    board.handlers.handle(colleague, SetPresence(state=AgentState.OFFLINE))
    assert results(sender) == [TransferOutcome.UNAVAILABLE]
    assert offers(out) == [call_id]


async def test_a_handover_whose_time_ran_out_while_down_is_over(
    restart: Restart, clock: Clock
) -> None:
    call_id, hold = handed_over(restart())
    clock.now = hold.until + 1.0
    board = restart()
    board.kiosk("pvp-murat")
    _, sender = board.agent("agent.caf")
    other, out = board.agent("agent3.caf")
    ready(board, other)
    assert offers(out) == [call_id]
    # Nobody was connected when it ended: the agent who transferred is told
    # on coming back, and again until their app has read it.
    assert results(sender) == [TransferOutcome.UNAVAILABLE]
    [kept] = board.store.kept_results("agent.caf")
    assert kept.result == TransferResult(
        call_id=call_id, outcome=TransferOutcome.UNAVAILABLE, colleague="Agent agent2.caf"
    )


async def test_an_appointments_own_agent_who_declines_lets_anyone_have_it_restart_or_not(
    restart: Restart, db: Path, clock: Clock
) -> None:
    board = restart()
    call_id, _, own = checked_in(board, db, clock)
    ready(board, own)
    board.handlers.handle(own, DeclineOffer(call_id=call_id))
    assert [row.hold for row in board.store.live_calls()] == [None]
    clock.now += 5.0
    board = restart()
    board.kiosk("pvp-murat")
    other, out = board.agent("agent.caf")
    ready(board, other)
    assert offers(out) == [call_id]


async def test_the_transfer_note_is_erased_when_the_call_ends(restart: Restart, db: Path) -> None:
    board = restart()
    sender, _ = board.agent("agent.caf")
    kiosks = [board.kiosk(k)[0] for k in ("pvp-murat", "pvp-riom")]
    for kiosk in kiosks:
        board.handlers.handle(kiosk, QueueCall(service="CAF"))
    served, left = [row.id for row in board.store.live_calls()]
    for call_id, kiosk in zip((served, left), kiosks, strict=True):
        board.handlers.handle(sender, TakeCall(call_id=call_id))
        board.handlers.handle(kiosk, MediaConnected(call_id=call_id))
        board.handlers.handle(sender, Transfer(call_id=call_id, service="CPAM", note=NOTE))
        board.handlers.handle(sender, FinishWrapUp(call_id=call_id))
    assert {row.id: row.transfer_note for row in board.store.live_calls()} == {
        served: NOTE,
        left: NOTE,
    }
    # One resident is served and the agent finishes; the other leaves.
    cpam, _ = board.agent("agent.cpam")
    board.handlers.handle(cpam, TakeCall(call_id=served))
    board.handlers.handle(kiosks[0], MediaConnected(call_id=served))
    board.handlers.handle(cpam, Hangup(call_id=served))
    board.handlers.handle(cpam, FinishWrapUp(call_id=served))
    board.handlers.handle(kiosks[1], LeaveQueue(call_id=left))
    with contextlib.closing(sqlite3.connect(db)) as raw:
        stored = raw.execute("SELECT state, transfer_note, transfer_from FROM calls").fetchall()
    assert sorted(stored) == [("abandoned", None, None), ("done", None, None)]


# -- a file of schema version 3 -----------------------------------------------


def version_3_file(db: Path, queued_at: float) -> str:
    """A file as schema version 3 wrote it: one agency, service, kiosk and
    agent, a resident waiting.  Returns the kiosk's device token."""
    token = "murat-device-token"
    with contextlib.closing(sqlite3.connect(db)) as old:
        old.executescript((Path(__file__).parent / "data" / "schema_v3.sql").read_text())
        old.executescript(
            f"""
            INSERT INTO agencies VALUES ('caf', 'CAF du Cantal');
            INSERT INTO services VALUES ('CAF', 'Allocations familiales', 'caf');
            INSERT INTO kiosks VALUES ('pvp-murat', 'PVP Murat', 'Murat', 45.1, 2.87,
                '{hash_token(token)}', 0);
            INSERT INTO agents (login, display_name, agency_id, role, password_hash, created_at)
                VALUES ('agent.caf', 'Claire', 'caf', 'agent', '{hash_password(PASSWORD)}', 0);
            INSERT INTO agent_services VALUES ('agent.caf', 'CAF');
            INSERT INTO calls (id, service, origin_service, kiosk_id, queued_at, state, rank)
                VALUES ('c-old', 'CAF', 'CAF', 'pvp-murat', {queued_at}, 'queued', 2);
            INSERT INTO call_events VALUES ('c-old', 1, {queued_at}, 'queued', 'queued',
                NULL, NULL);
            """
        )
        old.commit()
    return token


async def test_a_file_of_version_3_is_upgraded_and_its_waiting_call_served(
    tmp_path: Path,
) -> None:
    db = tmp_path / "v3.db"
    queued_at = time.time() - 30.0
    token = version_3_file(db, queued_at)
    async with running_switchboard(db) as sb:
        kiosk, welcome = await connect_kiosk(sb, "pvp-murat", token)
        agent, _ = await connect_agent(sb, "agent.caf")
        try:
            assert welcome.active_call is not None
            assert (welcome.active_call.call_id, welcome.active_call.queued_at) == (
                "c-old",
                queued_at,
            )
            await available(agent)
            offer = await agent.next(Offered)
            assert offer.call.call_id == "c-old" and offer.note is None
        finally:
            await kiosk.close()
            await agent.close()
    with contextlib.closing(sqlite3.connect(db)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    # The upgraded calls keep a note and a hold like a new file's.
    with contextlib.closing(Store(db)) as store:
        [row] = store.live_calls()
        row.transfer_note, row.transfer_from = "Dossier complet", "Claire"
        store.record(row, CallEvent.TRANSFERRED, time.time(), "agent.caf")
        store.save_hold(row.id, Hold("agent.caf", queued_at + 60.0, "agent2.caf"))
        [again] = store.live_calls()
        assert (again.transfer_note, again.transfer_from) == ("Dossier complet", "Claire")
        assert again.hold == Hold("agent.caf", queued_at + 60.0, "agent2.caf")
    with contextlib.closing(Store(tmp_path / "new.db")):
        pass
    assert _tables(db) == _tables(tmp_path / "new.db")
