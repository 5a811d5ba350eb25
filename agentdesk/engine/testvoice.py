"""A voice-like test signal: the microphone of a machine with no sound card.

Silence is no test of voice on a lossy line: Opus sends no FEC for frames
its voice detector finds inactive.  This source loops two seconds of a
synthetic voiced sound (a gliding 140 Hz fundamental with its harmonics,
syllables at 3 Hz, a little noise), computed once, delivered by the clock
like a sound card's and read by the microphone's own track.
``agentdesk kiosk --microphone testvoice`` uses it.
"""

from __future__ import annotations

import array
import math
import random
import time

from .audio import MicrophoneTrack

TESTVOICE = "testvoice"
RATE = 48_000
SAMPLES = 960
LOOP_S = 2.0


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
    """A SoundSource like the Microphone, with nothing to open or to fail."""

    def __init__(self) -> None:
        self.pcm = voice_pcm()
        self.muted = False
        self._at: float | None = None
        self._offset = 0

    def start(self) -> None:
        """Nothing to open (the Microphone's interface)."""

    async def stop(self) -> None:
        """Nothing to close (the Microphone's interface)."""

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def take(self) -> list[tuple[bytes, int]]:
        """The samples "captured" since the last call, as a sound card would give them."""
        now = time.monotonic()
        if self._at is None:
            self._at = now - 2 * SAMPLES / RATE  # a little ahead, as a device buffer is
        count = int((now - self._at) * RATE)
        self._at += count / RATE
        start = self._offset * 2
        self._offset = (self._offset + count) % (len(self.pcm) // 2)
        end = start + count * 2
        chunk = self.pcm[start:end]
        if end > len(self.pcm):  # around the end of the loop
            chunk += self.pcm[: end - len(self.pcm)]
        return [(chunk, RATE)] if chunk and not self.muted else []

    def create_track(self) -> MicrophoneTrack:
        return MicrophoneTrack(self)
