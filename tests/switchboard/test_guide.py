"""What docs/protocol.md promises a kiosk vendor, point by point, read on the
wire as a browser would read it (raw JSON, fields left out or not)."""

from __future__ import annotations

import contextlib
import json
import shlex
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

from agentdesk.protocol import (
    AcceptOffer,
    Ack,
    AgentState,
    AgentStatus,
    CallState,
    CallUpdate,
    EndReason,
    ErrorCode,
    FeedEvent,
    FinishWrapUp,
    MediaConnected,
    Offered,
    Ping,
    QueueCall,
    SetPresence,
    Signal,
    SignalKind,
    Subscribe,
    TakeCall,
)
from tests.support.switchboard import (
    WAIT_S,
    Provisioned,
    SwitchboardProcess,
    WsClient,
    agent_process_taking,
    login,
    login_status,
    open_ws,
)

from .conftest import Joiner, Starter
from .test_call_flow import available, queue, talked_until_wrap_up

ROOT = Path(__file__).resolve().parents[2]


async def raw_session(
    url: str, hello: dict[str, Any]
) -> tuple[aiohttp.ClientSession, Any, dict[str, Any]]:
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(url)
    await ws.send_str(json.dumps(hello))
    return session, ws, json.loads(await ws.receive_str(timeout=15))


async def test_welcome_always_carries_the_limits_and_a_kiosk_has_no_agency(
    sb: SwitchboardProcess, accounts
) -> None:  # type: ignore[no-untyped-def]
    token = accounts.kiosk_tokens["pvp-murat"]
    hello = {"type": "hello", "role": "kiosk", "kiosk_id": "pvp-murat", "token": token}
    session, _, welcome = await raw_session(sb.url, hello)
    await session.close()
    assert welcome["type"] == "welcome"
    assert welcome["max_message_bytes"] == 65536
    assert welcome["heartbeat_s"] > 0
    assert welcome["agency"] == ""
    assert {s["code"] for s in welcome["directory"]} == set(welcome["services"])


async def test_signals_are_acked_and_relayed_with_their_generation(
    sb: SwitchboardProcess, join: Joiner, accounts
) -> None:  # type: ignore[no-untyped-def]
    agent, _ = await join(sb, "agent.caf")
    token = accounts.kiosk_tokens["pvp-riom"]
    hello = {"type": "hello", "id": "h", "role": "kiosk", "kiosk_id": "pvp-riom", "token": token}
    session, ws, _ = await raw_session(sb.url, hello)
    try:
        await ws.send_str(json.dumps({"type": "queue_call", "id": "q", "service": "CAF"}))
        queued = json.loads(await ws.receive_str(timeout=15))
        call_id = queued["call"]["call_id"]
        await agent.request(TakeCall(call_id=call_id))
        reply = await agent.request(Signal(call_id=call_id, kind=SignalKind.OFFER, sdp="v=0"))
        assert isinstance(reply, Ack)
        relayed = None
        while relayed is None:
            message = json.loads(await ws.receive_str(timeout=15))
            if message["type"] == "signal":
                relayed = message
        # Generation 0 is on the wire, not left for the reader to guess.
        assert (relayed["generation"], relayed["sender"], relayed["kind"]) == (0, "agent", "offer")
        # A signal without id is answered ack without ref.
        await ws.send_str(
            json.dumps({"type": "signal", "call_id": call_id, "kind": "answer", "generation": 0,
                        "sdp": "v=0"})
        )  # fmt: skip
        answer = json.loads(await ws.receive_str(timeout=15))
        assert answer == {"type": "ack", "v": 1} or (answer["type"], "ref" in answer) == (
            "ack",
            False,
        )
        # restart: the generation that failed, no sdp.
        await ws.send_str(
            json.dumps({"type": "signal", "id": "r", "call_id": call_id, "kind": "restart",
                        "generation": 0})
        )  # fmt: skip
        assert json.loads(await ws.receive_str(timeout=15))["type"] == "ack"
        restart = await agent.next(Signal, lambda s: s.kind is SignalKind.RESTART)
        assert (restart.generation, restart.sdp) == (0, None)
    finally:
        await session.close()


async def test_finishing_a_wrap_up_gets_ack_and_agent_status_only(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    agent, _ = await join(sb, "agent.caf")
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = await talked_until_wrap_up(agent, kiosk)
    seen = len(agent.inbox)
    assert isinstance(await agent.request(FinishWrapUp(call_id=call_id)), Ack)
    await agent.next(AgentStatus, lambda m: m.agent.state is not AgentState.WRAP_UP)
    assert [m for m in agent.inbox[seen:] if isinstance(m, CallUpdate)] == []


async def test_ping_is_answered_ack_after_hello(sb: SwitchboardProcess, join: Joiner) -> None:
    kiosk, _ = await join(sb, "pvp-maurs")
    agent, _ = await join(sb, "agent.msa")
    for client in (kiosk, agent):
        assert isinstance(await client.request(Ping()), Ack)
    before = await open_ws(sb)
    try:
        await before.expect_error(Ping(), ErrorCode.UNAUTHORIZED)
    finally:
        await before.close()


async def test_an_agent_back_after_the_grace_period_gets_their_presence_back(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    supervisor, _ = await join(sb, "sup.caf")
    await supervisor.request(Subscribe())
    agent, _ = await join(sb, "agent3.caf")
    await available(agent)
    agent.abort()  # the app crashed
    await supervisor.next(
        FeedEvent,
        lambda f: (
            f.agent is not None
            and f.agent.login == "agent3.caf"
            and f.agent.state is AgentState.OFFLINE
        ),
    )
    await agent.close()
    agent, welcome = await join(sb, "agent3.caf")
    assert welcome.agent is not None and welcome.agent.state is AgentState.AVAILABLE
    assert welcome.agent.auto_answer
    kiosk, _ = await join(sb, "pvp-allanche")
    await kiosk.request(QueueCall(service="CAF"))
    assert (await agent.next(Offered)).call.kiosk_id == "pvp-allanche"
    await agent.request(SetPresence(state=AgentState.PAUSED))


def test_the_readme_admin_commands_work_as_written(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8").replace("\\\n", " ")
    db = str(tmp_path / "switchboard.db")
    commands = [
        line.split("#")[0].replace("$DB", db)
        for line in text.splitlines()
        if line.startswith(".venv/bin/agentdesk switchboard ") and " serve " not in line
    ]
    assert [shlex.split(c)[2] for c in commands] == [
        "add-agency", "add-service", "add-agent", "add-kiosk",
        "add-permanence", "add-closure", "book-appointment", "set-kiosk-line",
        "list-kiosks",
    ]  # fmt: skip
    for command in commands:
        args = shlex.split(command)[2:]
        done = subprocess.run(
            [sys.executable, "-m", "agentdesk", "switchboard", *args],
            input="un-mot-de-passe\n", capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stderr)


async def test_behind_a_trusted_proxy_logins_are_throttled_per_client(start: Starter) -> None:
    sb = await start("--trust-proxy", "127.0.0.1")

    statuses = [
        await login_status(sb, f"user{i}", "guess", forwarded="198.51.100.7, 203.0.113.9")
        for i in range(21)
    ]
    assert statuses[-1] == 429
    # Another client behind the same proxy is not refused.
    assert await login_status(sb, "agent.caf", forwarded="203.0.113.10") == 200
    assert (await login(sb, "agent.caf"))["login"] == "agent.caf"


async def raw_next(ws: Any, kind: str) -> dict[str, Any]:
    while True:
        message = json.loads(await ws.receive_str(timeout=15))
        if message["type"] == kind:
            return message  # type: ignore[no-any-return]


async def test_staffing_and_a_transfer_to_a_colleague_as_written(
    sb: SwitchboardProcess, join: Joiner
) -> None:
    tokens = await login(sb, "agent.caf")
    hello = {"type": "hello", "role": "agent", "token": tokens["access_token"]}
    session, ws, welcome = await raw_session(sb.url, hello)
    try:
        colleague, _ = await join(sb, "agent2.caf")
        await available(colleague, auto_answer=False)
        kiosk, _ = await join(sb, "pvp-murat")
        call_id = (await kiosk.request(QueueCall(service="CAF"))).call.call_id
        await ws.send_str(json.dumps({"type": "take_call", "id": "t", "call_id": call_id}))
        await kiosk.request(MediaConnected(call_id=call_id))

        await ws.send_str(json.dumps({"type": "list_staffing", "id": "s1", "call_id": call_id}))
        raw = await ws.receive_str(timeout=15)
        while json.loads(raw)["type"] != "staffing":
            raw = await ws.receive_str(timeout=15)
        staffing = json.loads(raw)
        assert staffing["ref"] == "s1"
        # Every service of the directory, in its order, each with its status.
        assert [s["service"] for s in staffing["services"]] == [
            d["code"] for d in welcome["directory"]
        ]
        assert all(s["status"]["service"] == s["service"] for s in staffing["services"])
        caf = next(s for s in staffing["services"] if s["service"] == "CAF")
        # A handle, a name and a state: no login, reason or call of a colleague.
        assert caf["agents"] == [
            {"agent": caf["agents"][0]["agent"], "display_name": "Agent agent2.caf",
             "state": "available"}
        ]  # fmt: skip
        assert "agent2.caf" not in raw.replace("Agent agent2.caf", "")
        msa = next(s for s in staffing["services"] if s["service"] == "MSA")
        assert "agents" not in msa  # nobody: left out, as an empty list

        await ws.send_str(
            json.dumps({"type": "transfer", "id": "x", "call_id": call_id, "service": "CAF",
                        "agent": caf["agents"][0]["agent"], "note": "Dossier RSA"})
        )  # fmt: skip
        # Offered to the colleague first, though they take calls by hand.
        offered = await colleague.next(Offered)
        assert (offered.call.call_id, offered.note) == (call_id, "Dossier RSA")
        await colleague.request(AcceptOffer(call_id=call_id))
        result = await raw_next(ws, "transfer_result")
        result.pop("v", None)
        assert result == {
            "type": "transfer_result", "call_id": call_id, "outcome": "accepted",
            "colleague": "Agent agent2.caf", "answered_by": "Agent agent2.caf",
        }  # fmt: skip

        # Another agent's call is not yours to ask about; an unknown one is not found.
        await ws.send_str(json.dumps({"type": "list_staffing", "id": "s2", "call_id": call_id}))
        assert (await raw_next(ws, "error"))["code"] == "forbidden"
        await ws.send_str(json.dumps({"type": "list_staffing", "id": "s3", "call_id": "c-none"}))
        assert (await raw_next(ws, "error"))["code"] == "not_found"
    finally:
        await session.close()


# The agents' pulse (docs/protocol.md, "Routing"): a frozen agent app is found
# by its unanswered pings, not by the 5 s heartbeat nor after a grace period;
# the heartbeat and the grace are set far beyond what the test waits, so only
# the pulse can give the call back in time.
SLOW_HEARTBEAT_LONG_GRACE = ("--heartbeat", "60", "--agent-grace", "60")


async def test_a_frozen_agent_s_call_is_offered_to_another_agent(
    start: Starter, join: Joiner
) -> None:
    """The agent's app is a real process stopped with SIGSTOP, its socket left
    open: its call goes back to the head of the queue and to the next agent."""
    sb = await start(*SLOW_HEARTBEAT_LONG_GRACE)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    proc = await agent_process_taking(sb, "agent.caf", call_id)
    try:
        await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
        other, _ = await join(sb, "agent2.caf")
        await available(other)
        proc.send_signal(signal.SIGSTOP)

        update = await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
        assert update.end_reason is EndReason.AGENT_LOST
        assert (await other.next(Offered)).call.call_id == call_id
    finally:
        proc.kill()
        await proc.wait()
    assert '"agent_unresponsive"' in sb.log_path.read_text()


@contextlib.asynccontextmanager
async def raw_agent_in_call(
    sb: SwitchboardProcess, kiosk: WsClient, call_id: str
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A raw agent connection that answers no ping by itself, in the call."""
    tokens = await login(sb, "agent.caf")
    hello = {"type": "hello", "role": "agent", "token": tokens["access_token"]}
    async with aiohttp.ClientSession() as session, session.ws_connect(sb.url, autoping=False) as ws:
        await ws.send_str(json.dumps(hello))
        await ws.send_str(json.dumps({"type": "take_call", "call_id": call_id}))
        await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.CONNECTING)
        yield ws


async def test_an_agent_silent_but_answering_pings_keeps_the_call(
    start: Starter, join: Joiner
) -> None:
    """Talking for long without a message to the switchboard is normal: as long
    as the app answers the pings, its call stays with it."""
    sb = await start(*SLOW_HEARTBEAT_LONG_GRACE)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    async with raw_agent_in_call(sb, kiosk, call_id) as ws:
        pings = 0
        while pings < 4:  # several rounds of the pulse, each answered
            frame = await ws.receive(timeout=WAIT_S)
            assert frame.type is not aiohttp.WSMsgType.CLOSE, frame
            if frame.type is aiohttp.WSMsgType.PING:
                pings += 1
                await ws.pong(frame.data)
        await ws.send_str(json.dumps({"type": "hangup", "id": "h1", "call_id": call_id}))
        update = await kiosk.next(CallUpdate, lambda m: m.call.state is not CallState.CONNECTING)
        assert update.call.state is CallState.WRAP_UP
    assert '"agent_unresponsive"' not in sb.log_path.read_text()


async def test_an_agent_that_stops_answering_pings_is_closed_4002(
    start: Starter, join: Joiner
) -> None:
    """A raw WebSocket that reads on but never answers a ping: lost, its call
    back in the queue, its connection closed with 4002."""
    sb = await start(*SLOW_HEARTBEAT_LONG_GRACE)
    kiosk, _ = await join(sb, "pvp-murat")
    call_id = (await queue(kiosk)).call.call_id
    async with raw_agent_in_call(sb, kiosk, call_id) as ws:
        update = await kiosk.next(CallUpdate, lambda m: m.call.state is CallState.QUEUED)
        assert update.end_reason is EndReason.AGENT_LOST
        frame = await ws.receive(timeout=WAIT_S)
        while frame.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.PING):
            frame = await ws.receive(timeout=WAIT_S)
        assert frame.type is aiohttp.WSMsgType.CLOSE and frame.data == 4002


async def test_a_client_s_websocket_pings_are_answered(
    sb: SwitchboardProcess, accounts: Provisioned
) -> None:
    """The switchboard answers pings itself (not aiohttp's autoping, which it
    turns off to see agents' pongs): before hello and after."""
    token = accounts.kiosk_tokens["pvp-murat"]
    hello = {"type": "hello", "role": "kiosk", "kiosk_id": "pvp-murat", "token": token}
    async with aiohttp.ClientSession() as session, session.ws_connect(sb.url, autoping=False) as ws:
        for payload in (b"before", b"after"):
            await ws.ping(payload)
            frame = await ws.receive(timeout=WAIT_S)
            while frame.type is aiohttp.WSMsgType.TEXT:  # welcome, statuses
                frame = await ws.receive(timeout=WAIT_S)
            assert (frame.type, frame.data) == (aiohttp.WSMsgType.PONG, payload)
            await ws.send_str(json.dumps(hello))
