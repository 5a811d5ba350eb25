"""Microphone and speaker through sounddevice (PortAudio), never fatal.

Three situations a person can meet, each a status and never a crash:

* no PortAudio at all (Debian's ``libportaudio2`` missing): ``NO_BACKEND``,
  the call sends silence;
* no sound device, or the chosen one does not open: ``NO_DEVICE``, silence
  (or the default device, when another one was chosen);
* a headset unplugged in a call: PortAudio gives no callback for it, so a
  watchdog notices callbacks stopping (``stall_s``, 1.5 s by default: within
  2 s), reports ``STALLED``, switches to the default device or silence, and
  reopens the chosen device when it is listed again.

Device and stream sample rates may differ (44.1 kHz headsets): PyAV's
AudioResampler converts both ways; the call always carries 48 kHz.

Device I/O happens in PortAudio's own threads; they only move bytes in and
out of bounded buffers (200 ms), so a stalled consumer never grows delay.
The ``AudioBackend`` protocol is the seam tests use to stand in for a sound
card this machine does not have.
"""

from __future__ import annotations

import array
import asyncio
import collections
import contextlib
import enum
import fractions
import logging
import math
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import av
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from agentdesk.device_problems import DeviceFault, DeviceProblem
from agentdesk.events import Listeners

log = logging.getLogger(__name__)

RATE = 48_000
PTIME = 0.020
SAMPLES = int(RATE * PTIME)
TIME_BASE = fractions.Fraction(1, RATE)
BUFFER_S = 0.2


def samples_rms(data: bytes) -> float:
    """The RMS level of 16-bit little-endian samples (0 to 32768)."""
    samples = array.array("h", data[: len(data) // 2 * 2])
    if not samples:
        return 0.0
    if sys.byteorder != "little":
        samples.byteswap()
    return math.sqrt(sum(x * x for x in samples) / len(samples))


class AudioStatus(enum.Enum):
    STOPPED = "stopped"
    ACTIVE = "active"
    NO_BACKEND = "no_backend"
    NO_DEVICE = "no_device"
    STALLED = "stalled"
    """The device stopped delivering (unplugged?): fallback in use, waiting for it."""


@dataclass(frozen=True)
class AudioEvent:
    status: AudioStatus
    device: str | None
    problem: DeviceProblem | None


@dataclass(frozen=True)
class AudioDevice:
    name: str
    input_channels: int
    output_channels: int
    samplerate: float
    is_default_input: bool = False
    is_default_output: bool = False


class AudioStream(Protocol):
    def close(self) -> None: ...


class AudioBackend(Protocol):
    """What the engine needs of PortAudio; int16 interleaved samples throughout."""

    def devices(self) -> list[AudioDevice]: ...

    def open_input(
        self, device: str | None, rate: int, channels: int, callback: Callable[[bytes], None]
    ) -> AudioStream: ...

    def open_output(
        self, device: str | None, rate: int, channels: int, callback: Callable[[int], bytes]
    ) -> AudioStream: ...


class SoundDeviceBackend:
    """The real backend.  Construct with :func:`load_backend`."""

    def __init__(self, sd: Any) -> None:
        self._sd = sd

    def devices(self) -> list[AudioDevice]:
        sd = self._sd
        try:
            raw = sd.query_devices()
            default_in, default_out = sd.default.device
        except Exception as exc:
            log.warning("listing sound devices failed: %s", exc)
            return []
        found = []
        for index, info in enumerate(raw):
            found.append(
                AudioDevice(
                    name=str(info["name"]),
                    input_channels=int(info["max_input_channels"]),
                    output_channels=int(info["max_output_channels"]),
                    samplerate=float(info["default_samplerate"]),
                    is_default_input=index == default_in,
                    is_default_output=index == default_out,
                )
            )
        return found

    def open_input(
        self, device: str | None, rate: int, channels: int, callback: Callable[[bytes], None]
    ) -> AudioStream:
        def on_audio(data: Any, frames: int, time_info: Any, status: Any) -> None:
            callback(bytes(data))

        stream = self._sd.RawInputStream(
            device=device, samplerate=rate, channels=channels, dtype="int16", callback=on_audio
        )
        stream.start()
        return stream  # type: ignore[no-any-return]

    def open_output(
        self, device: str | None, rate: int, channels: int, callback: Callable[[int], bytes]
    ) -> AudioStream:
        def on_audio(data: Any, frames: int, time_info: Any, status: Any) -> None:
            data[:] = callback(frames)

        stream = self._sd.RawOutputStream(
            device=device, samplerate=rate, channels=channels, dtype="int16", callback=on_audio
        )
        stream.start()
        return stream  # type: ignore[no-any-return]


def load_backend() -> tuple[AudioBackend | None, DeviceProblem | None]:
    """The PortAudio backend, or None and why not."""
    try:
        import sounddevice
    except OSError as exc:
        return None, DeviceProblem(DeviceFault.NO_PORTAUDIO, detail=str(exc))
    except ImportError as exc:
        return None, DeviceProblem(DeviceFault.NO_SOUNDDEVICE, detail=str(exc))
    return SoundDeviceBackend(sounddevice), None


class _DeviceLink:
    """One end of audio (input or output) kept open against unplugging; see module docstring."""

    kind = "input"

    def __init__(
        self,
        backend: AudioBackend | None,
        device: str | None = None,
        *,
        stall_s: float = 1.5,
        retry_s: float = 2.0,
        backend_problem: DeviceProblem | None = None,
    ) -> None:
        self.backend = backend
        self.device = device
        """The chosen device (None: the system default)."""
        self.stall_s = stall_s
        self.retry_s = retry_s
        self.events: Listeners[AudioEvent] = Listeners()
        self.status = AudioStatus.STOPPED
        self.problem: DeviceProblem | None = None
        """Why the sound is not as chosen, as data: the app words it."""
        self.active_device: str | None = None
        self._backend_problem = backend_problem or DeviceProblem(DeviceFault.NO_AUDIO_SYSTEM)
        self._stream: AudioStream | None = None
        self._last_callback = 0.0
        self._watchdog: asyncio.Task[None] | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        if self._watchdog is not None:
            return
        if self.backend is None:
            self._set_status(AudioStatus.NO_BACKEND, self._backend_problem)
        else:
            self._open_best()
        self._watchdog = asyncio.create_task(self._watch(), name=f"audio-{self.kind}-watchdog")

    async def stop(self) -> None:
        task, self._watchdog = self._watchdog, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._close_stream()
        self._set_status(AudioStatus.STOPPED, None)

    def use_device(self, device: str | None) -> None:
        """Another device, now (the settings changed); a call carries on through it."""
        if device == self.device:
            return
        self.device = device
        if self._watchdog is None or self.backend is None:
            return  # opened at start()
        self._close_stream()
        self._open_best()

    def devices(self) -> list[AudioDevice]:
        if self.backend is None:
            return []
        if self.kind == "input":
            return [d for d in self.backend.devices() if d.input_channels > 0]
        return [d for d in self.backend.devices() if d.output_channels > 0]

    # -- device handling ----------------------------------------------------

    def _open_best(self) -> None:
        """The chosen device, else the default one, else silence."""
        names = [d.name for d in self.devices()]
        candidates: list[str | None] = []
        if self.device is not None and self.device in names:
            candidates.append(self.device)
        if names:
            candidates.append(None)
        problem = DeviceProblem(DeviceFault.NO_AUDIO_DEVICE)
        for candidate in candidates:
            try:
                self._stream = self._open(candidate)
            except Exception as exc:
                problem = DeviceProblem(DeviceFault.AUDIO_WONT_OPEN, candidate, str(exc))
                continue
            self.active_device = candidate
            self._last_callback = time.monotonic()
            if candidate == self.device:
                self._set_status(AudioStatus.ACTIVE, None)
            else:
                missing = DeviceProblem(DeviceFault.AUDIO_MISSING_DEFAULT_USED, self.device)
                self._set_status(AudioStatus.STALLED, missing)
            return
        self.active_device = None
        # Silence goes out instead.
        self._set_status(AudioStatus.NO_DEVICE, problem)

    def _open(self, device: str | None) -> AudioStream:
        raise NotImplementedError

    def _device_rate(self, device: str | None) -> int:
        for info in self.devices():
            if info.name == device or (device is None and self._is_default(info)):
                return int(info.samplerate) or RATE
        return RATE

    def _is_default(self, info: AudioDevice) -> bool:
        return info.is_default_input if self.kind == "input" else info.is_default_output

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.close()
            except Exception as exc:
                log.info("closing audio %s: %s", self.kind, exc)

    def _touch(self) -> None:
        self._last_callback = time.monotonic()

    async def _watch(self) -> None:
        last_retry = time.monotonic()
        while True:
            await asyncio.sleep(0.25)
            if self.backend is None:
                continue
            now = time.monotonic()
            if self._stream is not None and now - self._last_callback > self.stall_s:
                lost = self.active_device
                log.warning("audio %s %s stopped calling back", self.kind, lost or "(default)")
                self._close_stream()
                self._set_status(
                    AudioStatus.STALLED, DeviceProblem(DeviceFault.AUDIO_STOPPED, lost)
                )
                self._open_after_loss(lost_device=self.active_device)
                last_retry = now
            elif self.status != AudioStatus.ACTIVE and now - last_retry >= self.retry_s:
                last_retry = now
                names = [d.name for d in self.devices()]
                back = self.device in names if self.device is not None else bool(names)
                if back and (self.active_device != self.device or self._stream is None):
                    self._close_stream()
                    self._open_best()

    def _open_after_loss(self, lost_device: str | None) -> None:
        # Another device than the one that vanished, else silence until it is back.
        names = [d.name for d in self.devices()]
        for candidate in [None] if lost_device is not None and names else []:
            try:
                self._stream = self._open(candidate)
                self.active_device = candidate
                self._last_callback = time.monotonic()
                self._set_status(
                    AudioStatus.STALLED,
                    DeviceProblem(DeviceFault.AUDIO_LOST_DEFAULT_USED, lost_device),
                )
                return
            except Exception as exc:
                log.info("fallback audio %s failed: %s", self.kind, exc)
        self.active_device = None

    def _set_status(self, status: AudioStatus, problem: DeviceProblem | None) -> None:
        if (status, problem) == (self.status, self.problem):
            return
        self.status = status
        self.problem = problem
        self.events.emit(AudioEvent(status, self.active_device, problem))


class Microphone(_DeviceLink):
    """The microphone, shared by the calls of the day: ``create_track()`` per connection."""

    kind = "input"

    def __init__(
        self, backend: AudioBackend | None, device: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(backend, device, **kwargs)
        self._chunks: collections.deque[tuple[bytes, int]] = collections.deque()
        self._buffered = 0
        self._rate = RATE
        self.muted = False
        """Muted: the call gets silence; the device stays open (no click on unmute)."""
        self._latest: tuple[bytes, float] = (b"", 0.0)
        """The last chunk heard and when: what the level meter reads."""

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def _open(self, device: str | None) -> AudioStream:
        assert self.backend is not None
        rate = self._device_rate(device)
        self._rate = rate
        with self._lock:
            self._chunks.clear()
            self._buffered = 0
        return self.backend.open_input(device, rate, 1, self._on_input)

    def _on_input(self, data: bytes) -> None:
        # PortAudio's thread: keep at most BUFFER_S of sound, drop the oldest.
        self._touch()
        # One reference swapped: the meter reads it from the loop without the lock.
        self._latest = (data, time.monotonic())
        with self._lock:
            self._chunks.append((data, self._rate))
            self._buffered += len(data)
            limit = int(self._rate * BUFFER_S) * 2
            while self._buffered > limit and len(self._chunks) > 1:
                old, _ = self._chunks.popleft()
                self._buffered -= len(old)

    def level(self) -> float:
        """How loud the device hears now, 0 (silence, or no sound coming) to 1
        (full scale): the RMS of the last chunk, mute or not (a level meter
        shows the microphone works).  Computed only when asked: a meter polls
        it a few times a second, the device calls back fifty times."""
        data, when = self._latest
        if self._stream is None or time.monotonic() - when > self.stall_s:
            return 0.0
        return samples_rms(data) / 32768

    def take(self) -> list[tuple[bytes, int]]:
        with self._lock:
            chunks = list(self._chunks)
            self._chunks.clear()
            self._buffered = 0
        # Dropped, not kept: nothing said while muted may go out on unmute.
        return [] if self.muted else chunks

    def create_track(self) -> MicrophoneTrack:
        return MicrophoneTrack(self)


class SoundSource(Protocol):
    """What a MicrophoneTrack reads: the sound captured since the last call."""

    def take(self) -> list[tuple[bytes, int]]:
        """Chunks of mono s16 samples with their rate, oldest first."""
        ...


class MicrophoneTrack(MediaStreamTrack):
    """20 ms frames of 48 kHz mono, paced by the clock; silence when the microphone is quiet."""

    kind = "audio"

    def __init__(self, microphone: SoundSource) -> None:
        super().__init__()
        self._mic = microphone
        self._start: float | None = None
        self._pts = 0
        self._pending = bytearray()
        self._resampler: Any = None
        self._resampler_rate = 0

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
            elif delay < -BUFFER_S:
                # The loop stalled: resynchronise rather than send a burst of old audio.
                self._start = time.monotonic() - self._pts / RATE
        for data, rate in self._mic.take():
            self._pending += self._resample(data, rate)
        need = SAMPLES * 2
        if len(self._pending) > int(RATE * BUFFER_S) * 2:
            del self._pending[: len(self._pending) - need]
        if len(self._pending) >= need:
            chunk = bytes(self._pending[:need])
            del self._pending[:need]
        else:
            chunk = bytes(need)
        frame = av.AudioFrame(format="s16", layout="mono", samples=SAMPLES)
        frame.planes[0].update(chunk)
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = TIME_BASE
        return frame

    def _resample(self, data: bytes, rate: int) -> bytes:
        if rate == RATE:
            return data
        if self._resampler is None or self._resampler_rate != rate:
            self._resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            self._resampler_rate = rate
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(data) // 2)
        frame.planes[0].update(data)
        frame.sample_rate = rate
        out = bytearray()
        for converted in self._resampler.resample(frame):
            out += bytes(converted.planes[0])[: converted.samples * 2]
        return bytes(out)


class Speaker(_DeviceLink):
    """Plays the other end's audio: give ``push`` to ``CallSession.add_audio_consumer``."""

    kind = "output"

    def __init__(
        self, backend: AudioBackend | None, device: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(backend, device, **kwargs)
        self._buffer = bytearray()
        self._rate = RATE
        self._resampler: Any = None
        self.frames_played = 0
        self.frames_dropped = 0

    def _open(self, device: str | None) -> AudioStream:
        assert self.backend is not None
        rate = self._device_rate(device)
        with self._lock:
            self._rate = rate
            self._resampler = av.AudioResampler(format="s16", layout="stereo", rate=rate)
            self._buffer.clear()
        return self.backend.open_output(device, rate, 2, self._on_output)

    def push(self, frame: Any) -> None:
        """Called on the loop with each remote audio frame; never blocks."""
        if self._stream is None or self._resampler is None:
            self.frames_dropped += 1
            return
        data = bytearray()
        for converted in self._resampler.resample(frame):
            data += bytes(converted.planes[0])[: converted.samples * 4]
        with self._lock:
            self._buffer += data
            limit = int(self._rate * BUFFER_S) * 4
            if len(self._buffer) > limit:
                # Behind: drop the oldest sound rather than let delay grow.
                del self._buffer[: len(self._buffer) - limit]
                self.frames_dropped += 1
        self.frames_played += 1

    def _on_output(self, frames: int) -> bytes:
        self._touch()
        need = frames * 4
        with self._lock:
            chunk = bytes(self._buffer[:need])
            del self._buffer[:need]
        return chunk + bytes(need - len(chunk))
