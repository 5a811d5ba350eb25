"""Protocol messages as the switchboard would send them, through the real codec."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import msgspec

from agentdesk.desk import Desk
from agentdesk.protocol import (
    Ack,
    AgentInfo,
    AgentState,
    AgentStatus,
    Base,
    CallInfo,
    CallState,
    Error,
    QueueSnapshot,
    Role,
    ServiceQueue,
    ServiceStatus,
    Welcome,
    decode_client,
    decode_server,
    encode,
)

LOGIN = "agent.dupont"


class Clock:
    def __init__(self, now: float = 1_750_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Switchboard:
    """Records what the desk sends, after a round trip through the codec, and
    answers ``ack`` (or a chosen error).  The real switchboard is built in
    parallel; these tests check the desk's side of the contract."""

    def __init__(self) -> None:
        self.sent: list[Base] = []
        self.error: tuple[str, str] | None = None
        self.replies: dict[type[Base], Base] = {}
        """Answers other than ``ack``, by request type (``ref`` set on the way)."""
        self.held: asyncio.Event | None = None
        """Set: answers wait until it is (a reply still on its way)."""
        self._changed: asyncio.Event | None = None

    async def request(self, message: Base) -> Base:
        decoded = decode_client(encode(message))
        self.sent.append(decoded)
        if self._changed is not None:
            self._changed.set()
        if self.held is not None:
            await self.held.wait()
        if self.error is not None:
            return Error(code=self.error[0], message=self.error[1], ref=message.id)
        reply = self.replies.get(type(decoded))
        if reply is not None:
            return decode_server(encode(msgspec.structs.replace(reply, ref=message.id)))
        return Ack(ref=message.id)

    async def wait_sent(self, message: Base, within: float = 15.0) -> None:
        """Until ``message`` was sent (compared after the codec round trip)."""
        async with asyncio.timeout(within):
            while message not in self.sent:
                self._changed = asyncio.Event()
                await self._changed.wait()


def feed(desk: Desk, message: Base) -> None:
    desk.apply(decode_server(encode(message)))


def call(
    call_id: str = "c1",
    commune: str = "Murat",
    service: str = "CAF",
    state: CallState = CallState.QUEUED,
    waited_s: float = 30.0,
    **kw: object,
) -> CallInfo:
    return CallInfo(
        call_id=call_id,
        service=service,
        state=state,
        kiosk_id=f"k-{commune.lower()}",
        kiosk_name=f"Mairie de {commune}",
        commune=commune,
        queued_at=1_750_000_000.0 - waited_s,
        waited_s=waited_s,
        **kw,  # type: ignore[arg-type]
    )


def agent(state: AgentState, **kw: object) -> AgentInfo:
    return AgentInfo(
        login=LOGIN,
        display_name="Claire Dupont",
        services=["CAF"],
        state=state,
        since=1_750_000_000.0,
        **kw,  # type: ignore[arg-type]
    )


def welcome(
    state: AgentState = AgentState.OFFLINE,
    active: CallInfo | None = None,
    service_status: list[ServiceStatus] | None = None,
) -> Welcome:
    return Welcome(
        protocol_version=1,
        role=Role.AGENT,
        identity=LOGIN,
        display_name="Claire Dupont",
        agency="CAF du Cantal",
        services=["CAF"],
        ice_servers=[],
        heartbeat_s=10,
        agent=agent(state),
        active_call=active,
        service_status=service_status or [],
    )


def status(state: AgentState, **kw: object) -> AgentStatus:
    return AgentStatus(agent=agent(state, **kw))


def snapshot(*calls: CallInfo, services: Iterable[str] = ("CAF",)) -> QueueSnapshot:
    return QueueSnapshot(
        queues=[
            ServiceQueue(service=s, waiting=[c for c in calls if c.service == s]) for s in services
        ]
    )
