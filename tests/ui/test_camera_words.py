"""What the app says of the agent's camera is what the camera does.  QA: a
volunteer with no permanence today read « votre caméra reste éteinte » while
the device check had the camera open, then « ○ Caméra éteinte » beside its
last picture, frozen, that looked live.

The app as app.run() wires it (its real backend, DeskBackend) on a real
switchboard process.  This machine has no camera and no sound card: the
camera is FFmpeg's lavfi test pattern ("testsrc", through PyAV), the sound
card the stand-in of tests/engine/fake_audio.py."""

from __future__ import annotations

from agentdesk.desk import DeskSettings
from agentdesk.station.backend import DeskBackend
from tests.client.calendar_support import paris
from tests.support.switchboard import PASSWORD, SwitchboardProcess
from tests.ui.real_app import App, OnASwitchboard, until

from .test_device_check import sound_card
from .test_first_sign_in import caf_permanence
from .test_permanence_day import FollowingClock

OFF = "Pas de permanence pour vous aujourd'hui : votre caméra reste éteinte."
ON = "Pas de permanence pour vous aujourd'hui ; votre caméra est allumée pour l'instant."


def test_with_no_permanence_today_the_words_follow_the_camera(
    on_a_switchboard: OnASwitchboard,
) -> None:
    card = sound_card()
    clock = FollowingClock(paris(10, 0))  # a Tuesday

    def backend(settings: DeskSettings) -> DeskBackend:
        return DeskBackend(
            settings, allowed_addresses=["127.0.0.1"], camera_device="testsrc", audio=(card, None)
        )

    async def body(sb: SwitchboardProcess, app: App) -> None:
        await caf_permanence(sb, clock, weekday=2)  # on Wednesdays: none today
        window = app.window
        day, camera_label = window.day_panel, window.presence.camera_label
        app.sign_in("agent.caf", PASSWORD)

        # The first sign-in's device check opens the camera: the app says so everywhere.
        await until(lambda: window.device_check_dialog is not None, what="the device check")
        dialog = window.device_check_dialog
        assert dialog is not None
        await until(lambda: dialog.panel.preview.frames_received > 2, what="the camera's picture")
        await until(lambda: app.desk.day.known, what="the day")
        assert day.slots.rowCount() == 0
        assert camera_label.text() == "● Caméra active"
        assert day.summary.text() == ON

        # Checked: the camera is released, and nothing says or shows otherwise.
        dialog.done_button.click()
        await until(lambda: not app.backend.camera.running, what="the camera released")
        await until(lambda: camera_label.text() == "○ Caméra éteinte", what="« éteinte »")
        assert day.summary.text() == OFF
        preview = window.idle_preview
        assert preview.isVisible()
        assert not preview.has_frame(), "the camera's last picture stayed, as if live"
        assert window.idle.caption.text().startswith("Votre caméra est éteinte")

        # The settings show the camera live: on again, said so; closed, off again.
        window.open_settings()
        settings = window.settings_dialog
        assert settings is not None
        await until(lambda: app.backend.camera.running, what="the camera opened")
        await until(preview.has_frame, what="the preview")
        assert camera_label.text() == "● Caméra active"
        assert day.summary.text() == ON
        assert window.idle.caption.text().startswith("Votre caméra : c'est ce que")
        settings.reject()
        await until(lambda: not app.backend.camera.running, what="released again")
        await until(lambda: camera_label.text() == "○ Caméra éteinte", what="« éteinte » again")
        assert day.summary.text() == OFF
        assert not preview.has_frame()

    on_a_switchboard(body, "--test-clock", devices_checked=False, backend=backend, clock=clock)
