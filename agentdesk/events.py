"""The one way the Qt-free parts tell others what happened: :class:`Listeners`.

The engine (camera, microphone, calls, documents), the desk model, the
station, the supervision models and the kiosk each own ``Listeners[T]``
attributes; widgets and services subscribe with a plain callable and keep the
returned :data:`Unsubscribe` to stop listening.

Callbacks run on the thread that emits (the event loop's: publishers living in
threads hop onto the loop first), must return quickly, and may unsubscribe
themselves or others while being called.  A failing callback is logged (with
its traceback the first time) and the others still run: one broken widget
must not hide an incoming call from the rest of the app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

Unsubscribe = Callable[[], None]


class Listeners(Generic[T]):
    """Callbacks interested in one kind of value; ``name`` says which in the log."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        self._callbacks: list[Callable[[T], object]] = []
        self._failures: dict[int, int] = {}

    def subscribe(self, callback: Callable[[T], object]) -> Unsubscribe:
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            # Twice is harmless: widgets may be torn down in any order.
            if callback in self._callbacks:
                self._callbacks.remove(callback)
                self._failures.pop(id(callback), None)

        return unsubscribe

    def emit(self, value: T) -> None:
        # A copy, so a callback may unsubscribe (or subscribe) while we iterate.
        for callback in list(self._callbacks):
            try:
                callback(value)
            except Exception:
                self._failed(callback)

    def _failed(self, callback: Callable[[T], object]) -> None:
        # A consumer of video frames may fail 30 times a second: the first
        # failure with its traceback, then one line at 10, 100, 1000... failures.
        count = self._failures.get(id(callback), 0) + 1
        self._failures[id(callback)] = count
        if count == 1:
            log.exception("listener %r of %s failed", callback, self.name or "an event")
        elif _power_of_ten(count):
            log.error("listener %r of %s failed %d times", callback, self.name, count)

    def __len__(self) -> int:
        return len(self._callbacks)

    def clear(self) -> None:
        self._callbacks.clear()
        self._failures.clear()


def _power_of_ten(n: int) -> bool:
    while n % 10 == 0:
        n //= 10
    return n == 1
