"""The one event mechanism (agentdesk.events.Listeners): typed, Qt-free, and a
failing subscriber is logged, never hidden nor dropped."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from agentdesk.events import Listeners


def test_every_subscriber_hears_and_a_failing_one_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    changed: Listeners[int] = Listeners("queue_changed")
    heard: list[int] = []

    def broken(_value: int) -> None:
        raise RuntimeError("the queue panel broke")

    changed.subscribe(broken)
    changed.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="agentdesk.events"):
        changed.emit(1)
        changed.emit(2)
    assert heard == [1, 2]
    [first] = [r for r in caplog.records if r.exc_info]
    assert "queue_changed" in first.getMessage()
    assert "the queue panel broke" in caplog.text
    # Still subscribed: a consumer that fails once (one bad frame) is not dropped.
    assert len(changed) == 2


def test_repeated_failures_are_counted_not_flooded(caplog: pytest.LogCaptureFixture) -> None:
    frames: Listeners[int] = Listeners("remote video")
    frames.subscribe(lambda _frame: 1 // 0)
    with caplog.at_level(logging.ERROR, logger="agentdesk.events"):
        for frame in range(100):
            frames.emit(frame)
    # The traceback once, then one line at 10 and at 100 failures.
    assert len(caplog.records) == 3
    assert "failed 100 times" in caplog.records[-1].getMessage()


def test_unsubscribing_while_called_and_twice() -> None:
    changed: Listeners[str] = Listeners()
    heard: list[str] = []

    def once(value: str) -> None:
        heard.append(value)
        unsubscribe()

    unsubscribe = changed.subscribe(once)
    changed.subscribe(lambda value: heard.append(value.upper()))
    changed.emit("a")
    changed.emit("b")
    unsubscribe()
    assert heard == ["a", "A", "B"]


def test_the_mechanism_imports_no_qt() -> None:
    code = "import sys, agentdesk.events; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
