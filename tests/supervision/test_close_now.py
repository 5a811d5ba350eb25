"""The supervisor's calendar in action, on real widgets (offscreen) over a
real switchboard whose clock is set: « Fermer maintenant » (the confirmation
says how many residents wait, the waiting kiosk is told the next opening), and
the calendar figures in the CSV and PDF exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtWidgets import QApplication, QWidget

from agentdesk.desk import Language
from agentdesk.desk.booking import BookingDraft
from agentdesk.protocol import CallUpdate, EndReason, ErrorCode, QueueCall, Queued
from agentdesk.protocol.schedule import PermanenceDraft
from agentdesk.supervision import PeriodKind, read_csv
from agentdesk.supervision.api import SupervisionSession
from agentdesk.supervision.calendar import CalendarModel
from agentdesk.supervision.export import FRENCH_COLUMNS
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.supervision import SupervisionView
from tests.client.calendar_support import TUESDAY, paris, set_clock
from tests.support.switchboard import WsClient, connect_kiosk, provision

from .conftest import Board, start_board, stop_board
from .helpers import eventually, exporting_view, open_session
from .test_figures_view import load


@dataclass
class Tuesday:
    """Tuesday 1 December 2026, 09:30 on the switchboard's clock; CAF holds a
    09:00–12:00 permanence at Murat that no agent staffs."""

    board: Board
    session: SupervisionSession
    murat: WsClient


@pytest.fixture
def tuesday(run: Any, tmp_path: Path) -> Iterator[Tuesday]:
    db = tmp_path / "switchboard.db"
    accounts = provision(db)
    board = start_board(db, "--test-clock")
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
        yield Tuesday(board, session, kiosk)
    finally:
        if kiosk is not None:
            run(kiosk.close())
        if session is not None:
            run(session.aclose())
        stop_board(board)


def test_closing_a_service_now_tells_each_waiting_resident(
    qtbot: Any, qapp: QApplication, languages: LanguageSwitcher, run: Any, tuesday: Tuesday
) -> None:
    session, kiosk = tuesday.session, tuesday.murat
    assert languages.use(Language.FRENCH)
    view = SupervisionView(
        session.board,
        session.figures,
        agency_name="CAF du Cantal",
        calendar=CalendarModel(session.calendar, TUESDAY),
    )
    qtbot.addWidget(view)
    try:
        queued = run(kiosk.request(QueueCall(service="CAF")))
        assert isinstance(queued, Queued)
        panel = view.calendar
        assert panel is not None
        assert panel.close_now_button.text() == "Fermer &maintenant…"
        run(eventually(lambda: session.board.waiting_in("CAF") == 1))

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
        run(eventually(lambda: session.board.waiting_in("CAF") == 0))

        # Nobody waiting any more: the question says so.
        answer = False
        panel.close_now_button.click()
        assert questions[-1] == (
            "Fermer CAF maintenant, à toutes les bornes, jusqu'à sa prochaine permanence ? "
            "Personne n'attend."
        )
    finally:
        run(view.aclose())
        languages.use(Language.ENGLISH)


def test_the_exports_carry_the_calendar_figures(
    qtbot: Any, run: Any, tmp_path: Path, tuesday: Tuesday
) -> None:
    """A Tuesday with a 09:00–12:00 CAF permanence nobody staffed, one
    appointment nobody came to, the service closed early and a caller then
    refused: the CSV (both layouts) and the PDF say so, as the figures tab does."""
    session, kiosk = tuesday.session, tuesday.murat
    targets: list[Path] = []
    view = exporting_view(session, targets)
    qtbot.addWidget(view)
    try:
        run(session.bookings.book(BookingDraft("CAF", "pvp-murat", paris(10), 20, "", "M. Roux")))
        run(session.calendar.close_now("CAF"))
        run(kiosk.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED))
        run(set_clock(tuesday.board, paris(23, 30)))  # type: ignore[arg-type]

        load(run, view, PeriodKind.DAY, TUESDAY)
        panel = view.figures
        figures = session.figures.report.figures  # type: ignore[union-attr]
        assert figures.refused_closed == 1
        assert figures.hours_scheduled == 3.0 and figures.hours_staffed == 0.0
        [due] = figures.appointments
        assert (due.booked, due.kept, due.kiosk_name) == (1, 0, "PVP Murat")

        for french in (False, True):
            targets.append(tmp_path / ("fr" if french else "en"))
            targets[-1].mkdir()
            panel.french.setChecked(french)
            panel.csv_button.click()
            assert panel.last_saved is not None
            text = panel.last_saved.read_text(encoding="utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if french else ","))
            col = FRENCH_COLUMNS if french else {c: c for c in FRENCH_COLUMNS}
            total = rows[0]
            assert total[col["hours_scheduled"]] == ("3,00" if french else "3.00")
            assert total[col["hours_staffed"]] == ("0,00" if french else "0.00")
            assert total[col["refused_closed"]] == "1"
            assert (total[col["booked"]], total[col["kept"]]) == ("1", "0")
            assert total[col["no_show"]] == str(due.no_show)
            section = "rendez-vous" if french else "appointments"
            [row] = [r for r in rows if r[col["section"]] == section]
            assert (row[col["key"]], row[col["name"]], row[col["booked"]]) == (
                "CAF",
                "pvp-murat",
                "1",
            )
            again = read_csv(panel.last_saved)
            assert again[0]["hours_scheduled"] == 3.0 and again[0]["refused_closed"] == 1.0

        targets.append(tmp_path / "pdf")
        targets[-1].mkdir()
        panel.pdf_button.click()
        run(eventually(lambda: panel.last_saved is not None and panel.last_saved.suffix == ".pdf"))
        assert panel.last_saved is not None
        reader = pypdf.PdfReader(panel.last_saved)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        # The PDF's fonts join "ff": compare from the figures on.
        assert "Permanence hours: 3,0 h scheduled, 0,0 h sta" in text
        assert "Callers refused because the service was closed: 1" in text
        kept = f"{due.kept} {due.late} {due.no_show} {due.cancelled}"
        assert f"Booked Kept Of which late No-shows Cancelled CAF PVP Murat 1 {kept}" in text
    finally:
        run(view.aclose())
