"""The live view follows the switchboard's feed: a kiosk queues, an agent takes
the call, a wait crosses the agency's threshold.

Real switchboard process, real WebSocket clients for the kiosk and the agent,
the supervisor's own WebSocket (SwitchboardClient) feeding the view; Qt
offscreen.  The view is never refreshed by the test: what it shows comes from
the feed.
"""

from __future__ import annotations

import contextlib
from typing import Any

from agentdesk.protocol import AgentState, QueueCall, SetPresence, TakeCall
from agentdesk.protocol.figures import AgencySettingsUpdate
from agentdesk.supervision import FeedStatus
from agentdesk.switchboard.store import Store
from agentdesk.ui.supervision import SupervisionView
from tests.support.switchboard import connect_agent, connect_kiosk

from .conftest import Board, World
from .helpers import eventually, open_session


def shown_calls(view: SupervisionView, service: str) -> list[list[str]]:
    model = view.live.box(service).calls
    return [
        [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def shown_agent_state(view: SupervisionView, service: str, name: str) -> str | None:
    model = view.live.box(service).agents
    for r in range(model.rowCount()):
        if model.data(model.index(r, 0)) == name:
            return str(model.data(model.index(r, 1)))
    return None


def test_live_view_follows_queue_and_agents(
    qtbot: Any, run: Any, world: World, switchboard: Board
) -> None:
    with contextlib.closing(Store(world.db)) as store:
        # The agency's alert threshold: short, so a wait crosses it in the test.
        store.set_agency_settings("caf", AgencySettingsUpdate(alert_wait_s=2.0))
    session = run(open_session(switchboard))
    notes: list[tuple[str, str]] = []
    view = SupervisionView(
        session.board, session.figures, notify=lambda title, text: notes.append((title, text))
    )
    qtbot.addWidget(view)
    view.show()
    clients = []
    try:
        run(eventually(lambda: session.board.status is FeedStatus.LIVE))
        run(eventually(lambda: shown_agent_state(view, "CAF", "Agent agent.caf") == "○ Offline"))
        assert set(view.live.boxes) == {"CAF", "CPAM"}
        assert shown_calls(view, "CAF") == []

        kiosk, _ = run(
            connect_kiosk(switchboard.url, "pvp-murat", world.accounts.kiosk_tokens["pvp-murat"])
        )
        clients.append(kiosk)
        queued = run(kiosk.request(QueueCall(service="CAF", reason="Prime d'activité")))
        run(eventually(lambda: len(shown_calls(view, "CAF")) == 1))
        commune, _wait, appointment, reason, kiosk_name = shown_calls(view, "CAF")[0]
        assert (commune, reason, kiosk_name) == ("Murat", "Prime d'activité", "PVP Murat")
        assert appointment == ""
        assert view.live.box("CAF").summary.text().startswith("1 call")

        # Over the threshold: highlighted with a sign, notified once.
        run(eventually(lambda: len(notes) == 1))
        assert "Murat" in notes[0][1] and "CAF" in notes[0][1]
        run(eventually(lambda: shown_calls(view, "CAF")[0][1].startswith("⚠")))
        assert "⚠" in view.live.box("CAF").summary.text()
        assert not view.banner.isHidden()
        ticks = view.live.refreshes
        run(eventually(lambda: view.live.refreshes >= ticks + 3))  # three more beats
        assert len(notes) == 1

        agent, _ = run(connect_agent(switchboard, "agent.caf"))
        clients.append(agent)
        run(agent.request(SetPresence(state=AgentState.AVAILABLE)))
        run(eventually(lambda: shown_agent_state(view, "CAF", "Agent agent.caf") == "● Available"))
        run(agent.request(TakeCall(call_id=queued.call.call_id)))
        run(eventually(lambda: shown_calls(view, "CAF") == []))
        run(eventually(lambda: shown_agent_state(view, "CAF", "Agent agent.caf") == "◉ In a call"))
        assert session.board.waiting_call(queued.call.call_id) is None
    finally:
        for client in clients:
            run(client.close())
        run(view.aclose())
        run(session.aclose())


def test_feed_comes_back_after_a_switchboard_restart(
    qtbot: Any, run: Any, world: World, switchboard: Board
) -> None:
    """The board says the connection is lost, then resubscribes by itself and
    shows the queue as the restarted switchboard has it."""
    from .conftest import start_board, stop_board

    session = run(open_session(switchboard))
    view = SupervisionView(session.board, session.figures)
    qtbot.addWidget(view)
    try:
        run(eventually(lambda: session.board.status is FeedStatus.LIVE))
        kiosk, _ = run(
            connect_kiosk(switchboard.url, "pvp-maurs", world.accounts.kiosk_tokens["pvp-maurs"])
        )
        run(kiosk.request(QueueCall(service="CPAM")))
        run(eventually(lambda: len(shown_calls(view, "CPAM")) == 1))
        run(kiosk.close())
        stop_board(switchboard)
        run(eventually(lambda: session.board.status is not FeedStatus.LIVE))
        assert "⚠" in view.status.text()
        # Same port, so the client finds it again.
        restarted = start_board(world.db, "--port", str(switchboard.port))
        try:
            run(eventually(lambda: session.board.status is FeedStatus.LIVE, within=40.0))
            run(eventually(lambda: [r[0] for r in shown_calls(view, "CPAM")] == ["Maurs"]))
        finally:
            stop_board(restarted)
    finally:
        run(view.aclose())
        run(session.aclose())
