"""The desk core stays free of Qt, network, media and database code."""

from __future__ import annotations

import subprocess
import sys


def test_desk_core_imports_no_qt_network_media_or_database() -> None:
    code = (
        "import sys, agentdesk.desk\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'shiboken6', 'aiohttp', 'aiortc', 'av', 'sqlite3', 'qasync'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
