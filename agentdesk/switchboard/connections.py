"""Connections: a client's ``hello`` (who it is), a newer connection replacing
an older one, and what happens when one is lost (grace periods, then the
kiosk's call abandoned or ended, the agent's call back in the queue)."""

from __future__ import annotations

import time

from agentdesk.protocol import (
    AgentState,
    CallEvent,
    CallState,
    EndReason,
    Error,
    ErrorCode,
    ErrorReason,
    Hello,
    Offered,
    ProtocolError,
    Role,
    Welcome,
    encode_bytes,
)

from .auth import token_matches
from .board import Board
from .deliveries import Deliveries
from .fanout import FanOut
from .hours import Hours
from .lifecycle import CallLifecycle
from .live import Outbox, Peer
from .presence import PresenceRules, presence_from
from .sessions import CLOSE_REVOKED, Credentials
from .store import Agent

# Close code for a connection replaced by a newer one of the same client.
CLOSE_REPLACED = 4001


class Connections:
    def __init__(
        self,
        board: Board,
        credentials: Credentials,
        fanout: FanOut,
        presence: PresenceRules,
        lifecycle: CallLifecycle,
        hours: Hours,
        deliveries: Deliveries,
    ) -> None:
        self.deliveries = deliveries
        self.board = board
        self.credentials = credentials
        self.fanout = fanout
        self.presence = presence
        self.lifecycle = lifecycle
        self.hours = hours

    def hello(self, msg: Hello, out: Outbox) -> Peer:
        """Authenticates a connection's first message and welcomes it."""
        store = self.board.store
        if msg.role is Role.KIOSK:
            if msg.kiosk_id is None:
                raise ProtocolError(ErrorCode.BAD_MESSAGE, "a kiosk's hello needs kiosk_id")
            kiosk = store.kiosk(msg.kiosk_id)
            if kiosk is None or not token_matches(kiosk.token_sha256, msg.token):
                raise ProtocolError(ErrorCode.UNAUTHORIZED, "unknown kiosk or wrong device token")
            peer = Peer(
                Role.KIOSK,
                kiosk.id,
                kiosk.display_name,
                "",
                frozenset(),
                out,
                credential=kiosk.token_sha256,
            )
            self.board.run(lambda: self._attach_kiosk(peer, msg.id))
            return peer
        claims, agent = self.credentials.staff(msg.token)
        if claims.role is not msg.role:
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED,
                f"this token is for role {claims.role}",
                reason=ErrorReason.WRONG_ROLE,
            )
        peer = Peer(
            agent.role,
            agent.login,
            agent.display_name,
            agent.agency_id,
            frozenset(agent.services),
            out,
            claims=claims,
        )
        self.board.run(lambda: self._attach_agent(peer, agent, msg.id))
        return peer

    def audit(self) -> None:
        """Ends at once the sessions whose account or device token changed."""
        board = self.board
        for peer in [*board.agents.values(), *board.kiosks.values()]:
            revoked = self.credentials.revoked(peer)
            if revoked is not None:
                board.log.event(
                    "session_revoked",
                    identity=peer.identity,
                    role=peer.role.value,
                    reason=revoked.reason.value,
                )
                error = Error(
                    code=ErrorCode.UNAUTHORIZED.value,
                    message=revoked.message,
                    reason=revoked.reason,
                )
                peer.out.send(encode_bytes(error))
                # The close frame's reason is the error's reason code too.
                peer.out.close(CLOSE_REVOKED, revoked.reason.value)

    def _welcome(self, peer: Peer, ref: str | None, **extra: object) -> Welcome:
        board = self.board
        services = sorted(peer.services) if peer.is_staff else sorted(board.service_agencies)
        if peer.agency and peer.agency not in board.agency_names:
            board.load_services()  # an agency added since the start
        return Welcome(
            ref=ref,
            protocol_version=1,
            role=peer.role,
            identity=peer.identity,
            display_name=peer.display_name,
            agency=peer.agency,
            agency_name=board.agency_names.get(peer.agency),
            services=services,
            ice_servers=list(board.settings.ice_servers),
            heartbeat_s=board.settings.heartbeat_s,
            directory=board.directory,
            service_status=self.hours.statuses_for(peer),
            **extra,  # type: ignore[arg-type]
        )

    def _attach_kiosk(self, peer: Peer, ref: str | None) -> None:
        board = self.board
        old = board.kiosks.get(peer.identity)
        if old is not None:
            old.out.close(CLOSE_REPLACED, "replaced by a newer connection")
        board.kiosks[peer.identity] = peer
        board.cancel(("kiosk", peer.identity))
        board.load_services()
        now = board.clock()
        call = board.calls.get(board.by_kiosk.get(peer.identity, ""))
        board.log.event("kiosk_connected", kiosk_id=peer.identity)
        board.store.kiosk_seen(peer.identity, now, online=True)
        board.send(peer, self._welcome(peer, ref, active_call=call.info(now) if call else None))
        if call is not None and call.id in board.acd:
            board.acd.hold(call.id, False)
            call.waiting_since = time.monotonic()
            call.last_queued = None
            self.fanout.send_position(call)

    def _attach_agent(self, peer: Peer, agent: Agent, ref: str | None) -> None:
        board = self.board
        old = board.agents.get(peer.identity)
        if old is not None:
            self.fanout.unsubscribe(old)
            old.out.close(CLOSE_REPLACED, "replaced by a newer connection")
        now = board.clock()
        pres = board.presence.get(agent.login)
        if pres is None:
            pres = presence_from(agent, now)
            board.presence[agent.login] = pres
        else:
            pres.display_name, pres.agency = agent.display_name, agent.agency_id
            pres.services = frozenset(agent.services)
            if pres.state is AgentState.OFFLINE:
                # Back after their grace period: their last choice, as at any
                # sign-in (offline comes back as paused).
                self.presence.restore_base(pres, now)
        board.cancel(("agent", agent.login))
        if not pres.online:
            board.store.session_started(agent.login, now)
        pres.online = True
        board.agents[agent.login] = peer
        call = board.calls.get(pres.call_id or "")
        if call is not None and call.restored and call.row.agent_login == agent.login:
            call.restored = False
            self.lifecycle.record(
                call, CallEvent.RESUMED, agent=agent.login, detail={"cause": "restart"}
            )
        board.log.event("agent_connected", login=agent.login, state=pres.state.value)
        board.send(
            peer, self._welcome(peer, ref, agent=pres.info(), active_call=call and call.info(now))
        )
        if pres.state is AgentState.OFFERED and call is not None:
            left = board.time_left(("offer", call.id))
            board.send(peer, Offered(call=call.info(now), expires_in_s=round(max(0.0, left), 3)))
        if peer.services:
            board.send(
                peer, self.fanout.snapshot(sorted(peer.services), board.settings.snapshot_limit)
            )
            board.send(peer, self.hours.day_plan(agent.login, peer.services))
        self.deliveries.welcome(peer)
        self.presence.seat(pres)
        self.fanout.agent_changed(pres)

    def detach(self, peer: Peer) -> None:
        """A connection closed (cleanly or not)."""
        self.board.run(lambda: self._detach(peer))

    def lost(self, peer: Peer) -> None:
        """An agent's connection stopped answering pings: the app is frozen or
        cut off; that silence was its grace, so its call goes back now."""
        self.board.run(lambda: self._detach(peer, grace=False))

    def _detach(self, peer: Peer, grace: bool = True) -> None:
        board = self.board
        if peer.role is Role.KIOSK:
            if board.kiosks.get(peer.identity) is peer:
                del board.kiosks[peer.identity]
                self.hours.forget(peer)
                board.log.event("kiosk_disconnected", kiosk_id=peer.identity)
                board.store.kiosk_seen(peer.identity, board.clock(), online=False)
                self.kiosk_left(peer.identity)
            return
        self.fanout.unsubscribe(peer)
        if board.agents.get(peer.identity) is not peer:
            return
        del board.agents[peer.identity]
        pres = board.presence[peer.identity]
        pres.online = False
        board.store.session_ended(peer.identity, board.clock())
        self.hours.forget(peer)
        self.presence.seat(pres)
        self.fanout.agent_changed(pres)
        board.log.event("agent_disconnected", login=peer.identity, state=pres.state.value)
        if grace:
            board.later(
                ("agent", peer.identity),
                board.settings.agent_grace_s,
                self.agent_gone,
                peer.identity,
            )
        else:
            self.agent_gone(peer.identity)

    def kiosk_left(self, kiosk_id: str) -> None:
        """The kiosk's call keeps its place, held, for the kiosk's grace period."""
        board = self.board
        call_id = board.by_kiosk.get(kiosk_id)
        if call_id is None:
            return
        if call_id in board.acd:
            board.acd.hold(call_id, True)
        board.later(("kiosk", kiosk_id), board.settings.kiosk_grace_s, self._kiosk_gone, kiosk_id)

    def _kiosk_gone(self, kiosk_id: str) -> None:
        board = self.board
        if kiosk_id in board.kiosks:
            return
        call = board.calls.get(board.by_kiosk.get(kiosk_id, ""))
        if call is None:
            return
        board.log.event("kiosk_lost", kiosk_id=kiosk_id, call_id=call.id)
        if call.state.is_waiting:
            self.lifecycle.abandon(call, "kiosk_lost")
        elif call.state in (CallState.CONNECTING, CallState.CONNECTED):
            self.lifecycle.end_call(call, EndReason.KIOSK_LOST)

    def agent_gone(self, login: str) -> None:
        """The agent's grace period is over: their call goes back to the queue."""
        board = self.board
        pres = board.presence.get(login)
        if pres is None or pres.online:
            return
        call = board.calls.get(pres.call_id or "")
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
            self.lifecycle.interrupt(call)
        if pres.state is not AgentState.WRAP_UP:
            pres.state, pres.reason, pres.call_id, pres.since = (
                AgentState.OFFLINE,
                None,
                None,
                board.clock(),
            )
        board.log.event("agent_offline", login=login)
        self.presence.seat(pres)
        self.fanout.agent_changed(pres)
