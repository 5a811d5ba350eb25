"""The start of a permanence in the app as app.run() composes it, against a
real switchboard process whose calendar clock the test sets: the demo's
start (signed in, then available by itself while the duty keeper makes the
agent available for the permanence too) and a volunteer's first sign-in
during a permanence (nothing rings before she answers « Vos permanences »)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from agentdesk.desk import DeskState
from agentdesk.protocol.schedule import PermanenceDraft
from tests.client.calendar_support import calendar_for, paris, set_clock
from tests.support.switchboard import PASSWORD, SwitchboardProcess
from tests.ui.real_app import App, OnASwitchboard, until

from .test_first_sign_in import open_dialogs, settled
from .test_permanence_day import FollowingClock


async def caf_permanence_now(sb: SwitchboardProcess, clock: FollowingClock) -> None:
    """A Tuesday at 10:00, in CAF's 09:00–12:00 permanence at Murat."""
    await set_clock(sb, clock())
    supervisor = await calendar_for(sb, "sup.caf")
    await supervisor.add_permanence(
        PermanenceDraft(
            service="CAF", kiosk_ids=["pvp-murat"], weekday=1, start="09:00", end="12:00"
        )
    )
    await supervisor.aclose()


def test_the_demo_start_goes_available_without_an_error_box(
    on_a_switchboard: OnASwitchboard,
) -> None:
    clock = FollowingClock(paris(10))

    async def body(sb: SwitchboardProcess, app: App) -> None:
        await caf_permanence_now(sb, clock)
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

    on_a_switchboard(body, "--test-clock", auto_available=True, clock=clock)


def test_a_first_sign_in_during_a_permanence_waits_for_the_answer(
    on_a_switchboard: OnASwitchboard,
) -> None:
    clock = FollowingClock(paris(10))

    async def body(sb: SwitchboardProcess, app: App) -> None:
        await caf_permanence_now(sb, clock)
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

    on_a_switchboard(body, "--test-clock", clock=clock)
