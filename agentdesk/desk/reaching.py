"""Waiting for the desk to reach a state that the switchboard's messages bring."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from .model import Desk


async def until(desk: Desk, done: Callable[[], bool]) -> None:
    """Once the switchboard's messages have made ``done()`` true (a request's
    ``ack`` comes before the messages it causes): checked now, then at each
    change of the desk's state or offer."""
    reached = asyncio.Event()

    def check(_change: object = None) -> None:
        if done():
            reached.set()

    unsubscribes = [
        desk.events.state_changed.subscribe(check),
        desk.events.offer_changed.subscribe(check),
    ]
    try:
        check()
        await reached.wait()
    finally:
        for unsubscribe in unsubscribes:
            unsubscribe()
