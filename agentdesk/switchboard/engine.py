"""The switchboard's engine: its parts wired together, and the restart.

- board.py: the live state, the batch of outgoing messages, timers;
- connections.py: hello, replaced and lost connections;
- presence.py: agents' chosen and current states, their seat for routing;
- routing.py: offers to ready agents, offers that ring out;
- holds.py: first offers held for one agent, kept across restarts;
- handover.py: transfers to a named colleague (first offer, outcome);
- deliveries.py: their outcomes, kept until the agent who transferred read them;
- staffing.py: who staffs each service, as agents may see it;
- lifecycle.py: the call life cycle, as a table of states and events;
- fanout.py: positions to kiosks, snapshots to agents, the supervisors' feed;
- hours.py: the calendar at work (service statuses, the gate on queue_call,
  check-ins, no-shows, day plans).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from agentdesk.protocol import AgentState, CallEvent, CallState

from .acd import Rank, Waiting
from .auth import TokenSigner
from .board import Board
from .connections import Connections
from .deliveries import Deliveries
from .fanout import FanOut
from .handover import Handovers
from .holds import Holds
from .hours import Hours
from .lifecycle import CallLifecycle
from .live import LiveCall, SwitchboardSettings
from .logs import EventLog
from .metrics import Metrics
from .presence import PresenceRules, presence_from
from .routing import Router
from .sessions import Credentials
from .staffing import StaffingView
from .store import Storage


class Engine:
    def __init__(
        self,
        store: Storage,
        signer: TokenSigner,
        log: EventLog,
        settings: SwitchboardSettings,
        clock: Callable[[], float] = time.time,
        metrics: Metrics | None = None,
    ) -> None:
        self.signer = signer
        self.credentials = Credentials(signer, store)
        self.board = Board(store, log, settings, clock, metrics)
        self.fanout = FanOut(self.board)
        self.presence = PresenceRules(self.board, self.fanout)
        self.holds = Holds(self.board)
        self.deliveries = Deliveries(self.board)
        self.handovers = Handovers(self.board, self.holds, self.deliveries)
        self.lifecycle = CallLifecycle(
            self.board, self.fanout, self.presence, self.holds, self.handovers
        )
        self.router = Router(self.board, self.fanout, self.presence, self.lifecycle, self.handovers)
        self.hours = Hours(self.board, self.lifecycle, self.fanout, self.holds)
        self.staffing = StaffingView(self.board, self.hours)
        self.connections = Connections(
            self.board,
            self.credentials,
            self.fanout,
            self.presence,
            self.lifecycle,
            self.hours,
            self.deliveries,
        )
        self.board.after_each_step(self._after_step)

    def _after_step(self) -> None:
        self.router.dispatch()
        self.hours.refresh()

    def start(self) -> None:
        """Reloads every call that was not over when the switchboard stopped,
        with its transfer note, the agents who declined it and, for the time
        it had left, its hold."""
        board = self.board
        board.load_services()
        now = board.clock()
        # No kiosk is connected to a process that just started: the fleet view
        # says so until each comes back.
        board.store.all_kiosks_gone(now)
        restored = 0
        held: list[LiveCall] = []
        for row in board.store.live_calls():
            kiosk = board.store.kiosk(row.kiosk_id)
            call = LiveCall(
                row, kiosk.display_name if kiosk else row.kiosk_id, kiosk.commune if kiosk else ""
            )
            call.line = board.store.kiosk_line(row.kiosk_id)
            board.calls[row.id] = call
            restored += 1
            if row.hold is not None:
                held.append(call)
            if row.state.is_waiting:
                board.acd.add(
                    Waiting(
                        row.id,
                        row.service,
                        Rank(row.rank),
                        row.queued_at,
                        row.seq,
                        declined_by=set(row.declined_by),
                    )
                )
                if row.state is CallState.OFFERED:
                    # The ringing agent is gone with the old process.
                    self.lifecycle.enter(call, CallEvent.QUEUED)
                    row.agent_login = None
                    self.lifecycle.record(call, CallEvent.QUEUED, detail={"cause": "restart"})
            if row.state is not CallState.WRAP_UP:
                board.by_kiosk[row.kiosk_id] = row.id
                self.connections.kiosk_left(row.kiosk_id)
            if row.agent_login is not None:
                agent = board.store.agent(row.agent_login)
                if agent is not None:
                    call.agent_name = agent.display_name
                    pres = presence_from(agent, now)
                    pres.call_id = row.id
                    if row.state is CallState.WRAP_UP:
                        pres.state = AgentState.WRAP_UP
                    else:
                        pres.state = AgentState.IN_CALL
                        call.restored = True
                        board.later(
                            ("agent", agent.login),
                            board.settings.agent_grace_s,
                            self.connections.agent_gone,
                            agent.login,
                        )
                    board.presence[agent.login] = pres
        for call in held:
            hold = call.row.hold
            if hold is not None and hold.sender is not None:
                self.handovers.resume(call)
            else:
                self.hours.resume_reservation(call)
        self.hours.start()
        board.flush_discard()
        board.log.event("calls_restored", count=restored)

    def store_changed(self) -> None:
        """An admin command changed the file: the sessions whose account or
        device token changed end, and the calendar is read again."""
        self.connections.audit()
        self.board.run(self.hours.tick)

    def close(self) -> None:
        self.hours.close()
        self.board.close()
        self.fanout.close()
