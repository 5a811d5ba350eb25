"""The supervisor's screens for tools/screenshots.py, and the real switchboard
they (and the agent's booking screens) talk to: a process on 127.0.0.1 with
the test suite's accounts, generated history, a week of permanences, agents
and kiosks connected over WebSocket, its clock set to a Tuesday morning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from agentdesk.desk.booking import Bookings
from agentdesk.desk.day import PARIS
from tools.screen_camera import Camera, open_window, until

TUESDAY = dt.date(2026, 12, 1)
"""Not a public holiday (the test suite's calendar day)."""
HISTORY_MONTH = dt.date(2025, 3, 15)
"""The month of the generated history (tests/supervision/conftest.py)."""
SHOTS = ("20-supervision-live", "21-supervision-figures", "22-supervision-communes",
         "23-supervision-calendar", "24-permanence", "25-supervision-kiosks")  # fmt: skip


def paris(hour: int, minute: int = 0, day: dt.date = TUESDAY) -> float:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).timestamp()


class Board:
    """The switchboard, started on first use; ``aclose`` stops it and its clients."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process: Any = None
        self._closers: list[Any] = []
        self.kiosk_tokens: dict[str, str] = {}

    async def started(self) -> Any:
        if self.process is not None:
            return self.process
        from agentdesk.protocol.schedule import PermanenceDraft
        from tests.client.calendar_support import calendar_for, set_clock
        from tests.supervision.conftest import DAYS, FIRST_DAY, PER_DAY, add_offices
        from tests.supervision.history import make_specs, write_history
        from tests.support.switchboard import provision, start_switchboard

        db = self.folder / "switchboard.db"
        self.kiosk_tokens = provision(db).kiosk_tokens
        add_offices(db)
        _name_people(db)
        write_history(db, make_specs(FIRST_DAY, DAYS, PER_DAY))
        self.process = await start_switchboard(db, "--test-clock")
        await set_clock(self.process, paris(10, 5))
        supervisor = await calendar_for(self.process, "sup.caf")
        self._closers.append(supervisor.aclose)
        for service, kiosks, weekday, start, end in (
            ("CAF", ["pvp-murat", "pvp-riom"], 1, "09:00", "12:00"),
            ("CAF", ["pvp-maurs"], 1, "14:00", "16:30"),
            ("CAF", ["pvp-allanche"], 3, "09:30", "12:00"),
            ("CPAM", ["pvp-pleaux", "pvp-saignes"], 1, "09:00", "12:30"),
            ("CPAM", ["pvp-murat"], 4, "13:30", "17:00"),
        ):
            await supervisor.add_permanence(
                PermanenceDraft(service=service, kiosk_ids=kiosks, weekday=weekday,
                                start=start, end=end)
            )  # fmt: skip
        return self.process

    async def agent_bookings(self) -> Bookings:
        from agentdesk.client.bookings import ApiBookings
        from agentdesk.desk.booking import BookingDraft
        from tests.client.calendar_support import calendar_for

        api = await calendar_for(await self.started(), "agent.caf")
        self._closers.append(api.aclose)
        bookings = ApiBookings(api)
        # Booked earlier in the week, by a colleague.
        await bookings.book(
            BookingDraft("CAF", "pvp-murat", paris(10, 30), 20, "Prime d'activité", "Mme Martin")
        )
        return bookings

    async def people(self) -> None:
        """Agents at work and residents waiting, as the live view shows them."""
        from agentdesk.protocol import AgentState, QueueCall, SetPresence, TakeCall
        from tests.support.switchboard import connect_agent, connect_kiosk

        sb = await self.started()
        agents = []
        for login in ("agent.caf", "agent2.caf", "agent.cpam"):
            agent, _ = await connect_agent(sb, login)
            self._closers.append(agent.close)
            agents.append(agent)
        await agents[0].request(SetPresence(state=AgentState.AVAILABLE))
        await agents[1].request(SetPresence(state=AgentState.PAUSED, reason="meeting"))
        await agents[2].request(SetPresence(state=AgentState.AVAILABLE))
        taken = None
        for kiosk_id, service, reason in [
            ("pvp-murat", "CAF", "Prime d'activité"),
            ("pvp-riom", "CAF", "Aide au logement"),
            ("pvp-pleaux", "CPAM", "Carte Vitale"),
            ("pvp-saignes", "CPAM", "Arrêt de travail"),
        ]:
            kiosk, _ = await connect_kiosk(sb, kiosk_id, self.kiosk_tokens[kiosk_id])
            self._closers.append(kiosk.close)
            queued = await kiosk.request(QueueCall(service=service, reason=reason))
            taken = taken or (queued if service == "CPAM" else None)
        if taken is not None:
            await agents[2].request(TakeCall(call_id=taken.call.call_id))

    async def aclose(self) -> None:
        for close in reversed(self._closers):
            await close()
        self._closers = []
        if self.process is not None:
            await self.process.stop()
            self.process = None


def _name_people(db: Path) -> None:
    """People's names rather than the test accounts' "Agent agent.caf"."""
    import contextlib
    import sqlite3

    names = {"agent.caf": "Claire Dupont", "agent2.caf": "Marc Vidal",
             "agent3.caf": "Sophie Roche", "agent.cpam": "Luc Bonnet",
             "sup.caf": "Anne Morel"}  # fmt: skip
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.executemany(
            "UPDATE agents SET display_name=? WHERE login=?", [(n, k) for k, n in names.items()]
        )


async def shoot_supervision(camera: Camera, board: Board, languages: Any) -> None:
    """A supervisor signs in: their view takes the place of the desk in the
    app's window (``OpenSupervision``, as the app does)."""
    if not camera.wants(*SHOTS):
        return
    from agentdesk.client import login
    from agentdesk.desk import SignedIn
    from agentdesk.supervision import FeedStatus, PeriodKind
    from agentdesk.ui.supervision.wiring import OpenSupervision
    from tests.support.switchboard import PASSWORD

    sb = await board.started()
    tokens = await login(sb.http, "sup.caf", PASSWORD)
    harness = open_window(languages)
    window = harness.window
    opener = OpenSupervision()
    view = await opener(SignedIn(sb.url, "sup.caf", tokens, None), window)
    try:
        await until(lambda: view.board.status is FeedStatus.LIVE, what="the live feed")
        await board.people()
        await until(lambda: view.board.waiting_count == 3, what="three residents waiting")
        await camera.grab("20-supervision-live", window)

        view.tabs.setCurrentWidget(view.figures)
        figures = view.figures
        figures.set_period(PeriodKind.MONTH, HISTORY_MONTH)
        await until(lambda: figures.hour_chart.data is not None, what="the month's figures")
        await camera.grab("21-supervision-figures", window)
        figures.tabs.setCurrentIndex(2)
        await camera.grab("22-supervision-communes", window)

        calendar = view.calendar
        assert calendar is not None
        view.tabs.setCurrentWidget(calendar)
        await until(lambda: calendar.table.rowCount() > 0, what="the week's permanences")
        await camera.grab("23-supervision-calendar", window)
        if camera.wants("24-permanence"):
            calendar.add_button.click()
            dialog = calendar.dialog
            assert dialog is not None
            await camera.grab("24-permanence", dialog)
            dialog.reject()

        fleet = view.fleet
        assert fleet is not None
        view.tabs.setCurrentWidget(fleet)
        fleet.reload()  # its last refresh came before the kiosks connected

        def online() -> bool:
            cells = [fleet.table.item(row, 2) for row in range(fleet.table.rowCount())]
            return any(cell is not None and cell.text().startswith("●") for cell in cells)

        await until(online, what="the kiosks online")
        await camera.grab("25-supervision-kiosks", window)
    finally:
        await opener.aclose()
        await harness.close()
        window.close()
