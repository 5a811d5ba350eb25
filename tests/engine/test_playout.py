"""The speaker's queue brought back to its target by skipping quiet frames, never speech.

Real decoded-audio frames (av.AudioFrame, s16 stereo as the Opus decoder
gives them), made from the engine's test voice; the clock is a number the
test moves, so a burst is exactly a burst.
"""

from __future__ import annotations

import array
import fractions
from typing import Any

import av

from agentdesk.engine import testvoice
from agentdesk.engine.playout import QUIET_RMS, CatchUp, rms
from agentdesk.engine.voice import VoiceCounters

FRAME_S = 0.02


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _frame(mono: array.array[int], index: int) -> Any:
    stereo = array.array("h", (x for x in mono for _ in range(2)))
    frame = av.AudioFrame(format="s16", layout="stereo", samples=len(mono))
    frame.planes[0].update(stereo.tobytes())
    frame.sample_rate = 48_000
    frame.pts = index * len(mono)
    frame.time_base = fractions.Fraction(1, 48_000)
    return frame


def _voice_frames(count: int) -> list[Any]:
    """``count`` 20 ms frames of the test voice: syllables with short pauses between."""
    pcm = array.array("h", testvoice.voice_pcm())
    step = testvoice.SAMPLES
    frames = len(pcm) // step
    return [_frame(pcm[(i % frames) * step : (i % frames + 1) * step], i) for i in range(count)]


def _play(
    catch_up: CatchUp,
    clock: Clock,
    frames: list[Any],
    burst: int,
    counters: VoiceCounters | None = None,
) -> list[bool]:
    """The first ``burst`` frames arrive at once (after a stall), the rest every 20 ms."""
    admitted = []
    for index, frame in enumerate(frames):
        if index >= burst:
            clock.now += FRAME_S
        admitted.append(catch_up.admit(frame, counters))
    return admitted


def test_after_a_burst_the_queue_comes_back_to_its_target_by_quiet_frames_only() -> None:
    clock = Clock()
    catch_up = CatchUp(clock)
    frames = _voice_frames(15 + 3 * 50)  # a 300 ms burst, then 3 s of voice
    counters = VoiceCounters()
    admitted = _play(catch_up, clock, frames, burst=15, counters=counters)
    skipped = [f for f, kept in zip(frames, admitted, strict=True) if not kept]
    assert skipped, "the burst's delay was never brought back"
    assert counters.caught_up == len(skipped)
    assert all(rms(f) < QUIET_RMS for f in skipped)
    assert catch_up.queued_s() <= catch_up.target_s + FRAME_S
    assert catch_up.target_s < 0.1  # the burst's jitter has faded


def test_speech_is_never_skipped_however_late() -> None:
    clock = Clock()
    catch_up = CatchUp(clock)
    frames = [f for f in _voice_frames(400) if rms(f) >= QUIET_RMS][:200]
    admitted = _play(catch_up, clock, frames, burst=15)
    assert all(admitted)
    assert catch_up.queued_s() > catch_up.target_s  # behind, and still not cutting speech


def test_the_quiet_frame_just_after_speech_is_kept() -> None:
    clock = Clock()
    catch_up = CatchUp(clock)
    frames = _voice_frames(100)
    loud_then_quiet = [
        i for i in range(1, len(frames)) if rms(frames[i - 1]) >= QUIET_RMS > rms(frames[i])
    ]
    assert loud_then_quiet
    admitted = _play(catch_up, clock, frames, burst=len(frames))  # all at once: far behind
    assert all(admitted[i] for i in loud_then_quiet)
    assert not all(admitted)
