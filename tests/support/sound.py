"""A real sound server with no sound card: PulseAudio with a null sink.

Played sound goes to the null sink; its monitor is the default source, so
what the speaker plays is what the microphone records (a real audio loopback
through PortAudio, ALSA's pulse plugin and the server).  Private to the test:
its own runtime folder, stopped at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def null_sound_server(folder: Path) -> Iterator[dict[str, str]]:
    """Yields the environment a child process needs to use the server."""
    pulseaudio = shutil.which("pulseaudio")
    if pulseaudio is None:
        raise RuntimeError("pulseaudio is missing: ./run installs it (SYSTEM_PACKAGES)")
    runtime = folder / "pulse-runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(folder)}
    subprocess.run(
        [pulseaudio, "--daemonize=yes", "--exit-idle-time=-1", "-n", "--use-pid-file=yes",
         "--load=module-null-sink sink_name=nul", "--load=module-native-protocol-unix"],
        env=env, check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    pid_file = runtime / "pulse" / "pid"
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("the PulseAudio test server did not answer")
            time.sleep(0.1)
        yield env
    finally:
        if pid_file.exists():
            pid = int(pid_file.read_text().split()[0])
            subprocess.run(["kill", str(pid)], check=False)
