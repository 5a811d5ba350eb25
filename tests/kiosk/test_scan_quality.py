"""The kiosk's checks on a scan, on a generated page (fictitious, 300 dpi)
and the ways scans go wrong: each is caught for what it is, and the good page
passes.  bench/scan_quality.py measures the same on a larger set."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageEnhance, ImageFilter

from agentdesk.demo.samples import SAMPLES, SCAN_DPI, render_scan
from agentdesk.kiosk.scan_quality import ScanProblem, check_file, check_scan

PAPER = (250, 249, 244)


@pytest.fixture(scope="module")
def page() -> Image.Image:
    title, lines = next(iter(SAMPLES.values()))
    image = render_scan(title, lines, seed=11)
    image.info["dpi"] = (SCAN_DPI, SCAN_DPI)
    return image


def _dpi(image: Image.Image, dpi: int = SCAN_DPI) -> Image.Image:
    image.info["dpi"] = (dpi, dpi)
    return image


def _low(image: Image.Image) -> Image.Image:
    small = image.resize((image.width // 4, image.height // 4), Image.Resampling.LANCZOS)
    return _dpi(small, SCAN_DPI // 4)


BAD: dict[ScanProblem, Callable[[Image.Image], Image.Image]] = {
    ScanProblem.BLURRED: lambda p: _dpi(p.filter(ImageFilter.GaussianBlur(4))),
    ScanProblem.DARK: lambda p: _dpi(ImageEnhance.Brightness(p).enhance(0.35)),
    ScanProblem.WASHED_OUT: lambda p: _dpi(
        ImageEnhance.Brightness(ImageEnhance.Contrast(p).enhance(0.2)).enhance(1.3)
    ),
    ScanProblem.SKEWED: lambda p: _dpi(p.rotate(-6, fillcolor=PAPER)),
    ScanProblem.CUT_OFF: lambda p: _dpi(p.crop((0, 0, p.width * 2 // 3, p.height))),
    ScanProblem.LOW_RESOLUTION: _low,
}


def test_a_good_scan_passes(page: Image.Image) -> None:
    verdict = check_scan(page)
    assert verdict.ok, verdict.measures


@pytest.mark.parametrize("problem", list(BAD))
def test_each_bad_scan_is_caught_for_what_it_is(page: Image.Image, problem: ScanProblem) -> None:
    verdict = check_scan(BAD[problem](page))
    assert verdict.problems == (problem,), verdict.measures


def test_a_file_is_checked_from_its_bytes_and_a_pdf_is_left_to_the_channel(
    page: Image.Image, tmp_path: Path
) -> None:
    blurred = tmp_path / "avis.png"
    BAD[ScanProblem.BLURRED](page).save(blurred, dpi=(SCAN_DPI, SCAN_DPI))
    assert check_file(blurred) == ("blurred",)
    pdf = tmp_path / "avis.pdf"
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    pdf.write_bytes(buffer.getvalue())
    assert check_file(pdf) is None
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    assert check_file(broken) is None
