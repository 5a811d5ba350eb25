"""Closing the app's window while a call rings, in the app as app.run()
composes it against a real switchboard process: the ring stops, the call is
declined (the next agent gets it at once, at its place in the queue), the
app ends, and nothing of it is left behind for the next test: no switchboard
process, no quit pending on the shared Qt loop.

The kiosk is a WebSocket client; the sound card is the stand-in of
tests/engine/fake_audio.py (this machine has none), recording what the
speaker plays; the camera is FFmpeg's test pattern."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import psutil
import pytest
from PySide6.QtWidgets import QMessageBox

from agentdesk.desk import DeskSettings, DeskState
from agentdesk.protocol import AgentState, CallState, CallUpdate
from agentdesk.station.backend import DeskBackend
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    SwitchboardProcess,
    connect_agent,
    connect_kiosk,
)
from tests.switchboard.test_call_flow import queue
from tests.ui.real_app import App, OnASwitchboard, until

from .test_device_check import sound_card


def switchboards_left() -> list[psutil.Process]:
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "switchboard" in child.cmdline() and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.mark.parametrize("asked", [True, False], ids=["quit answered", "session ending"])
def test_closing_while_a_call_rings_declines_it_and_ends_cleanly(
    on_a_switchboard: OnASwitchboard,
    accounts: Provisioned,
    scenario: Callable[[Callable[[], Coroutine[Any, Any, None]]], None],
    asked: bool,
) -> None:
    """``asked``: the agent closes the window and answers « Quitter » to
    « Un appel sonne… »; else the session ends (SIGTERM, as app.run() takes
    it: no question, the same cleanup)."""
    card = sound_card()
    switchboards: list[SwitchboardProcess] = []

    def backend(settings: DeskSettings) -> DeskBackend:
        return DeskBackend(
            settings, allowed_addresses=["127.0.0.1"], camera_device="testsrc", audio=(card, None)
        )

    async def body(sb: SwitchboardProcess, app: App) -> None:
        switchboards.append(sb)
        signed = await app.flow.sign_in(sb.url, "agent.caf", PASSWORD, False)
        await app.parts.start_session(signed, go_available=True)
        await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available")
        kiosk, _ = await connect_kiosk(sb, "pvp-murat", accounts.kiosk_tokens["pvp-murat"])
        try:
            call_id = (await queue(kiosk)).call.call_id
            await until(lambda: app.desk.state is DeskState.OFFERED, what="ringing")
            speaker = next(s for s in card.open_streams if s.channels == 2)
            await until(speaker.played.is_set, what="the ring heard")

            if asked:
                app.window.close()
                box = app.window.quit_question.box
                assert box is not None and "Un appel sonne" in box.text()
                box.button(QMessageBox.StandardButton.Yes).click()
                # As app.run() does: the window's closing ends the app.
                await asyncio.wait_for(app.closed.wait(), 5)
                assert not app.window.isVisible()
            await app.close()
            # The ring stopped with the app: no sound device left open.
            assert not card.open_streams
            # Declined, not left ringing for nobody until the agent's grace ran out.
            back = await kiosk.next(
                CallUpdate, lambda m: m.call.call_id == call_id and m.call.state is CallState.QUEUED
            )
            assert back.call.agent_login is None
            events = [r["event"] for r in sb.log_records() if r.get("call_id") == call_id]
            assert "call_declined" in events and "call_interrupted" not in events, events
        finally:
            await kiosk.close()

    on_a_switchboard(body, backend=backend)

    # The harness stopped the switchboard; its process is gone.
    assert switchboards[0].proc.returncode is not None
    assert switchboards_left() == []

    # The shared Qt loop runs on: no quit was left pending for the next test
    # ("Event loop stopped before Future completed").
    async def later() -> None:
        await asyncio.sleep(0.2)

    scenario(later)


def test_closing_while_a_call_rings_and_others_wait_leaves_none_ringing(
    on_a_switchboard: OnASwitchboard, accounts: Provisioned
) -> None:
    """The session ends while a call rings and another waits: the switchboard
    offers the waiting one the moment the first is declined (the agent is
    available again); it is declined too, so it waits for the next agent
    rather than ringing here for nobody until the agent's grace ran out
    (« interrupted »); and the agent is offline, not offered a third."""

    async def body(sb: SwitchboardProcess, app: App) -> None:
        signed = await app.flow.sign_in(sb.url, "agent.caf", PASSWORD, False)
        await app.parts.start_session(signed, go_available=True)
        await until(lambda: app.desk.state is DeskState.AVAILABLE, what="available")
        kiosks = [
            (await connect_kiosk(sb, kiosk_id, accounts.kiosk_tokens[kiosk_id]))[0]
            for kiosk_id in ("pvp-murat", "pvp-riom")
        ]
        try:
            calls = [(await queue(kiosk)).call.call_id for kiosk in kiosks]
            await until(lambda: app.desk.state is DeskState.OFFERED, what="ringing")

            await app.close()

            # Both offered, both declined: back at their place in the queue at
            # once, not put back after the agent's grace (``agent_lost``).
            for kiosk, call_id in zip(kiosks, calls, strict=True):
                back = await kiosk.next(
                    CallUpdate,
                    lambda m, c=call_id: m.call.call_id == c and m.call.state is CallState.QUEUED,
                )
                assert back.end_reason is None, back
            events = [r["event"] for r in sb.log_records() if r.get("call_id") in calls]
            assert "call_interrupted" not in events and "call_missed" not in events, events
            agent, welcome = await connect_agent(sb, "agent.caf")
            await agent.close()
            assert welcome.agent is not None and welcome.agent.state is AgentState.PAUSED
        finally:
            for kiosk in kiosks:
                await kiosk.close()

    on_a_switchboard(body)
