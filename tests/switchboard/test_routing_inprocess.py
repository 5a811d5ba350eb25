"""Routing in-process, on the engine alone with a clock the test sets.

The store is a real SQLite file and messages go through the real handlers;
only the connections are recorders (the engine's ``Outbox`` interface) so
that what each end was told can be read at once, and the wall clock is the
engine's injectable ``clock`` so that arrival times and waits are exact.
"""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from agentdesk.protocol import (
    AcceptOffer,
    AgentState,
    Base,
    CallState,
    CallUpdate,
    FinishWrapUp,
    Hangup,
    Hello,
    Offered,
    ProtocolError,
    QueueCall,
    Role,
    SetPresence,
    decode_server,
)
from agentdesk.switchboard.auth import TokenSigner
from agentdesk.switchboard.engine import Engine
from agentdesk.switchboard.handlers import Handlers
from agentdesk.switchboard.lifecycle import TRANSITIONS, IllegalTransition, next_state
from agentdesk.switchboard.live import Peer, SwitchboardSettings
from agentdesk.switchboard.logs import EventLog
from agentdesk.switchboard.store import Store
from tests.support.switchboard import Provisioned, add_appointment


class Recorder:
    """Stands in for a WebSocket connection: keeps what the engine sends."""

    def __init__(self) -> None:
        self.received: list[Base] = []
        self.closed: tuple[int, str] | None = None
        self.changed = asyncio.Event()
        """Set at each message, for tests that wait on a timer of the engine."""

    def send(self, data: bytes, routed_since: float | None = None) -> None:
        self.received.append(decode_server(data))
        self.changed.set()

    def push(self) -> None:
        """What ``send`` kept is already readable."""

    def close(self, code: int, message: str) -> None:
        self.closed = (code, message)

    def confirm(self, received: Callable[[], None]) -> None:
        """Nothing here reads the recorder's messages as a client would: what
        waits for the client to have read them stays waiting."""

    def of(self, kind: type[Base]) -> list[Base]:
        return [m for m in self.received if isinstance(m, kind)]


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class InProcess:
    def __init__(self, db: Path, accounts: Provisioned, clock: Clock) -> None:
        self.store = Store(db)
        self.accounts = accounts
        self.signer = TokenSigner(self.store.secret())
        self.engine = Engine(
            self.store, self.signer, EventLog(), SwitchboardSettings(), clock=clock
        )
        self.handlers = Handlers(self.engine)
        self.engine.start()

    def kiosk(self, kiosk_id: str) -> tuple[Peer, Recorder]:
        out = Recorder()
        token = self.accounts.kiosk_tokens[kiosk_id]
        hello = Hello(role=Role.KIOSK, token=token, kiosk_id=kiosk_id)
        return self.engine.connections.hello(hello, out), out

    def agent(self, login: str) -> tuple[Peer, Recorder]:
        out = Recorder()
        token = self.signer.issue(login, Role.AGENT, "caf")
        return self.engine.connections.hello(Hello(role=Role.AGENT, token=token), out), out

    def close(self) -> None:
        self.engine.close()
        self.store.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(1_800_000_000.0)


@pytest.fixture
async def board(db: Path, accounts: Provisioned, clock: Clock) -> AsyncIterator[InProcess]:
    b = InProcess(db, accounts, clock)
    yield b
    b.close()


def available(board: InProcess, peer: Peer) -> None:
    board.handlers.handle(peer, SetPresence(state=AgentState.AVAILABLE, auto_answer=True))


async def test_the_longest_idle_agent_gets_the_first_call_and_waits_are_exact(
    board: InProcess, clock: Clock
) -> None:
    first, first_out = board.agent("agent.caf")
    second, second_out = board.agent("agent2.caf")
    clock.now += 100.0
    available(board, first)
    clock.now += 100.0
    available(board, second)
    kiosk, kiosk_out = board.kiosk("pvp-murat")
    queued_at = clock.now
    board.handlers.handle(kiosk, QueueCall(service="CAF"))
    # Routing happens in the same step as the queueing: the agent idle for
    # longer (available since 200 s before) is offered the call.
    [offer] = first_out.of(Offered)
    assert isinstance(offer, Offered)
    assert second_out.of(Offered) == []
    assert offer.call.queued_at == queued_at
    assert [u.call.state for u in kiosk_out.of(CallUpdate) if isinstance(u, CallUpdate)] == [
        CallState.OFFERED
    ]
    clock.now += 42.0
    board.handlers.handle(first, AcceptOffer(call_id=offer.call.call_id))
    call = board.engine.board.calls[offer.call.call_id]
    assert call.state is CallState.CONNECTING
    assert call.info(clock.now).waited_s == 42.0


async def test_a_due_appointment_goes_before_walk_ins_who_came_earlier(
    board: InProcess, clock: Clock, db: Path
) -> None:
    appointment = add_appointment(db, "CAF", "pvp-riom", clock.now + 600.0)
    walk_in, _ = board.kiosk("pvp-murat")
    booked, _ = board.kiosk("pvp-riom")
    board.handlers.handle(walk_in, QueueCall(service="CAF"))
    clock.now += 60.0
    board.handlers.handle(booked, QueueCall(service="CAF", appointment_id=appointment))
    agent, out = board.agent("agent.caf")
    available(board, agent)
    [offer] = out.of(Offered)
    assert isinstance(offer, Offered)
    assert offer.call.kiosk_id == "pvp-riom"
    assert offer.call.appointment_due
    # After that call, the walk-in is next.
    board.handlers.handle(agent, AcceptOffer(call_id=offer.call.call_id))
    board.handlers.handle(agent, Hangup(call_id=offer.call.call_id))
    board.handlers.handle(agent, FinishWrapUp(call_id=offer.call.call_id))
    offers = out.of(Offered)
    assert [o.call.kiosk_id for o in offers if isinstance(o, Offered)] == [
        "pvp-riom",
        "pvp-murat",
    ]


def test_the_life_cycle_table_refuses_what_it_does_not_list() -> None:
    for state in CallState:
        for event in {e for _, e in TRANSITIONS}:
            if (state, event) in TRANSITIONS:
                assert next_state(state, event) is TRANSITIONS[state, event]
            else:
                with pytest.raises(IllegalTransition):
                    next_state(state, event)
    # Nothing leaves a final state.
    assert not [key for key in TRANSITIONS if key[0].is_final]


@pytest.mark.parametrize("seed", range(4))
async def test_agents_signed_in_follow_every_presence_change(
    board: InProcess, clock: Clock, seed: int
) -> None:
    """The count of agents signed in that kiosks are told (and estimates use)
    is kept up to date by the presence changes themselves, not recounted: a
    random walk of sign-ins, losses, presences and calls, checked against a
    recount over every presence after each step."""
    rng = random.Random(seed)
    logins = ["agent.caf", "agent2.caf", "agent3.caf", "agent.cpam"]
    agents: dict[str, Peer] = {}
    kiosks = [board.kiosk(k)[0] for k in ("pvp-murat", "pvp-riom", "pvp-maurs")]
    engine = board.engine

    def call_of(login: str) -> str:
        pres = engine.board.presence.get(login)
        return (pres.call_id if pres else None) or "none"

    for _ in range(300):
        clock.now += rng.uniform(0.0, 5.0)
        login = rng.choice(logins)
        peer = agents.get(login)
        action = rng.randrange(8)
        try:
            if action == 0 or peer is None:
                agents[login] = board.agent(login)[0]
            elif action == 1:
                engine.connections.detach(agents.pop(login))
            elif action == 2:
                engine.connections.lost(agents.pop(login))
            elif action == 3:
                # The grace period of an agent no longer connected runs out.
                engine.board.run(functools.partial(engine.connections.agent_gone, login))
            elif action == 4:
                state = rng.choice([AgentState.AVAILABLE, AgentState.PAUSED, AgentState.OFFLINE])
                board.handlers.handle(
                    peer, SetPresence(state=state, auto_answer=rng.random() < 0.5)
                )
            elif action == 5:
                service = rng.choice(["CAF", "CPAM"])
                board.handlers.handle(rng.choice(kiosks), QueueCall(service=service))
            elif action == 6:
                board.handlers.handle(peer, AcceptOffer(call_id=call_of(login)))
            else:
                board.handlers.handle(peer, Hangup(call_id=call_of(login)))
                board.handlers.handle(peer, FinishWrapUp(call_id=call_of(login)))
        except ProtocolError:
            pass  # refused as the guide says (not in a call, already queued...)
        for service in ("CAF", "CPAM"):
            recount = {
                p.login
                for p in engine.board.presence.values()
                if p.online
                and p.is_agent
                and service in p.services
                and p.state is not AgentState.OFFLINE
            }
            assert engine.hours.status(service, None).agents_signed_in == len(recount)
            assert engine.fanout.waits.signed_in(service) == recount
