"""Bounded hand-off of frames to whoever shows or counts them.

aiortc's receiving track keeps every decoded frame in an unbounded queue
until someone reads it, so a slow widget would grow memory and delay without
limit.  The engine therefore reads every remote track continuously
(:func:`pump_track`) and pushes each frame to ``FrameQueue`` objects that keep
only the newest ``maxsize`` frames: the oldest is dropped, never the caller
blocked.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

T = TypeVar("T")

log = logging.getLogger(__name__)

FrameConsumer = Callable[[Any], None]
"""Called on the event loop with each frame; must return at once (push, never process)."""


class FrameQueue(Generic[T]):
    """A drop-oldest queue of at most ``maxsize`` frames, read with ``await get()``.

    ``push`` never blocks and may be used as a :data:`FrameConsumer`.  Counters
    tell a test or a stats panel how many frames came and how many were dropped.
    """

    def __init__(self, maxsize: int = 2) -> None:
        if maxsize < 1:
            raise ValueError("a frame sink holds at least one frame")
        self.maxsize = maxsize
        self._frames: collections.deque[T] = collections.deque(maxlen=maxsize)
        self._ready = asyncio.Event()
        self._closed = False
        self.received = 0
        self.dropped = 0

    def push(self, frame: T) -> None:
        if self._closed:
            return
        if len(self._frames) == self.maxsize:
            self.dropped += 1
        self._frames.append(frame)  # deque(maxlen) discards the oldest
        self.received += 1
        self._ready.set()

    async def get(self) -> T:
        """The oldest frame still held; waits for one.  Raises EOFError once closed."""
        while not self._frames:
            if self._closed:
                raise EOFError("frame sink closed")
            self._ready.clear()
            await self._ready.wait()
        return self._frames.popleft()

    def get_nowait(self) -> T | None:
        return self._frames.popleft() if self._frames else None

    def latest(self) -> T | None:
        """The newest frame, emptying the sink: what a video widget wants to paint."""
        if not self._frames:
            return None
        frame = self._frames[-1]
        self._frames.clear()
        return frame

    def __len__(self) -> int:
        return len(self._frames)

    def close(self) -> None:
        self._closed = True
        self._frames.clear()
        self._ready.set()

    @property
    def closed(self) -> bool:
        return self._closed


async def pump_track(
    track: MediaStreamTrack,
    publish: FrameConsumer,
    on_frame: Callable[[], None] | None = None,
) -> None:
    """Read ``track`` until it ends, handing every frame to ``publish``.

    Reading continuously is what keeps aiortc's unbounded receiver queue
    empty; ``publish`` decides what to keep.
    """
    while True:
        try:
            frame = await track.recv()
        except MediaStreamError:
            return
        if on_frame is not None:
            on_frame()
        publish(frame)
