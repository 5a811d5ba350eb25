"""The session ending (SIGTERM) closes the app even on the sign-in page, where
nothing ticks: a logout must not wait for the system to kill it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def test_sigterm_on_the_sign_in_page_closes_the_app(tmp_path: Path) -> None:
    machine = tmp_path / "agentdesk.toml"
    machine.write_text("server_url = 'wss://standard.example.fr/api/v1/ws'\n")
    log = tmp_path / "logs" / "agentdesk.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "AGENTDESK_MACHINE_CONFIG": str(machine)}  # fmt: skip
    app = subprocess.Popen(
        [sys.executable, "-m", "agentdesk", "--config-dir", str(tmp_path / "cfg"),
         "--log-dir", str(log.parent)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and "window shown" in log.read_text(encoding="utf-8")):
            assert app.poll() is None, "the app stopped by itself"
            assert time.monotonic() < deadline, "the window never showed"
            time.sleep(0.1)
        app.send_signal(signal.SIGTERM)
        assert app.wait(10) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
