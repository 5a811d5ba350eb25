"""The camera source: FFmpeg's lavfi testsrc2 through PyAV stands in for a camera
(this machine has none); a missing device is what a PC without a camera shows."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from agentdesk.device_problems import DeviceFault
from agentdesk.engine import (
    TESTSRC,
    CameraConfig,
    CameraSource,
    CameraStatus,
    FrameQueue,
    list_cameras,
)
from agentdesk.ui.event_loop import AppEventLoop

from .conftest import count_frames


async def started(config: CameraConfig) -> CameraSource:
    source = CameraSource(config)
    source.start()
    return source


def band_values(frame: Any, row: int) -> set[int]:
    plane = frame.planes[0]
    start = row * plane.line_size
    return set(bytes(plane)[start : start + frame.width])


async def test_missing_camera_shows_the_labelled_pattern() -> None:
    events: list[Any] = []
    source = CameraSource(CameraConfig(device="/dev/video-that-does-not-exist", idle_fps=10))
    source.events.subscribe(events.append)
    sink: FrameQueue[Any] = FrameQueue(2)
    source.add_preview(sink.push)
    source.start()
    try:
        frame = (await count_frames(sink, 2))[-1]
        assert source.status == CameraStatus.NO_CAMERA
        assert source.problem is not None
        assert source.problem.fault in (
            DeviceFault.CAMERA_NOT_PLUGGED,
            DeviceFault.CAMERA_WONT_OPEN,
            DeviceFault.CAMERA_UNSUPPORTED,
        )
        assert source.problem.device == "/dev/video-that-does-not-exist"
        assert any(e.status == CameraStatus.NO_CAMERA for e in events)
        assert (frame.width, frame.height) == (640, 480)
        # The caption band: black with white letters across the middle of the picture.
        middle = frame.height // 2
        assert {16, 235} <= band_values(frame, middle)
    finally:
        source.stop()
    assert source.status == CameraStatus.STOPPED


async def test_default_camera_on_a_machine_without_one_falls_back() -> None:
    if list_cameras():
        pytest.skip("this machine has a camera")
    source = await started(CameraConfig(device=None, idle_fps=10))
    sink: FrameQueue[Any] = FrameQueue(2)
    source.add_preview(sink.push)
    try:
        await count_frames(sink, 1)
        assert source.status == CameraStatus.NO_CAMERA
    finally:
        source.stop()


async def test_one_camera_opened_once_feeds_preview_and_successive_calls() -> None:
    source = await started(CameraConfig(device=TESTSRC, width=320, height=240, idle_fps=5))
    preview: FrameQueue[Any] = FrameQueue(2)
    source.add_preview(preview.push)
    try:
        await count_frames(preview, 1)
        assert source.status == CameraStatus.TEST_PATTERN
        threads = [t for t in threading.enumerate() if t.name == "agentdesk-camera"]
        assert len(threads) == 1
        for _ in range(2):  # two calls, one after the other
            track = source.create_track()
            frames = [await asyncio.wait_for(track.recv(), 10) for _ in range(10)]
            assert all(f.width == 320 for f in frames)
            assert frames[-1].pts > frames[0].pts
            track.stop()
        assert source.opens == 1
        assert preview.received >= 2
        assert not source._tracks
    finally:
        source.stop()
    assert not source.running


async def test_idle_preview_runs_below_the_call_rate() -> None:
    """An upper bound only: a loaded machine may deliver fewer frames, never more."""
    source = await started(CameraConfig(device=TESTSRC, width=160, height=120, fps=30, idle_fps=5))
    preview: FrameQueue[Any] = FrameQueue(100)
    source.add_preview(preview.push)
    try:
        await count_frames(preview, 1)
        began = time.monotonic()
        await count_frames(preview, 5)
        elapsed = time.monotonic() - began
        # Five idle frames at 5 fps take about a second; at 30 fps they would take 0.17 s.
        assert elapsed > 0.5
    finally:
        source.stop()


async def test_outgoing_track_keeps_only_the_newest_frame() -> None:
    source = await started(CameraConfig(device=TESTSRC, width=160, height=120))
    track = source.create_track()
    frames_seen: FrameQueue[Any] = FrameQueue(20)
    source.add_preview(frames_seen.push)
    try:
        first = await asyncio.wait_for(track.recv(), 10)
        await count_frames(frames_seen, 10)  # ten frames go by while the encoder "stalls"
        newest = await asyncio.wait_for(track.recv(), 10)
        assert track.frames_dropped >= 8
        assert newest.pts > first.pts
    finally:
        track.stop()
        source.stop()


def test_bad_camera_settings_are_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="frame rate"):
        CameraConfig(fps=0)
    with pytest.raises(ValueError, match="size"):
        CameraConfig(width=5)


def test_listing_cameras_never_raises() -> None:
    assert isinstance(list_cameras(), list)


async def test_a_new_call_does_not_wait_out_the_idle_preview_pace() -> None:
    """At an idle preview of one frame every 10 s, a call's first frame comes
    from the camera at once, not after the camera thread's idle sleep."""
    from agentdesk.engine import TESTSRC, CameraConfig, CameraSource

    camera = CameraSource(CameraConfig(device=TESTSRC, width=320, height=240, idle_fps=0.1))
    previews: list[Any] = []
    camera.add_preview(previews.append)
    camera.start()
    try:
        deadline = asyncio.get_running_loop().time() + 20
        while not previews:  # the camera is open and idling
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.05)
        track = camera.create_track()
        frame = await asyncio.wait_for(track.recv(), 5.0)
        assert (frame.width, frame.height) == (320, 240)
        track.stop()
    finally:
        camera.stop()


def test_a_camera_read_through_the_system_ffmpeg() -> None:
    """PyPI's PyAV has no v4l2 input on Linux, so cameras are read by the
    system's ffmpeg there.  No camera on this machine: ffmpeg reads its lavfi
    test source through the same pipe instead."""
    from agentdesk.engine.camera import CameraConfig, open_through_ffmpeg

    cfg = CameraConfig(width=320, height=240, fps=30)
    capture, stream = open_through_ffmpeg("lavfi", "testsrc2=size=320x240:rate=30", cfg)
    try:
        frames = capture.decode(stream)
        pictures = [next(frames) for _ in range(10)]
        assert {(f.width, f.height) for f in pictures} == {(320, 240)}
        assert pictures[0].format.name == "yuv420p"
    finally:
        capture.close()
    assert capture._process.poll() is not None  # the device is released


async def test_another_camera_chosen_during_a_call_feeds_the_same_track() -> None:
    """Two test sources: the plain pattern, then a device that is not there
    (the captioned pattern stands in); the call's track never stops."""
    source = await started(CameraConfig(device=TESTSRC, idle_fps=10))
    statuses: list[CameraStatus] = []
    source.events.subscribe(lambda event: statuses.append(event.status))
    track = source.create_track()
    try:
        first = await asyncio.wait_for(track.recv(), 10)
        assert source.status is CameraStatus.TEST_PATTERN
        source.use_device("/dev/video-that-does-not-exist")
        async with asyncio.timeout(15):
            while source.status is not CameraStatus.NO_CAMERA:
                await track.recv()
        # Frames keep coming on the same track, now with the caption band.
        later = await asyncio.wait_for(track.recv(), 10)
        assert later.pts > first.pts
        assert {16, 235} <= band_values(later, later.height // 2)
        assert source.opens == 2
        assert statuses[-1] is CameraStatus.NO_CAMERA
    finally:
        track.stop()
        source.stop()


async def test_a_stop_that_timed_out_does_not_leave_its_thread_running() -> None:
    """stop() gives up waiting after its timeout (a device slow to close); the
    thread it left must still end, even when the camera is started again at
    once: two threads reading, and one running through the app's exit (a
    daemon thread inside FFmpeg while the interpreter shuts down), is how a
    process crashes."""
    source = await started(CameraConfig(device=TESTSRC, width=160, height=120, idle_fps=5))
    first = next(t for t in threading.enumerate() if t.name == "agentdesk-camera")
    source.stop(timeout=0)  # the thread is still opening the pattern: not waited for
    assert first.is_alive()
    source.start()
    try:
        await asyncio.to_thread(first.join, 10)
        assert not first.is_alive(), "the first reading thread is still running"
        assert source.running
    finally:
        source.stop()
    assert not [t for t in threading.enumerate() if t.name == "agentdesk-camera"]


async def test_a_stop_from_a_worker_thread_tells_the_consumers_on_the_loop() -> None:
    """The app stops the camera in a worker thread (joining the reading thread
    blocks); the stop's status still reaches the listeners on the loop's
    thread: in the app they move widgets, which another thread must not touch."""
    source = await started(CameraConfig(device=TESTSRC, width=160, height=120, idle_fps=5))
    heard: list[tuple[CameraStatus, str]] = []
    source.events.subscribe(
        lambda event: heard.append((event.status, threading.current_thread().name))
    )
    preview: FrameQueue[Any] = FrameQueue(2)
    source.add_preview(preview.push)
    await count_frames(preview, 1)
    await asyncio.to_thread(source.stop)
    assert not source.running
    assert source.status is CameraStatus.STOPPED
    assert heard[-1] == (CameraStatus.STOPPED, threading.current_thread().name)


def test_a_camera_left_open_stops_when_its_loop_closes(qapp: Any) -> None:
    """The app's loop (qasync) closed with the camera still open (its owner
    forgot to stop it): qasync drops what the reading thread posts without a
    word, so the thread would film for nobody until the process ends (inside
    FFmpeg while the interpreter shuts down).  It stops by itself."""
    loop = AppEventLoop(qapp)
    try:
        source = loop.run_until_complete(
            started(CameraConfig(device=TESTSRC, width=160, height=120, idle_fps=10))
        )
        reader = next(t for t in threading.enumerate() if t.name == "agentdesk-camera")
    finally:
        loop.close()
    reader.join(10)
    assert not reader.is_alive(), "the camera still reads after its loop closed"
    source.stop()
