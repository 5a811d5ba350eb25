"""The access token renewed while the app reconnects (issue 10): the
switchboard out of reach keeps the app retrying until it is back; a renewal
it refuses ends the session like a close with 4003 does, on the sign-in page
with a sentence.  A real switchboard process whose access tokens last 2 s (so
each reconnection renews first: the app renews a minute before expiry),
stopped and started again on the same port."""

from __future__ import annotations

import asyncio

from agentdesk.desk import ConnectionState, DeskState
from tests.support.switchboard import PASSWORD, SwitchboardProcess, start_switchboard
from tests.switchboard.test_cli import cli
from tests.ui.real_app import App, OnASwitchboard, until

SHORT_TOKENS = ("--access-ttl", "2")


async def at_the_desk_then_stopped(sb: SwitchboardProcess, app: App) -> None:
    app.sign_in("agent.caf", PASSWORD)
    await until(lambda: app.desk.link is ConnectionState.CONNECTED, what="signed in")
    await until(lambda: app.desk.state is not DeskState.SIGNED_OUT, what="at the desk")
    assert await sb.stop() == 0
    await until(lambda: app.desk.link is ConnectionState.WAITING_RETRY, what="the loss noticed")


async def started_again(sb: SwitchboardProcess) -> SwitchboardProcess:
    return await start_switchboard(sb.db, *SHORT_TOKENS, "--port", str(sb.port))


def test_the_app_keeps_retrying_while_its_token_cannot_be_renewed(
    on_a_switchboard: OnASwitchboard,
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        await at_the_desk_then_stopped(sb, app)
        # Down long enough for several attempts (0.5 s, then longer), each
        # failing on the renewal, before the WebSocket.
        changes: list[ConnectionState] = []
        app.desk.events.link_changed.subscribe(changes.append)
        await until(lambda: changes.count(ConnectionState.WAITING_RETRY) >= 2, what="two retries")
        again = await started_again(sb)
        try:
            await until(lambda: app.desk.link is ConnectionState.CONNECTED, what="connected again")
            assert app.desk.identity is not None
            assert app.window.pages.currentWidget() is not app.window.sign_in_panel
        finally:
            await again.stop()

    on_a_switchboard(body, *SHORT_TOKENS)


def test_a_refused_renewal_ends_the_session_on_the_sign_in_page(
    on_a_switchboard: OnASwitchboard,
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        await at_the_desk_then_stopped(sb, app)
        # While the switchboard is down its administrator resets the
        # password: every refresh token of the account is spent.
        done = await asyncio.to_thread(
            cli, "reset-password", "agent.caf", "--db", str(sb.db), stdin="un-autre-mot-2\n"
        )
        assert done.returncode == 0, done.stderr
        again = await started_again(sb)
        try:
            window = app.window
            await until(
                lambda: window.pages.currentWidget() is window.sign_in_panel, what="sign-in page"
            )
            error = window.sign_in_panel.error
            # The switchboard cannot say more than "refused" of a refresh
            # token (spent, expired, unknown): the general sentence.
            await until(lambda: "session a été fermée" in error.text(), what="told")
            assert "reconnectez-vous" in error.text(), error.text()
            await until(lambda: app.backend.client is None, what="connection dropped")
            assert app.desk.identity is None and app.desk.state is DeskState.SIGNED_OUT
            assert window.sign_in_panel.login.text() == "agent.caf"
        finally:
            await again.stop()

    on_a_switchboard(body, *SHORT_TOKENS)
