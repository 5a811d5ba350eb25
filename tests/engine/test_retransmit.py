"""Retransmission on a budget, outside the receive path (retransmit.py).

The queue and the NACK list are exercised alone here, on a clock the test
moves; tests/engine/test_aiortc_internals.py checks both in place on a real
call, and bench/network.py's cut step measures what they change (voice back
after a cut line).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from agentdesk.engine import retransmit


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Packet:
    sequence_number: int


async def test_a_nack_of_a_whole_history_is_taken_at_once_and_only_the_newest_go_out() -> None:
    line_free = asyncio.Event()
    sent: list[int] = []
    all_sent = asyncio.Event()

    async def send_again(seq: int) -> None:
        await line_free.wait()  # the pacer holding the video back: a full line
        sent.append(seq)
        if len(sent) == retransmit.MAX_PENDING:
            all_sent.set()

    queue = retransmit.RetransmitQueue(send_again)
    runner = asyncio.create_task(queue.run())
    try:
        # What aiortc does with a NACK after a cut: one await per packet listed,
        # inside the loop that reads every incoming packet.  None may wait.
        lost = [(65_500 + i) & 0xFFFF for i in range(127)]  # across the wrap
        async with asyncio.timeout(5):
            for seq in lost:
                await queue.request(seq)
        line_free.set()
        await asyncio.wait_for(all_sent.wait(), 5)
        # What is kept is the newest, sent oldest first.
        assert sent == lost[-retransmit.MAX_PENDING :]
        assert queue.dropped == 127 - retransmit.MAX_PENDING
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)


async def test_a_packet_asked_again_in_flight_is_not_sent_twice() -> None:
    clock = Clock()
    sent: list[int] = []
    done = asyncio.Event()

    async def send_again(seq: int) -> None:
        sent.append(seq)
        done.set()

    queue = retransmit.RetransmitQueue(send_again, clock=clock)
    runner = asyncio.create_task(queue.run())
    try:
        await queue.request(7)
        await asyncio.wait_for(done.wait(), 5)
        done.clear()
        await queue.request(7)  # the NACK repeated before the copy could arrive
        clock.now += retransmit.HOLDOFF_S + 0.01
        await queue.request(7)  # asked again after that: this copy was lost too
        await asyncio.wait_for(done.wait(), 5)
        assert sent == [7, 7]
        assert queue.dropped == 1
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)


def test_a_lost_packet_is_asked_for_once_then_retried_a_few_times_then_left() -> None:
    clock = Clock()
    nacks = retransmit.NackList(clock=clock)
    assert not nacks.add(Packet(10))
    assert nacks.add(Packet(12))  # 11 missing
    assert nacks.missing == [11]
    # Each following packet does not ask again at once (aiortc's did: a NACK
    # listing every missing packet at each new loss).
    assert not nacks.add(Packet(13))
    tries = 1
    for _ in range(10):
        clock.now += retransmit.RETRY_S
        if nacks.add(Packet(nacks.max_seq + 1)):
            assert nacks.missing == [11]
            tries += 1
    assert tries == retransmit.MAX_TRIES


def test_a_packet_that_arrives_late_is_no_longer_asked_for() -> None:
    clock = Clock()
    nacks = retransmit.NackList(clock=clock)
    nacks.add(Packet(1))
    assert nacks.add(Packet(5))
    assert nacks.missing == [2, 3, 4]
    nacks.add(Packet(3))  # a retransmission, or reordering
    clock.now += retransmit.RETRY_S
    assert nacks.add(Packet(6))
    assert nacks.missing == [2, 4]


def test_a_cut_lines_gap_is_not_asked_for() -> None:
    clock = Clock()
    nacks = retransmit.NackList(clock=clock)
    nacks.add(Packet(65_000))
    nacks.add(Packet(65_002))  # 65_001 lost before the cut
    # 10 s of a cut line: hundreds of packets the sender no longer holds.
    assert not nacks.add(Packet((65_002 + 600) & 0xFFFF))
    assert nacks.gaps_skipped == 1
    clock.now += retransmit.RETRY_S
    assert not nacks.add(Packet((65_002 + 601) & 0xFFFF))
    # A short loss after the cut is asked for as usual.
    assert nacks.add(Packet((65_002 + 603) & 0xFFFF))
    assert nacks.missing == [(65_002 + 602) & 0xFFFF]
