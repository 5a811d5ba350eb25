"""A voice-like test signal: the microphone of a machine with no sound card.

Silence is no test of voice on a lossy line: Opus sends no FEC for frames
its voice detector finds inactive.  This source loops two seconds of a
synthetic voiced sound (a gliding 140 Hz fundamental with its harmonics,
syllables at 3 Hz, a little noise), computed once, paced by the clock like
a microphone.  ``agentdesk kiosk --microphone testvoice`` uses it.
"""

from __future__ import annotations

import array
import asyncio
import fractions
import math
import random
import time
from typing import Any

import av
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

TESTVOICE = "testvoice"
RATE = 48_000
SAMPLES = 960
LOOP_S = 2.0
TIME_BASE = fractions.Fraction(1, RATE)


def voice_pcm(seconds: float = LOOP_S) -> bytes:
    """Mono s16 samples of the synthetic voice."""
    count = int(seconds * RATE)
    out = array.array("h", bytes(2 * count))
    noise = random.Random(13)
    phase = 0.0
    for i in range(count):
        t = i / RATE
        envelope = (0.5 + 0.5 * math.sin(2 * math.pi * 3 * t)) ** 2
        phase += 2 * math.pi * (140 + 20 * math.sin(2 * math.pi * 0.5 * t)) / RATE
        value = sum(math.sin(k * phase) / k for k in range(1, 12)) * envelope * 0.3
        value += 0.01 * (noise.random() - 0.5)
        out[i] = int(max(-1.0, min(1.0, value)) * 20_000)
    return out.tobytes()


class TestVoice:
    """A TrackSource like the Microphone, with nothing to open or to fail."""

    def __init__(self) -> None:
        self.pcm = voice_pcm()
        self.muted = False

    def start(self) -> None:
        """Nothing to open (the Microphone's interface)."""

    async def stop(self) -> None:
        """Nothing to close (the Microphone's interface)."""

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def create_track(self) -> TestVoiceTrack:
        return TestVoiceTrack(self)


class TestVoiceTrack(MediaStreamTrack):
    kind = "audio"

    def __init__(self, source: TestVoice) -> None:
        super().__init__()
        self._source = source
        self._start: float | None = None
        self._pts = 0

    async def recv(self) -> Any:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            self._pts += SAMPLES
            delay = self._start + self._pts / RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        pcm = self._source.pcm
        offset = (self._pts * 2) % len(pcm)
        chunk = pcm[offset : offset + SAMPLES * 2]  # the loop is a whole number of frames
        frame = av.AudioFrame(format="s16", layout="mono", samples=SAMPLES)
        frame.planes[0].update(bytes(SAMPLES * 2) if self._source.muted else chunk)
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = TIME_BASE
        return frame
