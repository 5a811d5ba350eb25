"""A clock the tests can set, for a switchboard process started with
``serve --test-clock`` (loopback only).

It runs at the pace of real time from wherever it was last set, so durations
(offer timeouts, graces) behave as usual while the calendar sees the instant
a test chose: the start of a slot, a Tuesday that is a public holiday, the
night summer time ends."""

from __future__ import annotations

import time


class SettableClock:
    def __init__(self, start: float | None = None) -> None:
        self._offset = 0.0 if start is None else start - time.time()

    def __call__(self) -> float:
        return time.time() + self._offset

    def set(self, now: float) -> None:
        self._offset = now - time.time()
