"""Child processes of tests and their helpers."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any


def own_home(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of an app process with a home of its own in
    ``folder``: its settings, state and data there, never the user's;
    offscreen (no display here).  ``extra``: more variables."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_STATE_HOME": str(folder / "state"),
        "XDG_DATA_HOME": str(folder / "data"),
        **extra,
    }


def stop(process: subprocess.Popen[Any], within: float) -> None:
    """SIGTERM, then SIGKILL if it is still there after ``within`` seconds; reaped either way."""
    process.terminate()
    try:
        process.wait(within)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
