"""The Linux bundle's size and speed: how big, how many files, how long from
starting the program to the sign-in window on screen, and how long the
self-test takes.  Needs the bundle: ``./run package`` (or build/dist/agentdesk).

    ./run bench bundle [--bundle build/dist/agentdesk] [--runs 3]

Prints one JSON object: ``bundle_mb``, ``files``, ``launch_s`` (median of the
runs; ``launch_first_s`` is the first, with the disk cache as the build left
it), ``self_test_s``.  The window is a real one on an Xvfb display (needs
xvfb and x11-utils' xwininfo); the self-test paints offscreen as always.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "AgentDesk — guichet visio"
"""The main window's title in French: it opens on the sign-in page."""


def size(bundle: Path) -> tuple[float, int]:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1), len(files)


class Display:
    """A private Xvfb server, stopped on exit."""

    def __enter__(self) -> str:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=[write], stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start (apt-get install xvfb)")
        return f":{number}"

    def __exit__(self, *_exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def window_shown(display: str) -> bool:
    out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                         env={**os.environ, "DISPLAY": display})  # fmt: skip
    return TITLE in out.stdout


def launch(executable: Path, display: str, folder: Path) -> float:
    """Seconds from starting the program to its sign-in window being mapped."""
    machine = folder / "agentdesk.toml"
    machine.write_text("server_url = 'wss://standard.example.fr/api/v1/ws'\n")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(folder),
           "XDG_CONFIG_HOME": str(folder / "config"),
           "AGENTDESK_MACHINE_CONFIG": str(machine)}  # fmt: skip
    start = time.monotonic()
    app = subprocess.Popen([str(executable)], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while not window_shown(display):
            if app.poll() is not None:
                raise SystemExit(f"the app exited ({app.returncode}) before showing its window")
            if time.monotonic() - start > 60:
                raise SystemExit("no sign-in window within 60 s")
            time.sleep(0.01)
        return time.monotonic() - start
    finally:
        # SIGTERM closes it in well under a second; SIGKILL only if it hangs
        # (a killed app's leftovers slowed the next launches: keep it rare).
        app.terminate()
        try:
            app.wait(5)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def self_test(executable: Path, folder: Path) -> float:
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder / "config")}
    env.pop("QT_QPA_PLATFORM", None)
    start = time.monotonic()
    subprocess.run([str(executable), "self-test", "--camera", "testsrc", "--json"], env=env,
                   capture_output=True, timeout=120)  # fmt: skip
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "build" / "dist" / "agentdesk")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    executable = args.bundle / "agentdesk"
    if not executable.exists():
        print(f"no bundle at {args.bundle}: run ./run package first", file=sys.stderr)
        return 2
    mb, files = size(args.bundle)
    with tempfile.TemporaryDirectory() as tmp, Display() as display:
        launches = [launch(executable, display, Path(tmp)) for _ in range(args.runs)]
        test_s = self_test(executable, Path(tmp))
    print(json.dumps({
        "bundle_mb": mb, "files": files,
        "launch_s": round(statistics.median(launches), 2),
        "launch_first_s": round(launches[0], 2),
        "self_test_s": round(test_s, 2),
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
