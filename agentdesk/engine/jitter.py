"""aiortc's video jitter buffer, made to give a hole up in time.

aiortc releases a video frame only when every packet before it is there; at
a hole it waits until 512 packets have come after it.  Retransmission (NACK,
RTX) fills most holes within a round trip, but a packet lost twice, or the
packets of a cut line, leave video frozen for 512 packets: 5 to 8 s at our
rates (measured: video back 5.6 s after a 10 s cut).  Here, after
``max_wait`` packets have come past a hole, the hole is given up: the buffer
moves on to the next whole frame and asks the sender for a keyframe (PLI),
since the frames after the hole refer to what was lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from aiortc.jitterbuffer import JitterBuffer, JitterFrame

log = logging.getLogger(__name__)

MAX_WAIT_PACKETS = 40
"""About half a second of video at 600 kbit/s: several round trips for RTX."""


class VideoJitterBuffer(JitterBuffer):
    def __init__(self, max_wait: int = MAX_WAIT_PACKETS) -> None:
        super().__init__(capacity=512, is_video=True)
        self.max_wait = max_wait
        self.holes_given_up = 0
        self._waited = 0

    def add(self, packet: Any) -> tuple[bool, JitterFrame | None]:
        pli, frame = super().add(packet)
        origin = self._origin
        if frame is not None or origin is None:
            self._waited = 0
            return pli, frame
        self._waited += 1
        if self._waited < self.max_wait:
            return pli, frame
        self._waited = 0
        # Past the first hole, skip to the next packet we have (smart_remove
        # drops the rest of its frame too, so what follows starts a frame),
        # then ask for a keyframe: what follows refers to what was lost.
        slots, size = self._packets, self.capacity
        present = [slots[(origin + i) % size] is not None for i in range(size)]
        hole = next((i for i, here in enumerate(present) if not here), None)
        after = (
            None if hole is None else next((i for i in range(hole + 1, size) if present[i]), None)
        )
        if after is None:
            return pli, frame  # no hole with packets beyond it: a frame still coming
        self.smart_remove(after)
        self.holes_given_up += 1
        log.debug("video: a hole given up after %d packets, keyframe asked for", self.max_wait)
        return True, self._remove_frame(packet.sequence_number)


B = TypeVar("B")


def replace_buffer(receiver: Any, kind: type[B], make: Callable[[], B]) -> B | None:
    """Gives an RTCRtpReceiver a jitter buffer of ``kind`` (made once); returns it.

    None, and aiortc's own buffer kept, if this aiortc has no such attribute:
    the pin in pyproject.toml is what keeps it there, and
    tests/engine/test_aiortc_internals.py fails when it moves.
    """
    attribute = "_RTCRtpReceiver__jitter_buffer"
    current = getattr(receiver, attribute, None)
    if current is None:
        log.warning("this aiortc has no jitter buffer to replace: %s not fitted", kind.__name__)
        return None
    if isinstance(current, kind):
        return current
    buffer = make()
    setattr(receiver, attribute, buffer)
    return buffer


def install_receiver(receiver: Any) -> VideoJitterBuffer | None:
    """Gives a video RTCRtpReceiver this buffer."""
    return replace_buffer(receiver, VideoJitterBuffer, VideoJitterBuffer)
