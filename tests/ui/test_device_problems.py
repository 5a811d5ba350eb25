"""The engine's device problems reach the agent in the app's language.

The engine reports a code and the device (agentdesk.device_problems); the app
words it.  A real CameraSource is asked for a camera device that does not
exist (this machine has no camera; the test pattern stands in), and its
events go to the desk as the station wires them (``camera_health``).
"""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec

from agentdesk.desk import Language
from agentdesk.device_problems import DeviceFault, DeviceProblem
from agentdesk.engine import CameraConfig, CameraSource, CameraStatus
from agentdesk.station.backend import camera_health
from agentdesk.ui.supervision.fleet_panel import detail_text

from .helpers import Harness


async def _fail_camera(harness: Harness, device: str) -> None:
    camera = CameraSource(CameraConfig(device=device, idle_fps=5, retry_s=60))
    failed = asyncio.Event()

    def seen(event: Any) -> None:
        camera_health(harness.desk, event)
        if event.status is CameraStatus.NO_CAMERA:
            failed.set()

    unsubscribe = camera.events.subscribe(seen)
    camera.start()
    try:
        await asyncio.wait_for(failed.wait(), 20)
    finally:
        unsubscribe()
        await asyncio.to_thread(camera.stop)


def _use(harness: Harness, qtbot: Any, language: Language, available: str) -> None:
    settings = msgspec.structs.replace(harness.flow.settings, language=language)
    harness.window.apply_settings(settings)
    presence = harness.window.presence
    qtbot.waitUntil(lambda: presence.state_label.text() == available, timeout=5000)


def test_a_camera_error_is_told_in_the_language_of_the_app(
    harness: Harness, qtbot: Any, loop: asyncio.AbstractEventLoop
) -> None:
    harness.signed_in()
    harness.desk.set_camera_on(True)
    presence = harness.window.presence

    _use(harness, qtbot, Language.ENGLISH, "● Available")
    loop.run_until_complete(_fail_camera(harness, "/dev/video-absent-1"))
    tip = presence.camera_label.toolTip()
    assert "The camera /dev/video-absent-1 " in tip, tip
    assert "caméra" not in tip

    # Back to French: the problem already shown is re-worded...
    _use(harness, qtbot, Language.FRENCH, "● Disponible")
    assert "La caméra /dev/video-absent-1 " in presence.camera_label.toolTip()
    # ...and a new one comes in French.
    loop.run_until_complete(_fail_camera(harness, "/dev/video-absent-2"))
    tip = presence.camera_label.toolTip()
    assert "La caméra /dev/video-absent-2 " in tip, tip
    assert "camera" not in tip.replace("caméra", "")


def test_a_kiosk_camera_problem_is_worded_for_the_supervisor(french: Any) -> None:
    """The kiosk sends the fleet a code and the device; the supervisor's
    screen words it, and any other detail stays as the kiosk sent it."""
    told = DeviceProblem(DeviceFault.CAMERA_NOT_PLUGGED, "/dev/video0", "ffmpeg exited 1")
    wire = told.wire_text()
    assert wire == "camera_not_plugged:/dev/video0"  # the technical detail stays at the kiosk
    assert detail_text(wire) == "La caméra /dev/video0 n'est pas branchée."
    assert detail_text("media-empty-error") == "media-empty-error"
