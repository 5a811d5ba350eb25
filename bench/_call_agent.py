"""The agent's side for bench/call.py, in its own process so its CPU can be measured.

    (run by bench/call.py) python bench/_call_agent.py --server WS_URL --login L \
        --video-kbps N --video-overshoot F

What the desktop app runs, without Qt: a :class:`~agentdesk.station.Station`
on a real :class:`~agentdesk.client.SwitchboardClient`, the camera being
FFmpeg's testsrc2 pattern at 640x480, 30 fps through the engine's
CameraSource (no camera here) and no microphone (no sound card here: the
session sends silence).  The camera is opened before the call, as the app
keeps it open all day.

The agent accepts the first offer itself (what the person's click does) and
reports, one JSON line each on stdout, with wall-clock times:
``ready``, ``accepted``, ``first_frame`` (first decoded frame from the kiosk),
``document`` (a DocumentReceived: the scan, checked), ``quality`` (each
statistics sample, with the kiosk's voice as received: bench/network.py), and on ``stop`` its
frame rate over the window and the last stats sample.  The parent writes
``window`` and ``stop`` lines on stdin.

``--voice-markers`` (bench/network.py: mouth-to-ear delay, tests/support/marker.py):
the test voice carries a marker tone every second of wall-clock time and the
kiosk's voice goes through a marker detector, reporting ``marker`` (when it
reached the ear, and its delay).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from agentdesk.client import Backoff, SwitchboardClient, http_base, login
from agentdesk.engine import TESTSRC, CameraConfig, CameraSource
from agentdesk.engine.adaptation import AdaptationConfig
from agentdesk.engine.documents import DocumentEvent, DocumentReceived
from agentdesk.engine.testvoice import TESTVOICE, TestVoice
from agentdesk.protocol import AcceptOffer, AgentState, Base, Hello, Offered, Role, SetPresence
from agentdesk.station import AgentCall, Station, StationConfig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.marker import Heard, MarkedVoice, MarkerEar

LOOPBACK = ("127.0.0.1",)


def report(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


class Watcher:
    """Counts what reaches the agent in the call of the moment."""

    def __init__(self, markers: bool = False) -> None:
        self.markers = markers
        self.frames = 0
        self.mark = (0, time.monotonic())
        self.call: AgentCall | None = None
        self.levels: list[str] = []
        self.size_in = (0, 0)
        self.last_video = self.last_audio = 0.0

    def on_call(self, call: AgentCall | None) -> None:
        if call is None or self.call is not None:
            return
        self.call = call
        call.session.add_video_consumer(self.on_frame)
        call.session.add_audio_consumer(self.on_audio)
        if self.markers:
            call.session.add_audio_consumer(MarkerEar(self.on_marker).push)
        call.document_events.subscribe(self.on_document)
        call.session.state_changes.subscribe(
            lambda state: report(session_state=state.value, at=time.time())
        )
        call.session.stats_samples.subscribe(self.on_stats)

    def on_frame(self, frame: Any) -> None:
        if self.frames == 0:
            report(first_frame=time.time())
        self.frames += 1
        self.size_in = (int(frame.width), int(frame.height))
        self.last_video = self._resumed("video", self.last_video)

    @staticmethod
    def on_marker(heard: Heard) -> None:
        report(marker=dataclasses.asdict(heard))

    def on_audio(self, _frame: Any) -> None:
        self.last_audio = self._resumed("audio", self.last_audio)

    @staticmethod
    def _resumed(kind: str, last: float) -> float:
        # The first frame after half a second without any: media back after a cut.
        now = time.monotonic()
        if last and now - last > 0.5:
            report(resumed=kind, at=time.time())
        return now

    def on_stats(self, sample: Any) -> None:
        # The log file beside the run says why the adaptation moved, if it did.
        policy = self.call.session.policy if self.call else None
        print(
            json.dumps(
                {
                    "level": sample.video_level,
                    "video_kbps_out": round(sample.video_kbps_out),
                    "estimate_kbps": sample.receiver_estimate_kbps,
                    "rtt_ms": sample.rtt_ms,
                    "loss_out_pct": sample.loss_out_pct,
                    "fps_out": sample.fps_out,
                    "fps_in": sample.fps_in,
                    "encode_ms": round(1000 * policy.encode_seconds, 1) if policy else None,
                }
            ),
            file=sys.stderr,
            flush=True,
        )
        voice = sample.audio
        # Like the kiosk's "quality" event, for bench/network.py.
        report(
            quality={
                "at": sample.at,
                "generation": sample.generation,
                "fps_in": sample.fps_in,
                "video_size_in": list(self.size_in),
                "video_kbps_out": sample.video_kbps_out,
                "video_level": sample.video_level,
                "loss_in_pct": sample.loss_in_pct,
                "voice_decoded": voice.decoded if voice else 0,
                "voice_recovered": voice.recovered if voice else 0,
                "voice_concealed": voice.concealed if voice else 0,
                "voice_missing": voice.missing if voice else 0,
                "voice_late": voice.late if voice else 0,
                "voice_caught_up": voice.caught_up if voice else 0,
            }
        )
        if not self.levels or self.levels[-1] != sample.video_level:
            self.levels.append(sample.video_level)

    def on_document(self, event: DocumentEvent) -> None:
        if isinstance(event, DocumentReceived):
            document = event.document
            report(
                document=document.info.name,
                size=len(document.data),
                sha256_ok=hashlib.sha256(document.data).hexdigest() == document.info.sha256,
                at=time.time(),
            )

    def start_window(self) -> None:
        self.mark = (self.frames, time.monotonic())

    def fps(self) -> float:
        count, began = self.mark
        return (self.frames - count) / max(time.monotonic() - began, 1e-3)


async def run(args: argparse.Namespace, password: str) -> None:
    url, user, video_kbps, overshoot = (
        args.server,
        args.login,
        args.video_kbps,
        args.video_overshoot,
    )
    camera = CameraSource(CameraConfig(device=TESTSRC, width=640, height=480, fps=30))
    camera_ready = asyncio.Event()
    remove_preview = camera.add_preview(lambda _frame: camera_ready.set())
    camera.start()
    await asyncio.wait_for(camera_ready.wait(), 30)
    remove_preview()

    tokens = await login(http_base(url), user, password)

    async def hello() -> Hello:
        return Hello(role=Role.AGENT, token=tokens.access_token)

    client = SwitchboardClient(url, hello, backoff=Backoff(initial_s=0.1, maximum_s=0.5), name=user)
    voice = MarkedVoice() if args.voice_markers else TestVoice()
    station = Station(
        client,
        camera=camera,
        microphone=voice if args.microphone == TESTVOICE else None,
        config=StationConfig(
            allowed_addresses=tuple(args.ice_address or LOOPBACK),
            video_kbps=video_kbps,
            adaptation=AdaptationConfig(overshoot=overshoot),
        ),
    )
    watcher = Watcher(markers=args.voice_markers)
    station.call_changes.subscribe(watcher.on_call)
    accepting: set[asyncio.Task[None]] = set()

    async def accept(call_id: str) -> None:
        report(accepted=time.time(), call_id=call_id)
        await client.request(AcceptOffer(call_id=call_id))

    def on_message(message: Base) -> None:
        if isinstance(message, Offered) and watcher.call is None and not accepting:
            task = asyncio.create_task(accept(message.call.call_id))
            accepting.add(task)

    client.add_listener(on_message)
    client.start()
    try:
        await client.wait_connected(20)
        # Auto-answer: the switchboard pushes offers (a ringing call) to this agent.
        await client.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
        report(ready=time.time())
        while line := (await asyncio.to_thread(sys.stdin.readline)).strip():
            if line == "window":
                watcher.start_window()
            elif line == "stop":
                break
        stats = station.current.session.last_stats if station.current else None
        report(
            fps=watcher.fps(),
            frames=watcher.frames,
            levels=watcher.levels,
            video_kbps_out=stats.video_kbps_out if stats else None,
            video_size_out=list(stats.video_size_out) if stats else None,
            fps_out=stats.fps_out if stats else None,
        )
    finally:
        for task in accepting:
            task.cancel()
        await station.close()
        await client.close()
        await asyncio.to_thread(camera.stop)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--video-kbps", type=int, required=True)
    parser.add_argument("--video-overshoot", type=float, required=True)
    parser.add_argument("--ice-address", action="append", help="default: 127.0.0.1 only")
    parser.add_argument("--microphone", choices=[TESTVOICE], help="default: none (silence)")
    parser.add_argument(
        "--voice-markers",
        action="store_true",
        help="a marker tone in the test voice, and a detector on the voice received",
    )
    args = parser.parse_args()
    password = sys.stdin.readline().strip()  # not on the command line: ps shows it
    asyncio.run(run(args, password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
