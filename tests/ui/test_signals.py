"""The app as a desktop session ends it: SIGTERM while the sign-in page or the
first-run page waits.

The real ``agentdesk`` command (the desktop entry's Exec), offscreen, on a
fresh config folder and its own log folder.  Its log file is a named pipe the
test reads: the page's log line is the moment to send the signal, no sleep."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.processes import own_home

EXIT_WITHIN_S = 5.0
"""A desktop session that logs out waits a few seconds before killing."""


def agentdesk_command() -> str:
    command = Path(sys.executable).parent / "agentdesk"
    assert command.exists(), "the agentdesk command is installed with the package (pip install -e)"
    return str(command)


class LogPipe:
    """The app's log file as a named pipe: lines as the app writes them."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        self.path = folder / "agentdesk.log"
        os.mkfifo(self.path)
        # Opened first, without waiting for a writer: the app's open then returns at once.
        self._fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)
        self.text = ""

    def wait_for(self, line: str, app: subprocess.Popen[bytes], within: float = 60) -> None:
        deadline = time.monotonic() + within
        while line not in self.text:
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            left = deadline - time.monotonic()
            assert left > 0, f"never logged: {line}"
            if self._selector.select(min(left, 1.0)):
                self._read()

    def rest(self) -> str:
        """Everything, once the app has exited (its end of the pipe closed)."""
        while self._read():
            pass
        return self.text

    def _read(self) -> bool:
        try:
            data = os.read(self._fd, 65536)
        except BlockingIOError:
            return True
        self.text += data.decode("utf-8")
        return bool(data)

    def close(self) -> None:
        self._selector.close()
        os.close(self._fd)


def terminated_on(tmp_path: Path, page: str, machine: Path) -> str:
    """Starts the app, sends SIGTERM as soon as ``page`` is logged (the app
    idle on it: nothing ticks, Qt waits in C), asserts a clean exit (code 0)
    within EXIT_WITHIN_S; returns the log."""
    env = own_home(tmp_path, AGENTDESK_MACHINE_CONFIG=str(machine))
    log = LogPipe(tmp_path / "logs")
    app = subprocess.Popen(
        [agentdesk_command(), "--config-dir", str(tmp_path / "config"),
         "--log-dir", str(log.path.parent)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        log.wait_for(page, app)
        app.send_signal(signal.SIGTERM)
        try:
            code = app.wait(EXIT_WITHIN_S)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running {EXIT_WITHIN_S} s after SIGTERM") from None
        assert code == 0, f"exit code {code} (-15: killed by the signal's default action)"
        return log.rest()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        log.close()


def test_sigterm_on_the_sign_in_page_ends_the_app(tmp_path: Path) -> None:
    # A preconfigured server: straight to sign-in, no first-run page.
    machine = tmp_path / "agentdesk.toml"
    machine.write_text("server_url = 'wss://standard.example.fr/api/v1/ws'\n")
    log = terminated_on(tmp_path, "sign-in page shown", machine)
    assert "first-run page shown" not in log


def test_sigterm_on_the_first_run_page_ends_the_app(tmp_path: Path) -> None:
    # No server known (no machine configuration): the first-run page asks for it.
    log = terminated_on(tmp_path, "first-run page shown", tmp_path / "absent.toml")
    assert "closed on the first-run page" in log
    # Nothing was saved: the next start asks again.
    assert not (tmp_path / "config" / "settings.json").exists()
