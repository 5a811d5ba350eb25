"""The start of a permanence in the app as app.run() composes it, against a
real switchboard process whose calendar clock the test sets: the demo's
start (signed in, then available by itself while the duty keeper makes the
agent available for the permanence too) and a volunteer's first sign-in
during a permanence (nothing rings before she answers « Vos permanences »)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from agentdesk.desk import DeskState
from agentdesk.protocol import AgentStatus, CallInfo, CallState, Offered
from tests.client.calendar_support import paris, set_clock
from tests.support.switchboard import PASSWORD, SwitchboardProcess
from tests.ui.real_app import App, Body, OnASwitchboard, until

from .test_first_sign_in import caf_permanence, open_dialogs, settled
from .test_permanence_day import FollowingClock


def at_ten_in_a_permanence(on_a_switchboard: OnASwitchboard, body: Body, **options: Any) -> None:
    """Plays ``body`` on a Tuesday at 10:00, in CAF's 09:00–12:00 permanence."""
    clock = FollowingClock(paris(10))

    async def in_the_permanence(sb: SwitchboardProcess, app: App) -> None:
        await caf_permanence(sb, clock)
        await body(sb, app)

    on_a_switchboard(in_the_permanence, "--test-clock", clock=clock, **options)


def test_the_demo_start_goes_available_without_an_error_box(
    on_a_switchboard: OnASwitchboard,
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        window = app.window
        # As app.run() starts the demo's agent: signed in, then available by itself.
        signed = await app.flow.sign_in(sb.url, "agent.caf", PASSWORD, False)
        await app.parts.start_session(signed, go_available=True)
        await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available")
        assert app.duty.last_notice is not None  # the keeper did its part too
        await until(lambda: len(window.runner) == 0, what="the app's request answered")
        await settled()
        assert app.failures == []
        assert window.bug_box is None
        # The permanence's notice, not a refusal.
        assert window.last_message == (
            "Votre permanence a commencé : vous êtes disponible jusqu'à 12:00."
        )
        assert window.presence.state_label.text() == "● Disponible"

    at_ten_in_a_permanence(on_a_switchboard, body, auto_available=True)


def test_a_first_sign_in_during_a_permanence_waits_for_the_answer(
    on_a_switchboard: OnASwitchboard,
) -> None:
    async def body(sb: SwitchboardProcess, app: App) -> None:
        window = app.window
        app.sign_in("agent.caf", PASSWORD)
        await until(lambda: window.day_panel.slots.rowCount() == 1, what="the day's permanence")
        await until(lambda: open_dialogs() == ["QMessageBox"], what="the question")
        await settled()
        # Not answered yet: not made available (no call can ring unseen).
        assert app.desk.state is DeskState.PAUSED  # as the switchboard signs agents in
        assert window.presence.state_label.text() == "❚❚ En pause"
        box = window.first_sign_in.auto_available_box
        assert box is not None
        box.button(QMessageBox.StandardButton.Yes).click()
        # Answered yes during the permanence: available now.
        await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available on yes")
        assert app.store.load().settings.auto_available is True
        assert app.failures == []

    at_ten_in_a_permanence(on_a_switchboard, body)


def test_a_step_the_desk_took_by_itself_and_refused_is_said_in_words(
    on_a_switchboard: OnASwitchboard,
) -> None:
    """Auto-answer on, and the ringing call is gone at the switchboard by the
    time the desk answers it: the refusal is a sentence in the status bar, as
    for a click, not the « Erreur inattendue » box."""

    async def body(sb: SwitchboardProcess, app: App) -> None:
        window = app.window
        app.sign_in("agent.caf", PASSWORD)
        await until(lambda: app.desk.state is not DeskState.SIGNED_OUT, what="signed in")
        app.desk.auto_accept = True
        gone = CallInfo(
            call_id="c-gone", service="CAF", state=CallState.OFFERED, kiosk_id="pvp-murat",
            kiosk_name="PVP Murat", commune="Murat", queued_at=0.0, waited_s=1.0,
        )  # fmt: skip
        app.desk.apply(Offered(call=gone, expires_in_s=20))
        await until(lambda: window.last_message != "", what="the refusal said")
        assert app.failures == []
        assert window.bug_box is None
        assert "accept" not in window.last_message  # no internal name
        assert window.last_message.isprintable() and window.last_message[0].isupper()
        # Back to where the switchboard has the agent: nothing rings at closing.
        assert app.desk.agent is not None
        app.desk.apply(AgentStatus(agent=app.desk.agent))
        assert app.desk.state is not DeskState.OFFERED

    on_a_switchboard(body)


def test_a_volunteer_who_answered_no_is_told_how_calls_start(
    on_a_switchboard: OnASwitchboard,
) -> None:
    """QA: a volunteer who answered « Non » to « Vos permanences » sat « En
    pause » with nothing saying that « Disponible » starts the calls."""
    clock = FollowingClock(paris(8, 30))  # a Tuesday, before CAF's 09:00–12:00

    async def body(sb: SwitchboardProcess, app: App) -> None:
        await caf_permanence(sb, clock)
        window = app.window
        day = window.day_panel
        app.sign_in("agent.caf", PASSWORD)
        await until(lambda: open_dialogs() == ["QMessageBox"], what="the question")
        box = window.first_sign_in.auto_available_box
        assert box is not None and box.windowTitle() == "Vos permanences"
        box.button(QMessageBox.StandardButton.No).click()
        await until(lambda: open_dialogs() == [], what="answered")
        assert app.store.load().settings.auto_available is False
        assert window.presence.state_label.text() == "❚❚ En pause"
        # Before the permanence: what to do when it starts.
        await until(lambda: "« Disponible »" in day.notice_text, what="the hint")
        assert day.notice_text == (
            "Au début de vos permanences, appuyez sur « Disponible » pour recevoir des appels "
            "(vous avez choisi de le faire vous-même)."
        )

        # At its start, the permanence's own notice says it, once.
        clock.set(paris(9) + 30)
        await set_clock(sb, clock())
        app.duty.evaluate()
        await until(lambda: "a commencé" in day.notice_text, what="the permanence's notice")
        assert day.notice_text.count("« Disponible »") == 1

        # Available: nothing more to say about it.
        window.presence.available_button.click()
        await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available")
        assert "appuyez sur « Disponible »" not in day.notice_text

        # Signed in again during the permanence, paused by the switchboard: said again.
        window.presence.sign_out_button.click()
        await until(lambda: app.desk.state is DeskState.SIGNED_OUT, what="signed out")
        app.sign_in("agent.caf", PASSWORD)
        await until(lambda: app.desk.state is DeskState.PAUSED, what="signed in, paused")
        await until(lambda: "« Disponible »" in day.notice_text, what="the hint again")
        assert day.notice_text.count("« Disponible »") == 1
        window.presence.available_button.click()
        await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available again")
        assert "appuyez sur « Disponible »" not in day.notice_text
        assert app.failures == []

    on_a_switchboard(body, "--test-clock", clock=clock)
