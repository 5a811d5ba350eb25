"""The agent's cover and mute: nothing of their picture or voice goes out.

No camera and no sound card here: FFmpeg's test pattern stands in for the
camera, and a stand-in sound card (fake_audio) plays a 440 Hz tone as the
microphone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from agentdesk.engine.audio import Microphone

from .conftest import Call, count_frames
from .fake_audio import headset_and_builtin
from .test_audio import is_silent


def mean_luma(frame: Any) -> float:
    plane = bytes(frame.planes[0])
    return sum(plane[::97]) / len(plane[::97])


async def test_the_cover_sends_black_at_once_and_lifts(make_call: Callable[..., Call]) -> None:
    call = make_call()
    seen = call.kiosk.video_sink(maxsize=2)
    await call.start()
    await call.connected()
    assert mean_luma((await count_frames(seen, 5))[-1]) > 40  # the colourful test pattern
    camera = call.agent._camera
    assert camera is not None
    camera.set_covered(True)  # type: ignore[attr-defined]
    frames = await count_frames(seen, 10)
    # A frame or two may have been on its way; after that, only black.
    assert all(mean_luma(f) < 24 for f in frames[3:])
    camera.set_covered(False)  # type: ignore[attr-defined]
    frames = await count_frames(seen, 15)
    assert mean_luma(frames[-1]) > 40


async def test_a_muted_microphone_sends_silence() -> None:
    mic = Microphone(headset_and_builtin(), "Casque USB")
    mic.start()
    track = mic.create_track()
    try:
        frames = [await asyncio.wait_for(track.recv(), 5) for _ in range(15)]
        assert not all(is_silent(f) for f in frames[5:])  # the tone comes through
        mic.set_muted(True)
        frames = [await asyncio.wait_for(track.recv(), 5) for _ in range(15)]
        assert all(is_silent(f) for f in frames[2:])
        mic.set_muted(False)
        frames = [await asyncio.wait_for(track.recv(), 5) for _ in range(15)]
        assert not all(is_silent(f) for f in frames[5:])
    finally:
        track.stop()
        await mic.stop()
