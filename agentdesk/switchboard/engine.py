"""The switchboard's live state and the life of each call.

Everything here runs in the event loop's thread, synchronously: no handler
ever awaits, so there are no races between messages.  Every transition is
committed to the store before any message about it is sent: messages go to a
batch that is flushed at the end of each entry point (a client message, a
connection opening or closing, a timer).
"""

from __future__ import annotations

import asyncio
import math
import secrets
import statistics
import time
from collections import deque
from collections.abc import Callable, Iterable

from agentdesk.protocol import (
    AgentState,
    AgentStatus,
    Base,
    CallEvent,
    CallState,
    CallUpdate,
    EndReason,
    ErrorCode,
    FeedEvent,
    Hello,
    Offered,
    OfferWithdrawn,
    OfferWithdrawnReason,
    ProtocolError,
    Queued,
    QueueSnapshot,
    Role,
    ServiceInfo,
    ServiceQueue,
    Welcome,
    encode,
)

from .acd import Acd, Rank, Waiting
from .auth import TokenSigner, token_matches
from .live import LiveCall, Outbox, Peer, Presence, Settings
from .logs import EventLog
from .metrics import Metrics
from .store import Agent, Store

_STAFF_STATES = (AgentState.AVAILABLE, AgentState.PAUSED, AgentState.OFFLINE)
# Periodic updates (positions to kiosks, snapshots to agents) go out this many
# connections per turn of the event loop: with thousands of kiosks waiting, one
# long burst would hold back the messages that route calls.
FLUSH_SLICE = 64
# Close code for a connection replaced by a newer one of the same client.
CLOSE_REPLACED = 4001


class Engine:
    def __init__(
        self,
        store: Store,
        signer: TokenSigner,
        log: EventLog,
        settings: Settings,
        clock: Callable[[], float] = time.time,
        metrics: Metrics | None = None,
    ) -> None:
        self.store = store
        self.signer = signer
        self.log = log
        self.settings = settings
        self.clock = clock
        self.metrics = metrics or Metrics()
        self.acd = Acd()
        self.calls: dict[str, LiveCall] = {}
        self.by_kiosk: dict[str, str] = {}
        """Kiosk id -> its call, while that call is waiting or in progress."""
        self.presence: dict[str, Presence] = {}
        self.agents: dict[str, Peer] = {}
        self.kiosks: dict[str, Peer] = {}
        self.subscribers: dict[str, set[Peer]] = {}
        self._service_agency: dict[str, str] = {}
        self._directory: list[ServiceInfo] = []
        self._timers: dict[tuple[str, str], asyncio.TimerHandle] = {}
        self._batch: list[tuple[Peer, str, float | None]] = []
        """Messages to send at the end of the entry point, with, for offers, the
        monotonic time routing began (for the routing figure)."""
        self._ready_since: dict[str, float] = {}
        """Agent login -> monotonic time since which they are ready for an offer."""
        self._dirty_snapshots: set[str] = set()
        self._dirty_positions: set[str] = set()
        self._flushes: dict[str, asyncio.Handle] = {}
        self._handle_times: dict[str, deque[float]] = {}
        self.started_at = clock()

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> None:
        """Reloads every call that was not over when the switchboard stopped."""
        self._load_services()
        now = self.clock()
        restored = 0
        for row in self.store.live_calls():
            kiosk = self.store.kiosk(row.kiosk_id)
            call = LiveCall(
                row, kiosk.display_name if kiosk else row.kiosk_id, kiosk.commune if kiosk else ""
            )
            call.line = self.store.kiosk_line(row.kiosk_id)
            self.calls[row.id] = call
            restored += 1
            if row.state.is_waiting:
                if row.state is CallState.OFFERED:
                    # The ringing agent is gone with the old process.
                    row.state, row.agent_login = CallState.QUEUED, None
                    self._record(call, CallEvent.QUEUED, detail={"cause": "restart"})
                self.acd.add(Waiting(row.id, row.service, Rank(row.rank), row.queued_at, row.seq))
            if row.state is not CallState.WRAP_UP:
                self.by_kiosk[row.kiosk_id] = row.id
                self._kiosk_left(row.kiosk_id)
            if row.agent_login is not None:
                agent = self.store.agent(row.agent_login)
                if agent is not None:
                    call.agent_name = agent.display_name
                    pres = self._presence_from(agent, now)
                    pres.call_id = row.id
                    if row.state is CallState.WRAP_UP:
                        pres.state = AgentState.WRAP_UP
                    else:
                        pres.state = AgentState.IN_CALL
                        call.restored = True
                        self._later(
                            ("agent", agent.login),
                            self.settings.agent_grace_s,
                            self._agent_gone,
                            agent.login,
                        )
                    self.presence[agent.login] = pres
        self._batch.clear()
        self.log.event("calls_restored", count=restored)

    def close(self) -> None:
        for handle in [*self._timers.values(), *self._flushes.values()]:
            handle.cancel()
        self._timers.clear()
        self._flushes.clear()

    def _load_services(self) -> None:
        services = self.store.services()
        self._service_agency = {s.code: s.agency_id for s in services}
        self._directory = [ServiceInfo(code=s.code, name=s.name) for s in services]

    def service_agency(self, code: str) -> str | None:
        if code not in self._service_agency:
            self._load_services()
        return self._service_agency.get(code)

    def agency_services(self, agency: str) -> list[str]:
        self._load_services()
        return sorted(c for c, a in self._service_agency.items() if a == agency)

    # -- timers and batching -------------------------------------------------

    def _later(
        self, key: tuple[str, str], delay: float, fn: Callable[[str], None], arg: str
    ) -> None:
        self._cancel(key)

        def fire() -> None:
            self._timers.pop(key, None)
            self.run(lambda: fn(arg))

        self._timers[key] = asyncio.get_running_loop().call_later(delay, fire)

    def _cancel(self, key: tuple[str, str]) -> None:
        handle = self._timers.pop(key, None)
        if handle is not None:
            handle.cancel()

    def run(self, action: Callable[[], None]) -> None:
        """One entry point: apply ``action``, route waiting calls, commit every
        change in one transaction, then send."""
        try:
            with self.store.batch():
                action()
                self._dispatch()
        finally:
            self.flush()

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        for peer, text, since in batch:
            peer.out.send(text, since)

    def _send(self, peer: Peer | None, message: Base, since: float | None = None) -> None:
        if peer is not None:
            self._batch.append((peer, encode(message), since))

    def batch_mark(self) -> int:
        return len(self._batch)

    def reply(self, peer: Peer, message: Base, at: int | None = None) -> None:
        """Queues a message to a peer; ``at`` (a ``batch_mark``) puts it ahead of
        what was queued since, so a request's reply comes before its effects."""
        if at is None:
            self._send(peer, message)
        else:
            self._batch.insert(at, (peer, encode(message), None))

    def _to_kiosk(self, call: LiveCall, message: Base) -> None:
        self._send(self.kiosks.get(call.row.kiosk_id), message)

    def _to_agent(self, login: str | None, message: Base) -> None:
        if login is not None:
            self._send(self.agents.get(login), message)

    def _dirty(self, *services: str) -> None:
        loop = asyncio.get_running_loop()
        if "snapshots" not in self._flushes:
            self._flushes["snapshots"] = loop.call_later(
                self.settings.snapshot_interval_s, self._flush_snapshots
            )
        if "positions" not in self._flushes:
            self._flushes["positions"] = loop.call_later(
                self.settings.position_interval_s, self._flush_positions
            )
        self._dirty_snapshots.update(services)
        self._dirty_positions.update(services)

    # -- connections ---------------------------------------------------------

    def hello(self, msg: Hello, out: Outbox) -> Peer:
        """Authenticates a connection's first message and welcomes it."""
        if msg.role is Role.KIOSK:
            if msg.kiosk_id is None:
                raise ProtocolError(ErrorCode.BAD_MESSAGE, "a kiosk's hello needs kiosk_id")
            kiosk = self.store.kiosk(msg.kiosk_id)
            if kiosk is None or not token_matches(kiosk.token_sha256, msg.token):
                raise ProtocolError(ErrorCode.UNAUTHORIZED, "unknown kiosk or wrong device token")
            peer = Peer(Role.KIOSK, kiosk.id, kiosk.display_name, "", frozenset(), out)
            self.run(lambda: self._attach_kiosk(peer, msg.id))
            return peer
        claims = self.signer.verify(msg.token)
        if claims is None:
            raise ProtocolError(ErrorCode.UNAUTHORIZED, "invalid or expired access token")
        if claims.role is not msg.role:
            raise ProtocolError(ErrorCode.UNAUTHORIZED, f"this token is for role {claims.role}")
        agent = self.store.agent(claims.sub)
        if agent is None:
            raise ProtocolError(ErrorCode.UNAUTHORIZED, "this account no longer exists")
        peer = Peer(
            agent.role,
            agent.login,
            agent.display_name,
            agent.agency_id,
            frozenset(agent.services),
            out,
        )
        self.run(lambda: self._attach_agent(peer, agent, msg.id))
        return peer

    def _welcome(self, peer: Peer, ref: str | None, **extra: object) -> Welcome:
        services = sorted(peer.services) if peer.is_staff else sorted(self._service_agency)
        return Welcome(
            ref=ref,
            protocol_version=1,
            role=peer.role,
            identity=peer.identity,
            display_name=peer.display_name,
            agency=peer.agency,
            services=services,
            ice_servers=list(self.settings.ice_servers),
            heartbeat_s=self.settings.heartbeat_s,
            directory=self._directory,
            **extra,  # type: ignore[arg-type]
        )

    def _attach_kiosk(self, peer: Peer, ref: str | None) -> None:
        old = self.kiosks.get(peer.identity)
        if old is not None:
            old.out.close(CLOSE_REPLACED, "replaced by a newer connection")
        self.kiosks[peer.identity] = peer
        self._cancel(("kiosk", peer.identity))
        self._load_services()
        now = self.clock()
        call = self.calls.get(self.by_kiosk.get(peer.identity, ""))
        self.log.event("kiosk_connected", kiosk_id=peer.identity)
        self._send(peer, self._welcome(peer, ref, active_call=call.info(now) if call else None))
        if call is not None and call.id in self.acd:
            self.acd.hold(call.id, False)
            call.waiting_since = time.monotonic()
            call.last_queued = None
            self._send_position(call)

    def _presence_from(self, agent: Agent, now: float) -> Presence:
        base = agent.presence if agent.presence in _STAFF_STATES else AgentState.PAUSED
        if base is AgentState.OFFLINE:
            base = AgentState.PAUSED
        reason = agent.presence_reason if base is AgentState.PAUSED else None
        pres = Presence(
            login=agent.login,
            display_name=agent.display_name,
            agency=agent.agency_id,
            services=frozenset(agent.services),
            state=base,
            since=now,
            reason=reason,
            base=base,
            base_reason=reason,
            auto_answer=agent.auto_answer,
            idle_since=now,
        )
        if agent.presence_call is not None:
            # In wrap-up of a call that went on elsewhere (transferred).
            pres.state, pres.call_id = AgentState.WRAP_UP, agent.presence_call
        return pres

    def _attach_agent(self, peer: Peer, agent: Agent, ref: str | None) -> None:
        old = self.agents.get(peer.identity)
        if old is not None:
            self._unsubscribe(old)
            old.out.close(CLOSE_REPLACED, "replaced by a newer connection")
        now = self.clock()
        pres = self.presence.get(agent.login)
        if pres is None:
            pres = self._presence_from(agent, now)
            self.presence[agent.login] = pres
        else:
            pres.display_name, pres.agency = agent.display_name, agent.agency_id
            pres.services = frozenset(agent.services)
        self._cancel(("agent", agent.login))
        pres.online = True
        self.agents[agent.login] = peer
        call = self.calls.get(pres.call_id or "")
        if call is not None and call.restored and call.row.agent_login == agent.login:
            call.restored = False
            self._record(call, CallEvent.RESUMED, agent=agent.login, detail={"cause": "restart"})
        self.log.event("agent_connected", login=agent.login, state=pres.state.value)
        self._send(
            peer, self._welcome(peer, ref, agent=pres.info(), active_call=call and call.info(now))
        )
        if pres.state is AgentState.OFFERED and call is not None:
            handle = self._timers.get(("offer", call.id))
            left = handle.when() - asyncio.get_running_loop().time() if handle else 0.0
            self._send(peer, Offered(call=call.info(now), expires_in_s=round(max(0.0, left), 3)))
        if peer.services:
            self._send(peer, self._snapshot(sorted(peer.services), self.settings.snapshot_limit))
        self._seat(pres)
        self._agent_changed(pres)

    def detach(self, peer: Peer) -> None:
        """A connection closed (cleanly or not)."""
        self.run(lambda: self._detach(peer))

    def _detach(self, peer: Peer) -> None:
        if peer.role is Role.KIOSK:
            if self.kiosks.get(peer.identity) is peer:
                del self.kiosks[peer.identity]
                self.log.event("kiosk_disconnected", kiosk_id=peer.identity)
                self._kiosk_left(peer.identity)
            return
        self._unsubscribe(peer)
        if self.agents.get(peer.identity) is not peer:
            return
        del self.agents[peer.identity]
        pres = self.presence[peer.identity]
        pres.online = False
        self._seat(pres)
        self.log.event("agent_disconnected", login=peer.identity, state=pres.state.value)
        self._later(
            ("agent", peer.identity), self.settings.agent_grace_s, self._agent_gone, peer.identity
        )

    def _kiosk_left(self, kiosk_id: str) -> None:
        call_id = self.by_kiosk.get(kiosk_id)
        if call_id is None:
            return
        if call_id in self.acd:
            self.acd.hold(call_id, True)
        self._later(("kiosk", kiosk_id), self.settings.kiosk_grace_s, self._kiosk_gone, kiosk_id)

    def _kiosk_gone(self, kiosk_id: str) -> None:
        if kiosk_id in self.kiosks:
            return
        call = self.calls.get(self.by_kiosk.get(kiosk_id, ""))
        if call is None:
            return
        self.log.event("kiosk_lost", kiosk_id=kiosk_id, call_id=call.id)
        if call.state.is_waiting:
            self.abandon(call, "kiosk_lost")
        elif call.state in (CallState.CONNECTING, CallState.CONNECTED):
            self.end_call(call, EndReason.KIOSK_LOST)

    def _agent_gone(self, login: str) -> None:
        pres = self.presence.get(login)
        if pres is None or pres.online:
            return
        call = self.calls.get(pres.call_id or "")
        if (
            call is not None
            and call.row.agent_login == login
            and call.state
            in (
                CallState.OFFERED,
                CallState.CONNECTING,
                CallState.CONNECTED,
            )
        ):
            self.interrupt(call)
        if pres.state is not AgentState.WRAP_UP:
            pres.state, pres.reason, pres.call_id, pres.since = (
                AgentState.OFFLINE,
                None,
                None,
                self.clock(),
            )
        self.log.event("agent_offline", login=login)
        self._seat(pres)
        self._agent_changed(pres)

    def _unsubscribe(self, peer: Peer) -> None:
        if peer.subscribed:
            self.subscribers.get(peer.agency, set()).discard(peer)
            peer.subscribed = False

    # -- presence ------------------------------------------------------------

    def _seat(self, pres: Presence) -> None:
        ready = (
            pres.online
            and pres.state is AgentState.AVAILABLE
            and pres.auto_answer
            and bool(pres.services)
        )
        if ready or self.acd.seat(pres.login) is not None:
            self.acd.set_seat(pres.login, pres.services, ready, pres.idle_since)
        if ready:
            self._ready_since.setdefault(pres.login, time.monotonic())
        else:
            self._ready_since.pop(pres.login, None)

    def set_state(self, pres: Presence, state: AgentState, reason: str | None = None) -> None:
        now = self.clock()
        if state is AgentState.AVAILABLE and pres.state is not AgentState.AVAILABLE:
            pres.idle_since = now
        pres.state, pres.reason, pres.since = state, reason, now
        if state in _STAFF_STATES:
            pres.call_id = None
        self._seat(pres)
        self._to_agent(pres.login, AgentStatus(agent=pres.info()))
        self._agent_changed(pres)

    def return_to_base(self, pres: Presence) -> None:
        self.set_state(pres, pres.base, pres.base_reason)

    def save_presence(self, pres: Presence) -> None:
        wrap_up_call = pres.call_id if pres.state is AgentState.WRAP_UP else None
        self.store.save_presence(
            pres.login, pres.base, pres.base_reason, pres.auto_answer, wrap_up_call
        )

    def _agent_changed(self, pres: Presence) -> None:
        self._dirty(*pres.services)
        if self.subscribers.get(pres.agency):
            self._feed(pres.agency, FeedEvent(at=self.clock(), agent=pres.info()))

    def _dispatch(self) -> None:
        for entry, login in self.acd.match():
            self.offer(self.calls[entry.call_id], login)

    # -- call transitions ----------------------------------------------------

    def new_call(
        self,
        kiosk: Peer,
        service: str,
        reason: str | None,
        appointment_id: str | None,
        appointment_due: bool,
    ) -> LiveCall:
        now = self.clock()
        rank = Rank.APPOINTMENT if appointment_due else Rank.WALK_IN
        detail = {"rank": str(int(rank))}
        row = self.store.create_call(
            "c-" + secrets.token_hex(8),
            service,
            kiosk.identity,
            reason,
            appointment_id,
            appointment_due,
            now,
            int(rank),
            detail,
        )
        kiosk_row = self.store.kiosk(kiosk.identity)
        call = LiveCall(row, kiosk.display_name, kiosk_row.commune if kiosk_row else "")
        call.waiting_since = time.monotonic()
        call.line = self.store.kiosk_line(kiosk.identity)
        self.calls[row.id] = call
        self.by_kiosk[kiosk.identity] = row.id
        self.acd.add(Waiting(row.id, service, rank, now, row.seq))
        self.log.event(
            "call_queued", call_id=row.id, service=service, kiosk_id=kiosk.identity, rank=int(rank)
        )
        self._feed_call(call, CallEvent.QUEUED)
        self._dirty(service)
        return call

    def _record(
        self,
        call: LiveCall,
        event: CallEvent,
        agent: str | None = None,
        detail: dict[str, str] | None = None,
        wrap_up: tuple[str, str | None, str | None] | None = None,
    ) -> None:
        self.store.record(call.row, event, self.clock(), agent, detail, wrap_up)
        self.log.event(
            "call_" + event.value,
            call_id=call.id,
            service=call.row.service,
            kiosk_id=call.row.kiosk_id,
            agent=agent,
            state=call.state.value,
        )
        self._feed_call(call, event)
        self._dirty(call.row.service)

    def offer(self, call: LiveCall, login: str) -> None:
        pres = self.presence[login]
        routed_since = max(call.waiting_since, self._ready_since.get(login, call.waiting_since))
        self.acd.set_offer(call.id, login)
        call.row.state, call.row.agent_login = CallState.OFFERED, login
        call.agent_name = pres.display_name
        self._record(call, CallEvent.OFFERED, agent=login)
        now = self.clock()
        self._send(
            self.agents.get(login),
            Offered(call=call.info(now), expires_in_s=self.settings.offer_timeout_s),
            since=routed_since,
        )
        pres.state, pres.reason, pres.since, pres.call_id = AgentState.OFFERED, None, now, call.id
        self._seat(pres)
        self._to_agent(login, AgentStatus(agent=pres.info()))
        self._agent_changed(pres)
        self._to_kiosk(call, CallUpdate(call=call.info(now)))
        self._later(("offer", call.id), self.settings.offer_timeout_s, self._offer_expired, call.id)

    def _offer_expired(self, call_id: str) -> None:
        call = self.calls.get(call_id)
        if call is None or call.state is not CallState.OFFERED:
            return
        login = call.row.agent_login
        self.requeue(call, CallEvent.MISSED)
        pres = self.presence.get(login or "")
        if pres is not None:
            self._to_agent(
                pres.login, OfferWithdrawn(call_id=call_id, reason=OfferWithdrawnReason.TIMEOUT)
            )
            # An agent who lets a call ring out is probably away: stop pushing calls.
            pres.base, pres.base_reason = AgentState.PAUSED, "missed_offer"
            self.return_to_base(pres)
            self.save_presence(pres)

    def requeue(
        self,
        call: LiveCall,
        event: CallEvent,
        rank: Rank | None = None,
        end_reason: EndReason | None = None,
    ) -> None:
        """The call waits again: at its place (missed, declined) or at the head
        of its queue (interrupted)."""
        row = call.row
        login = row.agent_login
        self._cancel(("offer", call.id))
        row.state, row.agent_login = CallState.QUEUED, None
        if rank is not None:
            row.rank = int(rank)
        if call.id in self.acd:
            self.acd.clear_offer(call.id, declined=event is CallEvent.DECLINED)
            if rank is not None:
                self.acd.move(call.id, row.service, rank)
        else:
            self.acd.add(Waiting(call.id, row.service, Rank(row.rank), row.queued_at, row.seq))
        self.acd.hold(call.id, row.kiosk_id not in self.kiosks)
        call.waiting_since = time.monotonic()
        self._record(call, event, agent=login)
        self._to_kiosk(call, CallUpdate(call=call.info(self.clock()), end_reason=end_reason))
        call.last_queued = None
        self._send_position(call)

    def interrupt(self, call: LiveCall) -> None:
        self.requeue(call, CallEvent.INTERRUPTED, Rank.INTERRUPTED, EndReason.AGENT_LOST)

    def connect(self, call: LiveCall, login: str) -> None:
        pres = self.presence[login]
        now = self.clock()
        self._cancel(("offer", call.id))
        self.acd.remove(call.id)
        row = call.row
        row.state, row.agent_login, row.answered_at = CallState.CONNECTING, login, now
        call.agent_name = pres.display_name
        self._record(call, CallEvent.CONNECTING, agent=login)
        pres.state, pres.reason, pres.since, pres.call_id = AgentState.IN_CALL, None, now, call.id
        self._seat(pres)
        update = CallUpdate(call=call.info(now))
        self._to_agent(login, update)
        self._to_kiosk(call, update)
        self._to_agent(login, AgentStatus(agent=pres.info()))
        self._agent_changed(pres)

    def media_connected(self, call: LiveCall) -> None:
        row = call.row
        row.state = CallState.CONNECTED
        if row.connected_at is None:
            row.connected_at = self.clock()
        self._record(call, CallEvent.CONNECTED, agent=row.agent_login)
        update = CallUpdate(call=call.info(self.clock()))
        self._to_agent(row.agent_login, update)
        self._to_kiosk(call, update)

    def end_call(self, call: LiveCall, reason: EndReason) -> None:
        """Hang-up (or the kiosk lost): the agent goes to wrap-up."""
        row = call.row
        now = self.clock()
        row.state, row.ended_at, row.end_reason = CallState.WRAP_UP, now, reason.value
        self._record(
            call, CallEvent.WRAP_UP, agent=row.agent_login, detail={"end_reason": reason.value}
        )
        if row.answered_at is not None:
            self._handle_times_of(row.service).append(now - row.answered_at)
        self.by_kiosk.pop(row.kiosk_id, None)
        self._cancel(("kiosk", row.kiosk_id))
        update = CallUpdate(call=call.info(now), end_reason=reason)
        self._to_agent(row.agent_login, update)
        self._to_kiosk(call, update)
        pres = self.presence.get(row.agent_login or "")
        if pres is not None:
            self.set_state(pres, AgentState.WRAP_UP)
            pres.call_id = call.id
            self.save_presence(pres)

    def finish(self, call: LiveCall, login: str, outcome: str | None, note: str | None) -> None:
        row = call.row
        row.state, row.outcome = CallState.DONE, outcome
        self._record(call, CallEvent.DONE, agent=login, wrap_up=(login, outcome, note))
        self.calls.pop(call.id, None)

    def abandon(self, call: LiveCall, cause: str) -> None:
        row = call.row
        self._cancel(("offer", call.id))
        if row.state is CallState.OFFERED and row.agent_login is not None:
            self._to_agent(
                row.agent_login,
                OfferWithdrawn(call_id=call.id, reason=OfferWithdrawnReason.ABANDONED),
            )
            pres = self.presence.get(row.agent_login)
            if pres is not None:
                self.return_to_base(pres)
        self.acd.remove(call.id)
        row.state, row.agent_login, row.ended_at = CallState.ABANDONED, None, self.clock()
        self._record(call, CallEvent.ABANDONED, detail={"cause": cause})
        self._to_kiosk(call, CallUpdate(call=call.info(self.clock())))
        self.calls.pop(call.id, None)
        self.by_kiosk.pop(row.kiosk_id, None)
        self._cancel(("kiosk", row.kiosk_id))

    def transfer(self, call: LiveCall, service: str) -> None:
        row = call.row
        login = row.agent_login
        now = self.clock()
        old = row.service
        row.service, row.state, row.agent_login = service, CallState.QUEUED, None
        row.rank = int(Rank.WALK_IN)
        self.acd.add(
            Waiting(
                call.id,
                service,
                Rank.WALK_IN,
                row.queued_at,
                row.seq,
                held=row.kiosk_id not in self.kiosks,
            )
        )
        call.waiting_since = time.monotonic()
        self._record(call, CallEvent.TRANSFERRED, agent=login, detail={"from": old, "to": service})
        self._dirty(old)
        update = CallUpdate(call=call.info(now), end_reason=EndReason.TRANSFERRED)
        self._to_agent(login, update)
        self._to_kiosk(call, update)
        call.last_queued = None
        self._send_position(call)
        pres = self.presence.get(login or "")
        if pres is not None:
            self.set_state(pres, AgentState.WRAP_UP)
            pres.call_id = call.id
            self.save_presence(pres)

    # -- queue positions and snapshots ---------------------------------------

    def _handle_times_of(self, service: str) -> deque[float]:
        times = self._handle_times.get(service)
        if times is None:
            times = deque(self.store.recent_handle_times(service), maxlen=20)
            self._handle_times[service] = times
        return times

    def _agents_serving(self, service: str) -> int:
        """Agents connected and working on this service (not paused, not offline)."""
        return sum(
            1
            for p in self.presence.values()
            if p.online
            and service in p.services
            and p.state not in (AgentState.PAUSED, AgentState.OFFLINE)
        )

    def estimator(self, service: str) -> Callable[[int], float]:
        """Estimated wait for a position: position × mean handle time of the
        service's last 20 calls (6 min before there are any) / agents working
        on it (at least 1), rounded up to 30 s."""
        times = self._handle_times_of(service)
        mean = statistics.fmean(times) if times else self.settings.default_handle_s
        agents = max(1, self._agents_serving(service))

        def estimate(position: int) -> float:
            return float(math.ceil(position * mean / agents / 30.0) * 30)

        return estimate

    def queued_message(self, call: LiveCall, ref: str | None = None) -> Queued:
        position = self.acd.position(call.id)
        estimate = self.estimator(call.row.service)(position)
        call.last_queued = (position, estimate)
        return Queued(
            ref=ref, call=call.info(self.clock()), position=position, estimated_wait_s=estimate
        )

    def _send_position(self, call: LiveCall) -> None:
        kiosk = self.kiosks.get(call.row.kiosk_id)
        if kiosk is not None and call.id in self.acd:
            self._send(kiosk, self.queued_message(call))

    def _flush_positions(self) -> None:
        self._flushes.pop("positions", None)
        if "positions_more" in self._flushes:
            # The previous round is still going out: this one waits its turn.
            self._flushes["positions"] = asyncio.get_running_loop().call_later(
                self.settings.position_interval_s, self._flush_positions
            )
            return
        services, self._dirty_positions = self._dirty_positions, set()
        call_ids = [e.call_id for service in services for e in self.acd.waiting(service)]
        self._send_positions(call_ids, 0, {})

    def _send_positions(
        self, call_ids: list[str], start: int, estimates: dict[str, Callable[[int], float]]
    ) -> None:
        """Tells kiosks whose place or estimate changed, FLUSH_SLICE at a time;
        each place is read when it is sent, so a later slice is not stale."""
        self._flushes.pop("positions_more", None)
        now = self.clock()
        sent, index = 0, start
        while index < len(call_ids) and sent < FLUSH_SLICE:
            call = self.calls.get(call_ids[index])
            index += 1
            if call is None or call.id not in self.acd:
                continue
            kiosk = self.kiosks.get(call.row.kiosk_id)
            if kiosk is None:
                continue
            service = call.row.service
            estimate = estimates.get(service)
            if estimate is None:
                estimate = estimates[service] = self.estimator(service)
            position = self.acd.position(call.id)
            place = (position, estimate(position))
            if place != call.last_queued:
                call.last_queued = place
                sent += 1
                self._send(
                    kiosk, Queued(call=call.info(now), position=place[0], estimated_wait_s=place[1])
                )
        self.flush()
        if index < len(call_ids):
            self._flushes["positions_more"] = asyncio.get_running_loop().call_soon(
                self._send_positions, call_ids, index, estimates
            )

    def _snapshot(
        self, services: Iterable[str], limit: int | None, with_agents: bool = False
    ) -> QueueSnapshot:
        return QueueSnapshot(queues=self.queues(services, limit, with_agents))

    def queues(
        self, services: Iterable[str], limit: int | None, with_agents: bool = False
    ) -> list[ServiceQueue]:
        now = self.clock()
        out = []
        agents_by_service: dict[str, list[Presence]] = {}
        if with_agents:
            for pres in self._all_presences(services):
                for service in pres.services:
                    agents_by_service.setdefault(service, []).append(pres)
        for service in services:
            waiting = self.acd.waiting(service)
            shown = waiting if limit is None else waiting[:limit]
            out.append(
                ServiceQueue(
                    service=service,
                    waiting=[self.calls[w.call_id].info(now) for w in shown],
                    agents=[p.info() for p in agents_by_service.get(service, [])],
                    waiting_total=len(waiting),
                )
            )
        return out

    def _all_presences(self, services: Iterable[str]) -> list[Presence]:
        """Live presences, plus agents not seen since start (offline)."""
        wanted = set(services)
        agencies = {self.service_agency(s) for s in wanted}
        out: list[Presence] = []
        for agency in agencies:
            if agency is None:
                continue
            for agent in self.store.agents(agency):
                pres = self.presence.get(agent.login)
                if pres is None:
                    pres = self._presence_from(agent, self.started_at)
                    pres.state = AgentState.OFFLINE
                if pres.services & wanted:
                    out.append(pres)
        return out

    def _flush_snapshots(self) -> None:
        self._flushes.pop("snapshots", None)
        if "snapshots_more" in self._flushes:
            self._flushes["snapshots"] = asyncio.get_running_loop().call_later(
                self.settings.snapshot_interval_s, self._flush_snapshots
            )
            return
        dirty, self._dirty_snapshots = self._dirty_snapshots, set()
        peers = [p for p in self.agents.values() if p.services & dirty]
        self._send_snapshots(peers, 0, {})

    def _send_snapshots(
        self, peers: list[Peer], start: int, texts: dict[frozenset[str], str]
    ) -> None:
        """One snapshot per agent seeing a changed queue, FLUSH_SLICE agents at a
        time, built once per set of services for the whole flush (the slices
        follow each other within milliseconds)."""
        self._flushes.pop("snapshots_more", None)
        for peer in peers[start : start + FLUSH_SLICE]:
            if self.agents.get(peer.identity) is not peer:
                continue
            text = texts.get(peer.services)
            if text is None:
                snapshot = self._snapshot(sorted(peer.services), self.settings.snapshot_limit)
                text = texts[peer.services] = encode(snapshot)
            self._batch.append((peer, text, None))
        self.flush()
        if start + FLUSH_SLICE < len(peers):
            self._flushes["snapshots_more"] = asyncio.get_running_loop().call_soon(
                self._send_snapshots, peers, start + FLUSH_SLICE, texts
            )

    # -- supervisors' feed ---------------------------------------------------

    def subscribe(self, peer: Peer) -> None:
        peer.subscribed = True
        self.subscribers.setdefault(peer.agency, set()).add(peer)
        services = self.agency_services(peer.agency)
        self._send(peer, self._snapshot(services, None, with_agents=True))

    def _feed(self, agency: str | None, event: FeedEvent) -> None:
        peers = self.subscribers.get(agency or "")
        if peers:
            text = encode(event)
            self._batch.extend((p, text, None) for p in peers)

    def _feed_call(self, call: LiveCall, event: CallEvent) -> None:
        if not any(self.subscribers.values()):
            return
        feed = FeedEvent(at=self.clock(), call=call.info(self.clock()), call_event=event)
        agencies = {
            self.service_agency(call.row.service),
            self.service_agency(call.row.origin_service),
        }
        for agency in agencies:
            self._feed(agency, feed)
