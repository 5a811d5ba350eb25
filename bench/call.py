"""Call benchmark: the engine against bare aiortc, two processes each, on 127.0.0.1.

    python bench/call.py [--duration SECONDS] [--max-video-kbps N]

Prints one JSON object.  Each endpoint is its own process (so its CPU can be
measured); they exchange SDP through a tiny line relay in this process, which
stands in for the switchboard (the switchboard version comes with the kiosk).
Both ends send 640x480 video at 30 fps from FFmpeg's lavfi testsrc2 (no
camera here) and audio (silence, no sound card), both ways, in both runs.

* ``setup_ms``: from the agent accepting (its session starting) to the first
  decoded frame, the later of the two ends; ``bare_setup_ms`` the same for
  bare aiortc (offer created to first decoded frame).
* ``fps``: frames received per second at the agent over the window (lowest end).
* ``cpu_pct_*``: CPU of each process over the window (100 = one core).
* ``scan_3mib_s``: 3 MiB from kiosk to agent over the "documents" data
  channel during the call (raw chunks with bufferedAmount backpressure; the
  document module's own transfer adds its checks on top).
* ``cpu_ratio``: ours over bare, the worse end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from typing import Any

import psutil

LOOPBACK = ["127.0.0.1"]
SCAN_BYTES = 3 * 1024 * 1024
CHUNK = 16 * 1024


# --------------------------------------------------------------------------- child side


class Link:
    """JSON lines to and from the parent's relay."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def send(self, **message: Any) -> None:
        self.writer.write((json.dumps(message) + "\n").encode())

    async def pump(self, on_signal: Any) -> None:
        while line := await self.reader.readline():
            message = json.loads(line)
            if "signal" in message:
                await on_signal(message["signal"])
            else:
                await self.inbox.put(message)

    async def expect(self, key: str) -> dict[str, Any]:
        while True:
            message = await self.inbox.get()
            if key in message:
                return message


class FrameCounter:
    def __init__(self, link: Link) -> None:
        self.link = link
        self.count = 0
        self.mark = (0, time.monotonic())

    def frame(self) -> None:
        if self.count == 0:
            self.link.send(first_frame=time.time())
        self.count += 1

    def start_window(self) -> None:
        self.mark = (self.count, time.monotonic())

    def fps(self) -> float:
        count, began = self.mark
        return (self.count - count) / max(time.monotonic() - began, 1e-3)


async def send_scan(channel: Any) -> None:
    channel.bufferedAmountLowThreshold = 256 * 1024
    low = asyncio.Event()
    channel.on("bufferedamountlow", low.set)
    chunk = os.urandom(CHUNK)
    sent = 0
    while sent < SCAN_BYTES:
        if channel.bufferedAmount > 1024 * 1024:
            low.clear()
            await low.wait()
        channel.send(chunk)
        sent += CHUNK


def count_scan(channel: Any, done: asyncio.Event) -> None:
    received = 0

    def on_message(message: Any) -> None:
        nonlocal received
        if isinstance(message, bytes):
            received += len(message)
            if received >= SCAN_BYTES:
                channel.send("done")
        elif message == "done":
            done.set()

    channel.on("message", on_message)


async def child(role_name: str, mode: str, port: int, max_video_kbps: int) -> None:
    from agentdesk.engine import ice

    camera_ready = asyncio.Event()
    if mode == "engine":
        from agentdesk.engine import CameraConfig, CameraSource

        # The app's camera is open all day: only the call is measured, not opening it.
        camera = CameraSource(CameraConfig(device="testsrc", width=640, height=480, fps=30))
        camera.add_preview(lambda _frame: camera_ready.set())
        camera.start()
        await asyncio.wait_for(camera_ready.wait(), 30)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    link = Link(reader, writer)
    link.send(hello=role_name)
    counter = FrameCounter(link)
    scan_done = asyncio.Event()
    channel_ready: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def on_channel(channel: Any) -> None:
        count_scan(channel, scan_done)
        if not channel_ready.done():
            channel_ready.set_result(channel)

    closers: list[Any] = []
    if mode == "engine":
        from agentdesk.engine import CallSession, SessionConfig
        from agentdesk.engine.adaptation import AdaptationConfig
        from agentdesk.protocol import Role, Signal, decode_server, encode

        role = Role.AGENT if role_name == "agent" else Role.KIOSK

        async def send_signal(signal: Signal) -> None:
            link.send(signal=encode(signal))

        session = CallSession(
            "bench-call",
            role,
            send_signal,
            camera=camera,
            # testsrc2 makes VP8 overshoot about 2x whatever its target (a camera
            # picture does not): a looser overshoot rule keeps both runs encoding
            # the same 640x480 at 30 fps, so the CPU ratio compares like with like.
            config=SessionConfig(
                allowed_addresses=LOOPBACK,
                max_video_kbps=max_video_kbps,
                adaptation=AdaptationConfig(overshoot=2.5),
            ),
        )
        session.add_video_consumer(lambda _frame: counter.frame())
        session.data_channels.subscribe(on_channel)

        async def on_signal(raw: str) -> None:
            message = decode_server(raw)
            assert isinstance(message, Signal)
            await session.handle_signal(message)

        pump = asyncio.create_task(link.pump(on_signal))
        if role == Role.AGENT:
            await link.expect("go")
            link.send(accepted=time.time())
        await session.start()
        closers += [session.close]

        def documents_busy(busy: bool) -> None:
            session.documents_in_flight(busy)

        stop_camera = camera.stop
    else:
        from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
        from aiortc.contrib.media import MediaPlayer
        from aiortc.mediastreams import AudioStreamTrack, MediaStreamError

        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        readers: set[asyncio.Future[None]] = set()
        player = MediaPlayer("testsrc2=size=640x480:rate=30", format="lavfi")
        pc.addTrack(AudioStreamTrack())
        pc.addTrack(player.video)

        @pc.on("track")
        def on_track(track: Any) -> None:
            async def read() -> None:
                try:
                    while True:
                        await track.recv()
                        if track.kind == "video":
                            counter.frame()
                except MediaStreamError:
                    return

            task = asyncio.ensure_future(read())
            readers.add(task)
            task.add_done_callback(readers.discard)

        async def on_signal(raw: str) -> None:
            message = json.loads(raw)
            with ice.allowed_addresses(LOOPBACK):
                await pc.setRemoteDescription(
                    RTCSessionDescription(message["sdp"], message["type"])
                )
                if message["type"] == "offer":
                    channel = pc.createDataChannel("documents", negotiated=True, id=0)
                    channel.on("open", lambda: on_channel(channel))
                    await pc.setLocalDescription(await pc.createAnswer())
                    link.send(signal=json.dumps({"sdp": pc.localDescription.sdp, "type": "answer"}))

        pump = asyncio.create_task(link.pump(on_signal))
        if role_name == "agent":
            await link.expect("go")
            link.send(accepted=time.time())
            channel = pc.createDataChannel("documents", negotiated=True, id=0)
            channel.on("open", lambda: on_channel(channel))
            with ice.allowed_addresses(LOOPBACK):
                await pc.setLocalDescription(await pc.createOffer())
            link.send(signal=json.dumps({"sdp": pc.localDescription.sdp, "type": "offer"}))
        closers += [pc.close]

        def documents_busy(busy: bool) -> None:
            pass

        def stop_camera() -> None:
            pass

    await link.expect("window")
    counter.start_window()
    if role_name == "kiosk":
        await link.expect("scan")
        channel = await asyncio.wait_for(channel_ready, 30)
        began = time.monotonic()
        documents_busy(True)
        await send_scan(channel)
        await asyncio.wait_for(scan_done.wait(), 60)
        documents_busy(False)
        link.send(scan_s=time.monotonic() - began)
    await link.expect("stop")
    link.send(fps=counter.fps(), frames=counter.count)
    await writer.drain()
    for close in closers:
        await close()
    stop_camera()
    pump.cancel()


# --------------------------------------------------------------------------- parent side


class Relay:
    def __init__(self) -> None:
        self.peers: dict[str, asyncio.StreamWriter] = {}
        self.reports: dict[str, dict[str, Any]] = {"agent": {}, "kiosk": {}}
        self.changed = asyncio.Event()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        role = json.loads(await reader.readline())["hello"]
        self.peers[role] = writer
        self.changed.set()
        other = "kiosk" if role == "agent" else "agent"
        while line := await reader.readline():
            message = json.loads(line)
            if "signal" in message:
                self.peers[other].write(line)
            else:
                self.reports[role].update(message)
                self.changed.set()

    def tell(self, role: str, **message: Any) -> None:
        self.peers[role].write((json.dumps(message) + "\n").encode())

    async def until(self, predicate: Any, within: float) -> None:
        async def wait() -> None:
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), within)


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def spawn(role: str, mode: str, port: int, max_video_kbps: int) -> subprocess.Popen[bytes]:
    args = ["--child", role, "--mode", mode, "--port", str(port)]
    return subprocess.Popen(
        [sys.executable, __file__, *args, "--max-video-kbps", str(max_video_kbps)]
    )


def finish(proc: subprocess.Popen[bytes]) -> None:
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


async def run(mode: str, duration: float, max_video_kbps: int) -> dict[str, Any]:
    relay = Relay()
    server = await asyncio.start_server(relay.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    procs = {role: spawn(role, mode, port, max_video_kbps) for role in ("kiosk", "agent")}
    try:
        await relay.until(lambda: len(relay.peers) == 2, 60)
        relay.tell("agent", go=True)
        reports = relay.reports
        await relay.until(
            lambda: "first_frame" in reports["agent"] and "first_frame" in reports["kiosk"], 60
        )
        accepted = reports["agent"]["accepted"]
        setup = {r: 1000 * (reports[r]["first_frame"] - accepted) for r in reports}
        await asyncio.sleep(2.0)  # let the encoders settle before measuring
        watched = {r: psutil.Process(p.pid) for r, p in procs.items()}
        cpu_before = {r: cpu_seconds(p) for r, p in watched.items()}
        began = time.monotonic()
        for role in procs:
            relay.tell(role, window=True)
        await asyncio.sleep(duration / 2)
        relay.tell("kiosk", scan=True)
        await relay.until(lambda: "scan_s" in reports["kiosk"], 120)
        await asyncio.sleep(max(0.0, began + duration - time.monotonic()))
        elapsed = time.monotonic() - began
        cpu = {r: 100 * (cpu_seconds(p) - cpu_before[r]) / elapsed for r, p in watched.items()}
        for role in procs:
            relay.tell(role, stop=True)
        await relay.until(lambda: "fps" in reports["agent"] and "fps" in reports["kiosk"], 60)
        return {
            "setup_ms": max(setup.values()),
            "setup_ms_agent": setup["agent"],
            "setup_ms_kiosk": setup["kiosk"],
            "fps": min(reports["agent"]["fps"], reports["kiosk"]["fps"]),
            "cpu_agent": cpu["agent"],
            "cpu_kiosk": cpu["kiosk"],
            "scan_s": reports["kiosk"]["scan_s"],
        }
    finally:
        for proc in procs.values():
            await asyncio.to_thread(finish, proc)
        server.close()


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    ours = await run("engine", args.duration, args.max_video_kbps)
    bare = await run("bare", args.duration, args.max_video_kbps)
    ratio = max(
        ours["cpu_agent"] / max(bare["cpu_agent"], 0.1),
        ours["cpu_kiosk"] / max(bare["cpu_kiosk"], 0.1),
    )
    return {
        "setup_ms": round(ours["setup_ms"], 1),
        "setup_ms_agent": round(ours["setup_ms_agent"], 1),
        "setup_ms_kiosk": round(ours["setup_ms_kiosk"], 1),
        "fps": round(ours["fps"], 1),
        "cpu_pct_agent": round(ours["cpu_agent"], 1),
        "cpu_pct_kiosk": round(ours["cpu_kiosk"], 1),
        "bare_setup_ms": round(bare["setup_ms"], 1),
        "bare_fps": round(bare["fps"], 1),
        "bare_cpu_pct_sender": round(bare["cpu_agent"], 1),
        "bare_cpu_pct_receiver": round(bare["cpu_kiosk"], 1),
        "cpu_ratio": round(ratio, 2),
        "scan_3mib_s": round(ours["scan_s"], 2),
        "bare_scan_3mib_s": round(bare["scan_s"], 2),
        "duration_s": args.duration,
        "max_video_kbps": args.max_video_kbps,
        "topology": "two processes, video and audio both ways; sender = agent (offerer)",
        "signalling": "in-process line relay (not the switchboard yet)",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument(
        "--max-video-kbps",
        type=int,
        default=1500,
        help="engine video ceiling; 1500 matches bare aiortc's VP8 maximum (default)",
    )
    parser.add_argument("--child", choices=["agent", "kiosk"], help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=["engine", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asyncio.run(child(args.child, args.mode, args.port, args.max_video_kbps))
        return 0
    if args.duration < 5:
        parser.error("--duration must be at least 5 seconds")
    print(json.dumps(asyncio.run(main_async(args))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
