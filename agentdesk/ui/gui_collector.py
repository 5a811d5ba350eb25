"""Python's cycle collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate past its
threshold: here the sound card's callback thread, the camera's reader or an
executor thread as often as the GUI thread.  A Qt object in a garbage cycle
collected there is destroyed outside the GUI thread, which Qt does not allow:
the process dies at random (a segmentation fault, seen once in CI's 550
tests).  So automatic collection is off while the app runs, and a timer of the
GUI thread collects as Python would, by the same thresholds.

A full pass over the app's 90,000 objects at start-up (modules, classes, Qt's
wrappers) holds the interpreter for 30 to 100 ms on this machine, long
enough for the sound card's thread to miss its turn: what exists when the
collector starts is frozen (``gc.freeze``, as the switchboard does), so full
passes only walk what the day created.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 100
# Python would wait for the long-lived objects to grow by a quarter before a
# full collection (a figure it does not expose); at most once a minute keeps a
# long day's full passes, which hold the GIL for tens of ms in a call, rare.
FULL_EVERY_S = 60.0


class GuiThreadCollector(QObject):
    """``start()`` once the Qt loop runs; ``stop()`` collects what is left and
    gives collection back to Python."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        freeze: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``freeze``: what exists at ``start()`` is never collected again (the
        app's start-up objects); off for a test session, where each test's
        objects must go."""
        super().__init__(parent)
        self._freeze = freeze
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = False
        self._last_full = clock()
        self.collections = [0, 0, 0]

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self.active:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        if self._freeze:
            gc.collect()
            gc.freeze()
        self._timer.start()

    def stop(self) -> None:
        if not self.active:
            return
        self._timer.stop()
        if self._freeze:
            gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> None:
        """The oldest generation past its threshold, as Python's own trigger."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [g for g in range(3) if thresholds[g] and counts[g] > thresholds[g]]
        if not due:
            return
        generation = due[-1]
        if generation == 2 and self._clock() - self._last_full < FULL_EVERY_S:
            generation = 1
        if generation == 2:
            self._last_full = self._clock()
        gc.collect(generation)
        self.collections[generation] += 1
