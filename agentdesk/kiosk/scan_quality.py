"""Is this scan worth sending?  The checks an agent makes at a glance: blurred,
too dark, washed out, cut off, skewed, resolution too low to read.

Pillow only, on a copy brought to about 150 dpi, so a 300 dpi A4 page takes a
few tenths of a second.  Every threshold was set on the generated set of
bench/scan_quality.py (good pages and their blurred, dark, washed-out,
rotated, cropped and low-resolution versions), which prints how many of each
kind these checks catch and how many good pages they wrongly flag.
"""

from __future__ import annotations

import enum
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

A4_SHORT_IN = 8.27
WORK_DPI = 150
MIN_DPI = 150
"""Below this, small print (8 pt on a tax notice) no longer reads."""
DARK_PAPER = 120
"""The paper (the page's brightest tenth) darker than this: the scan is too dark."""
FAINT_INK = 135
"""The darkest ink lighter than this: the scan is washed out."""
BLUR_EDGE = 180
"""The text's edges flatter than this: blurred.  Measured as the 90th
percentile of |Laplacian| over the edge pixels, relative to the page's
contrast (paper to darkest ink), in 1/256."""
SKEW_DEG = 1.5
EDGE_INK = 0.003
"""More than this share of ink in the band along an edge (2.5 % of the page):
the page runs off the scan (documents keep a margin)."""


class ScanProblem(enum.StrEnum):
    LOW_RESOLUTION = "low_resolution"
    DARK = "dark"
    WASHED_OUT = "washed_out"
    BLURRED = "blurred"
    SKEWED = "skewed"
    CUT_OFF = "cut_off"


@dataclass(frozen=True)
class ScanVerdict:
    problems: tuple[ScanProblem, ...]
    measures: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _percentile(histogram: list[int], share: float) -> int:
    total = sum(histogram)
    wanted, seen = share * total, 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return value
    return len(histogram) - 1


def _dpi(image: Image.Image) -> float:
    declared = image.info.get("dpi")
    if declared and float(declared[0]) > 1:
        return float(declared[0])
    # No resolution recorded: assume an A4 page across the short side.
    return min(image.size) / A4_SHORT_IN


def _skew(ink: Image.Image) -> float:
    """The rotation that lines the text up best (projection profile)."""
    small = ink.resize((600, max(1, round(600 * ink.height / ink.width))), Image.Resampling.BOX)

    def score(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        column = turned.resize((1, turned.height), Image.Resampling.BOX)
        rows = list(column.tobytes())  # mode L: one byte per row
        mean = sum(rows) / len(rows)
        return sum((r - mean) ** 2 for r in rows)

    coarse = max((a / 2 for a in range(-20, 21)), key=score)
    fine = max((coarse + a / 10 for a in range(-5, 6)), key=score)
    return -fine


def _edge_ink(ink: Image.Image) -> float:
    w, h = ink.size
    band = max(2, round(min(w, h) * 0.025))
    strips = [
        ink.crop((0, 0, w, band)),
        ink.crop((0, h - band, w, h)),
        ink.crop((0, 0, band, h)),
        ink.crop((w - band, 0, w, h)),
    ]
    return max(sum(strip.tobytes()) / (255 * strip.width * strip.height) for strip in strips)


def check_scan(data: bytes | Image.Image) -> ScanVerdict:
    image = Image.open(io.BytesIO(data)) if isinstance(data, bytes) else data
    dpi = _dpi(image)
    gray = ImageOps.grayscale(image)
    scale = min(1.0, WORK_DPI / dpi)
    if scale < 1.0:
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    histogram = gray.histogram()
    paper = _percentile(histogram, 0.90)
    darkest = _percentile(histogram, 0.003)
    contrast = max(1, paper - darkest)

    # Laplacian divided by 4 so that steep edges are not clipped at 255.
    laplacian = gray.filter(ImageFilter.Kernel((3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], 4, 128))
    folded = [0] * 129
    for value, count in enumerate(laplacian.histogram()):
        folded[min(128, abs(value - 128))] += count
    edges = folded[3:]  # flat paper and flat ink left out
    steep = 4 * (_percentile(edges, 0.9) + 3) if sum(edges) else 0
    sharpness = 256 * steep / contrast

    # Ink: what is clearly darker than the paper around it.
    ink = gray.point(lambda v: 255 if v < darkest + 0.5 * contrast else 0)
    skew = _skew(ink)
    edge = _edge_ink(ink)

    problems: list[ScanProblem] = []
    if dpi < MIN_DPI:
        problems.append(ScanProblem.LOW_RESOLUTION)
    if paper < DARK_PAPER:
        problems.append(ScanProblem.DARK)
    if sharpness < BLUR_EDGE:
        # Blur greys the ink too: flat edges are the cause to name.
        problems.append(ScanProblem.BLURRED)
    elif darkest > FAINT_INK:
        problems.append(ScanProblem.WASHED_OUT)
    if abs(skew) >= SKEW_DEG:
        problems.append(ScanProblem.SKEWED)
    if edge > EDGE_INK:
        problems.append(ScanProblem.CUT_OFF)
    measures = {
        "dpi": round(dpi, 1),
        "paper": paper,
        "darkest": darkest,
        "sharpness": round(sharpness, 1),
        "skew_deg": round(skew, 2),
        "edge_ink": round(edge, 4),
    }
    return ScanVerdict(tuple(problems), measures)


CHECKED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def check_file(path: Path) -> tuple[str, ...] | None:
    """The problems of a scanned image file; None for what is not checked
    (a PDF, an unreadable file: the document channel's own checks decide)."""
    if path.suffix.lower() not in CHECKED_SUFFIXES:
        return None
    try:
        with Image.open(path) as image:
            image.load()
            return tuple(problem.value for problem in check_scan(image).problems)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
