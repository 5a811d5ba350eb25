"""An exception in a slot or a task is logged and shown; the app carries on."""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from agentdesk.ui.crash import CrashGuard

from .helpers import Harness


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_shown_not_fatal(
    harness: Harness, qtbot: Any, loop: asyncio.AbstractEventLoop
) -> None:
    guard = CrashGuard(harness.window.show_bug)
    guard.install(loop)
    try:
        button = QPushButton("boom")
        qtbot.addWidget(button)
        button.show()
        clicks: list[int] = []

        def broken() -> None:
            clicks.append(1)
            raise ValueError("broken slot")

        button.clicked.connect(broken)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert clicks == [1, 1] and guard.count == 2
        box = harness.window.bug_box
        assert box is not None and box.isVisible()
        assert "ValueError: broken slot" in box.detailedText()
        assert "L'application continue" in box.text()
    finally:
        guard.uninstall(loop)
        harness.window.bug_box and harness.window.bug_box.close()


def test_exception_in_a_task_goes_to_the_guard(
    harness: Harness, loop: asyncio.AbstractEventLoop, run: Any
) -> None:
    shown: list[str] = []
    guard = CrashGuard(shown.append)
    guard.install(loop)
    try:

        async def broken() -> None:
            raise RuntimeError("task failed")

        async def scenario() -> None:
            task = asyncio.ensure_future(broken())
            await asyncio.sleep(0)
            del task  # never awaited: only the loop's handler can see it

        run(scenario())
        loop.call_soon(lambda: 1 / 0)
        run(asyncio.sleep(0.05))
        assert any("ZeroDivisionError" in s for s in shown)
    finally:
        guard.uninstall(loop)
    assert sys.excepthook is not guard._excepthook


def test_an_exception_in_another_thread_is_shown_from_the_gui_thread(
    harness: Harness, loop: asyncio.AbstractEventLoop, run: Any
) -> None:
    """The camera's and the sound card's threads fail too: their error box is
    made in the GUI thread (a widget made in another one can crash the app)."""
    shown_in: list[str] = []
    shown = asyncio.Event()
    guard = CrashGuard(harness.window.show_bug)
    guard.install(loop)
    original_show = harness.window.show_bug

    def show(text: str) -> None:
        shown_in.append(threading.current_thread().name)
        original_show(text)
        shown.set()

    guard.set_show(show)
    try:

        def broken() -> None:
            raise OSError("the device went away")

        worker = threading.Thread(target=broken, name="agentdesk-camera")
        worker.start()
        worker.join()
        assert guard.count == 1  # logged at once, from the thread

        run(shown.wait(), 5)
        assert shown_in == [threading.main_thread().name]
        box = harness.window.bug_box
        assert box is not None and box.isVisible()
        assert "OSError: the device went away" in box.detailedText()
    finally:
        guard.uninstall(loop)
        harness.window.bug_box and harness.window.bug_box.close()
