"""tools/screenshots.py kept honest: one size's process (Qt's offscreen
platform given a 1366x768 screen at 150 %, the volunteer's laptop) shoots a
few screens, ends by itself, writes them, and finds nothing cut off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tools.screenshots import offscreen_platform

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENS = ["01-sign-in", "04-ringing", "05-in-call", "06-transfer", "08c-settings-outcomes"]


def test_one_size_shoots_its_screens_and_nothing_is_cut_off(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": "1.5",
        "QT_QPA_PLATFORM": offscreen_platform("1366x768", tmp_path),
    }
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screenshots.py"), "--one", "1366x768", "1.5",
         "--out", str(out), "--only", ",".join(SCREENS)],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["cut_off"] == {name: [] for name in SCREENS}, report
    assert report["scrolls_sideways"] == {name: [] for name in SCREENS}, report
    for name in SCREENS:
        image = QImage(str(out / f"{name}-1366x768-150.png"))
        assert not image.isNull(), name
    # The main window takes the laptop's screen (a few pixels go to rounding
    # 1366 / 1.5), and no more.
    window = QImage(str(out / "04-ringing-1366x768-150.png"))
    assert 1366 - 8 <= window.width() <= 1366 and 768 - 8 <= window.height() <= 768
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}-1366x768-150.png" for name in SCREENS
    )
