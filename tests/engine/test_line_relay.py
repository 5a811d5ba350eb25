"""The shaped line's delay relay (tests/support/linerelay.py): frames really held, order kept.

A UDP echo in site A answers probes from site B across the line, through
the relay in the middle namespace; only what the line itself imposes is
asserted (a round trip is at least twice the one-way delay less its jitter).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support import netline

pytestmark = pytest.mark.skipif(
    netline.unavailable(relay=True) is not None, reason=str(netline.unavailable(relay=True))
)

PORT = 40_000
# Site A: answers every datagram with itself, and prints the sequence numbers seen.
ECHO = f"""
import socket, sys
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("{netline.ADDRESS_A}", {PORT}))
print("ready", flush=True)
while True:
    data, peer = sock.recvfrom(2048)
    if data == b"end":
        break
    sock.sendto(data, peer)
    if data != b"warm-up":
        print(data.split(b" ")[0].decode(), flush=True)
"""
# Site B: COUNT probes EVERY seconds apart; prints the round trips of those answered (s).
PROBE = f"""
import json, socket, sys, time
count, every = int(sys.argv[1]), float(sys.argv[2])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(2.0)
target = ("{netline.ADDRESS_A}", {PORT})
# The path first: until both ends know each other's address (ARP), the
# kernel holds the first datagrams back and lets later ones overtake them,
# which is not the relay's doing.
for _ in range(50):
    sock.sendto(b"warm-up", target)
    try:
        if sock.recvfrom(2048)[0] == b"warm-up":
            break
    except TimeoutError:
        pass
sent = {{}}
for i in range(count):
    sent[i] = time.monotonic()
    sock.sendto(f"{{i}} probe".encode(), target)
    time.sleep(every)
rtts = {{}}
try:
    while len(rtts) < count:
        data, _ = sock.recvfrom(2048)
        i = int(data.split(b" ")[0])
        rtts.setdefault(i, time.monotonic() - sent[i])
except TimeoutError:
    pass
sock.sendto(b"end", target)
print(json.dumps(rtts))
"""


def _exchange(line: netline.ShapedLine, count: int, every: float) -> tuple[list[float], list[int]]:
    """(round trips in s, sequence numbers in the order site A got them)."""
    echo = subprocess.Popen(
        line.a.command(sys.executable, "-c", ECHO), stdout=subprocess.PIPE, text=True
    )
    try:
        assert echo.stdout is not None and echo.stdout.readline().strip() == "ready"
        probe = subprocess.run(
            line.b.command(sys.executable, "-c", PROBE, str(count), str(every)),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        arrivals = [int(x) for x in echo.stdout.read().split()]
        echo.wait(10)
    finally:
        echo.kill()
        echo.wait()
    return list(json.loads(probe.stdout).values()), arrivals


def test_each_way_holds_every_packet_for_the_delay() -> None:
    with netline.ShapedLine(relay=True) as line:
        line.shape(2000, 2000, 0.0, delay_ms=50)
        rtts, _ = _exchange(line, 20, 0.02)
    assert len(rtts) >= 18  # nothing is lost on this line but to a full queue
    assert min(rtts) >= 0.100


def test_jitter_keeps_the_order_of_packets() -> None:
    with netline.ShapedLine(relay=True) as line:
        line.shape(2000, 2000, 0.0, delay_ms=40, jitter_ms=10)
        # 1 ms apart: a per-packet draw of ±10 ms would swap most neighbours.
        rtts, arrivals = _exchange(line, 300, 0.001)
    assert min(rtts) >= 2 * 0.030
    assert len(arrivals) >= 290
    assert arrivals == sorted(arrivals)


def test_delay_needs_the_relay() -> None:
    line = netline.ShapedLine()
    with pytest.raises(ValueError, match="relay"):
        line.shape(2000, 2000, 0.0, delay_ms=40)
