"""What a call session is configured with and the states it goes through."""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from aiortc.mediastreams import MediaStreamTrack

from agentdesk.protocol import IceServer, LineCaps, Signal

from . import ice
from .adaptation import AdaptationConfig

SendSignal = Callable[[Signal], Awaitable[None]]
"""Sends a protocol Signal through the switchboard (or a test pipe)."""


class TrackSource(Protocol):
    """A shared device (camera, microphone) that gives each peer connection its own track."""

    def create_track(self) -> MediaStreamTrack: ...


class SessionState(enum.Enum):
    NEW = "new"
    CONNECTING = "connecting"
    """The first peer connection is being negotiated."""
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    """A newer peer connection is being negotiated after a failure."""
    FAILED = "failed"
    """Recovery gave up (``max_restarts``); close the session."""
    CLOSED = "closed"


@dataclass(frozen=True)
class SessionConfig:
    ice_servers: Sequence[IceServer] = ()
    """From the switchboard's welcome; empty: host candidates only, no STUN."""
    allowed_addresses: Sequence[str] | None = None
    """Host candidate addresses (["127.0.0.1"] in tests); None: aioice's choice."""
    video_codec: str = "VP8"
    max_video_kbps: int = 600
    """Outgoing video ceiling: 2 Mbit/s lines carry documents too."""
    opus_kbps: int = 40
    document_video_kbps: int = 120
    """Video ceiling while a document is in transfer (:meth:`CallSession.documents_in_flight`).

    The scan is what the agent waits for: on a 2 Mbit/s line, 3 MiB took
    16.7 s with 200 kbit/s left to video and 15.8 s with 120 (Chromium, in
    the same runs: 18.2-18.4 s), video still 640x480 at 16 fps meanwhile."""
    disconnected_grace_s: float = 3.0
    dead_path_s: float = 5.0
    connect_timeout_s: float = 15.0
    restart_retry_s: float = 5.0
    max_restarts: int | None = None
    """Recoveries allowed before FAILED (None: keep trying until closed)."""
    stats_interval_s: float = 1.0
    adapt: bool = True
    adaptation: AdaptationConfig = field(default_factory=AdaptationConfig)

    def __post_init__(self) -> None:
        if not 6 <= self.opus_kbps <= 128:
            raise ValueError(f"Opus bitrate {self.opus_kbps} kbit/s is out of range (6 to 128)")
        if not 60 <= self.max_video_kbps <= 10_000:
            raise ValueError(f"video ceiling {self.max_video_kbps} kbit/s is out of range")
        if self.video_codec.upper() not in ("VP8", "H264"):
            raise ValueError(f"video codec {self.video_codec!r} is not supported (VP8 or H264)")
        ice.validate_addresses(self.allowed_addresses)


LINE_VIDEO_SHARE = 0.7
"""Of a configured line, what video may use: the rest for voice, documents, RTCP."""
VOICE_KBPS = 60
"""Opus at 40 kbit/s with its RTP/UDP/IP headers, 50 packets a second."""


def video_cap_kbps(default_kbps: int, line: LineCaps | None, *, kiosk_sends: bool) -> int:
    """The video ceiling one end applies on a kiosk's configured line.

    The kiosk sends on the line's upstream, the agent's side on its
    downstream; with no line configured the end's own default stands.
    """
    if line is None:
        return default_kbps
    rate = line.up_kbps if kiosk_sends else line.down_kbps
    return max(60, min(default_kbps, int(rate * LINE_VIDEO_SHARE) - VOICE_KBPS))
