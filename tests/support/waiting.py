"""Waiting on events, not sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(changed: asyncio.Event, done: Callable[[], bool], within: float) -> None:
    """Until ``done()``, checked each time ``changed`` is set (TimeoutError after ``within`` s)."""

    async def wait() -> None:
        while not done():
            changed.clear()
            await changed.wait()

    await asyncio.wait_for(wait(), within)
