"""Nothing lost across a restart of the switchboard (SIGKILL, then a new
process on the same file) or an agent's reconnection: who declined a waiting
call, and how a transfer to a named colleague ended.  A real switchboard
process, real WebSocket clients, a real SQLite file."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

import aiohttp

from agentdesk.protocol import (
    AcceptOffer,
    AgentState,
    AgentStatus,
    CallState,
    CallUpdate,
    DeclineOffer,
    EndReason,
    Hello,
    Offered,
    OfferWithdrawn,
    Ping,
    Queued,
    Role,
    TakeCall,
    Transfer,
    TransferOutcome,
    TransferResult,
    Welcome,
    decode_server,
    encode,
)
from agentdesk.switchboard.store import Store
from tests.support.switchboard import WAIT_S, SwitchboardProcess, WsClient, login

from .conftest import Joiner, Starter
from .test_call_flow import available, queue
from .test_transfer import handle_of, in_call


async def ringing(sb: SwitchboardProcess, join: Joiner) -> tuple[WsClient, WsClient, str]:
    """A resident at Murat asks for the CAF; agent.caf, available with
    auto-answer and alone, is offered the call.  The kiosk, agent.caf and
    the call's id."""
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    agent, _ = await join(sb, "agent.caf")
    await available(agent)
    assert (await agent.next(Offered)).call.call_id == call_id
    return kiosk, agent, call_id


async def declined(sb: SwitchboardProcess, join: Joiner) -> tuple[WsClient, WsClient, str]:
    """``ringing``, then agent.caf declines: acknowledged once stored."""
    kiosk, decliner, call_id = await ringing(sb, join)
    await decliner.request(DeclineOffer(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    return kiosk, decliner, call_id


async def test_an_agent_who_declined_is_not_offered_the_call_again_after_a_kill(
    start: Starter, join: Joiner
) -> None:
    sb = await start()
    _, decliner, call_id = await declined(sb, join)  # in the file before the kill
    sb.kill()
    await sb.proc.wait()
    sb2 = await start()  # same database file

    back, welcome = await join(sb2, "pvp-murat")
    assert welcome.active_call is not None and welcome.active_call.call_id == call_id
    await back.next(Queued)
    # The decliner is back, available with auto-answer (restored on sign-in),
    # alone: the call is not pushed to them again...
    decliner, welcome = await join(sb2, "agent.caf")
    assert welcome.agent is not None and welcome.agent.state is AgentState.AVAILABLE
    assert welcome.agent.auto_answer
    # ...it goes to the next agent of the service who is ready, though they
    # came after.
    other, _ = await join(sb2, "agent2.caf")
    await available(other)
    assert (await other.next(Offered)).call.call_id == call_id
    assert decliner.unconsumed(Offered) == []

    # Declined by both: it waits at its place, and whoever declined may still
    # take it by hand (the rule before any restart).
    await other.request(DeclineOffer(call_id=call_id))
    await back.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    await decliner.request(TakeCall(call_id=call_id))
    update = await back.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
    assert update.call.agent_login == "agent.caf"
    assert decliner.unconsumed(Offered) == [] and other.unconsumed(Offered) == []


async def test_a_declined_call_back_at_the_head_of_the_queue_starts_afresh(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    kiosk, decliner, call_id = await declined(sb, join)
    other, _ = await join(sb, "agent2.caf")
    await other.request(TakeCall(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
    other.abort()  # the agent who took it is lost: the call goes back to the head
    update = await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
    assert update.end_reason is EndReason.AGENT_LOST
    # ...and anyone may be offered it, the agent who once declined it too.
    assert (await decliner.next(Offered)).call.call_id == call_id


async def test_an_offer_that_rang_out_is_not_a_decline(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    _, agent, call_id = await ringing(sb, join)
    await agent.next(OfferWithdrawn)  # after the 3 s offer timeout
    await agent.next(AgentStatus, lambda m: m.agent.state is AgentState.PAUSED)
    await available(agent)
    assert (await agent.next(Offered)).call.call_id == call_id


# -- transfer results --------------------------------------------------------


async def handed_over(sb: SwitchboardProcess, join: Joiner) -> tuple[WsClient, WsClient, str]:
    """agent.caf transfers a call from Murat to agent2.caf (signed in,
    paused: the call waits for them), then closes the app.  The colleague,
    the kiosk and the call's id."""
    sender, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await in_call(sender, kiosk)).call.call_id
    colleague, _ = await join(sb, "agent2.caf")
    handle = await handle_of(sender, "Agent agent2.caf", "CAF", call_id)
    await sender.request(Transfer(call_id=call_id, service="CAF", agent=handle))
    await kiosk.next(CallUpdate, lambda m: m.end_reason is EndReason.TRANSFERRED)
    await sender.close()
    return colleague, kiosk, call_id


async def accepted(colleague: WsClient, kiosk: WsClient, call_id: str) -> None:
    await available(colleague)
    assert (await colleague.next(Offered)).call.call_id == call_id
    await colleague.request(AcceptOffer(call_id=call_id))
    # The handover ended in that step: its result is stored.
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)


async def read_by_the_app(sb: SwitchboardProcess, count: int = 1) -> None:
    """Until the switchboard has seen the app read ``count`` results (the
    pong to the ping that followed each)."""
    for _ in range(int(WAIT_S / 0.05)):
        records = sb.log_records()
        if sum(r.get("event") == "transfer_result_received" for r in records) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the switchboard never saw the result read")


async def test_an_agent_away_when_the_handover_ends_is_told_on_coming_back_once(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    colleague, kiosk, call_id = await handed_over(sb, join)
    await accepted(colleague, kiosk, call_id)

    sender, welcome = await join(sb, "agent.caf")
    assert welcome.agent is not None and welcome.agent.state is AgentState.WRAP_UP
    result = await sender.next(TransferResult)
    assert (result.call_id, result.outcome) == (call_id, TransferOutcome.ACCEPTED)
    assert (result.colleague, result.answered_by) == ("Agent agent2.caf", "Agent agent2.caf")
    # It came after the welcome, like every message of a session.
    assert isinstance(sender.inbox[0], Welcome)

    # Read: not told again on the next sign-in.
    await read_by_the_app(sb)
    await sender.close()
    again, _ = await join(sb, "agent.caf")
    await again.request(Ping())  # answered after whatever the hello sent
    assert again.unconsumed(TransferResult) == []


async def test_a_result_sent_to_an_app_that_never_read_it_is_sent_again(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    colleague, kiosk, call_id = await handed_over(sb, join)
    # The agent's app is back, then freezes: its socket is open, nothing
    # reads it, so no pong answers the switchboard's pings.
    tokens = await login(sb, "agent.caf")
    async with aiohttp.ClientSession() as session:
        frozen = await session.ws_connect(sb.url, autoping=False)
        hello = Hello(role=Role.AGENT, token=tokens["access_token"], id="h")
        await frozen.send_str(encode(hello))
        assert isinstance(decode_server((await frozen.receive()).data), Welcome)
        await accepted(colleague, kiosk, call_id)
        # The result reached that socket (the test reads it; the app did not).
        while True:
            frame = await frozen.receive(timeout=WAIT_S)
            assert frame.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.PING), frame
            if frame.type is aiohttp.WSMsgType.TEXT and frame.data.find("transfer_result") > 0:
                assert isinstance(decode_server(frame.data), TransferResult)
                break

        # The app starts over: a new connection (the frozen one is replaced).
        sender, _ = await join(sb, "agent.caf")
        result = await sender.next(TransferResult)
        assert (result.call_id, result.outcome) == (call_id, TransferOutcome.ACCEPTED)
        await frozen.close()


async def test_a_handover_whose_time_ran_out_during_an_outage_is_told_after_the_restart(
    start: Starter, join: Joiner, db: Path
) -> None:
    sb = await start("--first-offer-grace", "3")
    _, _, call_id = await handed_over(sb, join)
    sb.kill()  # before the colleague's 3 s are over: the handover is pending
    await sb.proc.wait()
    with contextlib.closing(Store(db)) as store:
        [row] = store.live_calls()
    assert row.hold is not None and row.hold.sender == "agent.caf"
    # The outage lasts past the end of the hold (a deadline on the wall clock).
    await asyncio.sleep(max(0.0, row.hold.until - time.time()) + 0.1)

    sb2 = await start("--first-offer-grace", "3")
    await join(sb2, "pvp-murat")
    sender, _ = await join(sb2, "agent.caf")
    result = await sender.next(TransferResult)
    assert (result.call_id, result.outcome) == (call_id, TransferOutcome.UNAVAILABLE)
    assert result.colleague == "Agent agent2.caf" and result.answered_by is None
    # The call is anyone's again.
    other, _ = await join(sb2, "agent3.caf")
    await available(other)
    assert (await other.next(Offered)).call.call_id == call_id


async def test_a_result_not_yet_read_survives_a_kill(start: Starter, join: Joiner) -> None:
    sb = await start()
    colleague, _, call_id = await handed_over(sb, join)
    await available(colleague)
    assert (await colleague.next(Offered)).call.call_id == call_id
    # Acknowledged once stored: the handover's end (and its result) are in
    # the file before the kill.
    await colleague.request(DeclineOffer(call_id=call_id))
    sb.kill()
    await sb.proc.wait()
    sb2 = await start()
    sender, _ = await join(sb2, "agent.caf")
    result = await sender.next(TransferResult)
    assert (result.call_id, result.outcome) == (call_id, TransferOutcome.DECLINED)
    assert result.colleague == "Agent agent2.caf" and result.answered_by is None
