"""Mouth-to-ear delay: a marker tone in the test voice, found again in the decoded audio.

Both ends of a measured call run on this machine, so one clock (the wall
clock, CLOCK_REALTIME) dates both the mouth and the ear:

* :class:`MarkedVoice` is the engine's test voice (the microphone of a
  machine with no sound card) with ``MARKER_S`` of a ``MARKER_HZ`` tone in
  place of the voice from each whole multiple of ``PERIOD_S`` of wall-clock
  time: a marker's "mouth" time is that multiple, the time its first sample
  is captured.  The voice has no harmonic near ``MARKER_HZ`` (its highest is
  below 2 kHz), so the voice alone never looks like a marker.
* :class:`MarkerEar`, given to ``CallSession.add_audio_consumer``, dates the
  decoded audio by its "ear" time (when the engine's Speaker would play it)
  and runs a Goertzel filter over 5 ms blocks of it: a marker starts
  where ``MARKER_BLOCKS`` blocks in a row carry most of their energy at
  ``MARKER_HZ`` at a level no concealment of silence reaches.  Its delay is
  the onset's time less the last multiple of ``PERIOD_S`` before it: a delay
  of ``PERIOD_S`` or more would be read modulo ``PERIOD_S``.  Resolution: one
  block (5 ms).

bench/_chromium.py does the same in the browser (an OscillatorNode for the
tone, an AudioWorklet running the same Goertzel test).
"""

from __future__ import annotations

import array
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from agentdesk.engine.audio import BUFFER_S as SPEAKER_BUFFER_S
from agentdesk.engine.testvoice import RATE, TestVoice

MARKER_HZ = 2400.0
MARKER_S = 0.1
PERIOD_S = 1.0
LEVEL = 16_000
"""Peak amplitude of the tone (s16): about -6 dBFS."""
BLOCK = 240
"""Samples per detector block (5 ms at 48 kHz; 2400 Hz is its 12th bin)."""
MARKER_BLOCKS = 3
"""Blocks in a row carrying the tone before a marker counts (15 ms of the 100)."""
TONE_SHARE = 0.5
"""Share of a block's energy at MARKER_HZ for the block to carry the tone."""
MIN_RMS = 1000.0
"""Quieter than this (about -30 dBFS) is not the tone, whatever its spectrum."""
REFRACTORY_S = 0.5
"""After a marker's onset, the rest of that marker is not a new one."""


def _tone() -> array.array[int]:
    count = round(MARKER_S * RATE)
    ramp = RATE // 400  # 2.5 ms fades: no click, whose broadband energy would blur the onset
    out = array.array("h", bytes(2 * count))
    for i in range(count):
        fade = min(1.0, (i + 1) / ramp, (count - i) / ramp)
        out[i] = round(LEVEL * fade * math.sin(2 * math.pi * MARKER_HZ * i / RATE))
    return out


class MarkedVoice(TestVoice):
    """The test voice with a marker tone at each multiple of ``PERIOD_S`` of wall-clock time."""

    def __init__(self) -> None:
        super().__init__()
        self.tone = _tone()

    def take(self) -> list[tuple[bytes, int]]:
        chunks = super().take()
        # TestVoice hands out what its clock says was captured up to now.
        end = time.time()
        out = []
        for data, rate in chunks:
            samples = array.array("h", data)
            start = end - len(samples) / rate
            first = math.floor((start - MARKER_S) / PERIOD_S) + 1
            for k in range(first, math.floor(end / PERIOD_S) + 1):
                at = round((k * PERIOD_S - start) * rate)  # the tone's first sample in this chunk
                for i in range(max(0, at), min(len(samples), at + len(self.tone))):
                    samples[i] = self.tone[i - at]
            out.append((samples.tobytes(), rate))
        return out


@dataclass(frozen=True)
class Heard:
    """One marker found in the decoded audio."""

    at: float
    """Wall-clock time its first block reached the ear."""
    delay_s: float
    """Mouth to ear: ``at`` less the marker's start (the last multiple of PERIOD_S)."""
    queued_s: float = 0.0
    """Of which spent in the speaker's queue, after decoding."""

    @classmethod
    def at_onset(cls, at: float, queued_s: float = 0.0) -> Heard:
        return cls(at, at - math.floor(at / PERIOD_S) * PERIOD_S, queued_s)


_COEFF = 2 * math.cos(2 * math.pi * MARKER_HZ / RATE)


def tone_share(block: list[int]) -> tuple[float, float]:
    """(share of the block's energy at MARKER_HZ, the block's RMS level): Goertzel."""
    s1 = s2 = 0.0
    energy = 0.0
    for x in block:
        s1, s2 = x + _COEFF * s1 - s2, s1
        energy += x * x
    if energy == 0:
        return 0.0, 0.0
    power = s1 * s1 + s2 * s2 - _COEFF * s1 * s2
    return power / (energy * len(block) / 2), math.sqrt(energy / len(block))


class MarkerEar:
    """Give ``push`` to ``CallSession.add_audio_consumer``: the markers heard, as they come.

    Each decoded frame is dated when the engine's Speaker would play it: as
    soon as it has played the one before (frames released together by the
    jitter buffer queue up behind each other), and never more than the
    Speaker's buffer (``SPEAKER_BUFFER_S``) later: beyond it the Speaker drops
    the oldest sound.  What the engine skips to shrink that queue after a
    burst (quiet frames, agentdesk/engine/playout.py) never reaches the
    consumers, so the ear hears what the Speaker would.  Cost: about 1 % of
    a core.
    """

    def __init__(self, on_heard: Callable[[Heard], None] = lambda _heard: None) -> None:
        self.heard: list[Heard] = []
        self.on_heard = on_heard
        self._free_at = 0.0
        self._pending: list[int] = []
        self._pending_at = 0.0
        self._queued_s = 0.0
        self._run: list[tuple[float, float]] = []

    def push(self, frame: Any) -> None:
        samples = mono_s16(frame)
        now = time.time()
        length = len(samples) / int(frame.sample_rate)
        # Queued behind the frames not yet played; past the Speaker's buffer, the
        # oldest sound is dropped: what is left plays that much sooner.
        play_at = min(max(now, self._free_at), now + SPEAKER_BUFFER_S - length)
        self._free_at = play_at + length
        self.feed(play_at, samples, play_at - now)

    def feed(self, at: float, samples: Sequence[int], queued_s: float = 0.0) -> None:
        """48 kHz samples, the first played at ``at`` (wall clock) after ``queued_s`` in a queue.

        20 ms frames hold 4 whole blocks: a block never starts in one frame
        and ends in the next, so each block is dated by its own frame.
        """
        self._queued_s = queued_s
        if abs(self._pending_at + len(self._pending) / RATE - at) > 1e-3:
            self._pending, self._pending_at = [], at  # a gap in play-out: no block spans it
        self._pending.extend(samples)
        while len(self._pending) >= BLOCK:
            self._block(self._pending_at, self._pending[:BLOCK])
            del self._pending[:BLOCK]
            self._pending_at += BLOCK / RATE

    def _block(self, at: float, block: list[int]) -> None:
        share, rms = tone_share(block)
        if share < TONE_SHARE or rms < MIN_RMS:
            self._run.clear()
            return
        self._run.append((at, self._queued_s))
        onset, queued_s = self._run[0]
        if len(self._run) == MARKER_BLOCKS and (
            not self.heard or onset - self.heard[-1].at > REFRACTORY_S
        ):
            heard = Heard.at_onset(onset, queued_s)
            self.heard.append(heard)
            self.on_heard(heard)


def mono_s16(frame: Any) -> array.array[int]:
    """The first channel of a packed s16 av.AudioFrame (what the Opus decoders give)."""
    if frame.format.name != "s16":
        raise ValueError(f"expected packed s16 audio, got {frame.format.name}")
    channels = len(frame.layout.channels)
    data = array.array("h", bytes(frame.planes[0])[: 2 * channels * frame.samples])
    return data[::channels] if channels > 1 else data


def delays_ms(heard: Iterable[Heard], t0: float, t1: float) -> dict[str, Any]:
    """Mouth-to-ear p50/p95 (ms) of the markers heard between t0 and t1, and how many;
    with ``mouth_to_decoded_p50_ms`` when some waited in a speaker's queue."""
    inside = [h for h in heard if t0 <= h.at <= t1]
    ear = [1000 * h.delay_s for h in inside]
    decoded = [1000 * (h.delay_s - h.queued_s) for h in inside]
    figures = {
        "mouth_to_ear_p50_ms": percentile(ear, 50),
        "mouth_to_ear_p95_ms": percentile(ear, 95),
        "markers_heard": len(inside),
    }
    if any(h.queued_s for h in inside):
        figures["mouth_to_decoded_p50_ms"] = percentile(decoded, 50)
    return figures


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile, to 0.1 (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)
