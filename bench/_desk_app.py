"""The agent's app as the desk benchmark runs it: the real app, in its own process.

    python bench/_desk_app.py --server URL --login L --password P
        --config-dir DIR --log-dir DIR [app options]

The same composition as ``agentdesk.desktop.main`` (the app's ``main`` with
a DeskBackend on the switchboard, the camera and the call engine), signed in
at start-up as the demo does, with one bench-only addition: a probe on the
backend that plays the agent's part the bench cannot click for it (it presses
"Terminer" at wrap-up, through ``Desk.finish_wrap_up``, as the button does)
and reports on stdout, one JSON object a line:

* ``ready``: signed in, the switchboard's welcome received, and the preview
  painted its first camera frame;
* ``available`` after each call wrapped up (with the count of calls done);
* answers to commands read from stdin: ``stats`` (frame counters), ``pause``
  and ``go_available`` (the presence the bench wants, as the presence bar sets
  it; answered once the switchboard agreed), ``quit`` (closes the window; EOF
  does the same).

The probe only observes: it adds a frame counter in front of the remote video
sink and reads the widgets' own counters.
"""

from __future__ import annotations

import time

SPAWNED = time.time()

import argparse  # noqa: E402 - the clock above starts before the imports
import asyncio  # noqa: E402
import contextlib  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from typing import Any  # noqa: E402

from _desk_procs import call_figures  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from agentdesk import desktop  # noqa: E402
from agentdesk.desk import Desk, DeskSettings, DeskState, FrameSink, RgbFrame, SignedIn  # noqa: E402
from agentdesk.station.backend import DeskBackend  # noqa: E402
from agentdesk.ui import app  # noqa: E402
from agentdesk.ui.main_window import MainWindow  # noqa: E402

IMPORTED = time.time()


def emit(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, "t": time.time(), **fields}), flush=True)


class CountingSink:
    """In front of the remote video widget: counts frames and notes their size."""

    def __init__(self, inner: FrameSink) -> None:
        self.inner = inner
        self.frames = 0
        self.size = (0, 0)

    def show_frame(self, frame: RgbFrame) -> None:
        self.frames += 1
        self.size = (frame.width, frame.height)
        self.inner.show_frame(frame)

    def display_size(self) -> tuple[int, int] | None:
        return self.inner.display_size()


class Probe:
    def __init__(self) -> None:
        self.desk: Desk | None = None
        self.backend: DeskBackend | None = None
        self.video_kbps: int | None = None
        self.remote: CountingSink | None = None
        self.calls_done = 0
        self.errors = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._was_in_call = False
        self._available = asyncio.Event()

    def window(self) -> MainWindow | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                return widget
        return None

    def attach(self, desk: Desk) -> None:
        self.desk = desk
        desk.events.state_changed.subscribe(self._on_state)
        self._spawn(self._until_ready(desk))
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._read_commands, args=(loop,), daemon=True).start()

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, step: Any) -> None:
        task = asyncio.ensure_future(step)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.errors += 1
            emit("error", detail=repr(task.exception()))

    async def _until_ready(self, desk: Desk) -> None:
        welcomed = painted = None
        while True:
            window = self.window()
            now = time.time()
            if welcomed is None and desk.identity is not None:
                welcomed = now
            if painted is None and window is not None and window.idle_preview.frames_painted > 0:
                painted = now
            if welcomed is not None and painted is not None:
                break
            await asyncio.sleep(0.01)
        emit("ready", spawned=SPAWNED, imported=IMPORTED, welcomed=welcomed, painted=painted)
        if desk.state is not DeskState.AVAILABLE:
            await self._available.wait()
        emit("available", calls=self.calls_done)

    def _on_state(self, state: DeskState) -> None:
        desk = self.desk
        assert desk is not None
        if state is DeskState.AVAILABLE:
            self._available.set()
        if state is DeskState.IN_CALL:
            self._was_in_call = True
        elif state is DeskState.WRAP_UP:
            # The agent presses "Terminer" with the first outcome of the list.
            self._spawn(desk.finish_wrap_up("Demande traitée"))
        elif state is DeskState.AVAILABLE and self._was_in_call:
            self._was_in_call = False
            self.calls_done += 1
            emit("available", calls=self.calls_done)

    def _read_commands(self, loop: asyncio.AbstractEventLoop) -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(self._command, line.strip())
        loop.call_soon_threadsafe(self._command, "quit")

    def _command(self, command: str) -> None:
        window = self.window()
        if command == "stats" and window is not None:
            desk = self.desk
            station = self.backend.station if self.backend else None
            call = station.current if station else None
            emit(
                "stats",
                state=desk.state.value if desk else None,
                preview_painted=window.idle_preview.frames_painted,
                self_view_painted=window.call_panel.local_video.frames_painted,
                remote_frames=self.remote.frames if self.remote else 0,
                remote_painted=window.call_panel.remote_video.frames_painted,
                remote_size=list(self.remote.size) if self.remote else None,
                remote_shown_at=window.call_panel.remote_video.display_size(),
                self_view_shown_at=window.call_panel.local_video.display_size(),
                calls_done=self.calls_done,
                errors=self.errors,
                sending=call_figures(call.session) if call else None,
            )
        elif command == "pause" and self.desk is not None:
            self._spawn(self._presence(self.desk.pause(), "pause"))
        elif command == "go_available" and self.desk is not None:
            self._spawn(self._presence(self.desk.go_available(), "go_available"))
        elif command == "quit" and window is not None:
            window.close()

    async def _presence(self, step: Any, answer: str) -> None:
        await step
        emit(answer)


class BenchBackend(DeskBackend):
    probe: Probe

    def attach_video(self, local: FrameSink, remote: FrameSink) -> None:
        self.probe.remote = CountingSink(remote)
        super().attach_video(local, self.probe.remote)

    async def start_session(self, signed: SignedIn, desk: Desk) -> None:
        await super().start_session(signed, desk)
        if self.station is not None and self.probe.video_kbps is not None:
            # The bench's video ceiling (see desk.py: --video-kbps), before any call.
            self.station.config = dataclasses.replace(
                self.station.config, video_kbps=self.probe.video_kbps
            )
        if self.probe.desk is None:
            self.probe.attach(desk)

    async def aclose(self) -> None:
        await self.probe.aclose()
        await super().aclose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--ice-address", action="append", default=None)
    parser.add_argument("--camera", default="testsrc")
    parser.add_argument("--video-kbps", type=int)
    ours, rest = parser.parse_known_args()
    probe = Probe()
    probe.video_kbps = ours.video_kbps

    def build(settings: DeskSettings) -> app.Backend:
        backend = BenchBackend(
            settings, allowed_addresses=ours.ice_address, camera_device=ours.camera
        )
        backend.probe = probe
        probe.backend = backend
        return backend

    with contextlib.suppress(KeyboardInterrupt):
        return desktop.main(
            rest,
            build_backend=build,
            auto_sign_in=app.AutoSignIn(ours.server, ours.login, ours.password),
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())
