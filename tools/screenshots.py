"""Screenshots of each screen of the agent's app, on a small laptop at 100 %
and 150 % and on a full-HD screen at 200 %, into docs/screenshots/.

    .venv/bin/python tools/screenshots.py            # every size, under Xvfb
    .venv/bin/python tools/screenshots.py --one 1366x768 1.5   # one size, this display

Each size runs in its own process (Qt reads its scale factor once), on a
virtual X screen of that size (``xvfb-run``, listed in ./run's system
packages), so the window meets the same limits as on the real laptop.  The
desk is fed protocol messages as the switchboard would send them (the test
suite's recorder answers the actions); the videos are drawn test pictures.

Prints one JSON object: for each screen, the controls cut off by the window
edge or squeezed below their natural width, which should be none.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = [("1366x768", "1"), ("1366x768", "1.5"), ("1920x1080", "2")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "SCALE"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.one:
        return asyncio_main(args.one[0], args.one[1], args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {}
    for size, scale in SIZES:
        env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "xcb"}
        cmd = [sys.executable, __file__, "--one", size, scale, "--out", str(args.out)]
        if shutil.which("xvfb-run"):
            cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", *cmd]
        else:  # no X server to make: offscreen, the window sized by hand
            env["QT_QPA_PLATFORM"] = "offscreen"
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            print(done.stderr, file=sys.stderr)
            return 1
        report[f"{size}@{scale}"] = json.loads(lines[-1])
    print(json.dumps(report))
    return 0


def asyncio_main(size: str, scale: str, out: Path) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        result = loop.run_until_complete(shoot(app, size, scale, out))
    print(json.dumps(result))
    return 0


class _NoBot:
    """The test harness registers widgets with pytest-qt; nothing to do here."""

    def addWidget(self, widget: Any) -> None:
        return None


async def shoot(app: Any, size: str, scale: str, out: Path) -> dict[str, Any]:
    import keyring
    from keyring.backends import fail
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QWidget

    sys.path.insert(0, str(ROOT))
    import msgspec

    from agentdesk.desk import Language, RgbFrame
    from agentdesk.protocol import (
        AgentState,
        CallState,
        CallUpdate,
        EndReason,
        Offered,
        ServiceInfo,
    )
    from agentdesk.ui.app import _fit_to_screen
    from agentdesk.ui.i18n_runtime import LanguageSwitcher
    from tests.support.layout import cut_off_controls
    from tests.ui.helpers import Harness, call, feed, snapshot, status, welcome

    keyring.set_keyring(fail.Keyring())  # never touch the user's keyring
    languages = LanguageSwitcher(app)
    languages.use(Language.FRENCH)
    tag = f"{size}-{int(float(scale) * 100)}"
    harness = Harness(_NoBot(), Path(tempfile.mkdtemp()), languages)
    window = harness.window
    window.hide()
    _fit_to_screen(window)
    window.show()
    cut: dict[str, list[str]] = {}

    async def settle() -> None:
        for _ in range(5):
            app.processEvents()
            await asyncio.sleep(0.05)

    async def grab(name: str, top: QWidget | None = None) -> None:
        await settle()
        widget = top or window
        widget.grab().save(str(out / f"{name}-{tag}.png"))
        cut[name] = cut_off_controls(widget)
        screen = widget.screen().availableGeometry()
        if widget.frameGeometry().width() > screen.width() + 1:
            cut[name].append(f"window wider than the screen ({widget.width()} > {screen.width()})")

    panel = window.sign_in_panel
    panel.server.setText("wss://standard.caf-cantal.fr/api/v1/ws")
    panel.login.setText("claire.dupont")
    from agentdesk.desk import SignInProblem

    panel.show_problem(SignInProblem.WRONG_PASSWORD)
    await grab("01-sign-in")

    harness.signed_in(AgentState.AVAILABLE)
    waiting = [
        call("c1", "Riom-ès-Montagnes", waited_s=260, reason="Prime d'activité et RSA"),
        call("c2", "Murat", waited_s=95, reason="Changement de situation"),
        call("c3", "Saint-Flour", waited_s=30, appointment_id="a1", appointment_due=True),
    ]
    feed(harness.desk, snapshot(*waiting))
    await grab("02-my-day")
    window.tabs.setCurrentWidget(window.queue_panel)
    await grab("03-queue")

    ringing = call("c1", "Riom-ès-Montagnes", state=CallState.OFFERED, reason="Prime d'activité")
    feed(harness.desk, Offered(call=ringing, expires_in_s=20))
    await grab("04-ringing")

    harness.in_call("c1", "Riom-ès-Montagnes")
    connected = call(
        "c1",
        "Riom-ès-Montagnes",
        state=CallState.CONNECTED,
        agent_login="agent.dupont",
        reason="Prime d'activité",
    )
    feed(harness.desk, CallUpdate(call=connected))
    # The network's services, as the switchboard's welcome names them.
    directory = [
        ServiceInfo(code="CAF", name="Allocations familiales (CAF)"),
        ServiceInfo(code="CPAM", name="Assurance maladie"),
        ServiceInfo(code="MSA", name="Mutualité sociale agricole"),
        ServiceInfo(code="UDAF", name="Union des associations familiales"),
    ]
    back = msgspec.structs.replace(welcome(AgentState.IN_CALL, connected), directory=directory)
    feed(harness.desk, back)
    picture = QColor(70, 110, 160)
    frame = RgbFrame(640, 480, bytes([picture.red(), picture.green(), picture.blue()]) * 640 * 480)
    window.call_panel.remote_video.show_frame(frame)
    window.call_panel.local_video.show_frame(RgbFrame(320, 240, bytes([200, 170, 140]) * 320 * 240))
    await grab("05-in-call")

    window.call_panel.open_transfer()
    dialog = window.call_panel.transfer_dialog
    if dialog is not None:
        await grab("06-transfer", dialog)
        dialog.reject()

    wrap = call("c1", "Riom-ès-Montagnes", state=CallState.WRAP_UP, reason="Prime d'activité")
    feed(harness.desk, CallUpdate(call=wrap, end_reason=EndReason.AGENT_HUNG_UP))
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    await grab("07-wrap-up")

    # The device check on the app's own backend: the test pattern for a
    # camera, the stand-in sound card of the tests (no devices here).
    from agentdesk.station.backend import DeskBackend
    from tests.engine.fake_audio import headset_and_builtin

    backend = DeskBackend(
        harness.flow.settings, camera_device="testsrc", audio=(headset_and_builtin(), None)
    )
    window._device_check = backend.device_check
    window._devices = (["testsrc"], ["Casque USB", "Intégré"], ["Casque USB", "Intégré"])
    window.open_settings()
    if window.settings_dialog is not None:
        panel = window.settings_dialog.check_panel
        await _until(lambda: panel is not None and panel.preview.frames_painted > 0)
        await grab("08-settings", window.settings_dialog)
        window.settings_dialog.reject()
    window.open_device_check()
    if window.device_check_dialog is not None:
        check = window.device_check_dialog
        await _until(lambda: check.panel.preview.frames_painted > 0)
        await _until(lambda: check.panel.meter.value() > 0)
        await grab("10-device-check", check)
        check.reject()
    await backend.aclose()

    # The switchboard closes the session (the account was disabled meanwhile).
    from agentdesk.desk import ConnectionState

    harness.flow.settings = msgspec.structs.replace(
        harness.flow.settings,
        server_url="wss://standard.caf-cantal.fr/api/v1/ws",
        last_login="claire.dupont",
    )
    harness.desk.set_link(ConnectionState.UNAUTHORIZED, "account_disabled")
    # Its clean-up runs as a task: let it finish before ``grab`` pumps Qt's
    # events by hand (qasync would step the task inside this one).
    await asyncio.sleep(0.2)
    await grab("09-session-closed")

    await harness.close()
    languages.remove()
    return {"size": size, "scale": float(scale), "cut_off": cut}


async def _until(predicate: Any, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    while not predicate() and time.monotonic() < deadline:  # noqa: ASYNC110 - frames, no event
        await asyncio.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main())
