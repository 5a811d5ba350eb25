"""One peer connection of a call: one generation, its tasks, its figures.

A :class:`~agentdesk.engine.session.CallSession` holds one at a time, and a
previous one on standby while the next negotiates; this module is what each
of them is and how it is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Coroutine
from typing import Any

from aiortc import RTCPeerConnection

from . import pacing, playout, voice
from .camera import CameraTrack
from .stats import StatsSampler

log = logging.getLogger(__name__)

CLOSE_WITHIN_S = 10.0


class Leg:
    """One peer connection: one generation of the call."""

    def __init__(self, generation: int, pc: RTCPeerConnection) -> None:
        self.generation = generation
        self.pc = pc
        self.started_at = time.monotonic()
        self.connected_at: float | None = None
        self.disconnected_since: float | None = None
        self.channel: Any = None
        self.video_track: CameraTrack | None = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.sampler = StatsSampler(generation)
        self.rx_packets = -1
        self.rx_changed_at = time.monotonic()
        self.frames_in = 0
        self.voice: voice.VoiceCounters | None = None
        self.catch_up = playout.CatchUp()
        self.pacer: pacing.Pacer | None = None
        self.closed = False

    async def close(self, call_id: str) -> None:
        """Cancels its tasks and closes the peer connection (once)."""
        if self.closed:
            return
        self.closed = True
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        # Shielded: a close abandoned half-way (the caller cancelled, say by
        # the call ending during a recovery) leaves aiortc's decoder threads
        # and sockets running for good.
        closing = asyncio.ensure_future(_within(CLOSE_WITHIN_S, self.pc.close()))
        try:
            await asyncio.shield(closing)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await closing
            raise
        except Exception as exc:
            log.warning("call %s: closing generation %d: %s", call_id, self.generation, exc)


async def _within(seconds: float, awaitable: Coroutine[Any, Any, None]) -> None:
    async with asyncio.timeout(seconds):
        await awaitable
