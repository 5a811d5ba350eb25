"""Generates AgentDesk's icons and sounds from their sources, in this folder.

    .venv/bin/python resources/build.py           # (re)write every generated file
    .venv/bin/python resources/build.py --check   # exit 1 if one is missing or stale

Icons: ``icons/*.svg`` are the sources, drawn for this app; the PNG sizes, the
Windows ``.ico`` and the macOS ``.icns`` are rendered from them (Qt's SVG
renderer, Pillow for the two icon containers), never exported by hand.
Sounds: the ringtone and the "resident joined" chime are synthesised here
(sums of decaying sine partials), so they carry no third-party licence.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import struct
import sys
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from agentdesk.assets import (
    APP_ICON_SIZES,
    DOCUMENT_ICON_SIZES,
    TRAY_ICON_SIZES,
    DocumentIcon,
    Sound,
    TrayState,
)

HERE = Path(__file__).resolve().parent
ICONS = HERE / "icons"
SOUNDS = HERE / "sounds"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
RATE = 48_000
"""The call engine's rate: the sounds go to the speaker without resampling."""


# ------------------------------------------------------------------ icons


def render_svg(svg: Path, size: int) -> bytes:
    """PNG bytes of ``svg`` rendered at ``size`` x ``size``."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_svg.app = QGuiApplication([])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def icon_container(pngs: dict[int, bytes], fmt: str) -> bytes:
    """A Windows .ico or macOS .icns holding the rendered sizes."""
    from PIL import Image

    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in pngs.items()}
    biggest = images[max(images)]
    out = io.BytesIO()
    if fmt == "ICO":
        sizes = [(s, s) for s in ICO_SIZES]
        biggest.save(out, "ICO", sizes=sizes, append_images=list(images.values()))
    else:
        biggest.save(out, "ICNS", append_images=list(images.values()))
    return out.getvalue()


# ----------------------------------------------------------------- sounds


def _tone(
    notes: list[tuple[float, float, float]], length_s: float, partials: tuple[float, ...]
) -> bytes:
    """16-bit mono samples: each note (start s, frequency Hz, decay s) is a
    sum of harmonics with a soft attack, so it sounds like a bell, not a beep."""
    n = int(length_s * RATE)
    mix = [0.0] * n
    weights = [1.0 / (k + 1) ** 1.5 for k in range(len(partials))]
    for start, freq, decay in notes:
        first = int(start * RATE)
        for i in range(first, n):
            t = (i - first) / RATE
            envelope = min(1.0, t / 0.005) * math.exp(-t / decay)
            if t > 0.005 and envelope < 1e-4:
                break
            mix[i] += envelope * sum(
                w * math.sin(2 * math.pi * freq * p * t)
                for w, p in zip(weights, partials, strict=True)
            )
    peak = max(abs(v) for v in mix) or 1.0
    scale = 0.5 * 32767 / peak  # -6 dBFS: clear without being harsh
    return b"".join(struct.pack("<h", round(v * scale)) for v in mix)


def ringtone() -> bytes:
    """Two falling bell notes twice, then silence: one 3 s cycle, looped
    while an offer rings."""
    notes = [(0.0, 880.0, 0.25), (0.3, 659.25, 0.35), (0.9, 880.0, 0.25), (1.2, 659.25, 0.35)]
    return _tone(notes, 3.0, (1.0, 2.0, 3.0))


def chime() -> bytes:
    """A short rising two-note chime: a resident joined the queue."""
    return _tone([(0.0, 659.25, 0.18), (0.16, 987.77, 0.3)], 0.9, (1.0, 2.0))


def wav(samples: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(samples)
    return out.getvalue()


# ------------------------------------------------------------------ build


def outputs() -> dict[Path, Callable[[], bytes]]:
    """Every generated file and how to make it."""
    made: dict[Path, Callable[[], bytes]] = {}
    app_svg = ICONS / "agentdesk.svg"
    app_pngs: dict[int, bytes] = {}

    def app_png(size: int) -> bytes:
        if size not in app_pngs:
            app_pngs[size] = render_svg(app_svg, size)
        return app_pngs[size]

    for size in APP_ICON_SIZES:
        made[ICONS / f"agentdesk-{size}.png"] = lambda s=size: app_png(s)  # type: ignore[misc]
    made[ICONS / "agentdesk.ico"] = lambda: icon_container(
        {s: app_png(s) for s in ICO_SIZES}, "ICO"
    )
    made[ICONS / "agentdesk.icns"] = lambda: icon_container(
        {s: app_png(s) for s in (16, 32, 64, 128, 256, 512)}, "ICNS"
    )
    for state in TrayState:
        for size in TRAY_ICON_SIZES:
            made[ICONS / f"tray-{state.value}-{size}.png"] = (
                lambda st=state.value, s=size: render_svg(ICONS / f"tray-{st}.svg", s)  # type: ignore[misc]
            )
    for kind in DocumentIcon:
        for size in DOCUMENT_ICON_SIZES:
            made[ICONS / f"document-{kind.value}-{size}.png"] = (
                lambda k=kind.value, s=size: render_svg(ICONS / f"document-{k}.svg", s)  # type: ignore[misc]
            )
    made[SOUNDS / Sound.RINGTONE.value] = lambda: wav(ringtone())
    made[SOUNDS / Sound.RESIDENT_JOINED.value] = lambda: wav(chime())
    return made


def check() -> list[str]:
    problems = []
    for path, make in outputs().items():
        if not path.exists():
            problems.append(f"{path.relative_to(HERE)} is missing: run resources/build.py")
        elif path.read_bytes() != make():
            problems.append(f"{path.relative_to(HERE)} is stale: run resources/build.py")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        print("\n".join(problems) or "resources are up to date")
        return 1 if problems else 0
    for path, make in outputs().items():
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
        print(f"{path.relative_to(HERE)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
