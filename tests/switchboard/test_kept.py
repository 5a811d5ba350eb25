"""Nothing lost across a restart of the switchboard (SIGKILL, then a new
process on the same file) or an agent's reconnection: who declined a waiting
call, and how a transfer to a named colleague ended.  A real switchboard
process, real WebSocket clients, a real SQLite file."""

from __future__ import annotations

from agentdesk.protocol import (
    AgentState,
    CallState,
    CallUpdate,
    DeclineOffer,
    Offered,
    Queued,
    TakeCall,
)

from .conftest import Joiner, Starter
from .test_call_flow import available, queue


async def test_an_agent_who_declined_is_not_offered_the_call_again_after_a_kill(
    start: Starter, join: Joiner
) -> None:
    sb = await start()
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    decliner, _ = await join(sb, "agent.caf")
    await available(decliner)
    assert (await decliner.next(Offered)).call.call_id == call_id
    # Acknowledged once stored: the decline is in the file before the kill.
    await decliner.request(DeclineOffer(call_id=call_id))
    await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)

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
