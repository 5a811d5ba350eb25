"""Garbage with Qt objects in it is collected on the GUI thread, never by the
thread that happened to allocate (the sound card's, the camera's): Qt objects
destroyed outside the GUI thread crash the app at random."""

from __future__ import annotations

import asyncio
import gc
import threading
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from agentdesk.ui.gui_collector import GuiThreadCollector
from tests.ui.real_app import until


class Witness:
    """Records the thread that finalizes it: the one running the collection."""

    def __init__(self, died_on: list[str]) -> None:
        self._died_on = died_on
        self.cycle: Any = self
        self.qt_object = QObject()

    def __del__(self) -> None:
        self._died_on.append(threading.current_thread().name)


def allocate_in_a_thread() -> list[Any]:
    """What a busy audio callback does to the allocation counters: far past
    the youngest generation's threshold (objects freed at once would not
    count, so they are kept and returned)."""
    kept: list[Any] = []

    def allocate() -> None:
        kept.extend([{}] for _ in range(5_000))

    worker = threading.Thread(target=allocate, name="sound-card")
    worker.start()
    worker.join()
    return kept


def test_a_cycle_with_a_qt_object_dies_on_the_gui_thread(
    qapp: QApplication, loop: asyncio.AbstractEventLoop, gui_collector: GuiThreadCollector
) -> None:
    # As Python starts: collection on (the suite's own collector, in
    # tests/support/qt.py, is stopped meanwhile and started again below).
    gui_collector.stop()
    assert gc.isenabled()
    died_on: list[str] = []
    collector = GuiThreadCollector(qapp)
    collector.start()
    assert gc.get_freeze_count() > 0  # the start-up objects: never walked again
    try:
        Witness(died_on)  # dropped at once: only the cycle collector can free it
        kept = allocate_in_a_thread()
        assert died_on == [], "collected by the allocating thread"

        async def collected() -> None:
            await until(lambda: died_on != [], what="the cycle collected by the timer")

        loop.run_until_complete(asyncio.wait_for(collected(), 10))
        assert died_on == [threading.main_thread().name]
        assert sum(collector.collections) >= 1
        del kept
    finally:
        collector.stop()
        collector.deleteLater()
        assert gc.isenabled() and gc.get_freeze_count() == 0  # given back as it was found
        gui_collector.start()


def test_without_it_the_allocating_thread_collects(qapp: QApplication) -> None:
    """The hazard itself, so the test above cannot pass for a wrong reason."""
    gc.enable()
    died_on: list[str] = []
    try:
        Witness(died_on)
        allocate_in_a_thread()
        assert died_on == ["sound-card"]
    finally:
        gc.disable()
