"""The app's event loop (ui/event_loop.py): qasync with asyncio's ready queue.

Everything the app runs goes through it, so these check what asyncio code
relies on: order, cancellation, callbacks from other threads, errors kept
inside their callback, a closed loop refusing work, and Qt's own events
still served while coroutines keep yielding.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from agentdesk.ui.event_loop import AppEventLoop


def test_callbacks_run_in_the_order_they_were_queued(loop: asyncio.AbstractEventLoop) -> None:
    seen: list[int] = []

    async def body() -> None:
        for n in range(200):
            loop.call_soon(seen.append, n)
        await asyncio.sleep(0.01)

    loop.run_until_complete(body())
    assert seen == list(range(200))


def test_a_cancelled_callback_does_not_run(loop: asyncio.AbstractEventLoop) -> None:
    seen: list[str] = []

    async def body() -> None:
        loop.call_soon(seen.append, "first")
        loop.call_soon(seen.append, "cancelled").cancel()
        loop.call_soon(seen.append, "last")
        await asyncio.sleep(0.01)

    loop.run_until_complete(body())
    assert seen == ["first", "last"]


def test_qt_events_are_served_while_coroutines_keep_yielding(
    loop: asyncio.AbstractEventLoop,
) -> None:
    """A coroutine that yields without end (``sleep(0)``) must not starve Qt:
    the timer that stops it is a Qt event, served between two turns."""
    stop = threading.Event()

    async def spin() -> int:
        QTimer.singleShot(0, stop.set)
        turns = 0
        # Bounded: a loop that starves Qt would otherwise spin for ever.
        while not stop.is_set() and turns < 100_000:
            turns += 1
            await asyncio.sleep(0)
        return turns

    turns = loop.run_until_complete(spin())
    assert turns < 100_000, "Qt's timer never ran while the coroutine yielded"


def test_callbacks_from_other_threads_all_arrive_in_order(
    loop: asyncio.AbstractEventLoop,
) -> None:
    """As the encoder, decoder and camera threads hand frames back: each
    thread's callbacks arrive once each, in that thread's order."""
    threads, each = 4, 500
    received: dict[int, list[int]] = {t: [] for t in range(threads)}

    async def body() -> None:
        done = asyncio.Event()

        def note(thread: int, n: int) -> None:
            received[thread].append(n)
            if sum(map(len, received.values())) == threads * each:
                done.set()

        def send(thread: int) -> None:
            for n in range(each):
                loop.call_soon_threadsafe(note, thread, n)

        senders = [threading.Thread(target=send, args=(t,)) for t in range(threads)]
        for sender in senders:
            sender.start()
        await asyncio.wait_for(done.wait(), 20)
        for sender in senders:
            sender.join()

    loop.run_until_complete(body())
    assert received == {t: list(range(each)) for t in range(threads)}


def test_work_in_the_default_executor_comes_back(loop: asyncio.AbstractEventLoop) -> None:
    async def body() -> list[str]:
        return list(
            await asyncio.gather(
                *(loop.run_in_executor(None, lambda: threading.current_thread().name)
                  for _ in range(20))
            )
        )  # fmt: skip

    names = loop.run_until_complete(body())
    assert len(names) == 20
    assert all(name != threading.main_thread().name for name in names)


def test_a_failing_callback_is_reported_and_the_loop_goes_on(
    loop: asyncio.AbstractEventLoop,
) -> None:
    reported: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    seen: list[str] = []

    def fail() -> None:
        raise ValueError("boom")

    async def body() -> None:
        loop.call_soon(fail)
        loop.call_soon(seen.append, "after")
        await asyncio.sleep(0.01)

    loop.run_until_complete(body())
    assert seen == ["after"]
    assert isinstance(reported[0]["exception"], ValueError)


def test_a_closed_loop_refuses_work_from_threads(qapp: Any) -> None:
    """The camera's reader stops when its loop refuses (engine/camera.py),
    as asyncio's own loops refuse: nothing is dropped without a word."""
    event_loop = AppEventLoop(qapp)
    event_loop.close()
    with pytest.raises(RuntimeError):
        event_loop.call_soon_threadsafe(print)
    with pytest.raises(RuntimeError):
        event_loop.call_soon(print)


def test_a_stream_carries_megabytes_both_ways(loop: asyncio.AbstractEventLoop) -> None:
    """TCP on 127.0.0.1 through asyncio's streams: readers and, once the
    socket's buffer is full, writers (the switchboard's WebSocket rides on
    these)."""
    payload = bytes(range(256)) * 16_384  # 4 MiB

    async def body() -> bytes:
        async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(await reader.readexactly(len(payload)))
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(payload)
        await writer.drain()
        back = await reader.readexactly(len(payload))
        writer.close()
        server.close()
        await server.wait_closed()
        return back

    assert loop.run_until_complete(asyncio.wait_for(body(), 30)) == payload


def test_every_datagram_arrives_and_a_removed_reader_stops(
    loop: asyncio.AbstractEventLoop,
) -> None:
    """UDP on 127.0.0.1 as a call's media: each datagram read once; after
    ``remove_reader`` nothing more is read, though datagrams wait."""
    import socket

    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.setblocking(False)
    address = receiver.getsockname()
    got: list[bytes] = []

    async def body() -> int:
        arrived = asyncio.Event()

        def read() -> None:
            got.append(receiver.recv(2048))
            if len(got) % 50 == 0:
                arrived.set()

        loop.add_reader(receiver, read)
        # Bursts of 50, each read before the next: the socket's buffer
        # holds about 250 of them, past that the kernel drops.
        for burst in range(6):
            arrived.clear()
            for n in range(burst * 50, burst * 50 + 50):
                sender.sendto(n.to_bytes(2, "big"), address)
            await asyncio.wait_for(arrived.wait(), 10)
        assert loop.remove_reader(receiver)
        sender.sendto(b"late", address)
        await asyncio.sleep(0.2)
        return len(got)

    try:
        assert loop.run_until_complete(body()) == 300
        assert sorted(int.from_bytes(d, "big") for d in got) == list(range(300))
        assert receiver.recv(2048) == b"late"  # still there: nobody read it
    finally:
        receiver.close()
        sender.close()


def test_callbacks_run_outside_the_loop_see_it_running(
    loop: asyncio.AbstractEventLoop, qapp: Any
) -> None:
    """Qt runs events outside ``run_forever`` too (a nested wait, the last
    pass after run_until_complete), and callbacks with them: a task step
    there must find its loop running, or it fails (« no running event loop »)."""
    seen: list[bool] = []

    def note() -> None:
        seen.append(asyncio.get_running_loop() is loop)

    loop.call_soon(note)
    qapp.processEvents()
    assert seen == [True]
