"""Bounded frame hand-off: a stalled consumer never grows memory or delay.

Real aiortc call on 127.0.0.1; camera = FFmpeg lavfi testsrc2 through PyAV."""

from __future__ import annotations

from collections.abc import Callable

from agentdesk.engine import FrameQueue

from .conftest import Call, count_frames


def test_sink_keeps_the_newest_frames() -> None:
    sink: FrameQueue[int] = FrameQueue(3)
    for n in range(100):
        sink.push(n)
    assert len(sink) == 3 and sink.dropped == 97 and sink.received == 100
    assert sink.latest() == 99
    assert len(sink) == 0


async def test_stalled_consumer_in_a_call_holds_two_frames(make_call: Callable[..., Call]) -> None:
    call = make_call()
    stalled = call.kiosk.video_sink(maxsize=2)  # nobody reads this one
    watcher = call.kiosk.video_sink(maxsize=2)
    await call.start()
    await call.connected()
    await count_frames(watcher, 60)  # about two seconds of video went by
    assert len(stalled) == 2
    assert stalled.received >= 60 and stalled.dropped == stalled.received - 2
    held = [stalled.get_nowait(), stalled.get_nowait()]
    assert held[0] is not None and held[1] is not None
    assert held[0].pts < held[1].pts  # the newest two, in order
    # aiortc's own (unbounded) queue is emptied continuously by the engine.
    pc = call.kiosk.peer_connection
    assert pc is not None
    for receiver in pc.getReceivers():
        assert receiver.track._queue.qsize() < 10
