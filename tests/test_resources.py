"""The app's icons, sounds and desktop entry: present, generated from their
sources, and what a Linux desktop and the app look for."""

from __future__ import annotations

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

from agentdesk.assets import (
    APP_ICON_SIZES,
    APP_ID,
    DocumentIcon,
    TrayState,
    app_icon_paths,
    document_icon_paths,
    resources_dir,
    tray_icon_paths,
)

ROOT = Path(__file__).resolve().parent.parent


def test_generated_files_match_their_sources() -> None:
    """Icons and sounds are regenerated from the SVGs and recipes, never edited by hand."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "build.py"), "--check"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_icon_size_the_app_and_installers_use_is_there() -> None:
    assert resources_dir() == ROOT / "resources"
    for path, size in zip(app_icon_paths(), APP_ICON_SIZES, strict=True):
        assert Image.open(path).size == (size, size)
    for state in TrayState:
        for path in tray_icon_paths(state):
            image = Image.open(path).convert("RGBA")
            # Readable at 16 px: the state's glyph is drawn (white) inside the disc.
            opaque = {c[:3] for _, c in image.getcolors(1 << 16) or [] if c[3] == 255}
            assert (255, 255, 255) in opaque, path
    for kind in DocumentIcon:
        for path in document_icon_paths(kind):
            assert Image.open(path).getbbox() is not None, path  # not blank
    ico = Image.open(resources_dir() / "icons" / "agentdesk.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
    icns = Image.open(resources_dir() / "icons" / "agentdesk.icns")
    assert min(icns.size) >= 512


def test_desktop_entry_and_appstream_name_the_same_app() -> None:
    linux = resources_dir() / "linux"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(linux / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "agentdesk"
    assert desktop["Icon"] == APP_ID
    assert desktop["Comment[fr]"].startswith("Recevoir les appels vidéo")
    meta = ET.parse(linux / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.findtext("project_license") == "EUPL-1.2"
