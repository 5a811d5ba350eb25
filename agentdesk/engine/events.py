"""Qt-free subscriptions: the engine tells the app what happened through these.

A ``Listeners`` holds plain callables.  Callbacks run on the event loop's
thread (publishers that live in threads hop onto the loop first), must not
block, and may unsubscribe themselves.  A failing callback is logged and the
others still run: one broken widget must not stop a call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

Unsubscribe = Callable[[], None]


class Listeners(Generic[T]):
    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []

    def subscribe(self, callback: Callable[[T], None]) -> Unsubscribe:
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return unsubscribe

    def emit(self, value: T) -> None:
        # A copy, so a callback may unsubscribe (or subscribe) while we iterate.
        for callback in list(self._callbacks):
            try:
                callback(value)
            except Exception:
                log.exception("listener %r failed", callback)

    def __len__(self) -> int:
        return len(self._callbacks)

    def clear(self) -> None:
        self._callbacks.clear()
