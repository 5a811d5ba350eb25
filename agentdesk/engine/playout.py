"""Bringing the voice's delay back down after a burst, by skipping quiet frames.

Decoded voice goes to the speaker, whose queue plays it in real time.  When
frames come in a burst (a stalled event loop, the jitter buffer releasing
what it held behind a hole) they queue there, and nothing else would ever
shorten that queue: the delay a burst adds would stay for the rest of the
call (measured on a 2 Mbit/s line: 210-250 ms mouth to ear, of which 36-86 ms
up to the decoder).  libwebrtc's NetEq time-stretches the audio back to its
target.  :class:`CatchUp` does the cheap, inaudible part of that: while the
queue is above its target it drops whole 20 ms frames that are quiet (a
pause between words, silence), and never a frame with speech in it, nor the
quiet frame right after speech (the tail of a word).  Speech that never
pauses is not shortened (no WSOLA-style compression): its delay comes down
at the next pause.

The queue is modelled, not read from the device: each frame is due when the
one before it has played, never before it arrives, and at most the
speaker's buffer ahead (``audio.BUFFER_S``, beyond which the Speaker drops
the oldest sound).  The target is the arrival jitter of the frames (RFC 3550's
estimator, on their arrival times against their RTP timestamps) times
``JITTER_FACTOR`` plus ``MARGIN_S``: bursts raise it for a moment, and it
comes back to the margin within a second or two of a steady line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .audio import BUFFER_S, samples_rms
from .voice import VoiceCounters

MARGIN_S = 0.04
"""Queue kept beyond the jitter: two frames, against a late one."""
JITTER_FACTOR = 3.0
"""RFC 3550's jitter is a mean deviation: about a third of the worst late frame."""
QUIET_RMS = 300.0
"""A frame quieter than this (about -40 dBFS) has no speech in it."""


def rms(frame: Any) -> float:
    """The RMS level of a packed s16 av.AudioFrame (all channels)."""
    if frame.format.name != "s16":
        raise ValueError(f"expected packed s16 audio, got {frame.format.name}")
    return samples_rms(bytes(frame.planes[0])[: 2 * len(frame.layout.channels) * frame.samples])


class CatchUp:
    """Per incoming voice stream: ``admit(frame)`` is False for a frame to skip."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._free_at = 0.0
        self._transit: float | None = None
        self.jitter_s = 0.0
        """Arrival jitter of the frames (RFC 3550), seconds."""
        self._previous_quiet = False

    @property
    def target_s(self) -> float:
        """The queue aimed at: the jitter's worst plus a margin."""
        return min(BUFFER_S, MARGIN_S + JITTER_FACTOR * self.jitter_s)

    def queued_s(self) -> float:
        """Sound waiting in the speaker's queue now (modelled)."""
        return max(0.0, self._free_at - self._clock())

    def admit(self, frame: Any, counters: VoiceCounters | None = None) -> bool:
        """Whether ``frame`` goes to the speaker; counts those skipped in ``counters``."""
        now = self._clock()
        length = frame.samples / frame.sample_rate
        if frame.pts is not None and frame.time_base is not None:
            transit = now - float(frame.pts * frame.time_base)
            if self._transit is not None:
                # A jump (a new sender clock, a wrapped timestamp) is no jitter.
                step = min(abs(transit - self._transit), BUFFER_S)
                self.jitter_s += (step - self.jitter_s) / 16
            self._transit = transit
        quiet = rms(frame) < QUIET_RMS
        skip = quiet and self._previous_quiet and self.queued_s() > self.target_s
        self._previous_quiet = quiet
        if skip:
            if counters is not None:
                counters.caught_up += 1
            return False
        self._free_at = min(max(now, self._free_at) + length, now + BUFFER_S)
        return True
