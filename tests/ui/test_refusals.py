"""The switchboard's refusals as the agent reads them: a sentence in the app's
language for each reason, and a session the switchboard closes (account
disabled with the admin command) taking the app back to the sign-in page,
saying why, with nothing of the session left and no attempt to reconnect."""

from __future__ import annotations

import asyncio
import re

from agentdesk.desk import ConnectionState, DeskState, Language
from agentdesk.protocol import ErrorCode, ErrorReason
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.refusals import refusal_text
from tests.support.switchboard import PASSWORD, SwitchboardProcess, http_json
from tests.switchboard.test_cli import cli
from tests.ui.real_app import App, OnASwitchboard, until

CODE_LIKE = re.compile(r"\b[a-z]+_[a-z_]+\b|Error\b|Exception\b")


def sentences(language: Language, switcher: LanguageSwitcher) -> dict[str, str]:
    assert switcher.use(language)
    texts = {reason.value: refusal_text("conflict", reason.value) for reason in ErrorReason}
    texts |= {f"code:{code.value}": refusal_text(code.value, None) for code in ErrorCode}
    texts["unknown"] = refusal_text("a_code_from_the_future", "a_reason_from_the_future")
    return texts


def test_every_refusal_has_a_sentence_in_both_languages(languages: LanguageSwitcher) -> None:
    try:
        english = sentences(Language.ENGLISH, languages)
        french = sentences(Language.FRENCH, languages)
    finally:
        languages.use(Language.ENGLISH)
    for key, text in french.items():
        assert text and text != english[key], f"{key}: not translated: {text}"
        assert not CODE_LIKE.search(text), f"{key}: a code shows: {text}"
        assert not CODE_LIKE.search(english[key]), f"{key}: a code shows: {english[key]}"
    # Each reason says something of its own, not the sentence of its code.
    assert len({french[reason.value] for reason in ErrorReason}) >= len(ErrorReason) - 2
    assert french["unknown"] == french["code:internal"]
    assert "standard" in french["unknown"]


def test_a_session_closed_by_the_switchboard_goes_back_to_sign_in(
    on_a_switchboard: OnASwitchboard,
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        window = app.window
        app.sign_in("agent2.caf", PASSWORD)
        await until(lambda: app.desk.link is ConnectionState.CONNECTED, what="signed in")
        await until(lambda: app.desk.state is not DeskState.SIGNED_OUT, what="at the desk")
        assert window.pages.currentWidget() is not window.sign_in_panel

        done = await asyncio.to_thread(cli, "disable-account", "agent2.caf", "--db", str(sb.db))
        assert done.returncode == 0, done.stderr

        error = window.sign_in_panel.error
        await until(
            lambda: window.pages.currentWidget() is window.sign_in_panel, what="sign-in page"
        )
        await until(lambda: "session a été fermée" in error.text(), what="told")
        assert "reconnectez-vous" in error.text()
        assert "désactivé" in error.text(), error.text()
        # Nothing of the session is kept: no identity, no queue, no connection.
        await until(lambda: app.backend.client is None, what="connection dropped")
        assert app.desk.identity is None and app.desk.state is DeskState.SIGNED_OUT
        assert not app.flow.settings.stay_signed_in
        assert window.sign_in_panel.login.text() == "agent2.caf"
        # And the app does not knock again with the refused credential.
        hellos = len([r for r in sb.log_records() if r.get("event") == "agent_connected"])
        await asyncio.sleep(1.5)  # longer than the first reconnection delay (0.5 s)
        assert hellos == len([r for r in sb.log_records() if r.get("event") == "agent_connected"])

        # Signing in again: the switchboard says why not, in French.
        app.sign_in("agent2.caf", PASSWORD)
        await until(lambda: "désactivé" in error.text() and "session" not in error.text())
        assert window.pages.currentWidget() is window.sign_in_panel

    on_a_switchboard(body)


def test_too_many_attempts_says_when_to_try_again(
    on_a_switchboard: OnASwitchboard,
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        for _ in range(5):
            status, _ = await http_json(
                sb, "POST", "/api/v1/login", {"login": "agent3.caf", "password": "non"}
            )
            assert status == 401
        app.sign_in("agent3.caf", PASSWORD)
        error = app.window.sign_in_panel.error
        await until(lambda: "Trop de tentatives" in error.text(), what="told")
        assert "dans 5 min" in error.text(), error.text()

    on_a_switchboard(body)
