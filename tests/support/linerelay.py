"""Delay and jitter for the shaped line (netline.py): this kernel has no netem.

    ip netns exec MIDDLE python linerelay.py DEVICE_A DEVICE_B

Runs in a third network namespace between the two sites, which holds the
other ends of both sites' veth pairs, no address and no IP forwarding.  It
bridges Ethernet frames between its two devices with AF_PACKET raw sockets,
ARP included, so the endpoints keep their addresses and their ICE candidates
need no rewriting.  Frames this process sends come back to its sockets as
PACKET_OUTGOING: those are skipped, or the relay would loop.

Each frame is held for ``delay ± jitter`` (uniform, drawn per frame), but
never leaves before the frame ahead of it in the same direction: a DSL
line's jitter comes from queues, which keep order.  So order is kept, and a
burst (a video frame's packets) leaves together, at the latest of its draws.

Settings come as JSON lines on stdin, ``{"delay_ms": 40, "jitter_ms": 10}``,
each answered by ``ok`` on stdout once in force; end of stdin (or SIGTERM)
stops it.  Standard library only: it is started with any Python.
"""

from __future__ import annotations

import collections
import json
import os
import random
import select
import signal
import socket
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
RECEIVE_BUFFER = 4 * 1024 * 1024


class Direction:
    """Frames read on one device, waiting for their time to leave on the other."""

    def __init__(self, source: socket.socket, target: socket.socket) -> None:
        self.source = source
        self.target = target
        self.waiting: collections.deque[tuple[float, bytes]] = collections.deque()
        self.last_release = 0.0
        self.dropped = 0

    def read(self, now: float, delay_s: float, jitter_s: float, draw: random.Random) -> None:
        while True:
            try:
                frame, address = self.source.recvfrom(65535)
            except BlockingIOError:
                return
            if address[2] == PACKET_OUTGOING:
                continue
            hold = max(0.0, delay_s + draw.uniform(-jitter_s, jitter_s))
            release = max(now + hold, self.last_release)
            self.last_release = release
            self.waiting.append((release, frame))

    def send_due(self, now: float) -> None:
        while self.waiting and self.waiting[0][0] <= now:
            _, frame = self.waiting.popleft()
            try:
                self.target.send(frame)
            except OSError:
                # A full device queue: the frame is lost, as on a saturated line.
                self.dropped += 1

    def next_release(self) -> float | None:
        return self.waiting[0][0] if self.waiting else None


def open_device(name: str) -> socket.socket:
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    sock.bind((name, ETH_P_ALL))
    sock.setblocking(False)
    return sock


def run(device_a: str, device_b: str) -> None:
    a, b = open_device(device_a), open_device(device_b)
    directions = {a: Direction(a, b), b: Direction(b, a)}
    delay_s = jitter_s = 0.0
    draw = random.Random()
    stdin = sys.stdin.fileno()
    pending = b""
    print("ok", flush=True)
    while True:
        now = time.monotonic()
        due = [d.next_release() for d in directions.values()]
        soonest = min((t for t in due if t is not None), default=None)
        timeout = None if soonest is None else max(0.0, soonest - now)
        readable, _, _ = select.select([a, b, stdin], [], [], timeout)
        now = time.monotonic()
        for ready in readable:
            if ready == stdin:
                chunk = os.read(stdin, 4096)
                if not chunk:
                    return
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    settings = json.loads(line)
                    delay_s = float(settings["delay_ms"]) / 1000
                    jitter_s = min(float(settings["jitter_ms"]) / 1000, delay_s)
                    print("ok", flush=True)
            elif isinstance(ready, socket.socket):
                directions[ready].read(now, delay_s, jitter_s, draw)
        for direction in directions.values():
            direction.send_due(now)


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    run(sys.argv[1], sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
