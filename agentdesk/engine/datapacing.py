"""Documents behind voice: the data channel held to a queueing-delay target.

aiortc's SCTP (the data channel under the documents) is loss-based: it
sends faster until the modem's queue overflows, and the packets the full
queue drops are as often voice as its own.  :class:`DataPacer` puts its
own window between SCTP and the line (LEDBAT's idea, RFC 6817): it times
each DATA packet from its departure to the SACK that acknowledges it, keeps
the smallest such round trip as the empty line's, and lets out only as many
bytes as keep the queueing delay (round trip minus that) near
``TARGET_DELAY_S``.  The modem queue then holds a few tens of milliseconds
and never overflows: voice and video packets pass, the document takes what
is left of the line.

What waits, waits in memory here, not in the modem: SCTP's own window
(growing without losses) is held by a tail drop at ``QUEUE_LIMIT`` bytes,
a loss SCTP answers like any other, with no voice packet in it.  Packets
without DATA (SACKs, heartbeats) go straight out; a retransmission goes
first, and a packet unacknowledged for ``STALE_S`` leaves the window, so
lost SACKs or a cut line never leave SCTP waiting on it.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import struct
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiortc.utils import uint32_gt

log = logging.getLogger(__name__)

TARGET_DELAY_S = 0.025
"""Queueing delay aimed at: a modem's queue holds 100 ms or more."""
MTU = 1200
MIN_WINDOW = 2 * MTU
MAX_WINDOW = 512 * 1024
QUEUE_LIMIT = 128 * 1024
"""Bytes held here at most; SCTP sees the packets beyond as lost."""
BASE_HISTORY_S = 60.0
"""The empty line's round trip is the smallest seen over this long."""
STALE_S = 2.0
"""A DATA packet unacknowledged this long is counted lost (out of the window)."""
_DATA, _SACK = 0, 3
_MARK = "_agentdesk_data_paced"


def _chunks(packet: bytes) -> list[tuple[int, bytes]]:
    """(type, value) of each chunk of an SCTP packet (12-byte common header)."""
    chunks, pos = [], 12
    while pos + 4 <= len(packet):
        kind, _flags, length = struct.unpack_from("!BBH", packet, pos)
        if length < 4:
            break
        chunks.append((kind, packet[pos + 4 : pos + length]))
        pos += (length + 3) // 4 * 4
    return chunks


class DelayWindow:
    """How many bytes may be in flight: grows while the queue is short, shrinks when not."""

    def __init__(self, target_s: float = TARGET_DELAY_S) -> None:
        self.target_s = target_s
        self.bytes = 4 * MTU
        self.starting = True
        """Doubling each round trip until the queue first shows."""
        self._bases: collections.deque[tuple[float, float]] = collections.deque()
        self._decreased_at = float("-inf")

    @property
    def base_rtt(self) -> float | None:
        return min(rtt for _, rtt in self._bases) if self._bases else None

    def update(self, now: float, rtt: float, acked: int) -> float:
        """One round-trip sample for ``acked`` bytes; returns the queueing delay."""
        while self._bases and self._bases[0][0] < now - BASE_HISTORY_S:
            self._bases.popleft()
        if not self._bases or rtt < self._bases[-1][1] or now - self._bases[-1][0] > 1.0:
            self._bases.append((now, rtt))
        base = self.base_rtt or rtt
        queued = max(0.0, rtt - base)
        off_target = (self.target_s - queued) / self.target_s
        if self.starting and queued < self.target_s / 2:
            self.bytes += acked
        elif queued > 2 * self.target_s and now - self._decreased_at > rtt:
            # Far over (the modem's queue filling): back off at once, once a round trip.
            self.starting = False
            self.bytes = int(self.bytes * 0.85)
            self._decreased_at = now
        else:
            self.starting = False
            # At most one packet per round trip up, proportionally down.
            self.bytes += int(max(-4.0, off_target) * MTU * acked / self.bytes)
        self.bytes = max(MIN_WINDOW, min(MAX_WINDOW, self.bytes))
        return queued


class DataPacer:
    """Wraps one DTLS transport's application data (SCTP) and its SCTP's receive path."""

    def __init__(self, send: Callable[[bytes], Awaitable[None]]) -> None:
        self._send = send
        self.window = DelayWindow()
        self._queue: collections.deque[tuple[int, bytes, bool]] = collections.deque()
        """(TSN, packet, a retransmission): what waits for the window."""
        self._waiting: set[int] = set()
        self._highest: int | None = None
        self._queued = 0
        self._flight: collections.OrderedDict[int, tuple[float, int, bool]] = (
            collections.OrderedDict()
        )
        self._in_flight = 0
        self._wake = asyncio.Event()
        self.dropped = 0
        """DATA packets dropped here (queue full): losses with no voice in them."""
        self.queue_delay_s = 0.0
        """The last queueing delay measured on the line."""

    async def send(self, data: bytes) -> None:
        """In place of ``RTCDtlsTransport._send_data``: never waits for the window."""
        tsns = [struct.unpack_from("!I", v)[0] for k, v in _chunks(data) if k == _DATA]
        tsn = tsns[0] if tsns else None
        if tsn is None:
            await self._send(data)
            return
        if tsn in self._waiting:
            return  # SCTP gave up waiting for a copy that has not left yet
        if self._highest is not None and not uint32_gt(tsn, self._highest):
            # A retransmission: the copy it replaces is lost (out of the
            # window, if it left); it goes first, still within the window.
            if tsn in self._flight:
                self._in_flight -= self._flight.pop(tsn)[1]
            self._queue.appendleft((tsn, data, True))
        elif self._queued + len(data) > QUEUE_LIMIT:
            self.dropped += 1
            return
        else:
            self._queue.append((tsn, data, False))
            self._highest = tsn
        self._waiting.add(tsn)
        self._queued += len(data)
        self._wake.set()

    def acknowledged(self, packet: bytes) -> None:
        """Reads the SACKs of an incoming SCTP packet (before SCTP handles it)."""
        for kind, value in _chunks(packet):
            if kind != _SACK or len(value) < 4:
                continue
            cumulative, _rwnd, gaps = struct.unpack_from("!IIH", value)
            blocks = [
                struct.unpack_from("!HH", value, 12 + 4 * i)
                for i in range(gaps)
                if 12 + 4 * i + 4 <= len(value)
            ]
            now = time.monotonic()
            acked, sample = 0, None
            for tsn in list(self._flight):
                offset = (tsn - cumulative) & 0xFFFFFFFF
                if uint32_gt(tsn, cumulative) and not any(a <= offset <= b for a, b in blocks):
                    continue  # not arrived (yet)
                sent_at, size, again = self._flight.pop(tsn)
                acked += size
                if not again:
                    sample = now - sent_at
            self._in_flight -= acked
            if acked and sample is not None:
                self.queue_delay_s = self.window.update(now, sample, acked)
            if acked:
                self._wake.set()

    async def run(self) -> None:
        """Lets queued packets out as the window allows; the caller owns the task."""
        while True:
            self._expire(time.monotonic())
            if self._queue and self._in_flight + len(self._queue[0][1]) <= max(
                self.window.bytes, MIN_WINDOW
            ):
                tsn, data, again = self._queue.popleft()
                self._waiting.discard(tsn)
                self._queued -= len(data)
                self._flight[tsn] = (time.monotonic(), len(data), again)
                self._in_flight += len(data)
                try:
                    await self._send(data)
                except ConnectionError as exc:
                    log.debug("data packet not sent: %s", exc)
                continue
            self._wake.clear()
            timeout = STALE_S if self._flight else None
            # asyncio.timeout, not wait_for: on Python 3.11 a wait_for cancelled
            # just as its event is set swallows the cancellation, and the call's
            # close would wait for this task forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wake.wait()

    def _expire(self, now: float) -> None:
        while self._flight:
            tsn = next(iter(self._flight))
            sent_at, size, _ = self._flight[tsn]
            if now - sent_at < STALE_S:
                break
            del self._flight[tsn]
            self._in_flight -= size


def install_on(pc: Any) -> DataPacer | None:
    """Paces a negotiated RTCPeerConnection's data channel; None without one.

    The caller runs :meth:`DataPacer.run` in a task it owns.  Replaces two
    private attributes of aiortc 1.16 (tests/engine/test_aiortc_internals.py
    fails when the pin moves and they change).
    """
    sctp = getattr(pc, "sctp", None)
    if sctp is None:
        return None
    if isinstance(getattr(sctp, _MARK, None), DataPacer):
        return None  # already paced, its task already running
    dtls = sctp.transport
    pacer = DataPacer(dtls._send_data)
    dtls._send_data = pacer.send
    handle = sctp._handle_data

    async def handle_data(data: bytes) -> None:
        pacer.acknowledged(data)
        await handle(data)

    sctp._handle_data = handle_data
    setattr(sctp, _MARK, pacer)
    return pacer
