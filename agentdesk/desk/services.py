"""What the desk needs from the rest of the app, as small interfaces.

The lead's switchboard client, the call engine and the document channel are
adapted to these; the desk and the widgets see nothing else.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

from agentdesk.protocol import Base

RequestFn = Callable[[Base], Awaitable[Base]]
"""Send a message and wait for the switchboard's reply (``SwitchboardClient.request``).
An ``error`` reply is either returned or raised as ``ProtocolError``; both are handled."""


@dataclasses.dataclass(frozen=True, slots=True)
class RgbFrame:
    """One picture, rows top to bottom, a pixel in 32 bits: ``0xffRRGGBB`` as
    the machine stores an unsigned int (bytes B, G, R, 255 on little-endian).
    That is the layout a screen's buffer has, so painting it is a plain copy
    (Qt's ``Format_RGB32``); rgb24 was converted again at every paint."""

    width: int
    height: int
    data: bytes | bytearray | memoryview
    stride: int = 0
    """Bytes per row; 0 means ``width * 4`` (no padding)."""

    @property
    def bytes_per_line(self) -> int:
        return self.stride or self.width * BYTES_PER_PIXEL


BYTES_PER_PIXEL = 4


def rgb_pixel(red: int, green: int, blue: int) -> bytes:
    """One pixel of an RgbFrame."""
    return struct.pack("=I", 0xFF000000 | red << 16 | green << 8 | blue)


class FrameSink(Protocol):
    """Where the engine hands decoded frames; may be called from any thread."""

    def show_frame(self, frame: RgbFrame) -> None: ...

    def display_size(self) -> tuple[int, int] | None:
        """The area frames are shown in, in device pixels (None: not shown, or
        unknown): the converter scales to it once, in its own thread, so the
        painting is a plain copy."""
        ...


class MediaControls(Protocol):
    """The engine's controls over the agent's own camera and microphone."""

    def set_microphone_muted(self, muted: bool) -> None: ...

    def set_camera_covered(self, covered: bool) -> None:
        """Stop sending video at once (a black/blank picture), preview included."""
        ...


class DocumentsService(Protocol):
    """The document channel of the current call."""

    async def request_scan(self, call_id: str) -> None:
        """Prompt the kiosk to scan; the pages arrive through ``DocumentsModel``."""
        ...

    async def print_file(self, call_id: str, path: Path) -> None:
        """Send a PDF or image to the kiosk's printer; returns once the kiosk
        confirmed delivery, raises (any exception) when it did not."""
        ...


class NoMedia:
    """Media controls for a desk without an engine (tests, sign-in screen)."""

    def set_microphone_muted(self, muted: bool) -> None:
        return None

    def set_camera_covered(self, covered: bool) -> None:
        return None
