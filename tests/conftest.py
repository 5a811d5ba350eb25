"""Fixtures and checks shared by every test."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psutil
import pytest

from tests.support.switchboard import (
    Provisioned,
    SwitchboardProcess,
    provision,
    start_switchboard,
)

pytest_plugins = ["tests.support.qt"]

# aiortc starts these threads per peer connection (non-daemon: one left
# running keeps the interpreter from exiting) and ends them when the
# connection is closed.  One still alive after a test is a call whose
# resources nobody released.
_MEDIA_THREADS = ("video-decoder", "audio-decoder")


def _media_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name in _MEDIA_THREADS and t.is_alive()]


@pytest.fixture(autouse=True)
def _calls_release_their_threads() -> Iterator[None]:
    before = set(_media_threads())
    yield
    deadline = time.monotonic() + 10.0
    while (left := [t for t in _media_threads() if t not in before]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.05)
    if left:
        pytest.fail(f"a peer connection was left open: {[t.name for t in left]}")


def _switchboards() -> set[psutil.Process]:
    found = set()
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "switchboard" in child.cmdline() and child.status() != psutil.STATUS_ZOMBIE:
                found.add(child)
    return found


@pytest.fixture(autouse=True)
def _switchboards_stop_with_their_test() -> Iterator[None]:
    """A switchboard process a test started and left running holds its port
    and its SQLite file, and outlives the run; it is stopped here, and the
    test that left it fails."""
    before = _switchboards()
    yield
    deadline = time.monotonic() + 10.0
    while (left := _switchboards() - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.kill()
    if left:
        pytest.fail(f"a switchboard process was left running: {[p.pid for p in left]}")


# A provisioned switchboard file, and a real switchboard process on it with
# its default timings (tests/switchboard overrides ``sb`` with short ones).


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "switchboard.db"


@pytest.fixture
def accounts(db: Path) -> Provisioned:
    return provision(db)


@pytest.fixture
async def sb(db: Path, accounts: Provisioned) -> AsyncIterator[SwitchboardProcess]:
    process = await start_switchboard(db)
    yield process
    if process.proc.returncode is None:
        await process.stop()
