"""The device check (settings, first sign-in) on the app's own devices, and
closing the window to the tray during a permanence.

The backend is the app's real one (agentdesk.station.backend.DeskBackend).
This machine has no camera and no sound card: the camera is FFmpeg's lavfi
test pattern ("testsrc", through PyAV) and the sound card is the stand-in of
tests/engine/fake_audio.py, calling back from a thread every 20 ms as
PortAudio does: its headset and built-in microphones hear a 440 Hz tone,
"Micro muet" hears silence, and what each output plays is recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agentdesk.desk import DeskSettings, DeskState, RgbFrame
from agentdesk.engine import CameraStatus
from agentdesk.engine.audio import AudioDevice, AudioStatus
from agentdesk.protocol import AgentState, Hangup, SetPresence
from agentdesk.station.backend import DeskBackend
from agentdesk.ui.device_check import meter_percent
from agentdesk.ui.main_window import MainWindow
from agentdesk.ui.settings_dialog import SettingsDialog
from tests.engine.fake_audio import FakeCard, FakeStream

from .helpers import Harness, feed, status
from .real_app import until

CAMERAS = ["testsrc"]
MICROPHONES = ["Casque USB", "Micro muet", "Intégré"]
SPEAKERS = ["Casque USB", "Intégré"]


def sound_card() -> FakeCard:
    return FakeCard(
        [
            AudioDevice("Casque USB", 1, 2, 44_100.0),
            AudioDevice("Micro muet", 1, 0, 48_000.0),
            AudioDevice("Intégré", 1, 2, 48_000.0, is_default_input=True, is_default_output=True),
        ],
        silent=frozenset({"Micro muet"}),
    )


def backend_on(card: FakeCard, settings: DeskSettings) -> DeskBackend:
    return DeskBackend(settings, camera_device="testsrc", audio=(card, None))


def output(card: FakeCard, name: str) -> FakeStream:
    return next(s for s in card.open_streams if s.name == name and s.channels == 2)


async def meter_readings(panel: Any, count: int) -> list[int]:
    """The bar's next ``count`` values, as the panel's timer reads them."""
    values: list[int] = []
    done = asyncio.Event()

    def read() -> None:
        values.append(panel.meter.value())
        if len(values) >= count:
            done.set()

    panel._timer.timeout.connect(read)
    try:
        await asyncio.wait_for(done.wait(), 10)
    finally:
        panel._timer.timeout.disconnect(read)
    return values


def test_the_meter_scale() -> None:
    assert meter_percent(0.0) == 0
    assert meter_percent(1e-4) == 0  # -80 dBFS: silence to the ear
    assert meter_percent(1.0) == 100
    assert meter_percent(0.1726) == 75  # the stand-in's tone, -15 dBFS


def test_the_settings_show_and_play_the_devices_chosen_in_them(
    harness: Harness, scenario: Callable[[Any], None], qtbot: Any
) -> None:
    """Not signed in (the backend has no session): the check opens what it shows."""
    card = sound_card()
    settings = DeskSettings()

    async def body() -> None:
        backend = backend_on(card, settings)
        dialog = SettingsDialog(
            settings,
            CAMERAS,
            MICROPHONES,
            SPEAKERS,
            test_ring=backend.test_ring,
            device_check=backend.device_check,
            parent=harness.window,
        )
        qtbot.addWidget(dialog)
        try:
            dialog.open()
            panel = dialog.check_panel
            assert panel is not None and panel.checking
            # The camera's picture, though nobody signed in (no duty keeper yet).
            await until(lambda: panel.preview.frames_received > 2, what="the preview's frames")
            # The default microphone hears the tone: the bar moves.
            await until(lambda: panel.meter.value() > 50, what="the meter up")

            # A silent microphone chosen in the list: at once, the bar falls and stays down.
            dialog.microphone.setCurrentIndex(dialog.microphone.findData("Micro muet"))
            assert backend.microphone.active_device == "Micro muet"
            await until(lambda: panel.meter.value() == 0, what="the meter down")
            assert await meter_readings(panel, 5) == [0] * 5

            # The ring's test plays on the speaker chosen in the dialog, not the default one.
            builtin = output(card, "Intégré")
            dialog.speaker.setCurrentIndex(dialog.speaker.findData("Casque USB"))
            headset = output(card, "Casque USB")
            qtbot.mouseClick(dialog.ring_test, Qt.MouseButton.LeftButton)
            await until(headset.played.is_set, what="the test sound on the headset")
            assert not builtin.played.is_set()

            # Another camera, typed in: that one is shown (here: absent, so the test card).
            dialog.camera.setEditText("/dev/video-absent")
            edit = dialog.camera.lineEdit()
            assert edit is not None
            edit.editingFinished.emit()
            await until(
                lambda: backend.camera.status is CameraStatus.NO_CAMERA, what="the camera tried"
            )
            assert backend.camera.config.device == "/dev/video-absent"

            # Cancelled: the saved devices come back, and nothing stays open.
            dialog.cancel_button.click()
            assert not panel.checking
            assert backend.camera.config.device == "testsrc"
            assert (backend.microphone.device, backend.speaker.device) == (None, None)
            await until(lambda: not backend.camera.running, what="the camera released")
            await until(
                lambda: (
                    backend.microphone.status is AudioStatus.STOPPED
                    and backend.speaker.status is AudioStatus.STOPPED
                ),
                what="the sound devices closed",
            )
            assert not card.open_streams
        finally:
            await backend.aclose()

    scenario(body)


class Frames:
    """Where the backend hands the camera's picture (a video widget's part)."""

    def __init__(self) -> None:
        self.count = 0

    def show_frame(self, frame: RgbFrame) -> None:
        self.count += 1

    def display_size(self) -> tuple[int, int] | None:
        return (160, 120)


def test_a_closed_backend_keeps_the_camera_off(
    scenario: Callable[[Any], None],
) -> None:
    """The app closed (its backend too) while a check screen was just closed
    and a permanence wanted the camera: the camera's light stays off."""
    card = sound_card()

    async def body() -> None:
        backend = backend_on(card, DeskSettings())
        check_preview, self_view = Frames(), Frames()
        backend.attach_video(self_view, Frames())
        check = backend.device_check(check_preview)
        await until(lambda: check_preview.count > 0, what="the camera on for the check")
        check.close()  # its camera step is still to run when the app closes
        await backend.aclose()
        shown = self_view.count
        backend.set_camera_wanted(True)  # the duty keeper, late
        await asyncio.sleep(0.5)  # a test pattern frame comes every 33 ms
        assert backend.camera.status is CameraStatus.STOPPED
        assert self_view.count == shown

    scenario(body)


def tray_window(harness: Harness, qtbot: Any) -> MainWindow:
    """A window on a desktop with a tray (offscreen has none: told it has)."""
    window = MainWindow(
        harness.desk,
        harness.flow,
        harness.documents,
        harness._start_session,
        harness.store,
        duty=harness.duty,
        tray_available=True,
    )
    qtbot.addWidget(window)
    window.show()
    return window


def test_closing_on_duty_offers_the_tray_whose_menu_runs_the_desk(
    harness: Harness, qtbot: Any, run: Any
) -> None:
    window = tray_window(harness, qtbot)
    tray = window.agent_tray
    assert tray is not None
    closed: list[bool] = []
    window.closing.connect(lambda: closed.append(True))
    harness.signed_in(AgentState.AVAILABLE)

    window.close()
    box = window.quit_question.box
    assert box is not None and window.quit_question.tray_button is not None
    assert "en service" in box.text() and "zone de notification" in box.text()
    qtbot.mouseClick(window.quit_question.tray_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.quit_question.box is None)
    assert not window.isVisible() and closed == []
    assert harness.desk.state is DeskState.AVAILABLE  # still on duty: calls ring

    # The tray's menu: a break with a reason, then available again, then show.
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Afficher", "Disponible", "Pause", "Quitter",
    ]  # fmt: skip
    assert not tray.available_action.isEnabled()  # already available
    lunch = next(a for a in tray.pause_action.menu().actions() if a.text() == "Déjeuner")
    lunch.trigger()
    run(harness.board.wait_sent(SetPresence(state=AgentState.PAUSED, reason="lunch")))
    feed(harness.desk, status(AgentState.PAUSED, reason="lunch"))
    assert tray.available_action.isEnabled()
    tray.available_action.trigger()
    run(harness.board.wait_sent(SetPresence(state=AgentState.AVAILABLE, auto_answer=True)))
    tray.show_action.trigger()
    assert window.isVisible()

    # « Quitter » in the tray quits, without offering the tray again.
    tray.quit_action.trigger()
    assert closed == [True]
    run(window.runner.aclose())


def test_the_tray_quit_during_a_call_asks_once(harness: Harness, qtbot: Any, run: Any) -> None:
    window = tray_window(harness, qtbot)
    closed: list[bool] = []
    window.closing.connect(lambda: closed.append(True))
    harness.in_call()
    window.close()
    box = window.quit_question.box
    assert box is not None
    assert box.text().startswith("Un appel est en cours.")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.quit_question.box is None)
    assert window.isVisible() and closed == []

    window.hide()  # in the tray
    assert window.agent_tray is not None
    window.agent_tray.quit_action.trigger()
    assert window.isVisible()  # back, to ask
    box = window.quit_question.box
    assert box is not None and window.quit_question.tray_button is None  # quitting: no tray
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed == [True])
    run(harness.board.wait_sent(Hangup(call_id="c1")))
    run(window.runner.aclose())


def test_without_a_tray_closing_just_quits(harness: Harness) -> None:
    """Offscreen, as on desktops without a tray: no tray icon, so closing
    while available quits as before (nothing would keep the desk reachable)."""
    window = harness.window
    assert window.agent_tray is None
    closed: list[bool] = []
    window.closing.connect(lambda: closed.append(True))
    harness.signed_in(AgentState.AVAILABLE)
    window.close()
    assert window.quit_question.box is None and closed == [True]
