"""Short sounds (the ringtone, the "resident joined" chime) through the speaker.

The :class:`Speaker` keeps only 200 ms of sound (so a call never builds up
delay), so a sound is fed to it in 20 ms frames at the pace it plays, a little
ahead, by a task the player owns.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import sys
import time
import wave
from pathlib import Path

import av

from .audio import PTIME, RATE, SAMPLES, TIME_BASE, Speaker

AHEAD_S = 0.1
"""How far ahead of the device the player stays: enough to ride out a busy
loop, half the speaker's 200 ms buffer."""


class SoundFileError(ValueError):
    """A sound file the player cannot use (it says which and why)."""


def read_wav(path: Path) -> bytes:
    """The samples of a 48 kHz, mono, 16-bit WAV file (what resources/build.py writes)."""
    try:
        with wave.open(str(path), "rb") as file:
            shape = (file.getframerate(), file.getnchannels(), file.getsampwidth())
            if shape != (RATE, 1, 2):
                raise SoundFileError(f"{path.name}: {shape} is not 48 kHz mono 16-bit")
            return file.readframes(file.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise SoundFileError(f"{path.name}: {exc}") from exc


def gain_of(percent: int) -> float:
    """A volume setting (0 to 100) as a gain on the samples.  Squared: the ear
    hears loudness roughly logarithmically, so halfway on the slider should
    sound about half as loud, not barely quieter."""
    return (max(0, min(100, percent)) / 100) ** 2


def scaled(chunk: bytes, gain: float) -> bytes:
    """16-bit little-endian samples times ``gain`` (at most 1: never clips)."""
    if gain >= 1.0:
        return chunk
    samples = array.array("h", chunk)
    if sys.byteorder != "little":
        samples.byteswap()
    out = array.array("h", (int(s * gain) for s in samples))
    if sys.byteorder != "little":
        out.byteswap()
    return out.tobytes()


class TonePlayer:
    """Plays one sound at a time on a speaker; a new one replaces the current."""

    def __init__(self, speaker: Speaker) -> None:
        self._speaker = speaker
        self._task: asyncio.Task[None] | None = None
        self.frames_sent = 0
        self.gain = 1.0
        """Applied to every frame as it goes out: a change is heard at once,
        even in the middle of a ring."""

    @property
    def playing(self) -> bool:
        return self._task is not None and not self._task.done()

    def play(self, samples: bytes, *, loop: bool = False) -> None:
        self.stop()
        if samples:
            self._task = asyncio.get_running_loop().create_task(
                self._feed(samples, loop), name="tone-player"
            )

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _feed(self, samples: bytes, loop: bool) -> None:
        step = SAMPLES * 2
        chunks = [samples[i : i + step].ljust(step, b"\0") for i in range(0, len(samples), step)]
        start = time.monotonic()
        pts = 0
        while True:
            for chunk in chunks:
                delay = start + pts / RATE - AHEAD_S - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                frame = av.AudioFrame(format="s16", layout="mono", samples=SAMPLES)
                frame.planes[0].update(scaled(chunk, self.gain))
                frame.sample_rate = RATE
                frame.pts = pts
                frame.time_base = TIME_BASE
                self._speaker.push(frame)
                self.frames_sent += 1
                pts += SAMPLES
            if not loop:
                # Let the last frames play out before saying we are done.
                await asyncio.sleep(AHEAD_S + PTIME)
                return
