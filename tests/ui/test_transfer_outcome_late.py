"""The outcome of a transfer to a named colleague, told in the agent's app
(as app.run() wires it) when it could not be told at once: the switchboard
was down when the colleague's time ran out.  A real switchboard process,
killed (SIGKILL) and started again on its file; the colleague and the kiosk
are real WebSocket clients (the kiosk reports the media itself: no camera
nor sound card on this machine; the app films FFmpeg's test pattern)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

from agentdesk.desk import ConnectionState, DeskState
from agentdesk.protocol import CallUpdate, EndReason
from agentdesk.switchboard.store import Store
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    SwitchboardProcess,
    WsClient,
    connect_agent,
    connect_kiosk,
    start_switchboard,
)
from tests.ui.helpers import filled, taken_from_the_queue
from tests.ui.real_app import App, OnASwitchboard, until


def test_a_transfer_that_ended_while_the_switchboard_was_down_is_told_once_it_is_back(
    on_a_switchboard: OnASwitchboard, accounts: Provisioned, db: Path
) -> None:
    """The colleague is signed in but paused; the switchboard dies (SIGKILL)
    before their 2 s are over and comes back after: the app, reconnected by
    itself, tells the outcome as it tells one that comes live."""

    async def body(sb: SwitchboardProcess, app: App) -> None:
        clients: list[WsClient] = []
        second: SwitchboardProcess | None = None
        try:
            window = app.window
            app.sign_in("agent.caf", PASSWORD)
            await until(lambda: app.desk.state is DeskState.PAUSED, what="signed in, paused")
            colleague, _ = await connect_agent(sb, "agent2.caf")
            kiosk, _ = await connect_kiosk(sb, "pvp-murat", accounts.kiosk_tokens["pvp-murat"])
            clients += [colleague, kiosk]
            call_id = await taken_from_the_queue(app, kiosk)
            panel = window.call_panel
            panel.transfer_button.click()
            dialog = panel.transfer_dialog
            assert dialog is not None
            await filled(dialog)
            dialog.services.setCurrentRow(0)  # their own service: to the colleague by name
            assert dialog.chosen_colleague() is not None
            dialog.ok.click()
            await kiosk.next(CallUpdate, lambda m: m.end_reason is EndReason.TRANSFERRED)

            sb.kill()
            await sb.proc.wait()
            with contextlib.closing(Store(db)) as store:
                [row] = store.live_calls()
            assert row.id == call_id
            assert row.hold is not None and row.hold.agent_login == "agent2.caf"
            await until(lambda: app.desk.link is ConnectionState.WAITING_RETRY, what="lost")
            # Down until after the colleague's time (a deadline on the wall clock).
            await asyncio.sleep(max(0.0, row.hold.until - time.time()) + 0.1)
            second = await start_switchboard(db, "--first-offer-grace", "2", "--port", str(sb.port))
            await until(
                lambda: window.last_message.startswith("Agent agent2.caf n'était pas disponible"),
                40,
                what="the outcome told after the restart",
            )
            assert app.desk.link is ConnectionState.CONNECTED
            assert app.desk.state is DeskState.WRAP_UP
            # Done with it: a window left in wrap-up would ask before closing.
            await app.desk.finish_wrap_up(None)
            await until(lambda: not app.desk.state.busy, what="wrap-up finished")
        finally:
            for client in clients:
                with contextlib.suppress(Exception):
                    await client.close()
            if second is not None:
                await second.stop()

    on_a_switchboard(body, "--first-offer-grace", "2")
