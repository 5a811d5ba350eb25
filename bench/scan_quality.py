"""How many bad scans the kiosk's checks catch: prints one JSON object.

A generated set, no personal data: fictitious documents (the demo's samples
and filler text) rendered as 300 dpi A4 scans, each in its good version and
in bad ones made the way scans go wrong at a kiosk:

- ``blurred``: Gaussian blur of 2.5 and 4 px (the page lifted off the glass);
- ``dark``: brightness x0.35 and x0.45 (lid open, dark room);
- ``washed_out``: contrast x0.2 and x0.3 then lighter (faded print, lamp too strong);
- ``skewed``: turned 3 and 6 degrees (page laid askew);
- ``cut_off``: a third of the width or height missing (page off the glass);
- ``low_resolution``: scanned at 75 and 100 dpi.

And milder ones, where the line between readable and not runs (``mild``:
how many of each the checks flag): blur of 1.5 px, brightness x0.6,
contrast x0.5, turned 1 degree (below the 1.5 degree threshold on purpose),
a JPEG at quality 30, 150 dpi.

For each kind: ``caught`` (pages flagged with that problem) out of ``pages``;
for the good pages, ``false_alarms`` (pages flagged with any problem); and the
time per check.

    python bench/scan_quality.py [--documents 6]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageEnhance, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agentdesk.demo.samples import SAMPLES, SCAN_DPI, render_scan
from agentdesk.kiosk.scan_quality import ScanProblem, check_scan

DPI = SCAN_DPI


def _at_dpi(page: Image.Image, dpi: int) -> Image.Image:
    size = (round(page.width * dpi / DPI), round(page.height * dpi / DPI))
    small = page.resize(size, Image.Resampling.LANCZOS)
    small.info["dpi"] = (dpi, dpi)
    return small


def _tagged(image: Image.Image) -> Image.Image:
    image.info["dpi"] = (DPI, DPI)
    return image


VARIANTS: dict[str, list[Callable[[Image.Image], Image.Image]]] = {
    "good": [lambda p: p],
    "blurred": [
        lambda p: p.filter(ImageFilter.GaussianBlur(2.5)),
        lambda p: p.filter(ImageFilter.GaussianBlur(4)),
    ],
    "dark": [
        lambda p: ImageEnhance.Brightness(p).enhance(0.35),
        lambda p: ImageEnhance.Brightness(p).enhance(0.45),
    ],
    "washed_out": [
        lambda p: ImageEnhance.Brightness(ImageEnhance.Contrast(p).enhance(0.2)).enhance(1.3),
        lambda p: ImageEnhance.Brightness(ImageEnhance.Contrast(p).enhance(0.3)).enhance(1.2),
    ],
    "skewed": [
        lambda p: p.rotate(3, resample=Image.Resampling.BICUBIC, fillcolor=(250, 249, 244)),
        lambda p: p.rotate(-6, resample=Image.Resampling.BICUBIC, fillcolor=(250, 249, 244)),
    ],
    "cut_off": [
        lambda p: p.crop((0, 0, p.width * 2 // 3, p.height)),
        lambda p: p.crop((0, p.height // 3, p.width, p.height)),
    ],
    "low_resolution": [lambda p: _at_dpi(p, 75), lambda p: _at_dpi(p, 100)],
}


MILD: dict[str, Callable[[Image.Image], Image.Image]] = {
    "blur_1.5px": lambda p: p.filter(ImageFilter.GaussianBlur(1.5)),
    "brightness_0.6": lambda p: ImageEnhance.Brightness(p).enhance(0.6),
    "contrast_0.5": lambda p: ImageEnhance.Contrast(p).enhance(0.5),
    "turned_1deg": lambda p: p.rotate(
        1, resample=Image.Resampling.BICUBIC, fillcolor=(250, 249, 244)
    ),
    "jpeg_q30": lambda p: _jpeg(p, 30),
    "dpi_150": lambda p: _at_dpi(p, 150),
}


def _jpeg(page: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=quality, dpi=(DPI, DPI))
    return Image.open(io.BytesIO(buffer.getvalue()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=6)
    args = parser.parse_args()
    bases = [
        render_scan(title, lines, seed)
        for seed, (title, lines) in zip(
            range(args.documents), [*SAMPLES.values()] * args.documents, strict=False
        )
    ]
    result: dict[str, object] = {"documents": len(bases), "dpi": DPI}
    timings: list[float] = []
    confusion: dict[str, dict[str, int]] = {}
    for kind, makers in VARIANTS.items():
        pages = caught = flagged = 0
        problems_seen: dict[str, int] = {}
        for base in bases:
            for make in makers:
                image = make(base)
                if "dpi" not in image.info:
                    image = _tagged(image)
                started = time.perf_counter()
                verdict = check_scan(image)
                timings.append(time.perf_counter() - started)
                pages += 1
                flagged += not verdict.ok
                if kind != "good" and ScanProblem(kind) in verdict.problems:
                    caught += 1
                for problem in verdict.problems:
                    problems_seen[problem.value] = problems_seen.get(problem.value, 0) + 1
        confusion[kind] = problems_seen
        if kind == "good":
            result["good"] = {"pages": pages, "false_alarms": flagged}
        else:
            result[kind] = {"pages": pages, "caught": caught}
    result["flags_by_kind"] = confusion
    mild: dict[str, dict[str, object]] = {}
    for name, make in MILD.items():
        flags: list[str] = []
        for base in bases:
            image = make(base)
            if "dpi" not in image.info:
                image = _tagged(image)
            flags += [problem.value for problem in check_scan(image).problems]
        mild[name] = {"pages": len(bases), "flags": sorted(set(flags)), "flagged": len(flags)}
    result["mild"] = mild
    result["check_ms_median"] = round(statistics.median(timings) * 1000, 1)
    result["check_ms_max"] = round(max(timings) * 1000, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
