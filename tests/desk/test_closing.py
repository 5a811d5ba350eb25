"""The desk's part of closing the app (agentdesk/desk/closing.py) in a race a
user can hit: the resident hangs up at the moment the agent quits.

A real switchboard process, the agent's real switchboard client feeding a
desk, the kiosk a real WebSocket client.  The switchboard's news of the
resident's hang-up is held back on its way to the desk (as a slow network
would hold it) until the switchboard has refused the agent's own hang-up:
the race made to happen every time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from agentdesk.desk import Desk, DeskState
from agentdesk.desk.closing import end_on_close
from agentdesk.protocol import (
    Base,
    CallState,
    CallUpdate,
    Hangup,
    MediaConnected,
    ProtocolError,
)
from tests.client.test_client import WAIT_S, agent_client
from tests.support.switchboard import Provisioned, SwitchboardProcess, connect_kiosk
from tests.switchboard.test_call_flow import queue
from tests.ui.quitting import agent_state, call_record, events_of


async def reached(desk: Desk, done: Callable[[], bool]) -> None:
    changed = asyncio.Event()
    unsubscribes = [
        desk.events.state_changed.subscribe(lambda _s: changed.set()),
        desk.events.queue_changed.subscribe(lambda _q: changed.set()),
    ]
    try:
        async with asyncio.timeout(WAIT_S):
            while not done():
                changed.clear()
                await changed.wait()
    finally:
        for unsubscribe in unsubscribes:
            unsubscribe()


async def test_the_resident_hanging_up_as_the_agent_quits_still_closes_the_wrap_up(
    sb: SwitchboardProcess, accounts: Provisioned
) -> None:
    client = await agent_client(sb, "agent.caf")
    refused = asyncio.Event()

    async def request(message: Base) -> Base:
        try:
            return await client.request(message)
        except ProtocolError:
            refused.set()
            raise

    desk = Desk(request)
    held: list[Base] | None = None
    news = asyncio.Event()

    def deliver(message: Base) -> None:
        if held is None:
            desk.apply(message)
            return
        held.append(message)
        if isinstance(message, CallUpdate) and message.call.state is CallState.WRAP_UP:
            news.set()

    client.add_listener(deliver)
    client.start()
    kiosk, _ = await connect_kiosk(sb, "pvp-murat", accounts.kiosk_tokens["pvp-murat"])
    try:
        await client.wait_connected(WAIT_S)
        call_id = (await queue(kiosk)).call.call_id
        await reached(desk, lambda: desk.queue.find(call_id) is not None)
        await desk.take(call_id)
        await kiosk.request(MediaConnected(call_id=call_id))
        await reached(desk, lambda: desk.state is DeskState.IN_CALL)

        held = []
        await kiosk.request(Hangup(call_id=call_id))
        await asyncio.wait_for(news.wait(), WAIT_S)
        closing = asyncio.ensure_future(end_on_close(desk))
        await asyncio.wait_for(refused.wait(), WAIT_S)  # « nothing to hang up »
        late, held = held, None
        for message in late:
            desk.apply(message)
        await closing

        record = await call_record(sb, call_id)
        assert record["end_reason"] == "kiosk_hung_up"
        assert events_of(record)[-2:] == ["wrap_up", "done"], events_of(record)
        assert await agent_state(sb, "agent.caf") == "offline"
    finally:
        await client.close()
        await kiosk.close()
