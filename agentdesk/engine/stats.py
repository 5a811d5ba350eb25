"""One statistics sample per second, from aiortc's getStats and our own counters."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from .voice import VoiceCounters

_CLOCK_RATE = {"audio": 48_000, "video": 90_000}


@dataclass(frozen=True)
class CallStats:
    """What a call looks like over the last interval.  None: not known yet."""

    generation: int
    at: float
    """Wall-clock time of the sample (Unix seconds)."""
    rtt_ms: float | None = None
    loss_in_pct: float = 0.0
    """Packets from the other end lost on the way, over the interval."""
    loss_out_pct: float | None = None
    """Our packets the other end reports lost (its last report)."""
    jitter_ms: float | None = None
    """Inter-arrival jitter of the incoming audio (video if no audio)."""
    kbps_in: float = 0.0
    kbps_out: float = 0.0
    video_kbps_out: float = 0.0
    fps_in: float = 0.0
    fps_out: float = 0.0
    video_size_out: tuple[int, int] = (0, 0)
    video_level: str = ""
    """The adaptation step in force (see adaptation.py)."""
    receiver_estimate_kbps: float | None = None
    packets_received: int = 0
    """Everything received on the connection so far (media, RTCP, data): dead-path detection."""
    audio: VoiceCounters | None = None
    """The incoming voice so far (frames decoded, rebuilt by FEC, concealed...); None
    before the first packet or with an aiortc whose receiver could not be fitted."""
    audio_concealed_pct: float = 0.0
    """Share of the interval's played voice frames that were concealed, not heard."""


@dataclass
class _Counters:
    at: float = field(default_factory=time.monotonic)
    bytes_in: int = 0
    bytes_out: int = 0
    video_bytes_out: int = 0
    frames_in: int = 0
    frames_out: int = 0
    packets_in: dict[str, int] = field(default_factory=dict)
    lost_in: dict[str, int] = field(default_factory=dict)


class StatsSampler:
    """Turns cumulative counters into per-interval rates, for one peer connection."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self._previous: _Counters | None = None
        self._previous_audio: VoiceCounters | None = None

    def sample(
        self,
        report: Any,
        *,
        frames_in: int,
        frames_out: int,
        video_size_out: tuple[int, int] = (0, 0),
        video_level: str = "",
        receiver_estimate_bps: int | None = None,
        voice: VoiceCounters | None = None,
    ) -> CallStats:
        now = _Counters(frames_in=frames_in, frames_out=frames_out)
        audio = voice.snapshot() if voice is not None else None
        rtt: list[float] = []
        loss_out: list[float] = []
        jitter: dict[str, float] = {}
        for stats in report.values():
            kind = getattr(stats, "kind", "")
            if stats.type == "transport":
                now.bytes_in += stats.bytesReceived
                now.bytes_out += stats.bytesSent
                packets = stats.packetsReceived
                now.packets_in["transport"] = now.packets_in.get("transport", 0) + packets
            elif stats.type == "outbound-rtp" and kind == "video":
                now.video_bytes_out += stats.bytesSent
            elif stats.type == "inbound-rtp":
                key = f"{kind}:{stats.ssrc}"
                now.packets_in[key] = stats.packetsReceived
                now.lost_in[key] = stats.packetsLost
                if stats.jitter is not None:
                    jitter[kind] = 1000.0 * stats.jitter / _CLOCK_RATE.get(kind, 90_000)
            elif stats.type == "remote-inbound-rtp":
                if stats.roundTripTime is not None:
                    rtt.append(1000.0 * stats.roundTripTime)
                if stats.fractionLost is not None:
                    loss_out.append(100.0 * stats.fractionLost / 256.0)
        before = self._previous or _Counters(at=now.at - 1.0)
        self._previous = now
        concealed_pct = 0.0
        if audio is not None:
            last = self._previous_audio or VoiceCounters()
            played = audio.played - last.played
            if played > 0:
                concealed_pct = 100.0 * (audio.concealed - last.concealed) / played
            self._previous_audio = audio
        elapsed = max(now.at - before.at, 1e-3)
        received = lost = 0
        for key, packets in now.packets_in.items():
            if key == "transport":
                continue
            received += packets - before.packets_in.get(key, 0)
            lost += now.lost_in.get(key, 0) - before.lost_in.get(key, 0)
        expected = received + max(lost, 0)
        return CallStats(
            generation=self.generation,
            at=time.time(),
            rtt_ms=max(rtt) if rtt else None,
            loss_in_pct=100.0 * max(lost, 0) / expected if expected > 0 else 0.0,
            loss_out_pct=max(loss_out) if loss_out else None,
            jitter_ms=jitter.get("audio", jitter.get("video")),
            kbps_in=8 * (now.bytes_in - before.bytes_in) / elapsed / 1000.0,
            kbps_out=8 * (now.bytes_out - before.bytes_out) / elapsed / 1000.0,
            video_kbps_out=8 * (now.video_bytes_out - before.video_bytes_out) / elapsed / 1000.0,
            fps_in=(now.frames_in - before.frames_in) / elapsed,
            fps_out=(now.frames_out - before.frames_out) / elapsed,
            video_size_out=video_size_out,
            video_level=video_level,
            receiver_estimate_kbps=(
                receiver_estimate_bps / 1000.0 if receiver_estimate_bps is not None else None
            ),
            packets_received=now.packets_in.get("transport", 0),
            audio=audio,
            audio_concealed_pct=concealed_pct,
        )
