"""The ring, through the speaker the agent chose, at the volume they chose.

A system beep every 2 s is easy to miss with a headset on and cannot be
turned down; this plays the French ring tone (440 Hz, 1.5 s on, 3.5 s off)
into the same speaker as the calls' sound.
"""

from __future__ import annotations

import asyncio
import math
import struct
from collections.abc import Callable
from typing import Any

import av

from agentdesk.desk import TaskOwner

RATE = 48_000
FRAME_S = 0.02
SAMPLES = int(RATE * FRAME_S)
ON_S, OFF_S = 1.5, 3.5
TONE_HZ = 440.0
FULL_SCALE = 20_000
"""Loud enough at 100 %, below clipping once resampled."""


def _tone_frames(volume: float) -> list[bytes]:
    """One "on" period, cut in 20 ms frames, with short fades against clicks."""
    total = int(RATE * ON_S)
    fade = int(RATE * 0.01)
    amplitude = FULL_SCALE * max(0.0, min(1.0, volume))
    samples = []
    for n in range(total):
        envelope = min(1.0, n / fade, (total - n) / fade)
        samples.append(int(amplitude * envelope * math.sin(2 * math.pi * TONE_HZ * n / RATE)))
    # Stereo s16 at 48 kHz, as the calls' decoded sound: the speaker's
    # resampler is set up by the first frame it gets and expects the same after.
    raw = struct.pack(f"<{2 * total}h", *(s for sample in samples for s in (sample, sample)))
    step = SAMPLES * 4
    return [raw[i : i + step] for i in range(0, len(raw) - step + 1, step)]


def _frame(data: bytes, pts: int) -> Any:
    frame = av.AudioFrame(format="s16", layout="stereo", samples=SAMPLES)
    frame.planes[0].update(data)
    frame.sample_rate = RATE
    frame.pts = pts
    return frame


class RingTone:
    def __init__(
        self,
        push: Callable[[Any], None],
        volume: Callable[[], float],
        on_task_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``push``: the speaker's input (``Speaker.push``); ``volume``: 0 to 1,
        read at each ring."""
        self._push = push
        self._volume = volume
        self._tasks = TaskOwner(on_task_error)
        self._task: asyncio.Task[None] | None = None
        self.frames_pushed = 0

    @property
    def ringing(self) -> bool:
        return self._task is not None and not self._task.done()

    def set_ringing(self, on: bool) -> None:
        if on and not self.ringing:
            self._task = self._tasks.spawn(self._play(), name="ring-tone")
        elif not on and self._task is not None:
            self._task.cancel()
            self._task = None

    async def _play(self) -> None:
        loop = asyncio.get_running_loop()
        frames = _tone_frames(self._volume())
        pts = 0
        period = ON_S + OFF_S
        start = loop.time()
        while True:
            for data in frames:
                self._push(_frame(data, pts))
                self.frames_pushed += 1
                pts += SAMPLES
                # Paced by the clock, not by the sleeps, which run late under load.
                await asyncio.sleep(max(0.0, start + pts / RATE - loop.time()))
            start += period
            pts = 0
            await asyncio.sleep(max(0.0, start - loop.time()))

    async def aclose(self) -> None:
        self.set_ringing(False)
        await self._tasks.aclose()
