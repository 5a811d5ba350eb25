"""Where the app's own files are: icons, sounds (the top-level ``resources/``).

In a source checkout the folder sits next to the ``agentdesk`` package; in a
PyInstaller bundle the spec copies it into the bundle's data folder
(``sys._MEIPASS``).  Qt-free: the station plays the sounds, the widgets show
the icons.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path

APP_ID = "fr.agentdesk.AgentDesk"
"""The reverse-DNS name of the .desktop entry, the AppStream file and the icon."""


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


class Sound(enum.Enum):
    RINGTONE = "ringtone.wav"
    RESIDENT_JOINED = "resident-joined.wav"


class TrayState(enum.Enum):
    """The tray icon's faces (see resources/icons/tray-*.svg)."""

    AVAILABLE = "available"
    RINGING = "ringing"
    IN_CALL = "in_call"
    PAUSED = "paused"
    OFFLINE = "offline"


class DocumentIcon(enum.Enum):
    """A document's state in the call's strip (see resources/icons/document-*.svg)."""

    FILE = "file"
    ARRIVING = "arriving"
    FAILED = "failed"


APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TRAY_ICON_SIZES = (16, 24, 32, 48)
DOCUMENT_ICON_SIZES = (24, 48, 96)


def sound_path(sound: Sound) -> Path:
    return resources_dir() / "sounds" / sound.value


def app_icon_paths() -> list[Path]:
    return [resources_dir() / "icons" / f"agentdesk-{size}.png" for size in APP_ICON_SIZES]


def tray_icon_paths(state: TrayState) -> list[Path]:
    icons = resources_dir() / "icons"
    return [icons / f"tray-{state.value}-{size}.png" for size in TRAY_ICON_SIZES]


def document_icon_paths(kind: DocumentIcon) -> list[Path]:
    icons = resources_dir() / "icons"
    return [icons / f"document-{kind.value}-{size}.png" for size in DOCUMENT_ICON_SIZES]
