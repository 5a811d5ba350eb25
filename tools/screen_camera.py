"""What tools/screenshots.py does with each screen: grab it once Qt has laid
it out and painted it, and note what a person would find cut off."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.ui.real_app import until

__all__ = ["Camera", "open_window", "settle", "until"]


@dataclass
class Camera:
    """Grabs screens into ``out`` and notes what a person would find cut off."""

    out: Path
    tag: str
    only: set[str]
    cut: dict[str, list[str]] = field(default_factory=dict)
    sideways: dict[str, list[str]] = field(default_factory=dict)
    """Lists and tables hiding part of their rows sideways (reported apart:
    a table of many figures may have to)."""

    def wants(self, *names: str) -> bool:
        return not self.only or any(name in self.only for name in names)

    async def grab(self, name: str, widget: Any) -> None:
        from tests.support.layout import (
            clipped_text,
            cut_columns,
            cut_hints,
            cut_off_controls,
            overlapping,
            partly_hidden_controls,
            sideways_scrolling,
        )

        if not self.wants(name):
            return
        await settle(widget)
        widget.grab().save(str(self.out / f"{name}-{self.tag}.png"))
        found = [
            *cut_off_controls(widget),
            *partly_hidden_controls(widget),
            *clipped_text(widget),
            *cut_hints(widget),
            *overlapping(widget),
            *cut_columns(widget),
        ]
        screen = widget.screen().availableGeometry()
        width, height = outer_size(widget)
        if width > screen.width() + 1 or height > screen.height() + 1:
            found.append(
                f"{'window' if widget.isWindow() else 'widget'} larger than the screen "
                f"({width}x{height} > {screen.width()}x{screen.height()})"
            )
        self.cut[name] = found
        self.sideways[name] = sideways_scrolling(widget)


def outer_size(widget: Any) -> tuple[int, int]:
    """The room a window takes on a desktop: with its title bar, which the
    virtual screen (no window manager) does not draw; for a maximised
    window, the least it can shrink to (the desktop gives it the rest)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle

    frame = widget.frameGeometry()
    width, height = frame.width(), frame.height()
    kind = widget.windowType()
    if not widget.isWindow() or kind not in (Qt.WindowType.Window, Qt.WindowType.Dialog):
        return width, height
    if widget.isMaximized():
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        width, height = least.width(), least.height()
    if frame.height() == widget.height():  # undecorated: the title bar a desktop adds
        height += widget.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    return width, height


async def settle(widget: Any) -> None:
    """Lets Qt lay out and paint what just changed.  Qt's events run on the
    same loop as asyncio (qasync) while this waits: never pumped by hand from
    inside a task, which would step other tasks inside this one."""
    from PySide6.QtCore import QEvent, QObject

    painted = asyncio.Event()

    class Painted(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.set()
            return False

    spy = Painted()
    widget.installEventFilter(spy)
    widget.update()
    try:
        await asyncio.wait_for(painted.wait(), 5.0)
    except TimeoutError:
        pass  # offscreen, a window that is not exposed paints only when grabbed
    finally:
        widget.removeEventFilter(spy)
    # Layouts asked for while painting, and the late ones of nested widgets.
    await asyncio.sleep(0.15)


class _NoBot:
    """The test harness registers widgets with pytest-qt; nothing to do here."""

    def addWidget(self, widget: Any) -> None:
        return None


def open_window(languages: Any) -> Any:
    """The app's main window over a real Desk fed by the test suite's recorder
    (``tests.ui.helpers.Harness``), at the size the app gives it on this screen."""
    import tempfile

    from agentdesk.ui.app import _fit_to_screen
    from tests.ui.helpers import Harness

    harness = Harness(_NoBot(), Path(tempfile.mkdtemp(prefix="agentdesk-shots-")), languages)
    harness.window.hide()
    _fit_to_screen(harness.window)
    harness.window.show()
    return harness
