"""pytest fixtures for Qt tests: the app's own kind of event loop (qasync).

Loaded for every test (tests/conftest.py), before any Qt import: tests run
headless unless told otherwise (QT_QPA_PLATFORM=xcb under Xvfb, say)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication

T = TypeVar("T")


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """One loop for Qt and asyncio, as in the app (qasync)."""
    event_loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def run(loop: asyncio.AbstractEventLoop) -> Any:
    def run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return loop.run_until_complete(asyncio.wait_for(coro, timeout))

    return run
