"""The reference for bench/call.py: a bare aiortc call, two processes on 127.0.0.1.

    (run by bench/call.py) python bench/_call_bare.py --role agent|kiosk --port N

No engine code on the media path: each end is a plain RTCPeerConnection with
FFmpeg's lavfi testsrc2 at 640x480, 30 fps through aiortc's MediaPlayer and
silence for audio, both ways; aiortc's own VP8 encoder (its bitrate follows
the receiver's estimate up to 1.5 Mbit/s).  The "agent" offers.  The two
exchange SDP through a tiny line relay in the parent (:func:`run`), which
stands in for the switchboard; setup is timed from the offer being created
to the first decoded frame at each end.  The only engine helper used is
``agentdesk.engine.ice.allowed_addresses``, which keeps ICE on loopback.

The scan is 3 MiB of raw 16 KiB chunks over a negotiated data channel with
bufferedAmount backpressure: the floor the document channel's own transfer
(metadata, checksum, acknowledgement) builds on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
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
    def __init__(self, on_first: Callable[[], None]) -> None:
        self.on_first = on_first
        self.count = 0
        self.mark = (0, time.monotonic())

    def frame(self) -> None:
        if self.count == 0:
            self.on_first()
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


async def child(role: str, port: int) -> None:
    from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
    from aiortc.contrib.media import MediaPlayer
    from aiortc.mediastreams import AudioStreamTrack, MediaStreamError

    from agentdesk.engine import ice

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    link = Link(reader, writer)
    link.send(hello=role)
    counter = FrameCounter(lambda: link.send(first_frame=time.time()))
    scan_done = asyncio.Event()
    channel_ready: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def on_channel(channel: Any) -> None:
        count_scan(channel, scan_done)
        if not channel_ready.done():
            channel_ready.set_result(channel)

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    readers: set[asyncio.Future[None]] = set()
    player = MediaPlayer("testsrc2=size=640x480:rate=30", format="lavfi")
    pc.addTrack(AudioStreamTrack())
    assert player.video is not None
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
            await pc.setRemoteDescription(RTCSessionDescription(message["sdp"], message["type"]))
            if message["type"] == "offer":
                channel = pc.createDataChannel("documents", negotiated=True, id=0)
                channel.on("open", lambda: on_channel(channel))
                await pc.setLocalDescription(await pc.createAnswer())
                link.send(signal=json.dumps({"sdp": pc.localDescription.sdp, "type": "answer"}))

    pump = asyncio.create_task(link.pump(on_signal))
    if role == "agent":
        await link.expect("go")
        link.send(accepted=time.time())
        channel = pc.createDataChannel("documents", negotiated=True, id=0)
        channel.on("open", lambda: on_channel(channel))
        with ice.allowed_addresses(LOOPBACK):
            await pc.setLocalDescription(await pc.createOffer())
        link.send(signal=json.dumps({"sdp": pc.localDescription.sdp, "type": "offer"}))

    await link.expect("window")
    counter.start_window()
    if role == "kiosk":
        await link.expect("scan")
        channel = await asyncio.wait_for(channel_ready, 30)
        began = time.monotonic()
        await send_scan(channel)
        await asyncio.wait_for(scan_done.wait(), 60)
        link.send(scan_s=time.monotonic() - began)
    await link.expect("stop")
    link.send(fps=counter.fps(), frames=counter.count)
    await writer.drain()
    await pc.close()
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

    async def until(self, predicate: Callable[[], bool], within: float) -> None:
        async def wait() -> None:
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), within)


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def spawn(role: str, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, __file__, "--role", role, "--port", str(port)])


def finish(proc: subprocess.Popen[bytes]) -> None:
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


async def run(duration: float, settle_s: float) -> dict[str, Any]:
    """One bare call; the same window and scan timing as the product run."""
    relay = Relay()
    server = await asyncio.start_server(relay.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    procs = {role: spawn(role, port) for role in ("kiosk", "agent")}
    try:
        await relay.until(lambda: len(relay.peers) == 2, 60)
        relay.tell("agent", go=True)
        reports = relay.reports
        await relay.until(
            lambda: "first_frame" in reports["agent"] and "first_frame" in reports["kiosk"], 60
        )
        accepted = reports["agent"]["accepted"]
        setup = {r: 1000 * (reports[r]["first_frame"] - accepted) for r in reports}
        await asyncio.sleep(settle_s)
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
            "fps_agent": reports["agent"]["fps"],
            "fps_kiosk": reports["kiosk"]["fps"],
            "cpu_agent": cpu["agent"],
            "cpu_kiosk": cpu["kiosk"],
            "scan_s": reports["kiosk"]["scan_s"],
        }
    finally:
        for proc in procs.values():
            await asyncio.to_thread(finish, proc)
        server.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", choices=["agent", "kiosk"], required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(child(args.role, args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())
