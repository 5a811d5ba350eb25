"""The widgets over a real desk, in French, offscreen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox

from agentdesk.desk import DeskState, RgbFrame, rgb_pixel
from agentdesk.protocol import (
    AcceptOffer,
    AgentState,
    CallState,
    CallUpdate,
    DeclineOffer,
    EndReason,
    FinishWrapUp,
    Hangup,
    Offered,
    OfferWithdrawn,
    OfferWithdrawnReason,
    ServiceInfo,
    SetPresence,
    TakeCall,
    Transfer,
)
from agentdesk.ui.video import VideoWidget
from tests.support.layout import cut_off_controls, unnamed_controls

from .helpers import (
    Harness,
    call,
    centre_colour,
    feed,
    filled,
    pdf_bytes,
    png_bytes,
    snapshot,
    status,
    welcome,
)


def test_queue_rows_show_the_commune_and_tick(harness: Harness, qtbot: Any) -> None:
    harness.signed_in()
    feed(
        harness.desk,
        snapshot(
            call("c1", "Murat", waited_s=65, reason="RSA"),
            call("c2", "Saint-Flour", waited_s=5, appointment_id="rdv-7"),
        ),
    )
    panel = harness.window.queue_panel
    table = panel.table
    assert table.rowCount() == 2
    communes = {table.item(r, 0).text() for r in range(2)}
    assert communes == {"Murat", "Saint-Flour"}
    row = next(r for r in range(2) if table.item(r, 0).text() == "Murat")
    assert table.item(row, 3).text() == "RSA"
    assert table.item(row, 1).text() == "01:05"
    other = 1 - row
    assert "Rendez-vous" in table.item(other, 3).text()
    assert panel.count_label.text() == "2 appels en attente"
    harness.clock.now += 10
    qtbot.waitUntil(lambda: table.item(row, 1).text() == "01:15", timeout=5000)
    assert panel.next_button.text() == "Prendre l'appel suiva&nt"


def test_take_next_and_take_selected(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.signed_in()
    feed(harness.desk, snapshot(call("c1", "Murat"), call("c2", "Salers", waited_s=5)))
    panel = harness.window.queue_panel
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(TakeCall()))
    row = next(r for r in range(2) if panel.table.item(r, 0).text() == "Salers")
    panel.table.selectRow(row)
    assert panel.take_button.isEnabled()
    qtbot.mouseClick(panel.take_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(TakeCall(call_id="c2")))


def test_presence_buttons(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.signed_in(AgentState.AVAILABLE)
    bar = harness.window.presence
    assert bar.state_label.text() == "● Disponible"
    assert not bar.available_button.isEnabled()
    [meeting] = [a for a in bar.pause_menu.actions() if a.text() == "Réunion"]
    meeting.trigger()
    run(harness.board.wait_sent(SetPresence(state=AgentState.PAUSED, reason="meeting")))
    feed(harness.desk, status(AgentState.PAUSED, reason="meeting"))
    assert bar.state_label.text() == "❚❚ En pause"
    assert bar.detail_label.text() == "Motif : Réunion"
    # Another reason while on a break: the badge follows, not only the supervisor.
    [lunch] = [a for a in bar.pause_menu.actions() if a.text() == "Déjeuner"]
    lunch.trigger()
    run(harness.board.wait_sent(SetPresence(state=AgentState.PAUSED, reason="lunch")))
    feed(harness.desk, status(AgentState.PAUSED, reason="lunch"))
    assert bar.detail_label.text() == "Motif : Déjeuner"
    qtbot.mouseClick(bar.available_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(SetPresence(state=AgentState.AVAILABLE, auto_answer=True)))


def test_a_missed_call_is_explained_in_words(harness: Harness) -> None:
    harness.signed_in(AgentState.AVAILABLE)
    feed(harness.desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=20))
    feed(harness.desk, OfferWithdrawn(call_id="c1", reason=OfferWithdrawnReason.TIMEOUT))
    feed(harness.desk, status(AgentState.PAUSED, reason="missed_offer"))
    bar = harness.window.presence
    assert "missed_offer" not in bar.detail_label.text()
    assert "sans réponse" in bar.detail_label.text()
    assert "pause" in harness.window.last_message


def test_break_after_this_call_chosen_in_the_call(harness: Harness, run: Any) -> None:
    harness.signed_in(AgentState.AVAILABLE)
    harness.in_call()
    bar = harness.window.presence
    x_before = bar.available_button.x()
    assert bar.pause_button.isEnabled()
    assert bar.detail_label.text() == "Après cet appel : disponible"
    [lunch] = [a for a in bar.pause_menu.actions() if a.text() == "Déjeuner"]
    lunch.trigger()
    run(harness.board.wait_sent(SetPresence(state=AgentState.PAUSED, reason="lunch")))
    assert bar.detail_label.text() == "Après cet appel : pause (Déjeuner)"
    assert bar.available_button.x() == x_before


def test_accept_and_decline_send_the_right_messages(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.signed_in()
    offer = harness.window.offer_panel
    assert not offer.isVisible()
    feed(harness.desk, Offered(call=call("c1", "Murat", state=CallState.OFFERED), expires_in_s=30))
    assert offer.isVisible() and "Murat" in offer.details.text()
    assert harness.window.ringer.ringing
    qtbot.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(AcceptOffer(call_id="c1")))

    feed(harness.desk, status(AgentState.AVAILABLE))
    assert not offer.isVisible() and not harness.window.ringer.ringing
    feed(harness.desk, Offered(call=call("c2", "Salers", state=CallState.OFFERED), expires_in_s=30))
    qtbot.mouseClick(offer.decline_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(DeclineOffer(call_id="c2")))


def test_accept_by_keyboard(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.signed_in()
    feed(harness.desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
    harness.window.activateWindow()
    qtbot.waitUntil(lambda: harness.window.isActiveWindow(), timeout=5000)
    qtbot.keyClick(
        harness.window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    run(harness.board.wait_sent(AcceptOffer(call_id="c1")))


def test_a_whole_call_by_keyboard_with_every_control_named(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    """Ring, answer, hang up, wrap up: keys only, and nothing a screen reader
    would announce without a name on the way."""
    window = harness.window
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    unnamed: dict[str, list[str]] = {"sign-in": unnamed_controls(window)}
    harness.signed_in()
    feed(harness.desk, snapshot(call("c1", "Murat")))
    feed(harness.desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
    unnamed["ringing"] = unnamed_controls(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_A, ctrl_shift)
    run(harness.board.wait_sent(AcceptOffer(call_id="c1")))
    harness.in_call()
    unnamed["in call"] = unnamed_controls(window)
    qtbot.keyClick(window, Qt.Key.Key_H, ctrl_shift)
    run(harness.board.wait_sent(Hangup(call_id="c1")))
    feed(
        harness.desk,
        CallUpdate(
            call=call("c1", "Murat", state=CallState.WRAP_UP), end_reason=EndReason.AGENT_HUNG_UP
        ),
    )
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    unnamed["wrap-up"] = unnamed_controls(window)
    # The outcome list has the focus: type the note after a Tab, finish with Ctrl+Return.
    qtbot.waitUntil(lambda: window.wrap_up_panel.outcome.hasFocus(), timeout=5000)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.wrap_up_panel.note.hasFocus()
    qtbot.keyClicks(window.wrap_up_panel.note, "RAS")
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    run(harness.board.wait_sent(FinishWrapUp(call_id="c1", outcome="Demande traitée", note="RAS")))
    assert unnamed == {"sign-in": [], "ringing": [], "in call": [], "wrap-up": []}


def test_video_widget_paints_frames_from_another_thread(qtbot: Any) -> None:
    widget = VideoWidget("…")
    qtbot.addWidget(widget)
    widget.resize(320, 240)
    widget.show()
    qtbot.waitExposed(widget)
    width, height = 64, 48
    # Left half red, right half blue: checks orientation, not only "something painted".
    red, blue = rgb_pixel(230, 20, 20), rgb_pixel(20, 20, 230)
    row = red * (width // 2) + blue * (width // 2)
    frame = RgbFrame(width, height, row * height)

    sender = threading.Thread(target=lambda: [widget.show_frame(frame) for _ in range(50)])
    sender.start()
    sender.join(10)
    qtbot.waitUntil(lambda: widget.frames_painted > 0, timeout=10_000)
    # 50 frames handed over, only the newest kept: far fewer paints than frames.
    assert widget.frames_received == 50
    image = widget.grab().toImage()
    left = image.pixelColor(image.width() // 4, image.height() // 2)
    right = image.pixelColor(image.width() * 3 // 4, image.height() // 2)
    assert left.red() > 180 and left.blue() < 80
    assert right.blue() > 180 and right.red() < 80


def test_document_viewer_shows_an_image_and_pdf_pages(harness: Harness, qtbot: Any) -> None:
    harness.in_call()
    harness.window.documents_panel.resize(600, 700)
    docs = harness.desk.documents
    png = png_bytes(QColor(0, 160, 0))
    docs.begin("d1", "carte.png", "image/png", len(png))
    docs.progress("d1", len(png) // 2)
    strip = harness.window.documents_panel.strip
    assert strip.count() == 1 and "Réception… 50 %" in strip.item(0).text()
    docs.complete("d1", png)
    viewer = harness.window.documents_panel.viewer
    assert viewer.rendered is not None
    colour = centre_colour(viewer.rendered)
    assert colour.green() > 140 and colour.red() < 40

    pdf = pdf_bytes(QColor(200, 0, 0), QColor(0, 0, 200))
    docs.begin("d2", "avis.pdf", "application/pdf", len(pdf))
    docs.complete("d2", pdf)
    strip.setCurrentRow(1)
    assert viewer.page_count == 2 and viewer.page_label.text() == "Page 1 sur 2"
    assert viewer.rendered is not None and centre_colour(viewer.rendered).red() > 150
    portrait = viewer.rendered.size()
    assert portrait.height() > portrait.width()
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.page == 1 and centre_colour(viewer.rendered).blue() > 150
    qtbot.mouseClick(viewer.rotate_button, Qt.MouseButton.LeftButton)
    assert viewer.rendered.width() > viewer.rendered.height()
    before = viewer.rendered.size()
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.rendered.width() > before.width()
    qtbot.mouseClick(viewer.fit_button, Qt.MouseButton.LeftButton)
    assert viewer.rendered.size() == before


def test_scan_print_and_save(harness: Harness, qtbot: Any, run: Any, tmp_path: Path) -> None:
    harness.in_call()
    panel = harness.window.documents_panel
    qtbot.mouseClick(panel.scan_button, Qt.MouseButton.LeftButton)
    form = tmp_path / "formulaire.pdf"
    form.write_bytes(pdf_bytes(QColor(255, 255, 255)))
    harness.print_path = form
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "imprimé à la borne" in panel.status.text(), timeout=10_000)
    assert harness.documents.scans == ["c1"]
    assert harness.documents.prints == [("c1", form)]

    wrong = tmp_path / "notes.txt"
    wrong.write_text("x")
    harness.print_path = wrong
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert "ne peut pas être imprimé" in panel.status.text()
    assert len(harness.documents.prints) == 1

    png = png_bytes(QColor(10, 10, 10))
    harness.desk.documents.begin("d1", "carte.png", "image/png", len(png))
    harness.desk.documents.complete("d1", png)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert (harness.save_folder / "carte.png").read_bytes() == png
    assert "1 document enregistré" in panel.status.text()
    assert harness.desk.documents.unsaved_documents() == []


def test_hang_up_warns_about_unsaved_documents(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.in_call()
    png = png_bytes(QColor(10, 10, 10))
    harness.desk.documents.begin("d1", "carte.png", "image/png", len(png))
    harness.desk.documents.complete("d1", png)
    call_panel = harness.window.call_panel
    harness.answers = [False]
    qtbot.mouseClick(call_panel.hang_up_button, Qt.MouseButton.LeftButton)
    assert "1 document de cet appel n'est pas enregistré" in harness.questions[0]
    assert harness.board.sent == []
    harness.answers = [True]
    qtbot.mouseClick(call_panel.hang_up_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(Hangup(call_id="c1")))


def test_transfer_dialog(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.in_call()
    feed(harness.desk, snapshot(call("c9", "Mauriac", service="MSA"), services=("CAF", "MSA")))
    panel = harness.window.call_panel
    qtbot.mouseClick(panel.transfer_button, Qt.MouseButton.LeftButton)
    dialog = panel.transfer_dialog
    assert dialog is not None
    run(filled(dialog))
    items = [dialog.services.item(i).text() for i in range(dialog.services.count())]
    assert items == ["MSA"]  # seen in a snapshot, though not served by the agent
    dialog.accept()
    run(harness.board.wait_sent(Transfer(call_id="c1", service="MSA")))


def test_wrap_up_sends_the_chosen_outcome(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.in_call()
    assert harness.window.work.currentIndex() == 1
    feed(
        harness.desk,
        CallUpdate(
            call=call("c1", "Murat", state=CallState.WRAP_UP), end_reason=EndReason.KIOSK_HUNG_UP
        ),
    )
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    panel = harness.window.wrap_up_panel
    assert harness.window.call_side.currentWidget() is panel
    assert "L'usager a raccroché" in panel.summary.text()
    panel.outcome.setCurrentIndex(1)
    outcome = panel.outcome.currentText()
    assert outcome == "Rendez-vous fixé"
    qtbot.keyClicks(panel.note, "Rappel jeudi")
    qtbot.mouseClick(panel.finish_button, Qt.MouseButton.LeftButton)
    run(harness.board.wait_sent(FinishWrapUp(call_id="c1", outcome=outcome, note="Rappel jeudi")))
    feed(harness.desk, status(AgentState.AVAILABLE))
    assert harness.desk.state is DeskState.AVAILABLE
    history = harness.window.history_panel.table
    assert history.rowCount() == 1
    assert history.item(0, 2).text() == "Murat"
    assert history.item(0, 5).text() == outcome


def test_sign_in_wrong_password_is_a_clear_french_sentence(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    panel = harness.window.sign_in_panel
    assert harness.window.pages.currentWidget() is panel
    # No keyring on this machine: the box is off and the panel says why.
    assert not panel.stay.isEnabled()
    assert "pas de coffre à mots de passe" in panel.stay_note.text()
    panel.server.setText("wss://standard.cantal.fr/api/v1/ws")
    panel.login.setText("agent.dupont")
    panel.password.setText("wrong")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "incorrect" in panel.error.text(), timeout=10_000)
    assert panel.error.text() == "Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez."
    panel.password.setText("secret")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(harness.sessions) == 1, timeout=10_000)
    assert harness.sessions[0].login == "agent.dupont"


def answer_quit(harness: Harness, qtbot: Any, yes: bool) -> None:
    box = harness.window.quit_question.box
    assert box is not None and box.isVisible()
    button = box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: harness.window.quit_question.box is None)


def test_closing_during_a_call_asks_first(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.in_call()
    closed: list[bool] = []
    harness.window.closing.connect(lambda: closed.append(True))
    harness.window.close()
    box = harness.window.quit_question.box
    assert box is not None and box.text() == (
        "Un appel est en cours. Le terminer et quitter AgentDesk ?"
    )
    answer_quit(harness, qtbot, yes=False)
    assert harness.window.isVisible() and closed == []
    harness.window.close()
    answer_quit(harness, qtbot, yes=True)
    assert closed == [True]
    run(harness.board.wait_sent(Hangup(call_id="c1")))


def test_the_quit_question_follows_the_ring(harness: Harness, qtbot: Any) -> None:
    harness.signed_in(AgentState.AVAILABLE)
    feed(harness.desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=20))
    closed: list[bool] = []
    harness.window.closing.connect(lambda: closed.append(True))
    harness.window.close()
    box = harness.window.quit_question.box
    assert box is not None and "Un appel sonne" in box.text()
    # The ring stops while the question is open: the question says so at once.
    feed(harness.desk, OfferWithdrawn(call_id="c1", reason=OfferWithdrawnReason.ABANDONED))
    feed(harness.desk, status(AgentState.AVAILABLE))
    assert harness.desk.state is DeskState.AVAILABLE
    assert harness.window.quit_question.box is box and "Un appel sonne" not in box.text()
    assert "plus aucun appel" in box.text().lower()
    answer_quit(harness, qtbot, yes=True)
    assert closed == [True]
    # Nothing was declined: there was nothing left to decline.
    assert not any(isinstance(m, DeclineOffer) for m in harness.board.sent)


def settled_cut_off(window: Any) -> list[str]:
    QApplication.processEvents()  # the layouts run on posted events
    return cut_off_controls(window)


def test_a_whole_call_fits_a_small_laptop_at_150_percent(harness: Harness, run: Any) -> None:
    """1366 × 768 at 150 %: 910 × 512 of Qt's pixels, minus a taskbar."""
    window = harness.window
    window.resize(910, 480)
    harness.signed_in(AgentState.AVAILABLE)
    feed(harness.desk, snapshot(call("c1", "Riom-ès-Montagnes", reason="Prime d'activité et RSA")))
    screens = {}
    ringing = call("c1", "Riom-ès-Montagnes", state=CallState.OFFERED, reason="Prime d'activité")
    feed(harness.desk, Offered(call=ringing, expires_in_s=20))
    screens["ringing"] = settled_cut_off(window)
    harness.in_call("c1", "Riom-ès-Montagnes")
    screens["in call"] = settled_cut_off(window)
    assert window.call_panel.hang_up_button.isVisible()
    feed(
        harness.desk,
        CallUpdate(
            call=call("c1", "Riom-ès-Montagnes", state=CallState.WRAP_UP),
            end_reason=EndReason.AGENT_HUNG_UP,
        ),
    )
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    screens["wrap-up"] = settled_cut_off(window)
    assert window.width() <= 910
    assert screens == {"ringing": [], "in call": [], "wrap-up": []}


def test_transfer_to_a_service_of_the_network_with_a_note(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    directory = [
        ServiceInfo(code="CAF", name="Allocations familiales (CAF)"),
        ServiceInfo(code="CPAM", name="Assurance maladie"),
        ServiceInfo(code="MSA", name="Mutualité sociale agricole"),
    ]
    harness.in_call()
    active = call("c1", "Murat", state=CallState.CONNECTED, agent_login="agent.dupont")
    # Back from a reconnection: the welcome names the call and the network's services.
    feed(
        harness.desk,
        msgspec.structs.replace(welcome(AgentState.IN_CALL, active), directory=directory),
    )
    panel = harness.window.call_panel
    qtbot.mouseClick(panel.transfer_button, Qt.MouseButton.LeftButton)
    dialog = panel.transfer_dialog
    assert dialog is not None
    run(filled(dialog))
    # The switchboard did not say who staffs what (it answered ack): the
    # services the desk knows, and a sentence saying so.
    assert not dialog.unknown.isHidden()
    items = [dialog.services.item(i).text() for i in range(dialog.services.count())]
    # Every other service of the network, by the name people know it by.
    assert items == ["Assurance maladie (CPAM)", "Mutualité sociale agricole (MSA)"]
    assert not dialog.empty.isVisible()
    dialog.services.setCurrentRow(0)
    dialog.note.setText("Attestation de salaire scannée")
    dialog.accept()
    run(
        harness.board.wait_sent(
            Transfer(call_id="c1", service="CPAM", note="Attestation de salaire scannée")
        )
    )


def test_a_transferred_call_rings_with_the_colleagues_note(harness: Harness) -> None:
    harness.signed_in(AgentState.AVAILABLE)
    ringing = call("c1", "Murat", state=CallState.OFFERED)
    feed(
        harness.desk,
        Offered(call=ringing, expires_in_s=20, note="Dossier RSA incomplet", note_from="Luc Roux"),
    )
    details = harness.window.offer_panel.details.text()
    assert "Note de Luc Roux : Dossier RSA incomplet" in details


def test_an_empty_transfer_list_says_why(harness: Harness, qtbot: Any, run: Any) -> None:
    harness.in_call()
    panel = harness.window.call_panel
    qtbot.mouseClick(panel.transfer_button, Qt.MouseButton.LeftButton)
    dialog = panel.transfer_dialog
    assert dialog is not None
    run(filled(dialog))
    assert dialog.services.count() == 0 and not dialog.ok.isEnabled()
    assert dialog.empty.isVisible() and "aucun autre service" in dialog.empty.text().lower()
    dialog.reject()


def test_a_larger_text_size_from_the_settings(harness: Harness, qapp: QApplication) -> None:
    harness.signed_in(AgentState.AVAILABLE)
    window = harness.window
    before = qapp.font().pointSizeF()
    badge = window.presence.state_label
    width_before = badge.minimumWidth()
    try:
        window.apply_settings(msgspec.structs.replace(harness.flow.settings, text_size=150))
        assert qapp.font().pointSizeF() == pytest.approx(before * 1.5)
        QApplication.processEvents()
        # Widths measured from the font follow it: the badge's longest state still fits.
        assert badge.minimumWidth() > width_before
        assert window.presence.available_button.font().pointSizeF() == pytest.approx(before * 1.5)
    finally:
        window.apply_settings(msgspec.structs.replace(harness.flow.settings, text_size=100))
    assert qapp.font().pointSizeF() == pytest.approx(before)


def test_state_badges_have_enough_contrast() -> None:
    """White bold text on each state's colour: WCAG AA asks 4.5:1 for text."""
    from agentdesk.desk import DeskState
    from agentdesk.ui import texts

    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(x) for x in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    ratios = {
        state: (1.05) / (luminance(QColor(texts.state_colour(state))) + 0.05) for state in DeskState
    }
    assert {s: r for s, r in ratios.items() if r < 4.5} == {}


def test_the_agent_sees_the_kiosks_printer_state_before_printing(harness: Harness) -> None:
    """The kiosk's ``device_status`` commands, as the station's backend hands
    them to the desk, shown beside the print button; gone with the call."""
    from agentdesk.engine.documents import CommandReceived, Device, DeviceState, DeviceStatus
    from agentdesk.station.backend import _documents

    harness.in_call()
    panel = harness.window.documents_panel
    for device, state in [(Device.SCANNER, DeviceState.READY), (Device.PRINTER, DeviceState.READY)]:
        _documents(harness.desk, CommandReceived(DeviceStatus(device=device, state=state)))
    assert panel.peripherals.text() == "Borne — ✔ scanner : en service · ✔ imprimante : en service"
    _documents(
        harness.desk,
        CommandReceived(DeviceStatus(device=Device.PRINTER, state=DeviceState.OUT_OF_PAPER)),
    )
    assert "⚠ imprimante : plus de papier" in panel.peripherals.text()
    harness.desk.documents.wipe()
    assert panel.peripherals.text() == ""  # its lines kept: nothing below moves


def test_the_agent_sees_the_kiosks_verdict_beside_a_scan(harness: Harness, qtbot: Any) -> None:
    harness.in_call()
    panel = harness.window.documents_panel
    png = png_bytes(QColor(200, 200, 200))
    harness.desk.documents.begin(
        "d9", "document-1.png", "image/png", len(png), quality=("blurred", "skewed")
    )
    harness.desk.documents.complete("d9", png)
    qtbot.waitUntil(lambda: "flou, de travers" in panel.status.text(), timeout=5_000)
    assert "Demander un scan" in panel.status.text()
    # One click asks the kiosk for another.
    qtbot.mouseClick(panel.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: harness.documents.scans == ["c1"], timeout=5_000)
