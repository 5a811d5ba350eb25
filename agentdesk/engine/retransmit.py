"""Retransmission (NACK, RTX) that never holds up what comes in, on a budget.

Two faults of aiortc 1.16.0, both seen after a cut line came back:

* **The sender answers a NACK inside the receive path.**  aiortc's DTLS
  transport reads one packet, hands RTCP to the sender, and the sender
  retransmits every packet the NACK lists, each through the video pacer
  (pacing.py), before the next incoming packet is read.  After a 10 s cut
  the other end NACKs the 127 packets of history at once: about 150 kB, a
  second at the pacer's rate, during which nothing incoming was read, voice
  included (measured: the voice back 0.9-1.2 s after the line in some runs,
  0.02 s in the others).  :class:`RetransmitQueue` takes the NACKed sequence
  numbers and returns at once; a task of the call's sends them, the newest
  :data:`MAX_PENDING` only, each at most once per :data:`HOLDOFF_S`.
* **The receiver NACKs too much.**  aiortc's NackGenerator lists every
  missing packet again at each new loss (one lost packet is asked for many
  times over) and asks for a whole gap however long: a cut line's gap is
  hundreds of packets, which the sender no longer holds and which the
  jitter buffer gives up anyway (jitter.py, with a keyframe request).
  :class:`NackList` asks for each missing packet when it is found missing,
  then again every :data:`RETRY_S` up to :data:`MAX_TRIES` times, and not at
  all for a gap longer than :data:`MAX_GAP` packets.

Both replace private parts of aiortc (an RTCRtpSender's ``_retransmit``, an
RTCRtpReceiver's NACK generator): the pin in pyproject.toml keeps them there,
tests/engine/test_aiortc_internals.py fails when they move.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiortc.utils import uint16_add, uint16_gt

log = logging.getLogger(__name__)

MAX_PENDING = 32
"""Packets waiting to be sent again, at most (about 40 kB: 0.16 s of a 2 Mbit/s line)."""
HOLDOFF_S = 0.1
"""A packet sent again is not sent again sooner than this (a NACK repeated in flight)."""
MAX_GAP = 64
"""A gap longer than this (a cut line) is not asked for: a keyframe is."""
RETRY_S = 0.12
MAX_TRIES = 3
_HISTORY = 128
"""How far back a missing packet is tracked (the sender keeps 128)."""
_SENDER_MARK = "_agentdesk_retransmit"
_RECEIVER_ATTRIBUTE = "_RTCRtpReceiver__nack_generator"


class RetransmitQueue:
    """The NACKed packets of one sender, sent again from a task of the call."""

    def __init__(
        self,
        retransmit: Callable[[int], Awaitable[None]],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._retransmit = retransmit
        self._clock = clock
        self._pending: collections.OrderedDict[int, None] = collections.OrderedDict()
        self._sent_at: dict[int, float] = {}
        self._wake = asyncio.Event()
        self.sent = 0
        self.dropped = 0
        """Asked for but not sent: beyond MAX_PENDING, or asked again too soon."""

    async def request(self, sequence_number: int) -> None:
        """In place of ``RTCRtpSender._retransmit``: queues and returns at once."""
        seq = sequence_number & 0xFFFF
        sent = self._sent_at.get(seq)
        if seq in self._pending or (sent is not None and self._clock() - sent < HOLDOFF_S):
            self.dropped += 1
            return
        self._pending[seq] = None
        while len(self._pending) > MAX_PENDING:
            # The oldest go: the receiver has waited longest for them, and a
            # burst of old packets would delay every packet behind it.
            self._pending.popitem(last=False)
            self.dropped += 1
        self._wake.set()

    @property
    def pending(self) -> list[int]:
        return list(self._pending)

    async def run(self) -> None:
        """Sends the queued packets in the order asked (one task per sender)."""
        while True:
            while not self._pending:
                self._wake.clear()
                await self._wake.wait()
            seq, _ = self._pending.popitem(last=False)
            now = self._clock()
            self._sent_at[seq] = now
            if len(self._sent_at) > 4 * MAX_PENDING:
                self._sent_at = {s: t for s, t in self._sent_at.items() if now - t < HOLDOFF_S}
            try:
                await self._retransmit(seq)
            except ConnectionError:
                return  # the transport closed: the call's connection is going
            self.sent += 1


def install_sender(sender: Any) -> RetransmitQueue | None:
    """Gives an RTCRtpSender a :class:`RetransmitQueue`; its task is the caller's to run.

    None (aiortc's own retransmission kept) if this aiortc has no ``_retransmit``.
    """
    existing = getattr(sender, _SENDER_MARK, None)
    if isinstance(existing, RetransmitQueue):
        return existing
    original = getattr(sender, "_retransmit", None)
    if original is None:
        log.warning("this aiortc has no RTCRtpSender._retransmit: retransmission not queued")
        return None
    queue = RetransmitQueue(original)
    sender._retransmit = queue.request
    setattr(sender, _SENDER_MARK, queue)
    return queue


class NackList:
    """In place of aiortc's NackGenerator: what to ask for again, and when.

    aiortc calls :meth:`add` for each packet received and, when it returns
    True, sends a NACK listing :attr:`missing`.
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.max_seq: int | None = None
        self._tracked: dict[int, tuple[float, int]] = {}
        """Missing sequence number -> (when last asked for, times asked)."""
        self._due: list[int] = []
        self.gaps_skipped = 0

    @property
    def missing(self) -> list[int]:
        """The packets the NACK being sent asks for."""
        return list(self._due)

    def add(self, packet: Any) -> bool:
        seq = int(packet.sequence_number) & 0xFFFF
        now = self._clock()
        if self.max_seq is None:
            self.max_seq = seq
            return False
        if uint16_gt(seq, self.max_seq):
            gap = ((seq - self.max_seq) & 0xFFFF) - 1
            if gap > MAX_GAP:
                self.gaps_skipped += 1
                self._tracked.clear()  # all older than the gap: past use
            else:
                for i in range(1, gap + 1):
                    self._tracked[uint16_add(self.max_seq, i)] = (0.0, 0)
            self.max_seq = seq
        else:
            self._tracked.pop(seq, None)
        self._due = []
        for missing, (asked, tries) in list(self._tracked.items()):
            if ((self.max_seq - missing) & 0xFFFF) > _HISTORY or tries >= MAX_TRIES:
                del self._tracked[missing]
            elif tries == 0 or now - asked >= RETRY_S:
                self._tracked[missing] = (now, tries + 1)
                self._due.append(missing)
        return bool(self._due)


def install_receiver(receiver: Any) -> NackList | None:
    """Gives a video RTCRtpReceiver a :class:`NackList` (None if it sends no NACK)."""
    current = getattr(receiver, _RECEIVER_ATTRIBUTE, None)
    if current is None:
        return None  # audio, or an aiortc without it (test_aiortc_internals says which)
    if isinstance(current, NackList):
        return current
    nacks = NackList()
    setattr(receiver, _RECEIVER_ATTRIBUTE, nacks)
    return nacks
