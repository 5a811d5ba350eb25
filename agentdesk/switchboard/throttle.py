"""Password guessing: failed logins counted per source and login, and per
source, so that an attacker slows themselves down without keeping the real
user out.

- Per (source, login): after ``PAIR_FAILURES`` failures within the window,
  that source gets 429 for that login; the user, signing in from their own
  desk (another source), is not affected.
- Per source: after ``SOURCE_FAILURES`` failures on any logins within the
  window, that source gets 429 for every login (one guess on each of many
  accounts).
- Per login, from all sources: after ``LOGIN_FAILURES_SLOW`` failures within
  the window, each attempt on that login waits ``SLOW_S`` first (many sources
  guessing one password), and the right password still gets in.

A success clears the (source, login) count.  Pure logic: the time comes in
as an argument.
"""

from __future__ import annotations

import enum
from collections import deque

WINDOW_S = 300.0
PAIR_FAILURES = 5
SOURCE_FAILURES = 20
LOGIN_FAILURES_SLOW = 10
SLOW_S = 1.0
MAX_KEYS = 100_000
"""Counters kept at most, per kind: beyond, the oldest are forgotten (memory
stays bounded whatever the number of sources or logins tried)."""


class ThrottleVerdict(enum.Enum):
    TRY = "try"
    SLOW = "slow"
    """Try, after waiting SLOW_S."""
    REFUSE = "refuse"


class _Counts:
    def __init__(self) -> None:
        self._times: dict[str, deque[float]] = {}

    def count(self, key: str, now: float) -> int:
        times = self._times.get(key)
        if times is None:
            return 0
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        if not times:
            del self._times[key]
            return 0
        return len(times)

    def recent(self, key: str, now: float) -> list[float]:
        """The failure times still in the window, oldest first."""
        self.count(key, now)
        return list(self._times.get(key, ()))

    def add(self, key: str, now: float) -> None:
        times = self._times.pop(key, None) or deque()
        times.append(now)
        # Re-inserted last: the dict's order is the order of last failure.
        self._times[key] = times
        while len(self._times) > MAX_KEYS:
            del self._times[next(iter(self._times))]

    def clear(self, key: str) -> None:
        self._times.pop(key, None)


class LoginThrottle:
    def __init__(self) -> None:
        self._pairs = _Counts()
        self._sources = _Counts()
        self._logins = _Counts()

    def check(self, source: str, login: str, now: float) -> ThrottleVerdict:
        if self._sources.count(source, now) >= SOURCE_FAILURES:
            return ThrottleVerdict.REFUSE
        if self._pairs.count(f"{source}\n{login}", now) >= PAIR_FAILURES:
            return ThrottleVerdict.REFUSE
        if self._logins.count(login, now) >= LOGIN_FAILURES_SLOW:
            return ThrottleVerdict.SLOW
        return ThrottleVerdict.TRY

    def retry_after(self, source: str, login: str, now: float) -> float:
        """Seconds until ``check`` stops refusing (failures age out of the window)."""
        waits = [0.0]
        for counts, key, limit in (
            (self._sources, source, SOURCE_FAILURES),
            (self._pairs, f"{source}\n{login}", PAIR_FAILURES),
        ):
            times = counts.recent(key, now)
            if len(times) >= limit:
                # Once the oldest failures leave the window, one fewer than the limit remain.
                waits.append(times[len(times) - limit] + WINDOW_S - now)
        return max(waits)

    def failed(self, source: str, login: str, now: float) -> None:
        self._pairs.add(f"{source}\n{login}", now)
        self._sources.add(source, now)
        self._logins.add(login, now)

    def succeeded(self, source: str, login: str) -> None:
        self._pairs.clear(f"{source}\n{login}")
