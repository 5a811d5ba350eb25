"""The call engine alone, on the agent's side: what the app runs under its widgets.

    python bench/_desk_engine.py --server URL --login L --password P [--ice-address A]
                                 [--loop asyncio|app]

A SwitchboardClient, a Station, the camera (FFmpeg's test pattern: no camera
here) and the same microphone and speaker links as the app's DeskBackend
(silence on a machine with no sound card), with no Qt and no frame converted
for a screen.  Goes available with auto-answer, accepts what rings, finishes
wrap-up at once.  Reports on stdout, one JSON object a line: ``ready``;
``wrapped`` after each call's wrap-up (with the count of calls done); answers
to commands read from stdin: ``stats``, ``pause`` and ``go_available`` (the
presence the bench wants, answered once the switchboard agreed); ``quit`` or
EOF ends it.

``--loop app`` runs the same engine on the app's event loop (ui/event_loop.py
over a QApplication on Qt's offscreen platform, no widget): what the loop
the GUI imposes costs, apart from painting (diagnosis).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import threading
import time
from typing import Any

from _desk_procs import call_figures

from agentdesk.client import SwitchboardClient, http_base, login
from agentdesk.engine import CameraConfig, CameraSource
from agentdesk.engine.audio import Microphone, Speaker, load_backend
from agentdesk.protocol import (
    AgentState,
    Base,
    CallState,
    CallUpdate,
    FinishWrapUp,
    Hello,
    Role,
    SetPresence,
)
from agentdesk.station import AgentCall, Station, StationConfig


def emit(event: str, **fields: Any) -> None:
    print(json.dumps({"event": event, "t": time.time(), **fields}), flush=True)


class Engine:
    def __init__(self, client: SwitchboardClient, camera: CameraSource) -> None:
        self.client = client
        self.camera = camera
        self.remote_frames = 0
        self.remote_size = (0, 0)
        self.calls_done = 0
        self.tasks: set[asyncio.Future[None]] = set()

    def on_call(self, call: AgentCall | None) -> None:
        if call is not None:
            call.session.add_video_consumer(self._count)

    def _count(self, frame: Any) -> None:
        self.remote_frames += 1
        self.remote_size = (frame.width, frame.height)

    def on_message(self, message: Base) -> None:
        if isinstance(message, CallUpdate) and message.call.state is CallState.WRAP_UP:
            self.spawn(self._finish_wrap_up(message.call.call_id))

    def spawn(self, step: Any) -> None:
        task = asyncio.ensure_future(step)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _finish_wrap_up(self, call_id: str) -> None:
        await self.client.request(FinishWrapUp(call_id=call_id))
        self.calls_done += 1
        emit("wrapped", calls=self.calls_done)

    async def set_presence(self, state: AgentState) -> None:
        await self.client.request(SetPresence(state=state, auto_answer=True))
        emit("go_available" if state is AgentState.AVAILABLE else "pause")


async def run(args: argparse.Namespace) -> int:
    tokens = await login(http_base(args.server), args.login, args.password)

    async def hello() -> Hello:
        return Hello(role=Role.AGENT, token=tokens.access_token)

    client = SwitchboardClient(args.server, hello, name="engine")
    camera = CameraSource(CameraConfig(device=args.camera, idle_fps=5.0))
    audio, problem = load_backend()
    microphone = Microphone(audio, None, backend_problem=problem)
    speaker = Speaker(audio, None, backend_problem=problem)
    engine = Engine(client, camera)
    station = Station(
        client,
        camera=camera,
        microphone=microphone,
        config=StationConfig(
            allowed_addresses=args.ice_address, auto_accept=True, video_kbps=args.video_kbps
        ),
    )
    unsubscribe = client.add_listener(engine.on_message)

    def on_call(call: AgentCall | None) -> None:
        engine.on_call(call)
        if call is not None:
            call.session.add_audio_consumer(speaker.push)

    station.call_changes.subscribe(on_call)
    camera.start()
    microphone.start()
    speaker.start()
    client.start()
    await client.wait_connected(30)
    await client.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    emit("ready")

    commands: asyncio.Queue[str] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def read_commands() -> None:  # a thread: works the same under either loop
        for line in sys.stdin:
            loop.call_soon_threadsafe(commands.put_nowait, line.strip())
        loop.call_soon_threadsafe(commands.put_nowait, "quit")

    threading.Thread(target=read_commands, daemon=True).start()
    try:
        while (line := await commands.get()) != "quit":
            if line == "stats":
                call = station.current
                emit(
                    "stats",
                    remote_frames=engine.remote_frames,
                    remote_size=engine.remote_size,
                    calls_done=engine.calls_done,
                    sending=call_figures(call.session) if call else None,
                )
            elif line == "pause":
                engine.spawn(engine.set_presence(AgentState.PAUSED))
            elif line == "go_available":
                engine.spawn(engine.set_presence(AgentState.AVAILABLE))
    finally:
        for task in list(engine.tasks):
            task.cancel()
        unsubscribe()
        await station.close()
        with contextlib.suppress(Exception):
            await client.request(SetPresence(state=AgentState.OFFLINE), timeout_s=2)
        await client.close()
        await microphone.stop()
        await speaker.stop()
        await asyncio.to_thread(camera.stop)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--ice-address", action="append", default=None)
    parser.add_argument("--camera", default="testsrc")
    parser.add_argument("--video-kbps", type=int, default=600)
    parser.add_argument("--loop", choices=("asyncio", "app"), default="asyncio")
    args = parser.parse_args()
    if args.loop == "asyncio":
        return asyncio.run(run(args))
    from PySide6.QtWidgets import QApplication

    from agentdesk.ui.event_loop import AppEventLoop

    app = QApplication([sys.argv[0], "-platform", "offscreen"])
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return int(loop.run_until_complete(run(args)))
    finally:
        loop.close()


if __name__ == "__main__":
    sys.exit(main())
