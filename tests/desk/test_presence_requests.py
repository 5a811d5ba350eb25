"""Presence asked twice, or asked for the state already reached: one request,
no error (the demo's start: the app's sign-in and the duty keeper both make
the agent available), and the presence buttons follow the state alone."""

from __future__ import annotations

import asyncio

import pytest

from agentdesk.desk import Action, Desk, DeskState, StepError
from agentdesk.protocol import AgentState, Offered, SetPresence

from .helpers import Clock, Switchboard, call, feed, status, welcome

AVAILABLE = SetPresence(state=AgentState.AVAILABLE, auto_answer=True)


@pytest.fixture
def board() -> Switchboard:
    return Switchboard()


@pytest.fixture
def desk(board: Switchboard) -> Desk:
    return Desk(board.request, clock=Clock())


async def test_available_asked_twice_while_on_its_way_is_one_request(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome(AgentState.OFFLINE))
    board.held = asyncio.Event()
    first = asyncio.ensure_future(desk.go_available())
    await board.wait_sent(AVAILABLE)
    assert desk.allowed(Action.GO_AVAILABLE)  # asking again is harmless
    second = asyncio.ensure_future(desk.go_available())
    await asyncio.sleep(0)
    assert not second.done(), "the second waits for the first's answer"
    board.held.set()
    await asyncio.gather(first, second)  # neither raises
    assert board.sent == [AVAILABLE]


async def test_both_get_the_refusal_of_the_one_request(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.OFFLINE))
    board.held = asyncio.Event()
    board.error = ("conflict", "no")
    first = asyncio.ensure_future(desk.go_available())
    await board.wait_sent(AVAILABLE)
    second = asyncio.ensure_future(desk.go_available())
    board.held.set()
    results = await asyncio.gather(first, second, return_exceptions=True)
    assert [type(r).__name__ for r in results] == ["ActionRejected", "ActionRejected"]
    assert board.sent == [AVAILABLE]


async def test_available_when_already_available_is_satisfied(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome(AgentState.AVAILABLE))
    await desk.go_available()  # no StepError: the state asked for is there
    await desk.go_offline()
    feed(desk, status(AgentState.OFFLINE))
    await desk.go_offline()
    assert board.sent == [SetPresence(state=AgentState.OFFLINE)]


async def test_another_reason_for_the_break_is_still_sent(desk: Desk, board: Switchboard) -> None:
    feed(desk, welcome(AgentState.PAUSED))
    feed(desk, status(AgentState.PAUSED, reason="lunch"))
    await desk.pause("lunch")
    await desk.pause("meeting")
    assert board.sent == [SetPresence(state=AgentState.PAUSED, reason="meeting")]


async def test_a_different_step_on_the_same_action_is_still_refused(
    desk: Desk, board: Switchboard
) -> None:
    feed(desk, welcome(AgentState.OFFLINE))
    board.held = asyncio.Event()
    first = asyncio.ensure_future(desk.pause("lunch"))
    await board.wait_sent(SetPresence(state=AgentState.PAUSED, reason="lunch"))
    with pytest.raises(StepError):
        await desk.pause("meeting")
    board.held.set()
    await first


async def test_available_stays_possible_while_the_first_call_rings(
    desk: Desk, board: Switchboard
) -> None:
    """The switchboard offers the first call before it answers ``set_presence``:
    « Disponible » must be as clickable as during any later ring."""
    feed(desk, welcome(AgentState.OFFLINE))
    board.held = asyncio.Event()
    going = asyncio.ensure_future(desk.go_available())
    await board.wait_sent(AVAILABLE)
    feed(desk, status(AgentState.AVAILABLE))
    feed(desk, Offered(call=call("c1"), expires_in_s=20))
    feed(desk, status(AgentState.OFFERED))
    assert desk.state is DeskState.OFFERED
    ringing_first = [desk.allowed(a) for a in (Action.GO_AVAILABLE, Action.PAUSE)]
    board.held.set()
    await going
    assert ringing_first == [True, True]
    assert [desk.allowed(a) for a in (Action.GO_AVAILABLE, Action.PAUSE)] == [True, True]
