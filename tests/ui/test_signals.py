"""The app as a desktop session ends it: SIGTERM while the sign-in page or the
first-run page waits.

A separate process, offscreen, on its own config and log folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def terminated_on(tmp_path: Path, page: str, machine: Path) -> str:
    """Starts the app, waits for ``page`` in its log, sends SIGTERM, asserts a
    clean exit (code 0) within 20 s; returns the log."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "AGENTDESK_MACHINE_CONFIG": str(machine),
    }
    log = tmp_path / "logs" / "agentdesk.log"
    app = subprocess.Popen(
        [sys.executable, "-m", "agentdesk", "app", "--config-dir", str(tmp_path / "config"),
         "--log-dir", str(log.parent)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and page in log.read_text(encoding="utf-8")):
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert time.monotonic() < deadline, f"never logged: {page}"
            time.sleep(0.1)
        # Idle on the page: nothing ticks, Qt waits in C.
        time.sleep(0.5)
        app.send_signal(signal.SIGTERM)
        assert app.wait(20) == 0
        return log.read_text(encoding="utf-8")
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_sigterm_on_the_sign_in_page_ends_the_app(tmp_path: Path) -> None:
    # A preconfigured server: straight to sign-in, no first-run page.
    machine = tmp_path / "agentdesk.toml"
    machine.write_text("server_url = 'wss://standard.example.fr/api/v1/ws'\n")
    terminated_on(tmp_path, "sign-in page shown", machine)


def test_sigterm_on_the_first_run_page_ends_the_app(tmp_path: Path) -> None:
    # No server known (no machine configuration): the first-run page asks for it.
    log = terminated_on(tmp_path, "first-run page shown", tmp_path / "absent.toml")
    assert "closed on the first-run page" in log
    # Nothing was saved: the next start asks again.
    assert not (tmp_path / "config" / "settings.json").exists()
