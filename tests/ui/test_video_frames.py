"""Decoded video to the screen: station/backend.py's RgbConverter feeding
ui/video.py's VideoWidget, with FFmpeg's lavfi colour sources standing in
for a camera (this machine has none)."""

from __future__ import annotations

from typing import Any

import av
import pytest
from PySide6.QtGui import QColor

from agentdesk.desk import RgbFrame
from agentdesk.station.backend import RgbConverter
from agentdesk.ui.video import VideoWidget


def lavfi_frame(source: str) -> Any:
    """One yuv420p frame, as a decoder hands them."""
    with av.open(source, format="lavfi") as container:
        frame = next(container.decode(video=0))
    return frame.reformat(format="yuv420p")


class Shown:
    """A sink that keeps what it is handed, shown at a given size."""

    def __init__(self, size: tuple[int, int] | None) -> None:
        self.size = size
        self.frames: list[RgbFrame] = []

    def show_frame(self, frame: RgbFrame) -> None:
        self.frames.append(frame)

    def display_size(self) -> tuple[int, int] | None:
        return self.size


@pytest.mark.parametrize(
    ("colour", "expected"),
    [("red", (255, 0, 0)), ("lime", (0, 255, 0)), ("blue", (0, 0, 255))],
)
def test_colours_reach_the_screen_as_they_are(
    qtbot: Any, colour: str, expected: tuple[int, int, int]
) -> None:
    """Red stays red: the converter's pixel layout is the one the widget paints."""
    widget = VideoWidget()
    qtbot.addWidget(widget)
    widget.resize(160, 120)
    widget.show()
    qtbot.waitExposed(widget)
    RgbConverter(widget)(lavfi_frame(f"color=c={colour}:size=160x120:rate=30"))
    qtbot.waitUntil(lambda: widget.frames_painted > 0, timeout=10_000)
    painted = QColor(widget.grab().toImage().pixel(80, 60))
    got = (painted.red(), painted.green(), painted.blue())
    assert all(abs(a - b) <= 24 for a, b in zip(got, expected, strict=True)), got


def test_frames_are_scaled_to_the_size_shown_never_up() -> None:
    frame = lavfi_frame("testsrc=size=640x480:rate=30")
    small, large, hidden = Shown((434, 586)), Shown((1280, 960)), Shown(None)
    for sink in (small, large, hidden):
        RgbConverter(sink)(frame)
    # 434 wide keeps 4:3 (even sizes for the chroma planes); larger or
    # hidden: the decoded size, the widget scales up when it paints.
    assert [(f.width, f.height) for f in small.frames] == [(434, 324)]
    assert [(f.width, f.height) for f in large.frames] == [(640, 480)]
    assert [(f.width, f.height) for f in hidden.frames] == [(640, 480)]
    picture = small.frames[0]
    assert len(picture.data) >= picture.bytes_per_line * picture.height
