"""OrderedSteps (client/steps.py): steps in arrival order, none left behind by
``close()``: a step whose turn never came is closed unrun (Python would
otherwise report it "never awaited" when it is freed), and one handed in
after ``close()`` is not started."""

from __future__ import annotations

import asyncio
import inspect

from agentdesk.client.steps import OrderedSteps


async def test_steps_run_in_arrival_order() -> None:
    steps = OrderedSteps("test")
    done: list[int] = []
    release = asyncio.Event()

    async def step(n: int) -> None:
        if n == 0:
            await release.wait()
        done.append(n)

    for n in range(3):
        steps.run(step(n))
    await asyncio.sleep(0)
    release.set()
    while len(done) < 3:  # noqa: ASYNC110 - the steps have no event of their own
        await asyncio.sleep(0)
    assert done == [0, 1, 2]
    await steps.close()


async def test_closing_before_their_turn_closes_the_steps_unrun() -> None:
    steps = OrderedSteps("test")
    ran: list[str] = []

    async def step(name: str) -> None:
        ran.append(name)

    # Handed in, then closed before the loop gave them a turn.
    first, second = step("first"), step("second")
    steps.run(first)
    steps.run(second)
    await steps.close()
    assert ran == []
    assert inspect.getcoroutinestate(first) == inspect.CORO_CLOSED
    assert inspect.getcoroutinestate(second) == inspect.CORO_CLOSED


async def test_a_step_handed_in_after_close_is_not_started() -> None:
    steps = OrderedSteps("test")
    await steps.close()
    ran: list[str] = []

    async def step() -> None:
        ran.append("late")

    late = step()
    steps.run(late)
    await asyncio.sleep(0.05)
    assert ran == []
    assert inspect.getcoroutinestate(late) == inspect.CORO_CLOSED
