"""Screenshots of the supervision view, in French, over a real switchboard
with generated history and a live queue (kiosks and agents are real
WebSocket clients).  They land in tmp_path; set AGENTDESK_SCREENSHOTS to a
folder (docs/screenshots) to keep them."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from agentdesk.desk import Language
from agentdesk.protocol import AgentState, QueueCall, SetPresence, TakeCall
from agentdesk.protocol.figures import AgencySettingsUpdate
from agentdesk.supervision import FeedStatus, PeriodKind
from agentdesk.switchboard.store import Store
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.supervision import SupervisionView
from tests.support.switchboard import connect_agent, connect_kiosk

from .conftest import Board, World
from .helpers import eventually, open_session


def test_dashboard_screenshots(
    qtbot: Any,
    qapp: QApplication,
    languages: LanguageSwitcher,
    run: Any,
    tmp_path: Path,
    world: World,
    switchboard: Board,
) -> None:
    folder = Path(os.environ.get("AGENTDESK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert languages.use(Language.FRENCH)
    with contextlib.closing(Store(world.db)) as store:
        store.set_agency_settings("caf", AgencySettingsUpdate(alert_wait_s=3.0))
    session = run(open_session(switchboard))
    view = SupervisionView(session.board, session.figures, agency_name="CAF du Cantal")
    qtbot.addWidget(view)
    view.resize(1360, 860)
    view.show()
    clients = []
    try:
        run(eventually(lambda: session.board.status is FeedStatus.LIVE))
        for login in ("agent.caf", "agent2.caf", "agent.cpam"):
            agent, _ = run(connect_agent(switchboard, login))
            clients.append(agent)
        run(clients[0].request(SetPresence(state=AgentState.AVAILABLE)))
        run(clients[1].request(SetPresence(state=AgentState.PAUSED, reason="Réunion d'équipe")))
        run(clients[2].request(SetPresence(state=AgentState.AVAILABLE)))
        calls = []
        for kiosk_id, service, reason in [
            ("pvp-murat", "CAF", "Prime d'activité"),
            ("pvp-riom", "CAF", "Aide au logement"),
            ("pvp-maurs", "CPAM", "Carte Vitale"),
            ("pvp-saignes", "CAF", "Allocations familiales"),
            ("pvp-pleaux", "CPAM", "Arrêt de travail"),
        ]:
            kiosk, _ = run(
                connect_kiosk(switchboard.url, kiosk_id, world.accounts.kiosk_tokens[kiosk_id])
            )
            clients.append(kiosk)
            calls.append(run(kiosk.request(QueueCall(service=service, reason=reason))))
        run(eventually(lambda: session.board.waiting_count == 5))
        run(eventually(lambda: len(view.alerts) >= 1, within=20.0))
        run(clients[2].request(TakeCall(call_id=calls[2].call.call_id)))
        run(eventually(lambda: session.board.waiting_count == 4))
        run(
            eventually(
                lambda: view.live.refreshes > 0 and len(view.live.box("CAF").calls.calls) == 3
            )
        )
        live = view.grab()
        assert not live.isNull()
        live.save(str(folder / "supervision-live.png"))

        view.tabs.setCurrentIndex(1)
        before = session.figures.report
        view.figures.set_period(PeriodKind.MONTH, dt.date(2025, 3, 15))
        run(
            eventually(
                lambda: session.figures.report is not before and session.figures.report is not None
            )
        )
        view.banner.hide()
        run(eventually(lambda: view.figures.hour_chart.data is not None))
        view.figures.grab().save(str(folder / "supervision-figures.png"))
        view.figures.tabs.setCurrentIndex(2)
        view.resize(1640, 860)  # the commune table is wide: km and CO2 at its right
        view.figures.grab().save(str(folder / "supervision-communes.png"))
        for name in ("supervision-live.png", "supervision-figures.png", "supervision-communes.png"):
            assert (folder / name).stat().st_size > 10_000
    finally:
        for client in clients:
            run(client.close())
        run(view.aclose())
        run(session.aclose())
        languages.use(Language.ENGLISH)
