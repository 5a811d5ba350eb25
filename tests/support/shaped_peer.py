"""One end of a call, in its own process, for tests on a shaped line (netline.py).

    ip netns exec NS python -m tests.support.shaped_peer --role agent|kiosk --address IP

Runs a real CallSession: the camera is FFmpeg's testsrc2 (no camera here),
the microphone the engine's synthetic voice (no sound card here).  Signals
travel as JSON lines: the other end's on stdin, ours on stdout as
``{"signal": ...}``; each statistics sample goes out as ``{"stats": ...}``
with the voice counters, and ``{"resumed": ...}`` when voice comes back after
half a second without any (which connection brought it).  The
parent relays signals between the two processes; "document N" on stdin
sends an N-byte scan over the call's document channel (as the kiosk does),
answered by ``{"document": {"delivered": ..., "seconds": ...}}``; "stop"
on stdin (or its end) ends the call.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import msgspec

from agentdesk.engine import (
    TESTSRC,
    CallSession,
    CallStats,
    CameraConfig,
    CameraSource,
    SessionConfig,
)
from agentdesk.engine.documents import DocumentChannel, Purpose, TransferActivity, samples
from agentdesk.engine.testvoice import TestVoice
from agentdesk.protocol import Role, Signal


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def on_stats(sample: CallStats) -> None:
    voice = sample.audio
    emit(
        stats={
            "generation": sample.generation,
            "loss_in_pct": sample.loss_in_pct,
            "fps_in": sample.fps_in,
            "video_kbps_out": sample.video_kbps_out,
            "kbps_out": sample.kbps_out,
            "video_level": sample.video_level,
            "video_size_out": sample.video_size_out,
            "estimate_kbps": sample.receiver_estimate_kbps,
            "rtt_ms": sample.rtt_ms,
            "loss_out_pct": sample.loss_out_pct,
            "voice": dataclasses.asdict(voice) if voice else None,
        }
    )


async def run(role: Role, address: str, video_kbps: int) -> None:
    camera = CameraSource(CameraConfig(device=TESTSRC, width=640, height=480, fps=30))
    camera.start()
    encoder = msgspec.json.Encoder()

    async def send(signal: Signal) -> None:
        emit(signal=json.loads(encoder.encode(signal)))

    session = CallSession(
        "shaped-call",
        role,
        send,
        camera=camera,
        microphone=TestVoice(),
        config=SessionConfig(allowed_addresses=[address], max_video_kbps=video_kbps),
    )
    session.stats_samples.subscribe(on_stats)
    # Both ends take scans: whichever is told to sends one, as the kiosk does.
    documents = DocumentChannel(accept=(Purpose.SCAN,))
    session.data_channels.subscribe(documents.attach)

    def on_document_event(event: Any) -> None:
        if isinstance(event, TransferActivity):
            session.documents_in_flight(event.active)

    documents.events.subscribe(on_document_event)
    tasks: set[asyncio.Task[None]] = set()

    async def send_document(size: int) -> None:
        started = time.monotonic()
        data = samples.pdf(size=size)
        outcome = await documents.send(data, name="scan.pdf", purpose=Purpose.SCAN)
        emit(document={"delivered": outcome.delivered, "seconds": time.monotonic() - started})

    last: dict[str, float] = {}

    def resumed(kind: str) -> Callable[[Any], None]:
        def on_frame(_frame: Any) -> None:
            # Media back after a silence (a cut line): which connection brought them.
            now = time.monotonic()
            if kind in last and now - last[kind] > 0.5:
                emit(
                    resumed={
                        "kind": kind,
                        "generation": session.generation,
                        "on_standby": session.on_standby,
                    }
                )
            last[kind] = now

        return on_frame

    session.add_audio_consumer(resumed("audio"))
    session.add_video_consumer(resumed("video"))
    session.state_changes.subscribe(lambda state: emit(state=state.value))
    try:
        await session.start()
        while line := (await asyncio.to_thread(sys.stdin.readline)).strip():
            if line == "stop":
                break
            if line.startswith("document "):
                task = asyncio.create_task(send_document(int(line.split()[1])))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                continue
            await session.handle_signal(msgspec.json.decode(line, type=Signal))
    finally:
        for task in tasks:
            task.cancel()
        await documents.close()
        await session.close()
        await asyncio.to_thread(camera.stop)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", choices=["agent", "kiosk"], required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--video-kbps", type=int, default=600)
    args = parser.parse_args()
    asyncio.run(run(Role(args.role), args.address, args.video_kbps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
