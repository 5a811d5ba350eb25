"""Running ``agentdesk demo`` as a newcomer would, from any installation (the
checkout's Python, or a frozen bundle) and checking its whole flow."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

from .processes import own_home


def _records(log: Path) -> list[dict[str, object]]:
    """The JSON lines of a log (a switchboard's or a kiosk's), as written so far."""
    if not log.exists():
        return []
    records = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return records


def _offered_to_demo_agent(log: Path) -> bool:
    return any(
        r.get("event") == "call_offered" and r.get("agent") == "agent.caf" for r in _records(log)
    )


def _event_in(log: Path, kind: str) -> bool:
    return any(r.get("event") == kind for r in _records(log))


def run_demo_whole_flow(command: list[str], tmp_path: Path) -> None:
    """``command`` starts the demo with one kiosk; the app signs in as the demo
    agent and goes available, the kiosk queues, the switchboard offers the call
    to that agent; the booked resident checks in; a kiosk tells that UDAF is
    closed; SIGTERM stops everything and removes the demo's files."""
    env = own_home(tmp_path, TMPDIR=str(tmp_path))
    demo = subprocess.Popen(
        [*command, "demo", "--kiosks", "1", "--interval", "60", "--check-in-after", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=env, text=True,
    )  # fmt: skip
    try:
        assert demo.stdout is not None
        first = demo.stdout.readline()
        found = re.search(r"standard sur (ws://127\.0\.0\.1:(\d+)\S*), dossier (\S+)", first)
        assert found, first + demo.stdout.read() if demo.poll() is not None else first
        port, folder = int(found.group(2)), Path(found.group(3))
        # The app signed in as the demo agent and went available by itself; a
        # kiosk queued; the switchboard offered the call to that agent.
        deadline = time.monotonic() + 90
        while not _offered_to_demo_agent(folder / "switchboard.log"):
            assert demo.poll() is None, demo.stdout.read()
            assert time.monotonic() < deadline, "no call offered to the demo agent"
            time.sleep(0.2)

        # The demo's calendar: the booked resident checks in at Murat with
        # their code, and their call goes first.
        deadline = time.monotonic() + 60
        while not _event_in(folder / "pvp-murat-CAF.log", "checked_in"):
            assert demo.poll() is None, demo.stdout.read()
            assert time.monotonic() < deadline, "the demo appointment did not check in"
            time.sleep(0.2)

        demo.send_signal(signal.SIGTERM)
        assert demo.wait(60) == 0
        said = demo.stdout.read()
        # A clean exit: no traceback from any thread (the camera's reading
        # thread, the sound card's callbacks) nor from a finaliser.
        assert "Traceback" not in said and "Exception ignored" not in said, said
        # UDAF is closed now: the kiosk asking for it says when it opens.
        assert re.search(r"UDAF est fermé : prochaine ouverture \w+ \d\d/\d\d à 14:00", said), said
        assert not folder.exists()  # the demo's files are removed
        # Nothing went wrong in the app: its crash guard (« Erreur inattendue »)
        # logged no error, at the start (available twice) nor later.
        logs = list((tmp_path / "state").rglob("agentdesk.log"))
        assert logs, "the app's log"
        for log in logs:
            text = log.read_text(encoding="utf-8")
            assert "unexpected error" not in text, text
        with socket.socket() as probe:  # and its switchboard stopped
            assert probe.connect_ex(("127.0.0.1", port)) != 0
    finally:
        if demo.poll() is None:
            # Asked to stop, the demo stops its switchboard and kiosks; killed
            # outright (a failed check), it would leave them running.
            demo.send_signal(signal.SIGTERM)
            try:
                demo.wait(20)
            except subprocess.TimeoutExpired:
                demo.kill()
                demo.wait()
