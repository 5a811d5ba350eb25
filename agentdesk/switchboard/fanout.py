"""What goes out without being asked: places and estimated waits to waiting
kiosks, queue snapshots to agents, the live feed to supervisors.

Positions and snapshots are coalesced (at most one round per interval) and
sent ``FLUSH_SLICE`` connections per turn of the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from agentdesk.protocol import (
    AgentState,
    CallEvent,
    FeedEvent,
    Queued,
    QueueSnapshot,
    Role,
    ServiceQueue,
    encode_bytes,
)

from .board import Board
from .estimates import Estimate, WaitEstimates
from .live import LiveCall, Peer, Presence
from .presence import presence_from

# Periodic updates (positions to kiosks, snapshots to agents) go out this many
# connections per turn of the event loop: with thousands of kiosks waiting, one
# long burst would hold back the messages that route calls.
FLUSH_SLICE = 64


class FanOut:
    def __init__(self, board: Board) -> None:
        self.board = board
        self._dirty_snapshots: set[str] = set()
        self._dirty_positions: set[str] = set()
        self._flushes: dict[str, asyncio.Handle] = {}
        self.waits = WaitEstimates(board)
        self.changed = False
        """A queue or an agent changed since the calendar last looked (hours.py)."""

    def close(self) -> None:
        for handle in self._flushes.values():
            handle.cancel()
        self._flushes.clear()

    def dirty(self, *services: str) -> None:
        """These queues changed: their kiosks and agents are told at the next round."""
        settings = self.board.settings
        loop = asyncio.get_running_loop()
        if "snapshots" not in self._flushes:
            self._flushes["snapshots"] = loop.call_later(
                settings.snapshot_interval_s, self._flush_snapshots
            )
        if "positions" not in self._flushes:
            self._flushes["positions"] = loop.call_later(
                settings.position_interval_s, self._flush_positions
            )
        self._dirty_snapshots.update(services)
        self._dirty_positions.update(services)
        self.changed = True

    def agent_changed(self, pres: Presence) -> None:
        """Every change of an agent's presence (connected, state, services) comes here."""
        self.waits.presence_changed(pres)
        self.dirty(*pres.services)
        if pres.is_agent and self.board.subscribers.get(pres.agency):
            self._feed(pres.agency, FeedEvent(at=self.board.clock(), agent=pres.info()))

    # -- queue positions -----------------------------------------------------

    def queued_message(self, call: LiveCall, ref: str | None = None) -> Queued:
        position = self.board.acd.position(call.id)
        estimate = self.waits.estimator(call.row.service)(position)
        call.last_queued = (position, estimate)
        return Queued(
            ref=ref,
            call=call.info(self.board.clock()),
            position=position,
            estimated_wait_s=estimate,
        )

    def send_position(self, call: LiveCall) -> None:
        kiosk = self.board.kiosks.get(call.row.kiosk_id)
        if kiosk is not None and call.id in self.board.acd:
            self.board.send(kiosk, self.queued_message(call))

    def _flush_positions(self) -> None:
        self._flushes.pop("positions", None)
        if "positions_more" in self._flushes:
            # The previous round is still going out: this one waits its turn.
            self._flushes["positions"] = asyncio.get_running_loop().call_later(
                self.board.settings.position_interval_s, self._flush_positions
            )
            return
        services, self._dirty_positions = self._dirty_positions, set()
        call_ids = [e.call_id for service in services for e in self.board.acd.waiting(service)]
        self._send_positions(call_ids, 0, {})

    def _send_positions(
        self, call_ids: list[str], start: int, estimates: dict[str, Estimate]
    ) -> None:
        """Tells kiosks whose place or estimate changed, FLUSH_SLICE at a time;
        each place is read when it is sent, so a later slice is not stale."""
        self._flushes.pop("positions_more", None)
        board = self.board
        now = board.clock()
        sent, index = 0, start
        while index < len(call_ids) and sent < FLUSH_SLICE:
            call = board.calls.get(call_ids[index])
            index += 1
            if call is None or call.id not in board.acd:
                continue
            kiosk = board.kiosks.get(call.row.kiosk_id)
            if kiosk is None:
                continue
            service = call.row.service
            estimate = estimates.get(service)
            if estimate is None:
                estimate = estimates[service] = self.waits.estimator(service)
            position = board.acd.position(call.id)
            place = (position, estimate(position))
            if place != call.last_queued:
                call.last_queued = place
                sent += 1
                board.send(
                    kiosk, Queued(call=call.info(now), position=place[0], estimated_wait_s=place[1])
                )
        board.flush()
        if index < len(call_ids):
            self._flushes["positions_more"] = asyncio.get_running_loop().call_soon(
                self._send_positions, call_ids, index, estimates
            )

    # -- queue snapshots -----------------------------------------------------

    def snapshot(
        self, services: Iterable[str], limit: int | None, with_agents: bool = False
    ) -> QueueSnapshot:
        return QueueSnapshot(queues=self.queues(services, limit, with_agents))

    def queues(
        self, services: Iterable[str], limit: int | None, with_agents: bool = False
    ) -> list[ServiceQueue]:
        board = self.board
        now = board.clock()
        out = []
        agents_by_service: dict[str, list[Presence]] = {}
        if with_agents:
            for pres in self._all_presences(services):
                for service in pres.services:
                    agents_by_service.setdefault(service, []).append(pres)
        for service in services:
            waiting = board.acd.waiting(service)
            shown = waiting if limit is None else waiting[:limit]
            out.append(
                ServiceQueue(
                    service=service,
                    waiting=[board.calls[w.call_id].info(now) for w in shown],
                    agents=[p.info() for p in agents_by_service.get(service, [])],
                    waiting_total=len(waiting),
                )
            )
        return out

    def _all_presences(self, services: Iterable[str]) -> list[Presence]:
        """Live presences, plus agents not seen since start (offline)."""
        board = self.board
        wanted = set(services)
        agencies = {board.service_agency(s) for s in wanted}
        out: list[Presence] = []
        for agency in agencies:
            if agency is None:
                continue
            for agent in board.store.agents(agency):
                if agent.role is not Role.AGENT:
                    continue  # supervisors watch; they are not on the board
                pres = board.presence.get(agent.login)
                if pres is None:
                    pres = presence_from(agent, board.started_at)
                    pres.state = AgentState.OFFLINE
                if pres.services & wanted:
                    out.append(pres)
        return out

    def _flush_snapshots(self) -> None:
        self._flushes.pop("snapshots", None)
        if "snapshots_more" in self._flushes:
            self._flushes["snapshots"] = asyncio.get_running_loop().call_later(
                self.board.settings.snapshot_interval_s, self._flush_snapshots
            )
            return
        dirty, self._dirty_snapshots = self._dirty_snapshots, set()
        peers = [p for p in self.board.agents.values() if p.services & dirty]
        self._send_snapshots(peers, 0, {})

    def _send_snapshots(
        self, peers: list[Peer], start: int, texts: dict[frozenset[str], bytes]
    ) -> None:
        """One snapshot per agent seeing a changed queue, FLUSH_SLICE agents at a
        time, built once per set of services for the whole flush (the slices
        follow each other within milliseconds)."""
        self._flushes.pop("snapshots_more", None)
        board = self.board
        for peer in peers[start : start + FLUSH_SLICE]:
            if board.agents.get(peer.identity) is not peer:
                continue
            text = texts.get(peer.services)
            if text is None:
                snapshot = self.snapshot(sorted(peer.services), board.settings.snapshot_limit)
                text = texts[peer.services] = encode_bytes(snapshot)
            board.send_encoded([peer], text)
        board.flush()
        if start + FLUSH_SLICE < len(peers):
            self._flushes["snapshots_more"] = asyncio.get_running_loop().call_soon(
                self._send_snapshots, peers, start + FLUSH_SLICE, texts
            )

    # -- supervisors' feed ---------------------------------------------------

    def subscribe(self, peer: Peer) -> None:
        peer.subscribed = True
        self.board.subscribers.setdefault(peer.agency, set()).add(peer)
        services = self.board.agency_services(peer.agency)
        self.board.send(peer, self.snapshot(services, None, with_agents=True))

    def unsubscribe(self, peer: Peer) -> None:
        if peer.subscribed:
            self.board.subscribers.get(peer.agency, set()).discard(peer)
            peer.subscribed = False

    def _feed(self, agency: str | None, event: FeedEvent) -> None:
        peers = self.board.subscribers.get(agency or "")
        if peers:
            self.board.send_encoded(peers, encode_bytes(event))

    def feed_call(self, call: LiveCall, event: CallEvent) -> None:
        board = self.board
        if not any(board.subscribers.values()):
            return
        feed = FeedEvent(at=board.clock(), call=call.info(board.clock()), call_event=event)
        agencies = {
            board.service_agency(call.row.service),
            board.service_agency(call.row.origin_service),
        }
        for agency in agencies:
            self._feed(agency, feed)
