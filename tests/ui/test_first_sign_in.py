"""The first sign-in on a fresh profile, in the app as app.run() wires it,
against a real switchboard process: the device check opens by itself with
the camera's live picture and the microphone's level, then (and only then)
the question about going available at the start of permanences (not both
at once); the next sign-in asks neither again.

This machine has no camera and no sound card: the camera is FFmpeg's lavfi
test pattern ("testsrc", through PyAV) and the sound card is the stand-in of
tests/engine/fake_audio.py (its built-in microphone hears a 440 Hz tone,
"Micro muet" hears silence), behind the app's real backend (DeskBackend)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from agentdesk.desk import ConnectionState, DeskSettings, DeskState
from agentdesk.protocol.schedule import PermanenceDraft
from agentdesk.station.backend import DeskBackend
from agentdesk.ui.device_check import DeviceCheckDialog
from tests.client.calendar_support import calendar_for, paris, set_clock
from tests.support.switchboard import PASSWORD, SwitchboardProcess
from tests.ui.real_app import App, OnASwitchboard, until

from .test_device_check import sound_card
from .test_permanence_day import FollowingClock


def colours(image: QImage) -> int:
    """Distinct colours on a grid over the picture: a placeholder text on a
    plain background has a handful, the test pattern dozens."""
    seen = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 40))
        for y in range(0, image.height(), max(1, image.height() // 30))
    }
    return len(seen)


async def settled() -> None:
    """Until what the app posted to Qt's queue so far has run (the first
    sign-in's dialogs open from there, after the message that signed in)."""
    for _ in range(2):
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        QTimer.singleShot(0, lambda future=done: future.done() or future.set_result(None))
        await done


def open_dialogs() -> list[str]:
    return [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DeviceCheckDialog | QMessageBox) and w.isVisible()
    ]


async def caf_permanence(sb: SwitchboardProcess, clock: FollowingClock, weekday: int = 1) -> None:
    """The switchboard's calendar at the app's clock (a Tuesday), with CAF's
    09:00–12:00 permanence at Murat on ``weekday`` (0: Monday; Tuesday)."""
    await set_clock(sb, clock())
    supervisor = await calendar_for(sb, "sup.caf")
    await supervisor.add_permanence(
        PermanenceDraft(
            service="CAF", kiosk_ids=["pvp-murat"], weekday=weekday, start="09:00", end="12:00"
        )
    )
    await supervisor.aclose()


def test_the_first_sign_in_checks_the_devices_then_asks_once(
    on_a_switchboard: OnASwitchboard,
) -> None:
    card = sound_card()
    # The switchboard's calendar and the app's clock on a Tuesday morning
    # before a CAF permanence: the first sign-in has the question to ask too.
    clock = FollowingClock(paris(8, 30))

    def backend(settings: DeskSettings) -> DeskBackend:
        return DeskBackend(
            settings, allowed_addresses=["127.0.0.1"], camera_device="testsrc", audio=(card, None)
        )

    async def body(sb: SwitchboardProcess, app: App) -> None:
        await caf_permanence(sb, clock)
        window = app.window
        assert not app.store.path.exists()  # a fresh profile
        app.sign_in("agent.caf", PASSWORD)
        await until(lambda: window.device_check_dialog is not None, what="the device check")
        dialog = window.device_check_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "Vérifier votre matériel"
        panel = dialog.panel
        # The camera's live picture: frames keep coming, and they are the pattern.
        await until(lambda: panel.preview.frames_received > 2, what="the camera's picture")
        shown = panel.preview.frames_received
        await until(lambda: panel.preview.frames_received > shown + 2, what="live frames")
        assert colours(panel.preview.grab().toImage()) > 20
        # The microphone's level follows the microphone: up on the one that hears
        # the tone, down on a silent one, up again.
        await until(lambda: panel.meter.value() > 50, what="the level up")
        dialog.microphone.setCurrentIndex(dialog.microphone.findData("Micro muet"))
        await until(lambda: panel.meter.value() == 0, what="the level down")
        dialog.microphone.setCurrentIndex(dialog.microphone.findData("Intégré"))
        await until(lambda: panel.meter.value() > 50, what="the level up again")

        # The day is drawn meanwhile, with its permanence: its question waits
        # for the check to close (one window at a time).
        await until(lambda: window.day_panel.slots.rowCount() == 1, what="the day's permanence")
        await settled()
        assert open_dialogs() == ["DeviceCheckDialog"]

        dialog.done_button.click()
        await until(lambda: window.device_check_dialog is None, what="the check closed")
        await until(lambda: not panel.checking, what="the devices given back")
        await until(lambda: open_dialogs() == ["QMessageBox"], what="then the question")
        box = window.first_sign_in.auto_available_box
        assert box is not None and box.windowTitle() == "Vos permanences"
        assert "vous rendre disponible automatiquement" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: open_dialogs() == [], what="the question answered")
        saved = app.store.load().settings
        assert saved.devices_checked and saved.microphone == "Intégré"
        assert saved.auto_available is True

        # Signed out and in again: the desk and its day, nothing asked.
        window.presence.sign_out_button.click()
        await until(lambda: app.desk.state is DeskState.SIGNED_OUT, what="signed out")
        app.sign_in("agent.caf", PASSWORD)
        await until(lambda: app.desk.link is ConnectionState.CONNECTED, what="signed in again")
        await until(lambda: window.day_panel.slots.rowCount() == 1, what="the day again")
        await settled()
        assert open_dialogs() == []

    on_a_switchboard(body, "--test-clock", devices_checked=False, backend=backend, clock=clock)
