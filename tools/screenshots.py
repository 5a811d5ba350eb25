"""Screenshots of each screen of the agent's app, on a small laptop at 100 %
and 150 % and on a full-HD screen at 200 %, into docs/screenshots/.

    .venv/bin/python tools/screenshots.py            # every size, under Xvfb
    .venv/bin/python tools/screenshots.py --one 1366x768 1.5   # one size, this display
    .venv/bin/python tools/screenshots.py --only 01-sign-in,04-ringing

Each size runs in its own process (Qt reads its scale factor once), on a
virtual X screen of that size (``xvfb-run``, listed in ./run's system
packages; without it, Qt's offscreen platform given a screen of that size),
so the window meets the same limits as on the real laptop.  Each process has
a time limit: one that hangs is killed and its error output shown.

The agent's screens are fed protocol messages as the switchboard would send
them (the test suite's recorder answers the actions); booking, appointments
and the supervisor's views talk to a real switchboard process on 127.0.0.1
with generated history.  The videos are drawn test pictures.

Prints one JSON object: for each size, ``cut_off`` lists for each screen what
a person would find cut off, which should be nothing: buttons outside the
window or screen, squeezed below their text or partly hidden, text clipped,
hints cut, widgets laid over one another, a window larger than the screen
(tests/support/layout.py); ``scrolls_sideways`` lists the lists and tables
whose rows run past their right edge.  The process exits 1 if a size failed,
2 if something is cut off.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = [("1366x768", "1"), ("1366x768", "1.5"), ("1920x1080", "2")]
CAPTIONS = {
    "01-sign-in": "Sign-in, after a wrong password",
    "02-my-day": "« Ma journée »: today's permanences and appointments, the camera's preview",
    "03-queue": "The queue, an appointment first",
    "04-ringing": "A call ringing",
    "04b-ringing-queue": "The queue while a call rings (another rings at a colleague's)",
    "05-in-call": "In a call, a PDF of three pages beside the video, the kiosk's devices",
    "05b-in-call-scan-verdict": "In a call, a scan the kiosk finds blurred",
    "05c-in-call-scanner-down": "In a call, the kiosk's scanner stopped after a scan was asked for",
    "06-transfer": "Transferring the call",
    "06b-transfer-staffed": "Transferring the call: who staffs each service",
    "07-wrap-up": "Wrap-up",
    "08-settings": "Settings: the devices, with the device check",
    "08b-settings-general": "Settings: language, server, text size, the permanence day",
    "08c-settings-outcomes": "Settings: the call outcomes",
    "09-session-closed": "The switchboard closed the session",
    "10-device-check": "The first sign-in's device check",
    "10b-no-microphone": "The device check on a computer without a microphone",
    "11-first-run": "First start: the switchboard's address",
    "12-document-viewer": "A document zoomed in the viewer",
    "13-quit-question": "Quitting during a call",
    "14-booking": "Booking an appointment",
    "15-appointments": "The day's appointments",
    "16-history": "Today's calls",
    "17-pause-reasons": "Reasons for a pause",
    "18-self-test": "The hardware test (this machine has no camera nor sound card)",
    "19-unexpected-error": "A bug, as the app shows it (it carries on)",
    "20-supervision-live": "Supervision: live queues and agents",
    "21-supervision-figures": "Supervision: figures of a month",
    "22-supervision-communes": "Supervision: figures by commune",
    "23-supervision-calendar": "Supervision: the week's permanences",
    "24-permanence": "Supervision: a permanence",
    "25-supervision-kiosks": "Supervision: the kiosks",
}
"""What each screen shows, for docs/screenshots/README.md."""
CHILD_TIMEOUT_S = 300.0
"""One size's process: about 30 s here; beyond this it is stuck."""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "SCALE"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--only", default="", help="screens to shoot, comma-separated names")
    parser.add_argument("--timeout", type=float, default=CHILD_TIMEOUT_S, help="per size, s")
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    if args.one:
        return child_main(args.one[0], args.one[1], args.out, only)
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {}
    for size, scale in SIZES:
        outcome = run_size(size, scale, args.out, only, args.timeout)
        if isinstance(outcome, str):
            print(outcome, file=sys.stderr)
            return 1
        report[f"{size}@{scale}"] = outcome
    optimise(args.out)
    if not only:
        write_index(args.out, report)
    print(json.dumps(report, ensure_ascii=False))
    cut = any(problems for shots in report.values() for problems in shots["cut_off"].values())
    return 2 if cut else 0


def run_size(
    size: str, scale: str, out: Path, only: set[str], timeout: float
) -> dict[str, Any] | str:
    """One size in its own process: its report, or why it failed (with its stderr)."""
    env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "xcb"}
    cmd = [sys.executable, __file__, "--one", size, scale, "--out", str(out)]
    if only:
        cmd += ["--only", ",".join(sorted(only))]
    if shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", *cmd]
    else:  # no X server to make: Qt's offscreen screen, of that size
        env["QT_QPA_PLATFORM"] = offscreen_platform(size, Path(tempfile.mkdtemp()))
    where = f"{size} at {float(scale) * 100:g} %"
    # Its own process group: on a hang, xvfb-run, Xvfb and Python go together.
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        return f"{where}: no answer within {timeout:g} s, stopped. Its errors:\n{stderr}"
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return f"{where}: exited {proc.returncode}. Its errors:\n{stderr}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def write_index(out: Path, report: dict[str, Any]) -> None:
    """docs/screenshots/README.md: every screen at every size, as shot."""
    sizes = [(f"{size}@{scale}", f"{size}-{int(float(scale) * 100)}") for size, scale in SIZES]
    labels = {key: tag.replace("-", ", ") + " %" for key, tag in sizes}
    names = list(dict.fromkeys(n for shots in report.values() for n in shots["cut_off"]))
    problems = sum(len(found) for shots in report.values() for found in shots["cut_off"].values())
    sideways = ", ".join(
        sorted({f"{CAPTIONS.get(name, name)} ({labels[key]})"
                for key, shots in report.items()
                for name, found in shots.get("scrolls_sideways", {}).items() if found})
    )  # fmt: skip
    lines = [
        "# Screenshots of the agent's and the supervisor's app",
        "",
        "Regenerated by `./run screenshots` (tools/screenshots.py) on a 1366x768 laptop",
        "at 100 % and 150 % and a 1920x1080 screen at 200 %; the script lists any",
        "control cut off, text clipped or widgets overlapping: "
        + (f"{problems} when these were taken." if problems else "none when these were taken."),
        *(
            ["Tables whose rows run past their right edge (they scroll): " + sideways + "."]
            if sideways
            else []
        ),
        "",
        "| Screen | " + " | ".join(labels[key] for key, _ in sizes) + " |",
        "|---" * (len(sizes) + 1) + "|",
    ]
    for name in sorted(names):
        shot = [tag for key, tag in sizes if name in report[key]["cut_off"]]
        cells = [f"[{tag}]({name}-{tag}.png)" for tag in shot]
        lines.append(f"| {CAPTIONS.get(name, name)} | " + " | ".join(cells) + " |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def offscreen_platform(size: str, folder: Path) -> str:
    """QT_QPA_PLATFORM for Qt's offscreen platform with one screen of ``size``."""
    width, height = (int(part) for part in size.split("x"))
    screen = {"name": "shot", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "physicalDpi": 96}  # fmt: skip
    config = folder / "offscreen.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def optimise(folder: Path) -> None:
    """Screens are flat colours and text: a 256-colour palette keeps them
    sharp at about a third of the size."""
    from PIL import Image

    for path in sorted(folder.glob("*-[0-9]*x[0-9]*-[0-9]*.png")):
        with Image.open(path) as image:
            if image.mode == "P":
                continue
            small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        small.save(buffer, format="PNG", optimize=True)
        if buffer.tell() < path.stat().st_size:
            path.write_bytes(buffer.getvalue())


# -- one size, in its own process ---------------------------------------------


def child_main(size: str, scale: str, out: Path, only: set[str]) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(ROOT))
    app = QApplication([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)  # one window after another
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    out.mkdir(parents=True, exist_ok=True)
    from tools.screen_camera import Camera

    camera = Camera(out, f"{size}-{int(float(scale) * 100)}", only)
    with loop:
        loop.run_until_complete(shoot_all(app, camera))
    shots = {"size": size, "scale": float(scale), "cut_off": camera.cut}
    print(json.dumps({**shots, "scrolls_sideways": camera.sideways}))
    return 0


async def shoot_all(app: Any, camera: Any) -> None:
    import keyring
    from keyring.backends import fail

    from agentdesk.desk import Language
    from agentdesk.ui.i18n_runtime import LanguageSwitcher
    from tools.screens_desk import shoot_desk
    from tools.screens_supervision import Board, shoot_supervision

    keyring.set_keyring(fail.Keyring())  # never touch the user's keyring
    languages = LanguageSwitcher(app)
    languages.use(Language.FRENCH)
    board = Board(Path(tempfile.mkdtemp(prefix="agentdesk-shots-")))
    try:
        await shoot_desk(camera, board, languages)
        await shoot_supervision(camera, board, languages)
    finally:
        await board.aclose()
        languages.remove()


if __name__ == "__main__":
    sys.exit(main())
