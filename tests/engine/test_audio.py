"""Microphone and speaker.  This machine has no sound card and no PortAudio: the
"no backend" case is the real one here; headset unplugging and sample-rate
conversion use a stand-in sound card (fake_audio.py) that calls back from a
thread every 20 ms as PortAudio does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import av

from agentdesk.device_problems import DeviceFault
from agentdesk.engine.audio import AudioStatus, Microphone, Speaker, load_backend

from .fake_audio import FakeCard, headset_and_builtin


def is_silent(frame: Any) -> bool:
    return not any(bytes(frame.planes[0])[: frame.samples * 2])


async def wait_status(link: Any, wanted: Callable[[Any], bool], within: float = 10.0) -> None:
    changed = asyncio.Event()
    stop = link.events.subscribe(lambda _: changed.set())

    async def wait() -> None:
        while not wanted(link):
            changed.clear()
            await changed.wait()

    try:
        await asyncio.wait_for(wait(), within)
    finally:
        stop()


async def test_without_portaudio_the_call_gets_silence_and_a_status() -> None:
    backend, problem = load_backend()
    if backend is not None:
        problem = None
    mic = Microphone(None, backend_problem=problem)
    events: list[Any] = []
    mic.events.subscribe(events.append)
    mic.start()
    try:
        assert mic.status == AudioStatus.NO_BACKEND
        # Why, as data: the app words it (no backend given: no sound system at all).
        assert events and events[0].problem is not None
        assert events[0].problem.fault in (
            DeviceFault.NO_PORTAUDIO,
            DeviceFault.NO_SOUNDDEVICE,
            DeviceFault.NO_AUDIO_SYSTEM,
        )
        track = mic.create_track()
        frames = [await asyncio.wait_for(track.recv(), 5) for _ in range(3)]
        assert all(f.sample_rate == 48_000 and f.samples == 960 for f in frames)
        assert all(is_silent(f) for f in frames)
        assert frames[1].pts - frames[0].pts == 960
    finally:
        await mic.stop()


def test_load_backend_explains_a_missing_portaudio() -> None:
    backend, problem = load_backend()
    assert (backend is None) == (problem is not None)
    if backend is None:
        assert "libportaudio2" in problem or "sounddevice" in problem


async def test_no_sound_device_gives_silence_and_a_status() -> None:
    mic = Microphone(FakeCard([]))
    speaker = Speaker(FakeCard([]))
    mic.start()
    speaker.start()
    try:
        assert mic.status == speaker.status == AudioStatus.NO_DEVICE
        frame = await asyncio.wait_for(mic.create_track().recv(), 5)
        assert is_silent(frame)
        speaker.push(frame)  # nowhere to play: dropped, no error
        assert speaker.frames_dropped == 1
    finally:
        await mic.stop()
        await speaker.stop()


async def test_headset_microphone_at_44k1_is_resampled_to_48k() -> None:
    card = headset_and_builtin()
    mic = Microphone(card, "Casque USB")
    mic.start()
    track = mic.create_track()
    try:
        assert mic.status == AudioStatus.ACTIVE and card.opened == [("Casque USB", 44_100)]
        frames = [await asyncio.wait_for(track.recv(), 5) for _ in range(20)]
        assert all(f.sample_rate == 48_000 and f.samples == 960 for f in frames)
        assert not all(is_silent(f) for f in frames[5:])  # the 440 Hz tone came through
    finally:
        track.stop()
        await mic.stop()


async def test_unplugged_headset_is_noticed_replaced_and_reopened() -> None:
    card = headset_and_builtin()
    mic = Microphone(card, "Casque USB", stall_s=1.5, retry_s=0.5)
    events: list[Any] = []
    mic.events.subscribe(events.append)
    mic.start()
    try:
        assert mic.status == AudioStatus.ACTIVE
        card.unplug("Casque USB")
        await wait_status(mic, lambda m: m.status == AudioStatus.STALLED)
        assert mic.problem is not None and mic.problem.device == "Casque USB"
        await wait_status(mic, lambda m: m.active_device is None and m._stream is not None)
        assert card.opened[-1][0] == "Intégré"  # the built-in microphone took over
        card.plug("Casque USB")
        await wait_status(mic, lambda m: m.status == AudioStatus.ACTIVE)
        assert mic.active_device == "Casque USB"
        assert [e.status for e in events][-1] == AudioStatus.ACTIVE
    finally:
        await mic.stop()
    assert not card.open_streams


def remote_frame(pts: int) -> Any:
    """What aiortc's Opus decoder hands over: 20 ms of 48 kHz stereo s16."""
    frame = av.AudioFrame(format="s16", layout="stereo", samples=960)
    frame.planes[0].update(b"\x10\x00" * 960 * 2)
    frame.sample_rate = 48_000
    frame.pts = pts
    return frame


async def test_speaker_plays_at_the_device_rate_and_never_builds_delay() -> None:
    card = headset_and_builtin()
    speaker = Speaker(card, "Casque USB")
    speaker.start()
    try:
        assert card.opened == [("Casque USB", 44_100)]
        for n in range(100):  # two seconds of sound at once: more than the buffer holds
            speaker.push(remote_frame(n * 960))
        assert speaker.frames_dropped > 0
        assert len(speaker._buffer) <= int(44_100 * 0.2) * 4
        stream = next(iter(card.open_streams))

        assert await asyncio.to_thread(stream.played.wait, 10)  # the device got the sound
    finally:
        await speaker.stop()


async def test_a_stalled_output_device_is_noticed() -> None:
    card: FakeCard = headset_and_builtin()
    speaker = Speaker(card, "Casque USB", stall_s=1.0, retry_s=0.5)
    speaker.start()
    try:
        card.unplug("Casque USB")
        await wait_status(speaker, lambda s: s.status == AudioStatus.STALLED)
        card.plug("Casque USB")
        await wait_status(speaker, lambda s: s.status == AudioStatus.ACTIVE)
    finally:
        await speaker.stop()


async def test_the_level_meter_reads_what_the_microphone_hears() -> None:
    """The stand-in card's headset hears a 440 Hz tone of amplitude 8000; its
    built-in microphone hears silence."""
    card = FakeCard(headset_and_builtin().devices(), silent=frozenset({"Intégré"}))
    mic = Microphone(card, "Casque USB")
    assert mic.level() == 0.0  # not started: nothing heard
    mic.start()
    try:
        async with asyncio.timeout(5):
            while mic.level() == 0.0:  # noqa: ASYNC110 - PortAudio's thread, no event
                await asyncio.sleep(0.02)
        # A sine's RMS is its amplitude over √2: 8000 / √2 / 32768 ≈ 0.173.
        assert abs(mic.level() - 0.1726) < 0.01, mic.level()
        stream = next(s for s in card.open_streams if s.name == "Casque USB")
        mic.use_device("Intégré")
        assert stream not in card.open_streams
        async with asyncio.timeout(5):
            while mic.level() != 0.0:  # noqa: ASYNC110 - as above
                await asyncio.sleep(0.02)
        muted = next(s for s in card.open_streams if s.name == "Intégré")
        assert muted in card.open_streams and mic.active_device == "Intégré"
    finally:
        await mic.stop()
    assert mic.level() == 0.0  # stopped: the meter falls back
