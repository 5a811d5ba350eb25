"""The document channel's window (datapacing.py), fed SCTP packets by hand.

A real call exercises it in test_aiortc_internals.py and on the shaped line
in test_shaped_line.py; here the cases a line rarely shows on demand: a
queue that builds, a packet dropped and sent again, a SACK with gaps.
"""

from __future__ import annotations

import asyncio
import struct

from agentdesk.engine.datapacing import MIN_WINDOW, DataPacer, DelayWindow


def data_packet(tsn: int, size: int = 1000) -> bytes:
    chunk = struct.pack("!BBHIHHI", 0, 3, 16 + size, tsn, 0, 0, 53) + b"d" * size
    return b"\0" * 12 + chunk


def sack(cumulative: int, *gaps: tuple[int, int]) -> bytes:
    body = struct.pack("!IIHH", cumulative, 1 << 20, len(gaps), 0)
    body += b"".join(struct.pack("!HH", start, end) for start, end in gaps)
    return b"\0" * 12 + struct.pack("!BBH", 3, 0, 4 + len(body)) + body


def sent_tsns(wire: list[bytes]) -> list[int]:
    return [struct.unpack_from("!I", packet, 16)[0] for packet in wire]


def test_the_window_grows_while_the_queue_is_short_and_shrinks_when_it_builds() -> None:
    window = DelayWindow(target_s=0.025)
    now = 0.0
    for _ in range(50):  # the line's own round trip: 2 ms, nothing queued
        now += 0.002
        window.update(now, 0.002, 1200)
    grown = window.bytes
    assert grown > 20 * 1200
    for _ in range(50):  # then 100 ms queued (a modem's queue full): four times the target
        now += 0.1
        window.update(now, 0.102, 1200)
    assert window.bytes < grown / 4
    assert window.bytes >= MIN_WINDOW


async def test_packets_wait_for_the_window_and_a_resent_one_goes_first() -> None:
    wire: list[bytes] = []
    sent = asyncio.Event()

    async def send(packet: bytes) -> None:
        wire.append(packet)
        sent.set()

    pacer = DataPacer(send)
    pacer.window.bytes = 3 * len(data_packet(0))  # three packets in flight
    pacer.window.starting = False  # growing by a packet a round trip at most
    task = asyncio.create_task(pacer.run())
    try:
        for tsn in range(1, 7):
            await pacer.send(data_packet(tsn))
        await pacer.send(sack(0)[:12])  # no DATA in it (a bare header): straight out
        while len(wire) < 4:
            sent.clear()
            await sent.wait()
        assert sent_tsns([p for p in wire if len(p) > 12]) == [1, 2, 3]
        # TSN 1 lost on the line: 2 and 3 arrived (a gap block), and SCTP
        # sends 1 again: the copy lost leaves the window, the new one goes
        # before 4, and 4 and 5 fill the window.
        pacer.acknowledged(sack(0, (2, 3)))
        await pacer.send(data_packet(1))
        while len(wire) < 7:
            sent.clear()
            await sent.wait()
        assert sent_tsns([p for p in wire if len(p) > 12]) == [1, 2, 3, 1, 4, 5]
        pacer.acknowledged(sack(5))
        while len(wire) < 8:
            sent.clear()
            await sent.wait()
        assert sent_tsns([p for p in wire if len(p) > 12]) == [1, 2, 3, 1, 4, 5, 6]
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_closing_while_a_packet_is_acknowledged_ends_the_pacer() -> None:
    """A call closes (its tasks cancelled) just as a SACK wakes the pacer: the
    task must end.  With asyncio.wait_for on Python 3.11 it swallowed the
    cancellation and the call's close waited forever."""

    async def send(packet: bytes) -> None:
        return None

    for _ in range(20):
        pacer = DataPacer(send)
        task = asyncio.create_task(pacer.run())
        await pacer.send(data_packet(1))
        await asyncio.sleep(0)  # the pacer sends it and waits for its SACK
        pacer.acknowledged(sack(1))  # wakes the pacer...
        task.cancel()  # ...in the same turn the call closes
        done, _ = await asyncio.wait({task}, timeout=5)
        assert task in done, "the pacer's task did not end on cancel"
