"""« Ma journée », the duty notices, the first-sign-in choice and the booking
form, on real widgets (offscreen) over a real desk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agentdesk.desk.day import PARIS
from agentdesk.protocol import AgentState, CallState, CallUpdate, SetPresence
from agentdesk.ui.booking_dialog import BookingDialog
from tests.desk.plan import appointment, closed, plan, slot

from .helpers import Harness, call, feed, snapshot, status, welcome


def paris(hour: int, minute: int = 0) -> float:
    return dt.datetime(2026, 12, 1, hour, minute, tzinfo=PARIS).timestamp()


def morning(harness: Harness, auto: bool | None = True) -> None:
    harness.flow.settings.auto_available = auto
    harness.clock.now = paris(8, 0)
    feed(harness.desk, welcome(AgentState.OFFLINE, service_status=[closed("CAF", paris(9))]))
    # Kiosk names are learnt from the calls seen (slots name kiosks by id).
    feed(harness.desk, snapshot(call("c0", "Murat"), call("c9", "Maurs")))
    feed(harness.desk, snapshot())
    plan(
        harness.desk,
        [slot(paris(9), paris(12)), slot(paris(14), paris(16), "k-maurs")],
        [
            appointment("a1", paris(10), "Mme Martin", "Prime d'activité"),
            appointment("a2", paris(14, 30), "M. Roux", "RSA", kiosk="k-maurs"),
        ],
    )


def test_my_day_shows_slots_and_booked_residents(harness: Harness) -> None:
    morning(harness)
    window = harness.window
    panel = window.day_panel
    assert window.tabs.currentWidget() is panel
    assert window.tabs.tabText(0) == "Ma &journée"
    assert panel.title.text() == "Ma journée — mardi 01/12/2026"
    assert panel.summary.text() == (
        "Prochaine permanence à 09:00 (CAF). Votre caméra s'allumera à 08:55."
    )
    assert panel.slots.rowCount() == 2
    assert panel.slots.item(0, 0).text() == "09:00–12:00"
    assert panel.slots.item(1, 2).text() == "Mairie de Maurs"
    rows = [
        [panel.appointments.item(r, c).text() for c in range(5)]
        for r in range(panel.appointments.rowCount())
    ]
    assert rows == [
        ["10:00", "Mme Martin", "Prime d'activité", "Mairie de Murat", "Prévu"],
        ["14:30", "M. Roux", "RSA", "Mairie de Maurs", "Prévu"],
    ]
    # Outside the slot the camera is released.
    assert harness.camera.asked == [False]


def test_the_day_runs_by_itself(harness: Harness, run: Any) -> None:
    morning(harness)
    panel = harness.window.day_panel
    harness.scheduler.advance_to(paris(8, 55))
    assert harness.camera.on
    assert panel.notice_text == "Votre permanence commence à 09:00 : votre caméra est allumée."
    harness.scheduler.advance_to(paris(9, 0))
    run(harness.board.wait_sent(SetPresence(state=AgentState.AVAILABLE, auto_answer=True)))
    assert panel.notice_text == (
        "Votre permanence a commencé : vous êtes disponible jusqu'à 12:00."
    )
    feed(harness.desk, status(AgentState.AVAILABLE))
    assert panel.summary.text() == "En permanence jusqu'à 12:00 (CAF)."
    harness.scheduler.advance_to(paris(9, 50))
    assert panel.notice_text == (
        "Rendez-vous à 10:00 : Mme Martin à Mairie de Murat (Prime d'activité)."
    )

    # The resident checks in: first in the queue, by name and purpose.
    feed(harness.desk, snapshot(call("c1", "Salers", waited_s=300)))
    plan(
        harness.desk,
        [slot(paris(9), paris(12))],
        [appointment("a1", paris(10), "Mme Martin", "Prime d'activité", state="checked_in")],
    )
    feed(
        harness.desk,
        snapshot(
            call("c1", "Salers", waited_s=300),
            call("c2", "Murat", waited_s=5, appointment_id="a1", appointment_due=True),
        ),
    )
    window = harness.window
    assert window.tabs.currentWidget() is window.queue_panel
    assert window.last_message == (
        "Mme Martin est arrivé(e) à Mairie de Murat pour son rendez-vous de 10:00 : "
        "en tête de la file."
    )
    table = window.queue_panel.table
    assert table.item(0, 0).text() == "Murat"
    assert (
        table.item(0, 3)
        .text()
        .startswith("✔ 10:00 · Mme Martin · Prime d'activité · Mairie de Murat")
    )

    # End of the slot with two residents still waiting: announced, not cut off.
    harness.scheduler.advance_to(paris(12, 0))
    assert panel.notice_text == (
        "Permanence terminée : plus de nouvel appel. Derniers appels à servir : 2."
    )


def test_first_sign_in_asks_agent_or_volunteer(harness: Harness, qtbot: Any) -> None:
    morning(harness, auto=None)
    first = harness.window.first_sign_in
    qtbot.waitUntil(lambda: first.auto_available_box is not None, timeout=5000)
    box = first.auto_available_box
    assert box is not None and box.isVisible()
    assert "vous rendre disponible automatiquement" in box.text()
    # Not modal: the desk behind stays usable (a call ringing can be answered).
    assert not box.isModal()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: harness.flow.settings.auto_available is False, timeout=5000)
    assert first.auto_available_box is None
    assert harness.store.load().settings.auto_available is False
    harness.scheduler.advance_to(paris(9, 0))
    assert harness.window.day_panel.notice_text == (
        "Votre permanence a commencé (jusqu'à 12:00) : appuyez sur « Disponible » "
        "quand vous êtes prêt."
    )
    assert harness.board.sent == []


def test_rendez_vous_fixe_opens_the_booking_form_prefilled(harness: Harness, qtbot: Any) -> None:
    harness.bookings = object()  # type: ignore[assignment]  # never called here
    harness.in_call("c1", "Murat")
    feed(
        harness.desk,
        CallUpdate(call=call("c1", "Murat", state=CallState.WRAP_UP, agent_login="agent.dupont")),
    )
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    combo = harness.window.wrap_up_panel.outcome
    index = combo.findText("Rendez-vous fixé")
    combo.setCurrentIndex(index)
    combo.textActivated.emit("Rendez-vous fixé")
    dialog = harness.window.booking_dialog
    assert isinstance(dialog, BookingDialog)
    assert dialog.service.currentText() == "CAF"
    assert dialog.kiosk.currentData() == "k-murat"
    assert dialog.kiosk.currentText() == "Mairie de Murat"
    assert dialog.windowTitle() == "Prendre un rendez-vous"

    # Checked before anything is sent: a name, and no identification number.
    dialog.purpose.setText("Dossier 1234567")
    dialog.resident.setText("Mme Martin")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.problem.text().startswith("Pas de numéro d'identification ici")
    dialog.reject()


def test_the_permanence_settings_are_the_agents_to_change(harness: Harness) -> None:
    morning(harness)
    window = harness.window
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.auto_available.isChecked()
    assert dialog.auto_available.text() == (
        "Me rendre &disponible au début de chacune de mes permanences"
    )
    dialog.auto_available.setChecked(False)
    dialog.warm_up.setValue(10)
    dialog.reminder.setValue(15)
    dialog.buttons.accepted.emit()
    settings = harness.store.load().settings
    assert (settings.auto_available, settings.warm_up_min, settings.reminder_min) == (
        False,
        10,
        15,
    )
    # The keeper reads them at once: the camera now opens ten minutes before.
    assert harness.duty.settings.warm_up_s == 600
    harness.scheduler.advance_to(paris(8, 50))
    assert harness.camera.on
    assert window.day_panel.summary.text().endswith("Votre caméra s'allumera à 08:50.")


def test_the_ring_volume_is_set_tried_and_saved(harness: Harness, qtbot: Any) -> None:
    morning(harness)
    window = harness.window
    tried: list[int] = []
    window._test_ring = tried.append
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.ring_volume.value() == 80  # the default
    dialog.ring_volume.setValue(35)
    assert dialog.ring_volume_value.text() == "35 %"
    qtbot.mouseClick(dialog.ring_test, Qt.MouseButton.LeftButton)
    assert tried == [35]  # heard before it is saved
    assert harness.store.load().settings.ring_volume == 80
    changed: list[Any] = []
    window.settings_changed.connect(changed.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert harness.store.load().settings.ring_volume == 35
    assert [s.ring_volume for s in changed] == [35]  # to the engine's sounds
