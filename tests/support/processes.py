"""Child processes of tests and their helpers."""

from __future__ import annotations

import subprocess
from typing import Any


def stop(process: subprocess.Popen[Any], within: float) -> None:
    """SIGTERM, then SIGKILL if it is still there after ``within`` seconds; reaped either way."""
    process.terminate()
    try:
        process.wait(within)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
