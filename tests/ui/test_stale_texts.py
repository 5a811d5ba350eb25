"""What the agent reads follows what is true now (QA at a UDAF volunteer's
permanence): the day's banner and the status bar follow the presence, the
scan line the call and the kiosk's scanner, an appointment call is named
once with its resident and purpose, empty tables say they are empty, the
presence buttons are the same whichever call rings.  Real widgets
(offscreen) over a real desk fed protocol messages through the codec."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from agentdesk.desk.day import PARIS
from agentdesk.engine.documents import CommandReceived, Device, DeviceState, DeviceStatus
from agentdesk.protocol import (
    AgentState,
    CallState,
    CallUpdate,
    Offered,
    ServiceState,
    ServiceStatus,
    ServiceStatusChanged,
    SetPresence,
)
from agentdesk.station.backend import _documents
from agentdesk.ui.booking_dialog import BookingDialog
from tests.desk.plan import appointment, plan, slot

from .helpers import Harness, call, feed, png_bytes, snapshot, status, welcome

AVAILABLE = SetPresence(state=AgentState.AVAILABLE, auto_answer=True)


def paris(hour: int, minute: int = 0) -> float:
    return dt.datetime(2026, 12, 1, hour, minute, tzinfo=PARIS).timestamp()


def on_permanence(harness: Harness, run: Any) -> None:
    """Signed in at 14:00, in a permanence until 23:30: the desk made the agent available."""
    harness.flow.settings.auto_available = True
    harness.clock.now = paris(14)
    feed(harness.desk, welcome(AgentState.OFFLINE))
    plan(harness.desk, [slot(paris(13), paris(23, 30))])
    run(harness.board.wait_sent(AVAILABLE))
    feed(harness.desk, status(AgentState.AVAILABLE))


def test_the_banner_and_status_bar_follow_the_presence(harness: Harness, run: Any) -> None:
    on_permanence(harness, run)
    window, day = harness.window, harness.window.day_panel
    available = "Votre permanence a commencé : vous êtes disponible jusqu'à 23:30."
    assert day.notice_text == available
    assert window.message.text() == available

    # On a break: neither says « disponible » any more.
    feed(harness.desk, status(AgentState.PAUSED, reason="lunch"))
    press = (
        "Votre permanence a commencé (jusqu'à 23:30) : appuyez sur « Disponible » "
        "quand vous voulez recevoir des appels."
    )
    assert day.notice_text == press
    assert window.message.text() == press
    feed(harness.desk, status(AgentState.OFFLINE))
    assert day.notice_text == press

    # Available again, then a call: the status bar no longer says « disponible ».
    feed(harness.desk, status(AgentState.AVAILABLE))
    assert day.notice_text == available
    feed(harness.desk, Offered(call=call("c1"), expires_in_s=20))
    feed(harness.desk, status(AgentState.OFFERED))
    assert "disponible" not in window.message.text()
    assert "disponible" not in day.notice_text
    assert day.notice_text == "Votre permanence a commencé (jusqu'à 23:30)."


def test_disponible_is_the_same_while_the_first_and_a_later_call_ring(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    """The switchboard offers the first call before it answers the request
    that made the agent available."""
    harness.signed_in(AgentState.OFFLINE)
    bar = harness.window.presence
    harness.board.held = asyncio.Event()
    qtbot.mouseClick(bar.available_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(AVAILABLE))
    feed(harness.desk, status(AgentState.AVAILABLE))
    feed(harness.desk, Offered(call=call("c1"), expires_in_s=20))
    feed(harness.desk, status(AgentState.OFFERED))
    first = (bar.available_button.isEnabled(), bar.pause_button.isEnabled())
    harness.board.held.set()
    run(harness.board.wait_sent(AVAILABLE))
    feed(harness.desk, status(AgentState.AVAILABLE))
    feed(harness.desk, Offered(call=call("c2"), expires_in_s=20))
    feed(harness.desk, status(AgentState.OFFERED))
    later = (bar.available_button.isEnabled(), bar.pause_button.isEnabled())
    assert first == later == (True, True)


def test_the_scan_line_follows_the_call_and_the_scanner(harness: Harness, qtbot: Any) -> None:
    harness.in_call()
    panel = harness.window.documents_panel
    # The scanner stops responding while a scan is asked for: said, not left hanging.
    qtbot.mouseClick(panel.scan_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == "Scan demandé : la borne sollicite l'usager…"
    _documents(
        harness.desk,
        CommandReceived(DeviceStatus(device=Device.SCANNER, state=DeviceState.OFFLINE)),
    )
    down = panel.status.text()
    assert down.startswith("Le scanner de la borne ne répond pas : aucun scan ne viendra.")
    # Asking again while it is known to be down: said at once, nothing asked of the kiosk.
    qtbot.waitUntil(lambda: harness.documents.scans == ["c1"], timeout=5_000)
    panel.status.clear()
    qtbot.mouseClick(panel.scan_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == down
    assert harness.documents.scans == ["c1"]

    # A scan's quality warning is gone once the call ends.
    png = png_bytes(QColor(200, 200, 200))
    harness.desk.documents.begin("d9", "document-1.png", "image/png", len(png), quality=("dark",))
    harness.desk.documents.complete("d9", png)
    qtbot.waitUntil(lambda: "trop sombre" in panel.status.text(), timeout=5_000)
    feed(
        harness.desk,
        CallUpdate(call=call("c1", state=CallState.WRAP_UP, agent_login="agent.dupont")),
    )
    feed(harness.desk, status(AgentState.WRAP_UP))
    assert panel.status.text() == ""


def test_an_appointment_call_names_the_resident_and_purpose_once(harness: Harness) -> None:
    harness.clock.now = paris(9, 55)
    harness.signed_in(AgentState.AVAILABLE)
    plan(
        harness.desk,
        [slot(paris(9), paris(12))],
        [appointment("a1", paris(10), "Marie Dupont", "Prime d'activité", state="checked_in")],
    )
    booked = call("c1", "Murat", reason="Rendez-vous", appointment_id="a1", appointment_due=True)
    feed(harness.desk, Offered(call=booked, expires_in_s=20))
    feed(harness.desk, status(AgentState.OFFERED))
    why = "Rendez-vous de 10:00 · Marie Dupont · Prime d'activité"
    ringing = harness.window.offer_panel.details.text()
    assert ringing == f"Murat · Mairie de Murat · CAF\n{why}"
    assert ringing.count("Rendez-vous") == 1
    feed(
        harness.desk,
        CallUpdate(call=call("c1", "Murat", state=CallState.CONNECTED, agent_login="agent.dupont",
                             reason="Rendez-vous", appointment_id="a1")),
    )  # fmt: skip
    feed(harness.desk, status(AgentState.IN_CALL, call_id="c1"))
    assert harness.window.call_panel.title.text() == f"Murat · Mairie de Murat · CAF\n{why}"


def test_wording_empty_tables_and_the_booking_form(harness: Harness) -> None:
    harness.clock.now = paris(9, 55)
    harness.signed_in(AgentState.OFFLINE)
    window = harness.window
    feed(
        harness.desk,
        ServiceStatusChanged(status=ServiceStatus(service="UDAF", state=ServiceState.NO_AGENT_YET)),
    )
    # Connected but offline: « aucun agent connecté » would be untrue.
    assert (
        "UDAF : ouvert, aucun agent disponible pour l'instant" in window.day_panel.services.text()
    )

    # Empty tables say so.
    plan(harness.desk, [slot(paris(9), paris(12))])
    feed(harness.desk, snapshot())
    day = window.day_panel
    assert day.no_appointment.shown and day.no_appointment.text() == "Aucun rendez-vous aujourd'hui"
    assert not day.no_slot.shown
    assert window.queue_panel.empty.shown
    assert window.queue_panel.empty.text() == "Aucun appel en attente"
    assert window.history_panel.empty.shown
    assert window.history_panel.empty.text() == "Aucun appel aujourd'hui pour l'instant"
    feed(harness.desk, snapshot(call("c1")))
    assert not window.queue_panel.empty.shown

    # The booking form names agents, not logins; the login is what is sent.
    harness.bookings = object()  # type: ignore[assignment]  # never called here
    day.book_button.click()
    dialog = window.booking_dialog
    assert isinstance(dialog, BookingDialog)
    agents = [dialog.agent.itemText(i) for i in range(dialog.agent.count())]
    assert agents == ["Tout agent du service", "Claire Dupont"]
    assert dialog.draft().agent_login == ""
    dialog.agent.setCurrentIndex(1)
    assert dialog.draft().agent_login == "agent.dupont"
    # A name typed is the agent listed; a login not listed may still be typed.
    dialog.agent.setCurrentIndex(0)
    dialog.agent.setCurrentText("Claire Dupont")
    assert dialog.draft().agent_login == "agent.dupont"
    dialog.agent.setCurrentText("agent.martin")
    assert dialog.draft().agent_login == "agent.martin"
    dialog.reject()


def test_the_next_agent_at_this_window_reads_nothing_said_to_the_last(
    harness: Harness, run: Any
) -> None:
    # QA: after Claire (CAF) signed out, Pierre (MSA) signed in at the same
    # window and read "Marie Dupont est arrivé(e)…" in his day's banner, and
    # "Vous êtes déconnecté." in the status bar.
    on_permanence(harness, run)
    window, day = harness.window, harness.window.day_panel
    assert day.notice_text
    window.tell("Vous êtes déconnecté.")
    harness.desk.signed_out()
    assert day.notice_text == ""
    feed(harness.desk, welcome(AgentState.OFFLINE))
    assert day.notice_text == ""
    assert window.message.text() == ""
    # What is said to the new agent is shown as usual.
    window.tell("Bonjour.")
    assert window.message.text() == "Bonjour."
