"""« Fermer maintenant » in the supervisor's calendar tab, on real widgets
(offscreen) over a real switchboard whose clock is set: the confirmation says
how many residents wait, and the waiting kiosk is told the next opening."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from agentdesk.desk import Language
from agentdesk.protocol import CallUpdate, EndReason, QueueCall, Queued
from agentdesk.protocol.schedule import PermanenceDraft
from agentdesk.supervision.calendar import CalendarModel
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.supervision import SupervisionView
from tests.client.calendar_support import TUESDAY, paris, set_clock
from tests.support.switchboard import connect_kiosk, provision

from .conftest import start_board, stop_board
from .helpers import eventually, open_session


def test_closing_a_service_now_tells_each_waiting_resident(
    qtbot: Any, qapp: QApplication, run: Any, tmp_path: Path
) -> None:
    db = tmp_path / "switchboard.db"
    accounts = provision(db)
    board = start_board(db, "--test-clock")
    languages = LanguageSwitcher(qapp)
    assert languages.use(Language.FRENCH)
    session = None
    kiosk = None
    try:
        run(set_clock(board, paris(9, 30)))  # type: ignore[arg-type]
        session = run(open_session(board))
        run(
            session.calendar.add_permanence(
                PermanenceDraft(
                    service="CAF", kiosk_ids=["pvp-murat"], weekday=1, start="09:00", end="12:00"
                )
            )
        )
        kiosk, _ = run(connect_kiosk(board.url, "pvp-murat", accounts.kiosk_tokens["pvp-murat"]))
        queued = run(kiosk.request(QueueCall(service="CAF")))
        assert isinstance(queued, Queued)

        view = SupervisionView(
            session.board,
            session.figures,
            agency_name="CAF du Cantal",
            calendar=CalendarModel(session.calendar, TUESDAY),
        )
        qtbot.addWidget(view)
        panel = view.calendar
        assert panel is not None
        assert panel.close_now_button.text() == "Fermer &maintenant…"
        run(eventually(lambda: session is not None and session.board.waiting_in("CAF") == 1))

        questions: list[str] = []
        answer = False

        def confirm(_parent: QWidget, _title: str, text: str) -> bool:
            questions.append(text)
            return answer

        panel.confirm = confirm
        panel.close_service.setCurrentText("CAF")
        question = (
            "Fermer CAF maintenant, à toutes les bornes, jusqu'à sa prochaine permanence ? "
            "1 usager(s) en attente : chacun sera prévenu de la prochaine ouverture."
        )
        # Answered no: nothing sent, the resident still waits.
        panel.close_now_button.click()
        assert questions == [question]
        assert panel.message.text() == ""

        answer = True
        panel.close_now_button.click()
        assert questions == [question, question]
        update = run(kiosk.next(CallUpdate, lambda m: m.end_reason is EndReason.SERVICE_CLOSED))
        assert update.next_opening == paris(9, 0, TUESDAY.replace(day=8))
        run(eventually(lambda: panel.message.text() != ""))
        assert panel.message.text() == "CAF : fermé, ouvre mardi 08/12/2026 à 09:00"
        run(eventually(lambda: session is not None and session.board.waiting_in("CAF") == 0))

        # Nobody waiting any more: the question says so.
        answer = False
        panel.close_now_button.click()
        assert questions[-1] == (
            "Fermer CAF maintenant, à toutes les bornes, jusqu'à sa prochaine permanence ? "
            "Personne n'attend."
        )
        run(view.aclose())
    finally:
        if kiosk is not None:
            run(kiosk.close())
        if session is not None:
            run(session.aclose())
        stop_board(board)
