"""The transfer dialog, offscreen, in the agent's app as app.run() wires it,
against a real switchboard process: who staffs each service, a named
colleague (a real WebSocket client) who gets the call first, the outcome told.

The kiosk here is a WebSocket client that reports the media itself (no
camera nor sound card on this machine); the app's engine films FFmpeg's test
pattern through PyAV."""

from __future__ import annotations

import contextlib

from agentdesk.desk import DeskState
from agentdesk.protocol import (
    AcceptOffer,
    Offered,
)
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    SwitchboardProcess,
    WsClient,
    connect_agent,
    connect_kiosk,
)
from tests.switchboard.test_call_flow import available
from tests.ui.helpers import filled, taken_from_the_queue
from tests.ui.real_app import App, OnASwitchboard, until


def test_the_wrap_up_after_a_transfer_reads_as_the_call_was_served(
    on_a_switchboard: OnASwitchboard, accounts: Provisioned
) -> None:
    """QA: after a transfer to the CPAM the wrap-up's heading named the CPAM
    (where the resident went) and its outcome said « Demande traitée », while
    the day's calls said « Transféré vers CPAM ».  (First in this file: the
    next test ends in wrap-up, and until tests/ui/real_app.py stops Qt quitting
    on the last window, the quit it posts stops the following test's loop.)"""

    async def body(sb: SwitchboardProcess, app: App) -> None:
        kiosk, _ = await connect_kiosk(sb, "pvp-murat", accounts.kiosk_tokens["pvp-murat"])
        try:
            window = app.window
            app.sign_in("agent.caf", PASSWORD)
            await until(lambda: app.desk.state is DeskState.PAUSED, what="signed in, paused")
            await taken_from_the_queue(app, kiosk, reason="Prime d'activité")

            panel = window.call_panel
            panel.transfer_button.click()
            dialog = panel.transfer_dialog
            assert dialog is not None
            await filled(dialog)
            dialog.services.setCurrentRow(1)
            assert dialog.services.currentItem().text().startswith("Assurance maladie (CPAM)")
            dialog.ok.click()
            await until(lambda: app.desk.state is DeskState.WRAP_UP, what="wrap-up")

            wrap = window.wrap_up_panel
            assert wrap.isVisible()
            heading, reason, ended = wrap.summary.text().splitlines()
            assert heading == "Murat · PVP Murat · CAF"  # the service the agent served
            assert reason == "Motif : Prime d'activité"
            assert ended.startswith("Transféré vers CPAM · durée ")
            # The outcome chosen for them, first in the list; another may be chosen.
            assert wrap.outcome.currentText() == "Transféré vers CPAM"
            assert wrap.outcome.itemText(0) == "Transféré vers CPAM"
            assert wrap.outcome.findText("Demande traitée") > 0

            wrap.finish_button.click()
            await until(lambda: app.desk.state is not DeskState.WRAP_UP, what="wrap-up over")
            history = window.history_panel.table
            assert history.item(0, 3).text() == "CAF"
            assert history.item(0, 5).text() == "Transféré vers CPAM"
            # The next call's wrap-up starts from the agent's own outcomes again.
            assert wrap.outcome.itemText(0) == "Demande traitée"
        finally:
            with contextlib.suppress(Exception):
                await kiosk.close()

    on_a_switchboard(body)


def test_the_dialog_shows_who_staffs_and_hands_the_call_to_a_colleague(
    on_a_switchboard: OnASwitchboard, accounts: Provisioned
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        clients: list[WsClient] = []
        try:
            window = app.window
            app.sign_in("agent.caf", PASSWORD)
            await until(lambda: app.desk.state is DeskState.PAUSED, what="signed in, paused")
            colleague, _ = await connect_agent(sb, "agent2.caf")
            kiosk, _ = await connect_kiosk(sb, "pvp-murat", accounts.kiosk_tokens["pvp-murat"])
            clients += [colleague, kiosk]

            # The agent takes the resident's call from the queue.
            call_id = await taken_from_the_queue(app, kiosk, "Prime d'activité")
            await available(colleague)

            panel = window.call_panel
            panel.transfer_button.click()
            dialog = panel.transfer_dialog
            assert dialog is not None
            await filled(dialog)
            lines = [dialog.services.item(i).text() for i in range(dialog.services.count())]
            # Their own service first, then the network's by name, each saying who is there.
            assert lines == [
                "Allocations familiales (CAF) — votre service — 1 collègue connecté",
                "Assurance maladie (CPAM) — personne n'est connecté",
                "Mutualité sociale agricole (MSA) — personne n'est connecté",
            ]
            # Nobody at the CPAM: said plainly; the queue is still a choice.
            assert dialog.services.currentRow() == 1
            assert dialog.staff.text().startswith("Personne ne tient ce service")
            assert dialog.ok.isEnabled()
            # Their own service: only a named colleague, by name and state.
            dialog.services.setCurrentRow(0)
            assert "Agent agent2.caf (Disponible)" in dialog.staff.text()
            assert [dialog.colleagues.item(i).text() for i in range(dialog.colleagues.count())] == [
                "Agent agent2.caf — Disponible"
            ]
            assert dialog.ok.isEnabled()
            dialog.note.setText("Attestation de loyer déjà vue")
            dialog.ok.click()

            offered = await colleague.next(Offered)
            assert offered.call.call_id == call_id
            assert (offered.note, offered.note_from) == (
                "Attestation de loyer déjà vue",
                "Agent agent.caf",
            )
            await until(lambda: app.desk.state is DeskState.WRAP_UP, what="wrap-up")
            await colleague.request(AcceptOffer(call_id=call_id))
            await until(
                lambda: (
                    window.last_message
                    == "Agent agent2.caf a pris l'appel que vous avez transféré."
                ),
                what="the outcome told",
            )
        finally:
            for client in clients:
                with contextlib.suppress(Exception):
                    await client.close()

    on_a_switchboard(body)
