"""Outgoing bitrates and picture size under the session's control.

aiortc gives no API for either: the VP8/H.264 encoders follow the receiver's
bandwidth estimate (REMB) between fixed bounds (VP8: 250 kbit/s to
1.5 Mbit/s) and Opus is fixed at 96 kbit/s.  On a 2 Mbit/s line shared with
documents that is too much.  The sender asks ``aiortc.rtcrtpsender.get_encoder``
for its encoder when the first frame goes out; :func:`install` wraps that one
function (idempotent).  Inside :func:`send_policy` the wrapper returns
encoders that obey a :class:`SendPolicy`:

* video: the bitrate is ``min(receiver estimate, policy cap)``, the cap being
  the configured ceiling or a lower budget while a document transfers, and a
  token bucket skips frames when the encoder overshoots it (:class:`BitrateBucket`); the
  picture is scaled down by ``policy.scale`` before encoding (in the encoder's
  worker thread, off the event loop); encode time is measured so the
  adaptation can step down before the encoder falls behind.
* Opus: mono voice at ``policy.opus_bps`` instead of 96 kbit/s, with in-band
  FEC sized for ``policy.opus_loss_pct`` (voice.py, through libopus).

Decoders have no such scope (aiortc creates them in its decoder threads):
:func:`install` also makes every Opus decoder of the process the one of
voice.py, which conceals lost packets and uses the FEC of the next one.

Outside the scope aiortc's own encoders are used unchanged.  The scope is a
context variable: the sender's tasks are created inside
``setLocalDescription``/``setRemoteDescription`` and inherit it.
"""

from __future__ import annotations

import contextlib
import contextvars
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiortc
import aiortc.rtcrtpreceiver
import aiortc.rtcrtpsender
import av
from aiortc.codecs.h264 import H264Encoder
from aiortc.codecs.vpx import Vp8Encoder, number_of_threads
from aiortc.mediastreams import VIDEO_TIME_BASE, convert_timebase
from av.video.reformatter import VideoReformatter

from .voice import FecOpusDecoder, FecOpusEncoder

_policy: contextvars.ContextVar[SendPolicy | None] = contextvars.ContextVar(
    "agentdesk_send_policy", default=None
)
_MARK = "_agentdesk_policy"

# Below this the picture is mush; the adaptation pauses video instead.
MIN_VIDEO_BPS = 60_000
ESTIMATE_DROP = 0.9
"""An estimate below this share of the previous one reports congestion."""
FLOOR_SETTLE_S = 1.0
"""After a lift, the queue a document left drains: drops in this time are its."""


@dataclass
class SendPolicy:
    """What the session wants from its encoders; read by them on every frame.

    Written on the event loop, read in encoder threads: plain attribute
    assignments, each atomic under the GIL, so no lock for the settings; the
    measurements have one.
    """

    max_video_bps: int = 600_000
    opus_bps: int = 40_000
    opus_loss_pct: int = 5
    """The loss Opus's in-band FEC is sized for (the other end's reports, a floor of 5)."""
    budget_bps: int | None = None
    """A lower ceiling while something else needs the line (a document in transfer)."""
    adapt_bps: int | None = None
    """The adaptation's own ceiling (lowered when the link is short)."""
    scale: float = 1.0
    """Picture size factor applied before encoding (1.0, 0.5...)."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _encode_s: float = 0.0
    _estimate_bps: int | None = None
    _frames: int = 0
    _skipped: int = 0
    _last_size: tuple[int, int] = (0, 0)
    _floor_bps: int | None = None
    _floor_since: float = 0.0
    clear_line_bps: int | None = None
    """While our own view of the line says it is clear (adaptation.LineTrend), the
    other end's estimate counts as at least this: aiortc's receive-side estimator
    reads jitter as congestion and would take video down to a still picture on an
    empty line.  None: the line is congested, its estimate is followed all the way."""

    def video_cap_bps(self) -> int:
        cap = self.max_video_bps
        for limit in (self.budget_bps, self.adapt_bps):
            if limit is not None:
                cap = min(cap, limit)
        return max(MIN_VIDEO_BPS, cap)

    def ceiling_bps(self) -> int:
        """The configured ceiling, lowered by a document's budget but not by the
        adaptation's own step ceiling: what the adaptation measures steps against
        (against its own, a step that overshoots could never climb back)."""
        cap = self.max_video_bps
        if self.budget_bps is not None:
            cap = min(cap, self.budget_bps)
        return max(MIN_VIDEO_BPS, cap)

    def record_encode(self, seconds: float, size: tuple[int, int]) -> None:
        with self._lock:
            # Exponential average over roughly the last ten frames.
            self._encode_s = seconds if self._frames == 0 else 0.9 * self._encode_s + 0.1 * seconds
            self._frames += 1
            self._last_size = size

    def record_skip(self) -> None:
        with self._lock:
            self._skipped += 1

    @property
    def frames_skipped(self) -> int:
        """Frames not encoded because the video was over its cap."""
        return self._skipped

    def record_estimate(self, bps: int) -> None:
        """A new estimate (REMB) from the other end; on the event loop."""
        floor, previous = self._floor_bps, self._estimate_bps
        if floor is not None and (
            bps >= floor
            or (
                previous is not None
                and bps < ESTIMATE_DROP * previous
                and time.monotonic() - self._floor_since >= FLOOR_SETTLE_S
            )
        ):
            # Caught up, or fresh congestion after the lift: its own word again.
            self._floor_bps = None
        self._estimate_bps = bps

    def lift_estimate(self, bps: int | None) -> None:
        """Counts the other end's estimate as at least ``bps`` until it drops again.

        Its estimate falls fast (to 85 % of what it receives) when a document
        fills the line, but climbs back slowly (a few percent a second, and
        never above one and a half times what it receives): after the
        document the video would take tens of seconds to return, the line
        free.  Lifted, it returns at once; an estimate that falls again
        (fresh congestion, not the document's) ends the lift.
        """
        self._floor_bps = bps
        self._floor_since = time.monotonic()

    def lifted(self, estimate_bps: int) -> int:
        """The estimate as followed: lifted after a document, held up while the line is clear."""
        return max(estimate_bps, self._floor_bps or 0, self.clear_line_bps or 0)

    @property
    def encode_seconds(self) -> float:
        """Average time to encode one frame, seconds (0 before the first)."""
        return self._encode_s

    @property
    def receiver_estimate_bps(self) -> int | None:
        """The other end's bandwidth estimate (REMB), when it sent one (lifted)."""
        estimate = self._estimate_bps
        return None if estimate is None else self.lifted(estimate)

    @property
    def frames_encoded(self) -> int:
        return self._frames

    @property
    def encoded_size(self) -> tuple[int, int]:
        return self._last_size


def _even(value: float) -> int:
    return max(2, int(value) // 2 * 2)


class _VideoPolicyMixin:
    """Overrides aiortc's ``target_bitrate`` and scales frames; see the module docstring."""

    _policy: SendPolicy
    _estimate: int
    _scaler: VideoReformatter

    def _init_policy(self, policy: SendPolicy, initial_bps: int) -> None:
        self._policy = policy
        self._estimate = initial_bps
        # Our own scaler: ``frame.reformat`` caches one on the frame, and camera
        # frames are shared between threads (preview, other calls).
        self._scaler = VideoReformatter()
        self._bucket = BitrateBucket()
        self._key_pending = False
        self._overshoot = OvershootMeter()
        self._rung = 0

    @property
    def target_bitrate(self) -> int:
        # What libvpx is asked for: the wanted rate divided by how much it has
        # been overshooting, so that what it sends is the wanted rate; on a
        # ladder of rates, because each change restarts the encoder (a keyframe).
        wanted = min(self._policy.lifted(self._estimate), self._policy.video_cap_bps())
        self._overshoot.retarget(wanted)
        self._rung = ladder_rung(wanted / self._overshoot.ratio, self._rung)
        return self._rung

    @target_bitrate.setter
    def target_bitrate(self, bitrate: int) -> None:
        # Called by the sender with the receiver's estimate (REMB).
        self._estimate = bitrate
        self._policy.record_estimate(bitrate)

    def _encode_with_policy(
        self, encode: Callable[[Any, bool], tuple[list[bytes], int]], frame: Any, key: bool
    ) -> tuple[list[bytes], int]:
        started = time.perf_counter()
        # The bucket holds the encoder to the other end's estimate too: libvpx
        # follows a lower target only after a restart and a few frames.
        estimate = self._policy.lifted(self._estimate)
        cap = min(self._policy.video_cap_bps(), max(MIN_VIDEO_BPS, estimate))
        if not self._bucket.allows(started, cap):
            # Over the cap: this frame is not encoded at all (the encoder's
            # references stay whole), a keyframe asked for goes with the next.
            self._key_pending = self._key_pending or key
            self._policy.record_skip()
            self._overshoot.skipped()
            return [], 0
        key, self._key_pending = key or self._key_pending, False
        scale = self._policy.scale
        if scale < 0.999:
            frame = self._scaler.reformat(
                frame,
                width=_even(frame.width * scale),
                height=_even(frame.height * scale),
                format="yuv420p",
            )
        asked = self.target_bitrate
        payloads, timestamp = encode(frame, key)
        result = payloads, timestamp
        bits = sum(len(p) for p in payloads) * 8
        self._bucket.spend(bits)
        self._overshoot.record(started, bits, asked)
        self._policy.record_encode(time.perf_counter() - started, (frame.width, frame.height))
        return result


class OvershootMeter:
    """How many times its target the encoder sends, in steps of 15 %.

    libvpx holds its target (596 kbit/s asked 600 on testsrc2 at 640x480,
    30 fps) until its largest quantizer costs more than the target (there,
    about 330 kbit/s: asked 200 it sends that): a step down in picture size
    or rate is the answer then.  The
    ratio starts at ``initial`` and moves one step per ``window_s`` toward
    what is measured; it moves only by whole steps because aiortc restarts
    the encoder (a keyframe) on every target change over 10 %.  Frames
    skipped by the token bucket mean the encoder still sends too much: up.
    Skipping itself is no fix: the encoder budgets the next frame by the
    time since the last one, so skipped frames make the next one bigger.
    (The keyframe after each restart alone skips a few: under 10 % is ignored.)
    """

    STEP = 1.15
    MAX = 4.0
    RETARGET = 1.5
    """A ratio learnt at a rate this many times lower is forgotten."""

    def __init__(self, initial: float = 1.0, window_s: float = 2.0) -> None:
        self.window_s = window_s
        self.ratio = initial
        self._began: float | None = None
        self._bits = 0
        self._skipped = 0
        self._frames = 0
        self._learnt_at = float("inf")

    def skipped(self) -> None:
        self._skipped += 1

    def retarget(self, wanted_bps: float) -> None:
        """A ratio learnt at a much lower rate (a document's budget, a line's
        collapse: the quantizer at its limit) does not hold at this one."""
        if self.ratio > 1.0 and wanted_bps > self.RETARGET * self._learnt_at:
            self.ratio = 1.0
            self._began, self._bits, self._frames, self._skipped = None, 0, 0, 0
        if self.ratio <= 1.0 or wanted_bps < self._learnt_at:
            self._learnt_at = wanted_bps

    def record(self, now: float, bits: int, asked_bps: int) -> None:
        if self._began is None:
            self._began = now
        self._bits += bits
        self._frames += 1
        elapsed = now - self._began
        if elapsed < self.window_s:
            return
        measured = self._bits / elapsed / max(1, asked_bps)
        skipping = self._skipped > 0.1 * (self._frames + self._skipped)
        self._began, self._bits, self._frames, self._skipped = now, 0, 0, 0
        if skipping or measured > self.ratio * self.STEP:
            self.ratio = min(self.MAX, self.ratio * self.STEP)
        elif measured * self.ratio < 1 / self.STEP:
            # Under the wanted rate by a step: ask for more.
            self.ratio = max(1.0, self.ratio / self.STEP)


class BitrateBucket:
    """Keeps what the encoder sends under the cap over any window of a few seconds.

    libvpx's rate control misses its target on detailed pictures (about twice
    the target on testsrc2) and every keyframe is a burst.  The bucket fills
    at the cap, holds at most ``depth_s`` of it, and a frame is encoded only
    while it is not in debt: over any window of T seconds the video sent
    stays under cap x (T + depth_s) plus one frame.
    """

    def __init__(self, depth_s: float = 0.25) -> None:
        self.depth_s = depth_s
        self._tokens = 0.0
        self._at: float | None = None

    def allows(self, now: float, cap_bps: int) -> bool:
        if self._at is None:
            self._tokens = cap_bps * self.depth_s
        else:
            self._tokens = min(
                cap_bps * self.depth_s, self._tokens + cap_bps * max(0.0, now - self._at)
            )
        self._at = now
        return self._tokens > 0

    def spend(self, bits: int) -> None:
        self._tokens -= bits


class PolicyVp8Encoder(_VideoPolicyMixin, Vp8Encoder):
    """aiortc's VP8 encoder with keyframes kept small and fewer restarts.

    aiortc's own lets a keyframe be as big as it likes (40 kB at 640x480: a
    burst no DSL modem queue holds, and the delay-based estimate on the other
    side reads it as congestion) and restarts the encoder, with a keyframe,
    on every change of its target over 10 %: on a line whose estimate moves,
    a keyframe storm.  Here a keyframe is capped at three frames' budget
    (libvpx's rc_max_intra_bitrate_pct, as libwebrtc sets it) and the target
    moves on a ladder (:func:`ladder_rung`).  Only the keyframes asked for
    are keyframes (:func:`_typed`).
    """

    def __init__(self, policy: SendPolicy) -> None:
        super().__init__()
        self._init_policy(policy, policy.max_video_bps)
        self._codec_key: tuple[int, int, int] | None = None

    def encode(self, frame: Any, force_keyframe: bool = False) -> tuple[list[bytes], int]:
        return self._encode_with_policy(self._encode_vp8, frame, force_keyframe)

    def _encode_vp8(self, frame: Any, force_keyframe: bool) -> tuple[list[bytes], int]:
        if frame.format.name != "yuv420p":
            frame = frame.reformat(format="yuv420p")
        target = self.target_bitrate
        key = (frame.width, frame.height, target)
        if self.codec is None or key != self._codec_key:
            self.codec = _open_vp8(frame.width, frame.height, target)
            self._codec_key = key
        packets = self.codec.encode(_typed(frame, force_keyframe))
        data = b"".join(bytes(packet) for packet in packets)
        payloads = self._packetize(data, self.picture_id)
        self.picture_id = (self.picture_id + 1) % (1 << 15)
        return payloads, convert_timebase(frame.pts, frame.time_base, VIDEO_TIME_BASE)


def _typed(frame: Any, keyframe: bool) -> Any:
    """``frame`` flagged for libvpx: a keyframe only when one is asked for.

    Decoded pictures (a camera's MJPEG, FFmpeg's testsrc2) come flagged as
    type I, and FFmpeg's libvpx wrapper turns that flag into a forced
    keyframe: every frame was a keyframe, twice the bitrate asked for
    (aiortc's own VP8 encoder has this bug; its H.264 one resets the flag).
    Camera frames are shared between calls and threads: a keyframe is
    flagged on a copy, so that no other encoder reads the flag.
    """
    if not keyframe:
        frame.pict_type = av.video.frame.PictureType.NONE
        return frame
    copy = av.VideoFrame(frame.width, frame.height, frame.format.name)
    for mine, theirs in zip(copy.planes, frame.planes, strict=True):
        mine.update(theirs)
    copy.pts, copy.time_base = frame.pts, frame.time_base
    copy.pict_type = av.video.frame.PictureType.I
    return copy


def _open_vp8(width: int, height: int, bitrate: int) -> Any:
    """aiortc's libvpx settings (real-time CBR), plus a cap on keyframe size."""
    codec = av.CodecContext.create("libvpx", "w")
    codec.width, codec.height = width, height
    codec.bit_rate = bitrate
    codec.pix_fmt = "yuv420p"
    codec.gop_size = 3000
    codec.qmin, codec.qmax = 2, 56
    codec.options = {
        "bufsize": str(bitrate),
        "cpu-used": "-6",
        "deadline": "realtime",
        "lag-in-frames": "0",
        "minrate": str(bitrate),
        "maxrate": str(bitrate),
        "max-intra-rate": "300",
        "noise-sensitivity": "4",
        "overshoot-pct": "15",
        "partitions": "0",
        "static-thresh": "1",
        "undershoot-pct": "100",
    }
    codec.thread_count = number_of_threads(width * height, multiprocessing.cpu_count())
    return codec


LADDER_STEP = 1.25


def ladder_rung(wanted_bps: float, current: int) -> int:
    """The encoder's target: rungs 25 % apart, moved down at once, up only past the next."""
    rung = 60_000
    while rung * LADDER_STEP <= wanted_bps:
        rung = int(rung * LADDER_STEP)
    if current and rung > current and wanted_bps < current * LADDER_STEP * 1.1:
        return current  # not clearly past the next rung yet
    return rung


class PolicyH264Encoder(_VideoPolicyMixin, H264Encoder):
    def __init__(self, policy: SendPolicy) -> None:
        super().__init__()
        self._init_policy(policy, policy.max_video_bps)

    def encode(self, frame: Any, force_keyframe: bool = False) -> tuple[list[bytes], int]:
        return self._encode_with_policy(super().encode, frame, force_keyframe)


def video_codecs(wanted: str) -> list[Any]:
    """aiortc's video codecs, ``wanted`` (VP8, H264) first, RTX last."""
    wanted = wanted.lower()
    codecs = aiortc.RTCRtpSender.getCapabilities("video").codecs
    first = [c for c in codecs if c.name.lower() == wanted]
    rest = [c for c in codecs if c.name.lower() not in (wanted, "rtx")]
    rtx = [c for c in codecs if c.name.lower() == "rtx"]
    return first + rest + rtx


def install() -> None:
    """Wraps aiortc's encoder factory once per process; later calls do nothing."""
    current = aiortc.rtcrtpsender.get_encoder  # type: ignore[attr-defined]
    if getattr(current, _MARK, False):
        return
    original: Callable[[Any], Any] = current

    def get_encoder(codec: Any) -> Any:
        policy = _policy.get()
        if policy is None:
            return original(codec)
        mime = codec.mimeType.lower()
        if mime == "video/vp8":
            return PolicyVp8Encoder(policy)
        if mime == "video/h264":
            return PolicyH264Encoder(policy)
        if mime == "audio/opus":
            return FecOpusEncoder(policy)
        return original(codec)

    original_decoder: Callable[[Any], Any] = aiortc.rtcrtpreceiver.get_decoder  # type: ignore[attr-defined]

    def get_decoder(codec: Any) -> Any:
        if codec.mimeType.lower() == "audio/opus":
            return FecOpusDecoder()
        return original_decoder(codec)

    setattr(get_encoder, _MARK, True)
    aiortc.rtcrtpsender.get_encoder = get_encoder  # type: ignore[attr-defined]
    aiortc.rtcrtpreceiver.get_decoder = get_decoder  # type: ignore[attr-defined]


@contextlib.contextmanager
def send_policy(policy: SendPolicy | None) -> Iterator[None]:
    """Encoders created by senders started inside this block obey ``policy``."""
    install()
    token = _policy.set(policy)
    try:
        yield
    finally:
        _policy.reset(token)
