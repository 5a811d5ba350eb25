"""A tiny observer mechanism so the Qt-free core can tell widgets what changed.

Modelled on napari's ``model.events.name.connect(callback)``: each model owns
an events object whose attributes are :class:`Event` instances.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class Event(Generic[T]):
    """One kind of change; callbacks receive the new value."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[[T], object]] = []

    def connect(self, callback: Callable[[T], object]) -> Callable[[T], object]:
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[T], object]) -> None:
        # Disconnecting twice is harmless: widgets may be torn down in any order.
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, value: T) -> None:
        # A broken listener must not stop the others from hearing about the
        # change (the queue panel failing must not hide an incoming offer).
        for callback in list(self._callbacks):
            try:
                callback(value)
            except Exception:
                log.exception("listener of %s failed", self.name)

    def __len__(self) -> int:
        return len(self._callbacks)
