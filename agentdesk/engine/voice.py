"""Voice first on a lossy line: Opus FEC, concealment and a jitter buffer aiortc lacks.

aiortc 1.16 hands each audio packet to FFmpeg's Opus decoder as it comes:
a lost packet leaves a hole in the sound (no concealment, no use of the
redundancy the next packet carries), and its audio jitter buffer, on the
first gap, waits for 16 packets before moving on and stays 300 ms behind
from then on.  This module replaces both, per receiver:

* :class:`AudioJitterBuffer` releases packets in sequence order.  At a gap it
  waits for ``hold`` packets past the hole (a reordered packet may still
  come) and then moves on; a packet arriving after its turn is counted late.
  ``hold`` grows by one each time a packet comes late (reordering seen on the
  path) up to ``MAX_HOLD`` and shrinks back after a quiet spell, so the
  delay it adds follows the path.  Everything it releases at once goes to
  the decoder as one :class:`AudioBundle`.
* :class:`FecOpusDecoder` sees the holes in the RTP timestamps and fills each
  one: the last missing frame from the FEC data of the packet after it
  (when that packet has some: :func:`~agentdesk.engine.opus.has_lbrr`), the
  others by packet-loss concealment.  A hole longer than ``MAX_CONCEAL_S``
  (the line was cut) is not filled with synthetic sound: it is counted
  missing and playback resumes with the next packet.
* :class:`VoiceCounters` counts all of it, per receiver, read by the
  session's statistics (``CallStats.audio``).

On the sending side :class:`FecOpusEncoder` encodes mono voice with in-band
FEC sized for the loss the other end reports (``SendPolicy.opus_loss_pct``).
"""

from __future__ import annotations

import dataclasses
import fractions
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

import av
from aiortc.jitterbuffer import JitterFrame

from . import jitter, opus

log = logging.getLogger(__name__)

TIME_BASE = fractions.Fraction(1, opus.RATE)
MAX_HOLD = 6
"""Packets waited for past a hole at most (120 ms of reordering)."""
MAX_CONCEAL_S = 0.5
_QUIET_PACKETS = 500
"""Packets without a late one before ``hold`` shrinks by one (10 s of voice)."""


@dataclass
class VoiceCounters:
    """Cumulative 20 ms frames of one incoming audio stream.

    Written by the decoder thread and the event loop (one writer each per
    field), read anywhere: plain ints.
    """

    decoded: int = 0
    """Frames decoded from the packet that carried them."""
    recovered: int = 0
    """Frames lost on the way and rebuilt from the next packet's FEC data."""
    concealed: int = 0
    """Frames lost and replaced by packet-loss concealment."""
    missing: int = 0
    """Frames lost in a hole too long to conceal (a cut line): silence."""
    late: int = 0
    """Packets that came after their turn had passed (dropped, then concealed)."""
    hold: int = 1
    """Packets the jitter buffer currently waits for past a hole."""
    caught_up: int = 0
    """Quiet frames skipped to bring the speaker's queue back to its target (playout.py)."""

    @property
    def played(self) -> int:
        """Frames decoded, recovered or concealed (``caught_up`` of them then skipped)."""
        return self.decoded + self.recovered + self.concealed

    def snapshot(self) -> VoiceCounters:
        return dataclasses.replace(self)


class AudioBundle(JitterFrame):
    """Packets released together: ``items`` of (RTP timestamp, payload), in order."""

    def __init__(self, items: list[tuple[int, bytes]], counters: VoiceCounters) -> None:
        super().__init__(data=items[0][1], timestamp=items[0][0])
        self.first_timestamp = items[0][0]
        self.items = items
        self.counters = counters


@dataclass
class AudioJitterBuffer:
    """Drop-in for aiortc's audio JitterBuffer (same ``add``); see the module docstring."""

    counters: VoiceCounters = field(default_factory=VoiceCounters)
    capacity: int = 64
    """Packets held at most: beyond, the oldest hole is given up at once."""
    _next: int | None = None
    _last_seq: int | None = None
    _held: dict[int, tuple[int, bytes]] = field(default_factory=dict)
    _since_late: int = 0

    def _unwrap(self, seq16: int) -> int:
        if self._last_seq is None:
            self._last_seq = seq16
            return seq16
        delta = (seq16 - self._last_seq) & 0xFFFF
        if delta >= 0x8000:
            delta -= 0x10000
        seq = self._last_seq + delta
        self._last_seq = max(self._last_seq, seq)
        return seq

    def add(self, packet: Any) -> tuple[bool, JitterFrame | None]:
        seq = self._unwrap(packet.sequence_number)
        data: bytes = getattr(packet, "_data", packet.payload)
        counters = self.counters
        if self._next is None or seq - self._next > 3000 or self._next - seq > 3000:
            # First packet, or the sender started over: follow it.
            self._held.clear()
            self._next = seq
        if seq < self._next:
            counters.late += 1
            counters.hold = min(MAX_HOLD, counters.hold + 1)
            self._since_late = 0
            return False, None
        self._since_late += 1
        if self._since_late >= _QUIET_PACKETS and counters.hold > 1:
            counters.hold -= 1
            self._since_late = 0
        self._held[seq] = (packet.timestamp, data)
        released: list[tuple[int, bytes]] = []
        while self._held:
            if self._next in self._held:
                released.append(self._held.pop(self._next))
                self._next += 1
                continue
            beyond = max(self._held) - self._next
            if beyond < counters.hold and len(self._held) < self.capacity:
                break
            # Give the hole up: the decoder fills it from the timestamps.
            self._next = min(self._held)
        if not released:
            return False, None
        return False, AudioBundle(released, counters)


class FecOpusDecoder:
    """aiortc ``Decoder`` for Opus that fills holes; see the module docstring."""

    def __init__(self) -> None:
        self._decoder = opus.Decoder()
        self._last_ts: int | None = None
        self._last_samples = opus.FRAME_SAMPLES
        self._own_counters = VoiceCounters()

    def decode(self, encoded_frame: JitterFrame) -> list[av.AudioFrame]:
        if isinstance(encoded_frame, AudioBundle):
            # The receiver maps the first timestamp to the track's clock; keep
            # the others at the same distance.
            shift = encoded_frame.timestamp - encoded_frame.first_timestamp
            items = [((ts + shift) & 0xFFFFFFFF, data) for ts, data in encoded_frame.items]
            counters = encoded_frame.counters
        else:
            items = [(encoded_frame.timestamp, encoded_frame.data)]
            counters = self._own_counters
        frames: list[av.AudioFrame] = []
        for timestamp, data in items:
            frames += self._decode_one(timestamp, data, counters)
        return frames

    def _decode_one(self, timestamp: int, data: bytes, counters: VoiceCounters) -> list[Any]:
        frames = []
        step = self._last_samples
        if self._last_ts is not None:
            gap = ((timestamp - self._last_ts) & 0xFFFFFFFF) - step
            if gap >= 0x80000000:
                return []  # older than what was already played
            lost = gap // step if gap > 0 else 0
            if 0 < lost * step <= MAX_CONCEAL_S * opus.RATE:
                start = (self._last_ts + step) & 0xFFFFFFFF
                for index in range(lost - 1):
                    pcm = self._decoder.conceal(step)
                    frames.append(_frame(pcm, start + index * step))
                    counters.concealed += 1
                pcm = self._decoder.recover(data, step)
                frames.append(_frame(pcm, start + (lost - 1) * step))
                if opus.has_lbrr(data):
                    counters.recovered += 1
                else:
                    counters.concealed += 1
            elif lost > 0:
                counters.missing += lost
        if not data:
            return frames
        try:
            pcm = self._decoder.decode(data)
        except opus.OpusError as exc:
            log.debug("undecodable Opus packet: %s", exc)
            pcm = self._decoder.conceal(step)
            counters.concealed += 1
        else:
            counters.decoded += 1
        frames.append(_frame(pcm, timestamp))
        self._last_ts = timestamp
        self._last_samples = len(pcm) // (2 * opus.Decoder.CHANNELS) or step
        return frames


def _frame(pcm: bytes, timestamp: int) -> Any:
    samples = len(pcm) // (2 * opus.Decoder.CHANNELS)
    frame = av.AudioFrame(format="s16", layout="stereo", samples=samples)
    frame.planes[0].update(pcm)
    frame.sample_rate = opus.RATE
    frame.pts = timestamp
    frame.time_base = TIME_BASE
    return frame


class FecOpusEncoder:
    """aiortc ``Encoder`` for Opus: mono voice, in-band FEC; rates from the send policy."""

    def __init__(self, policy: Any) -> None:
        self._policy = policy
        self._encoder = opus.Encoder(policy.opus_bps, policy.opus_loss_pct)
        self._resampler = av.AudioResampler(
            format="s16", layout="mono", rate=opus.RATE, frame_size=opus.FRAME_SAMPLES
        )
        self._timestamp = 0
        self._lock = threading.Lock()

    @property
    def bitrate_bps(self) -> int:
        """The bitrate the encoder runs at (set on the first frame)."""
        return self._encoder.bitrate_bps

    @property
    def loss_pct(self) -> int:
        """The loss its FEC is sized for."""
        return self._encoder.loss_pct

    def encode(self, frame: Any, force_keyframe: bool = False) -> tuple[list[bytes], int | None]:
        with self._lock:
            self._encoder.configure(self._policy.opus_bps, self._policy.opus_loss_pct)
            payloads = []
            first: int | None = None
            for chunk in self._resampler.resample(frame):
                pcm = bytes(chunk.planes[0])[: opus.FRAME_SAMPLES * 2]
                if len(pcm) < opus.FRAME_SAMPLES * 2:
                    continue
                payloads.append(self._encoder.encode(pcm))
                if first is None:
                    first = self._timestamp
                self._timestamp += opus.FRAME_SAMPLES
            return payloads, first

    def pack(self, packet: Any) -> tuple[list[bytes], int]:
        raise NotImplementedError("the engine encodes raw audio frames only")


class FecSizer:
    """The loss Opus's FEC is sized for: the other end's reports, smoothed, floor 5 %.

    The floor means the first losses of a call are already covered; FEC
    costs a few kbit/s of the voice's own rate, never more bandwidth.
    """

    def __init__(self) -> None:
        self._average = 0.0

    def update(self, reported_pct: float | None) -> int:
        reported = reported_pct or 0.0
        self._average = 0.8 * self._average + 0.2 * reported
        return max(5, min(30, round(1.5 * max(reported, self._average))))


def install_receiver(receiver: Any) -> VoiceCounters | None:
    """Gives an audio RTCRtpReceiver our jitter buffer; returns its counters."""
    buffer = jitter.replace_buffer(receiver, AudioJitterBuffer, AudioJitterBuffer)
    return buffer.counters if buffer is not None else None
