"""The self-test's Qt steps: frames painted by the app's video widget, and the
French catalogue loaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from agentdesk.desk import Language, RgbFrame
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.video import VideoWidget

from .model import Verdict

SAMPLE_GRID = 16
"""Pixels sampled per side of the painted picture to tell a picture from a blank."""

PROBE = ("SignInPanel", "Sign &in")
"""A string the French catalogue must translate."""


async def check_display(frames: list[RgbFrame]) -> tuple[Verdict, str]:
    """Paints the loopback call's frames in a VideoWidget (offscreen) and
    checks the result is a picture, not a blank or single-coloured area."""
    if not frames:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "No video frame to display: the loopback call gave none."
        )
    widget = VideoWidget()
    widget.resize(320, 240)
    widget.show()
    try:
        for frame in frames:
            widget.show_frame(frame)
            # Paint now, as the screen's refresh would, rather than wait for it.
            widget.repaint()
        image = widget.grab().toImage()
    finally:
        widget.close()
        widget.deleteLater()
    if widget.frames_painted == 0:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "The video widget painted no frame."
        )
    colours = {
        image.pixel(
            x * (image.width() - 1) // (SAMPLE_GRID - 1),
            y * (image.height() - 1) // (SAMPLE_GRID - 1),
        )
        for x in range(SAMPLE_GRID)
        for y in range(SAMPLE_GRID)
    }
    if len(colours) < 8:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "The painted video is blank (%1 colours)."
        ).replace("%1", str(len(colours)))
    return Verdict.OK, QCoreApplication.translate(
        "SelfTest", "The picture shows on screen (%1×%2)."
    ).replace("%1", str(image.width())).replace("%2", str(image.height()))


async def check_catalogue(app: QApplication, switcher: LanguageSwitcher) -> tuple[Verdict, str]:
    """Loads the French catalogue and translates a known string with it; the
    report's own language is put back afterwards."""
    previous = switcher.language
    try:
        loaded = switcher.use(Language.FRENCH)
        translated = QCoreApplication.translate(*PROBE)
    finally:
        if previous is not None:
            switcher.use(previous)
    if not loaded or translated == PROBE[1]:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "The French catalogue is missing or damaged: the app would show English."
        )
    return Verdict.OK, QCoreApplication.translate("SelfTest", "The French translation is in place.")
