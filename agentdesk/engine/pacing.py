"""Audio first on the wire: video packets paced, voice and RTCP never wait.

aiortc sends every packet of a frame back to back: a 40 kB keyframe lands on
a 2 Mbit/s modem as one burst, more than its queue holds, and the voice
packets queued behind it are the ones dropped.  :func:`install` wraps the
peer connection's DTLS transport (one per call with BUNDLE) so that RTP
packets other than voice leave at most at ``rate()`` bit/s (libwebrtc paces
at 2.5 times its target; so do we, from the session's video ceiling), with
a small burst allowance; voice (the negotiated audio payload types) and
RTCP go straight out.  The wait happens in the video sender's own loop,
which is what slows it: nothing queues in memory.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Collection
from typing import Any

PACING_FACTOR = 2.5
MIN_RATE_BPS = 300_000
BURST_BITS = 8 * 6_000
"""About four full packets may leave together."""
_MARK = "_agentdesk_paced"


class Pacer:
    def __init__(
        self,
        send: Callable[[bytes], Awaitable[None]],
        rate: Callable[[], float],
        immediate_types: Collection[int],
    ) -> None:
        self._send = send
        self._rate = rate
        self.immediate_types = set(immediate_types)
        self._tokens = float(BURST_BITS)
        self._at = time.monotonic()
        self._lock = asyncio.Lock()
        self.delayed = 0
        """Packets that waited for their turn (a figure for statistics and tests)."""

    async def send(self, data: bytes) -> None:
        payload_type = data[1] & 0x7F if len(data) > 1 else 0
        # RTCP packet types 200-206 read as payload types 72-78 here.
        if payload_type in self.immediate_types or 72 <= payload_type <= 78:
            await self._send(data)
            return
        async with self._lock:  # one video packet at a time, in order
            bits = 8 * len(data)
            while True:
                now = time.monotonic()
                rate = max(MIN_RATE_BPS, self._rate())
                self._tokens = min(BURST_BITS, self._tokens + rate * (now - self._at))
                self._at = now
                if self._tokens >= bits or self._tokens >= BURST_BITS:
                    break
                self.delayed += 1
                await asyncio.sleep((bits - self._tokens) / rate)
            self._tokens -= bits
        await self._send(data)


def install(transport: Any, rate: Callable[[], float], audio_types: Collection[int]) -> Pacer:
    """Paces ``transport`` (an RTCDtlsTransport); the same Pacer if already done.

    Replaces its private ``_send_rtp`` (aiortc has no hook for it): the pin in
    pyproject.toml keeps it there, tests/engine/test_aiortc_internals.py fails
    when it moves.
    """
    existing = getattr(transport, _MARK, None)
    if isinstance(existing, Pacer):
        existing.immediate_types |= set(audio_types)
        return existing
    pacer = Pacer(transport._send_rtp, rate, audio_types)
    transport._send_rtp = pacer.send
    setattr(transport, _MARK, pacer)
    return pacer


def install_on(pc: Any, rate: Callable[[], float]) -> Pacer | None:
    """Paces a negotiated RTCPeerConnection's transport, its voice exempt."""
    transceivers = pc.getTransceivers()
    audio_types = {
        codec.payloadType
        for transceiver in transceivers
        if transceiver.kind == "audio"
        for codec in getattr(transceiver, "_codecs", [])
    }
    transport = next((t.sender.transport for t in transceivers), None)
    return install(transport, rate, audio_types) if transport is not None else None
