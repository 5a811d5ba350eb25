"""A clock moved by hand and the timers that follow it, for the duty keeper."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from tests.desk.helpers import Clock


@dataclasses.dataclass
class _Timer:
    when: float
    callback: Callable[[], None]
    alive: bool = True


class ManualScheduler:
    """Fires callbacks in time order as the test moves the clock: no sleeps."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._timers: list[_Timer] = []

    def call_at(self, when: float, callback: Callable[[], None]) -> Callable[[], None]:
        timer = _Timer(when, callback)
        self._timers.append(timer)

        def cancel() -> None:
            timer.alive = False

        return cancel

    @property
    def pending(self) -> list[float]:
        return sorted(t.when for t in self._timers if t.alive)

    def advance_to(self, now: float) -> None:
        while True:
            due = [t for t in self._timers if t.alive and t.when <= now]
            if not due:
                break
            timer = min(due, key=lambda t: t.when)
            timer.alive = False
            self._timers.remove(timer)
            self.clock.now = max(self.clock.now, timer.when)
            timer.callback()
        self._timers = [t for t in self._timers if t.alive]
        self.clock.now = now


class CameraRecorder:
    """Stands for the engine's camera (none on a test machine): records what
    the keeper asked."""

    def __init__(self) -> None:
        self.asked: list[bool] = []

    def set_camera_wanted(self, wanted: bool) -> None:
        self.asked.append(wanted)

    @property
    def on(self) -> bool:
        return bool(self.asked) and self.asked[-1]
