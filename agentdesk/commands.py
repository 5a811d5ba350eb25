"""How the app starts its own sub-commands (the demo's switchboard and kiosks,
the settings' hardware test) in a child process.

A frozen bundle's ``sys.executable`` is the bundle itself, not a Python
interpreter: ``-m agentdesk`` would open the desktop app there instead of the
switchboard.  So the command line depends on how we run.
"""

from __future__ import annotations

import sys


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def agentdesk_command(*args: str) -> list[str]:
    """The command line running ``agentdesk ARGS`` with this very installation."""
    if is_frozen():
        return [sys.executable, *args]
    return [sys.executable, "-m", "agentdesk", *args]
