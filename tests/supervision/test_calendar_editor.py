"""The supervisor's calendar editor on real widgets (offscreen) over a real
switchboard whose clock is set (``serve --test-clock``): a week of two services
at three kiosks, a refused overlap, a closure, a week copied.  Its screenshot
lands in tmp_path, or AGENTDESK_SCREENSHOTS (docs/screenshots) to keep it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QApplication

from agentdesk.desk import Language
from agentdesk.protocol.figures import FiguresResponse
from agentdesk.supervision.calendar import CalendarModel
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.supervision import SupervisionView
from agentdesk.ui.supervision.calendar_dialogs import ClosureDialog, PermanenceDialog
from tests.client.calendar_support import TUESDAY, paris, set_clock
from tests.support.switchboard import provision

from .conftest import Board, start_board, stop_board
from .helpers import eventually, open_session


@pytest.fixture
def board(tmp_path: Path) -> Iterator[Board]:
    db = tmp_path / "switchboard.db"
    provision(db)
    started = start_board(db, "--test-clock")
    yield started
    stop_board(started)


def add(view: SupervisionView, run: Any, **fields: Any) -> PermanenceDialog:
    """Fills the permanence form as a supervisor would, and saves."""
    panel = view.calendar
    assert panel is not None
    panel.add_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, PermanenceDialog)
    dialog.service.setCurrentText(fields["service"])
    dialog.kiosks.setText(fields["kiosks"])
    if "weekday" in fields:
        dialog.weekly.setChecked(True)
        dialog.weekday.setCurrentIndex(fields["weekday"])
    else:
        dialog.once.setChecked(True)
        day = fields["date"]
        dialog.date.setDate(QDate(day.year, day.month, day.day))
    dialog.start.setTime(QTime.fromString(fields["start"], "HH:mm"))
    dialog.end.setTime(QTime.fromString(fields["end"], "HH:mm"))
    dialog.buttons.accepted.emit()
    return dialog


def test_a_week_of_permanences_edited_in_the_app(
    qtbot: Any,
    qapp: QApplication,
    languages: LanguageSwitcher,
    run: Any,
    tmp_path: Path,
    board: Board,
) -> None:
    folder = Path(os.environ.get("AGENTDESK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert languages.use(Language.FRENCH)
    run(set_clock(board, paris(8, 0)))  # type: ignore[arg-type]
    session = run(open_session(board))
    model = CalendarModel(session.calendar, TUESDAY)
    view = SupervisionView(
        session.board,
        session.figures,
        agency_name="CAF du Cantal",
        calendar=model,
        bookings=session.bookings,
        login="sup.caf",
        fleet=session.fleet,
    )
    qtbot.addWidget(view)
    view.resize(1500, 700)
    view.show()
    panel = view.calendar
    assert panel is not None
    try:
        view.tabs.setCurrentWidget(panel)
        assert view.tabs.tabText(2) == "&Calendrier"
        panel.reload()
        run(eventually(lambda: model.week is not None))
        assert panel.title.text() == "Semaine du 30/11/2026 (2026-W49)"

        # Two services at three kiosks: weekly CAF, a one-off CPAM session.
        for fields in (
            {"service": "CAF", "kiosks": "pvp-murat, pvp-riom", "weekday": 1,
             "start": "09:00", "end": "12:00"},
            {"service": "CAF", "kiosks": "pvp-maurs", "weekday": 3,
             "start": "14:00", "end": "16:30"},
            {"service": "CPAM", "kiosks": "pvp-maurs", "date": dt.date(2026, 12, 4),
             "start": "09:30", "end": "11:30"},
        ):  # fmt: skip
            add(view, run, **fields)
            run(eventually(lambda: panel.dialog is None))  # saved: the form closed
        run(eventually(lambda: panel.table.item(0, 1) is not None))
        # Kiosks by id until the network's kiosks are read (the fleet tab's
        # reading), then by the names residents know.
        assert panel.table.item(0, 1).text() == "↻ 09:00–12:00 CAF · pvp-murat, pvp-riom"
        run(session.fleet.refresh())
        assert (
            panel.table.item(0, 1).text() == "↻ 09:00–12:00 CAF · PVP Murat, PVP Riom-ès-Montagnes"
        )
        assert panel.table.item(0, 3).text() == "↻ 14:00–16:30 CAF · PVP Maurs"
        assert panel.table.item(0, 4).text() == "09:30–11:30 CPAM · PVP Maurs"

        # An overlapping slot: refused, the form stays open with the reason.
        dialog = add(view, run, service="CAF", kiosks="pvp-murat", weekday=1,
                     start="11:00", end="13:00")  # fmt: skip
        run(eventually(lambda: dialog.problem.text() != ""))
        assert dialog.isVisible()
        assert dialog.problem.text() == (
            "Ce créneau chevauche la permanence CAF du mardi, 09:00–12:00."
        )
        dialog.reject()

        # A closure on Thursday hides that day's slot.
        panel.table.setCurrentCell(0, 3)
        panel.closure_button.click()
        closure = panel.dialog
        assert isinstance(closure, ClosureDialog)
        closure.label.setText("Formation du personnel")
        closure.buttons.accepted.emit()
        run(eventually(lambda: panel.dialog is None))
        assert panel.table.item(0, 3).text() == "Fermé : Formation du personnel"
        view.grab().save(str(folder / "supervision-calendar.png"))

        # Copy the week: the one-off CPAM session goes to next Friday.
        panel.copy_button.click()
        run(eventually(lambda: "copiée" in panel.message.text()))
        next_monday = TUESDAY + dt.timedelta(days=6)
        run(model.load(next_monday))
        assert panel.table.item(0, 4).text() == "09:30–11:30 CPAM · PVP Maurs"

        # A supervisor books for an agent of the agency, from the calendar.
        run(model.load(TUESDAY))
        panel.table.setCurrentCell(0, 1)
        panel.appointments_button.click()
        listing = panel.appointments
        assert listing is not None and not listing.mine.isChecked()
        listing.new_button.click()
        form = panel.booking
        assert form is not None
        # The form offers the kiosks by name.
        assert form.kiosk.itemText(form.kiosk.findData("pvp-riom")) == "PVP Riom-ès-Montagnes"
        form.kiosk.setCurrentIndex(form.kiosk.findData("pvp-riom"))
        form.date.setDate(QDate(2026, 12, 1))
        form.time.setCurrentText("10:30")
        form.resident.setText("Mme Besse")
        form.purpose.setText("Aide au logement")
        # The agents by name (their logins are what is sent).
        names = [form.agent.itemText(i) for i in range(form.agent.count())]
        assert names[0] == "Tout agent du service" and "Agent agent2.caf" in names
        form.agent.setCurrentIndex(form.agent.findText("Agent agent2.caf"))
        form.save()
        run(eventually(lambda: listing.table.rowCount() == 1))
        assert listing.table.item(0, 5).text() == "Agent agent2.caf"  # by name
        assert listing.table.item(0, 4).text() == "PVP Riom-ès-Montagnes"
        assert "Code de présence" in panel.message.text()
        listing.accept()

        # The figures of that Tuesday, once over: the morning's permanence was
        # scheduled and nobody staffed it.
        run(set_clock(board, paris(23, 30)))  # type: ignore[arg-type]
        figures = run(session.api.figures(paris(0, 0), paris(23, 0)))
        shown = view.figures.calendar_figures
        shown.show_figures(figures)
        assert figures.hours_scheduled > 0 and figures.hours_staffed == 0
        hours = f"{figures.hours_scheduled:.1f}".replace(".", ",")
        assert shown.hours.text() == (
            f"Heures de permanence : {hours} h prévues, 0,0 h tenues (0 %)."
        )

        # Every column as the switchboard may send it (through the codec).
        figures = msgspec.convert(
            {
                **msgspec.to_builtins(figures),
                "hours_scheduled": 12.0,
                "hours_staffed": 10.5,
                "refused_closed": 4,
                "appointments": [
                    {"service": "CAF", "kiosk_id": "pvp-murat", "booked": 5, "kept": 4,
                     "late": 1, "no_show": 1, "cancelled": 0},
                ],
            },
            FiguresResponse,
        )  # fmt: skip
        shown.show_figures(figures)
        assert shown.hours.text() == (
            "Heures de permanence : 12,0 h prévues, 10,5 h tenues (88 %)."
        )
        assert shown.refused.text().endswith(": 4")
        assert [shown.table.item(0, c).text() for c in range(7)] == [
            "CAF",
            "pvp-murat",
            "5",
            "4",
            "1",
            "1",
            "0",
        ]
    finally:
        with contextlib.suppress(Exception):
            run(view.aclose())
        run(session.aclose())
        languages.use(Language.ENGLISH)
