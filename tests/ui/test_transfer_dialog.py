"""The transfer dialog's words, in French, over a real desk whose switchboard
replies are recorded messages (the real switchboard: test_transfer_real.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from agentdesk.protocol import (
    AgentState,
    CallState,
    CallUpdate,
    Colleague,
    EndReason,
    ListStaffing,
    ServiceStaffing,
    ServiceState,
    ServiceStatus,
    Staffing,
    Transfer,
    TransferOutcome,
    TransferResult,
)

from .helpers import Harness, call, feed, filled

THURSDAY_9 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Paris")).timestamp()


def staffing(*services: ServiceStaffing) -> Staffing:
    return Staffing(services=list(services))


def open_dialog(harness: Harness, qtbot: Any, run: Any) -> Any:
    panel = harness.window.call_panel
    qtbot.mouseClick(panel.transfer_button, Qt.MouseButton.LeftButton)
    dialog = panel.transfer_dialog
    assert dialog is not None
    run(filled(dialog))
    return dialog


def test_nobody_there_says_when_the_next_permanence_opens(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    harness.in_call()
    closed = ServiceStatus(service="MSA", state=ServiceState.CLOSED, next_opening=THURSDAY_9)
    harness.board.replies[ListStaffing] = staffing(
        ServiceStaffing(service="CAF", name="Allocations familiales"),
        ServiceStaffing(service="MSA", name="Mutualité sociale agricole", status=closed),
    )
    dialog = open_dialog(harness, qtbot, run)
    # The request names the call: statuses are seen from its kiosk.
    assert ListStaffing(call_id="c1") in harness.board.sent
    assert dialog.services.currentRow() == 1
    assert dialog.staff.text() == (
        "Personne ne tient ce service en ce moment : l'usager attendra dans sa file qu'un "
        "agent se connecte. Sa prochaine permanence ouvre jeudi 26/11/2026 à 09:00."
    )
    assert dialog.ok.isEnabled()
    # Their own service with nobody else: the button stays greyed, and says why.
    dialog.services.setCurrentRow(0)
    assert dialog.colleagues.count() == 0
    assert not dialog.ok.isEnabled()
    assert "Personne d'autre ne tient votre service" in dialog.staff.text()
    # Enter on that line does not send it anywhere; on the MSA line it does.
    dialog.services.itemActivated.emit(dialog.services.item(0))
    assert dialog.isVisible()
    dialog.services.setCurrentRow(1)
    dialog.services.itemActivated.emit(dialog.services.item(1))
    run(harness.board.wait_sent(Transfer(call_id="c1", service="MSA")))


def test_a_named_colleague_is_sent_and_an_offline_one_explained(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    harness.in_call()
    harness.board.replies[ListStaffing] = staffing(
        ServiceStaffing(
            service="CAF",
            name="Allocations familiales",
            agents=[
                Colleague(agent="a-1", display_name="Luc Roux", state=AgentState.IN_CALL),
                Colleague(agent="a-2", display_name="Zoé Vidal", state=AgentState.PAUSED),
            ],
        ),
    )
    dialog = open_dialog(harness, qtbot, run)
    assert dialog.services.item(0).text() == (
        "Allocations familiales (CAF) — votre service — 2 collègues connectés"
    )
    assert (
        dialog.staff.text() == "Connectés en ce moment : Luc Roux (En appel), Zoé Vidal (En pause)"
    )
    dialog.colleagues.setCurrentRow(1)
    harness.board.error = ("agent_offline", "Zoé Vidal is not signed in now")
    dialog.ok.click()
    run(harness.board.wait_sent(Transfer(call_id="c1", service="CAF", agent="a-2")))
    qtbot.waitUntil(lambda: "n'est plus connecté" in harness.window.last_message, timeout=5000)


def test_the_outcome_of_a_transfer_is_told_in_words(harness: Harness) -> None:
    harness.signed_in(AgentState.WRAP_UP)
    for outcome, words in [
        (TransferOutcome.DECLINED, "Luc Roux a refusé l'appel : il est revenu dans la file"),
        (TransferOutcome.MISSED, "Luc Roux n'a pas répondu"),
        (TransferOutcome.UNAVAILABLE, "Luc Roux n'était pas disponible"),
        (TransferOutcome.ABANDONED, "L'usager est parti avant que Luc Roux puisse répondre."),
    ]:
        feed(harness.desk, TransferResult(call_id="c1", outcome=outcome, colleague="Luc Roux"))
        assert harness.window.last_message.startswith(words)


def test_the_dialog_closes_when_the_resident_hangs_up_meanwhile(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    harness.in_call()
    dialog = open_dialog(harness, qtbot, run)
    assert dialog.isVisible()
    feed(
        harness.desk,
        CallUpdate(
            call=call("c1", "Murat", state=CallState.WRAP_UP), end_reason=EndReason.KIOSK_HUNG_UP
        ),
    )
    assert harness.window.call_panel.transfer_dialog is None
    assert not any(isinstance(m, Transfer) for m in harness.board.sent)
