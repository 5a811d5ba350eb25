"""pytest fixtures for Qt tests: the app's own kind of event loop (qasync).

Loaded for every test (tests/conftest.py), before any Qt import: tests run
headless unless told otherwise (QT_QPA_PLATFORM=xcb under Xvfb, say)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from agentdesk.ui.event_loop import AppEventLoop
from agentdesk.ui.gui_collector import GuiThreadCollector
from agentdesk.ui.i18n_runtime import LanguageSwitcher

T = TypeVar("T")


NESTED_WAITS = ("wait", "waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed")


def _not_in_a_task(name: str, wait: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            task = asyncio.current_task()
        except RuntimeError:  # no loop running: a plain test, where it is fine
            task = None
        if task is not None:
            raise AssertionError(
                f"qtbot.{name} inside a coroutine runs a nested Qt loop within the "
                "task's step: qasync then cannot resume any other task (\"Cannot "
                'enter into task"), and the test hangs; await until(...) instead'
            )
        return wait(*args, **kwargs)

    return guarded


@pytest.fixture(autouse=True)
def gui_collector(request: pytest.FixtureRequest) -> Iterator[GuiThreadCollector | None]:
    """As in the app (ui/gui_collector.py): in a test with Qt, cycles are
    collected on the GUI thread only, not by whichever thread of the sound
    card, camera or executor allocates (which crashes Qt at random)."""
    if "qapp" not in request.fixturenames:
        yield None
        return
    collector = GuiThreadCollector(request.getfixturevalue("qapp"), freeze=False)
    collector.start()
    yield collector
    collector.stop()
    collector.deleteLater()


@pytest.fixture(scope="session")
def languages(qapp: QApplication) -> Iterator[LanguageSwitcher]:
    """The app's translations for the whole session, one set at a time: a test
    wanting a language ``use``s it (and goes back to English after), which
    replaces what this switcher installed.  A switcher per test left its set
    installed on the shared app, where they piled up."""
    switcher = LanguageSwitcher(qapp)
    yield switcher
    switcher.remove()


@pytest.fixture
def loop(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> Iterator[asyncio.AbstractEventLoop]:
    """One loop for Qt and asyncio, as in the app (qasync).  qtbot's waits,
    which run a nested Qt loop, fail at once inside a coroutine."""
    for name in NESTED_WAITS:
        monkeypatch.setattr(QtBot, name, _not_in_a_task(name, getattr(QtBot, name)))
    # As app.main() sets it: the last window closing is not the app quitting
    # (app.run() ends on the window's ``closing``, cleanup first).  Qt posts
    # that quit, and whichever loop runs next stops on it: the next test's
    # ("Event loop stopped before Future completed"), its switchboard left.
    qapp.setQuitOnLastWindowClosed(False)
    event_loop = AppEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def run(loop: asyncio.AbstractEventLoop) -> Any:
    def run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return loop.run_until_complete(asyncio.wait_for(coro, timeout))

    return run
