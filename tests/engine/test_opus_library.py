"""Where libopus comes from: the system's libopus0, or else the copy inside
PyAV's wheel (what a frozen bundle, Windows or macOS have).  Each is checked
by what the voice path needs from it: a packet lost on a 5 % loss setting is
rebuilt from the next packet's in-band FEC, not replaced by silence."""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator

import pytest

from agentdesk.engine import opus


def tone(frames: int) -> Iterator[bytes]:
    """A 440 Hz voice-band tone, 20 ms at a time (mono s16, 48 kHz)."""
    n = opus.FRAME_SAMPLES
    for f in range(frames):
        yield struct.pack(
            f"<{n}h",
            *(int(8000 * math.sin(2 * math.pi * 440 * (f * n + i) / opus.RATE)) for i in range(n)),
        )


def energy(pcm: bytes) -> float:
    samples = struct.unpack(f"<{len(pcm) // 2}h", pcm)
    return sum(s * s for s in samples) / max(1, len(samples))


@pytest.fixture(params=["system", "pyav"])
def only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    candidates = opus._candidates()
    chosen = candidates[:1] if request.param == "system" else candidates[1:]
    if request.param == "pyav" and not chosen:
        pytest.skip("this PyAV wheel carries no libopus")
    monkeypatch.setattr(opus, "_candidates", lambda: chosen)
    opus.library.cache_clear()
    yield request.param
    opus.library.cache_clear()


def test_a_lost_packet_is_rebuilt_from_the_next_ones_fec(only: str) -> None:
    encoder = opus.Encoder(bitrate_bps=32_000, loss_pct=5)
    packets = [encoder.encode(pcm) for pcm in tone(30)]
    encoder.close()
    decoder = opus.Decoder()
    for packet in packets[:20]:
        decoder.decode(packet)
    # Packet 20 is lost; packet 21 carries its FEC copy.
    assert opus.has_lbrr(packets[21])
    rebuilt = decoder.recover(packets[21], opus.FRAME_SAMPLES)
    heard = decoder.decode(packets[21])
    decoder.close()
    assert len(rebuilt) == opus.FRAME_SAMPLES * opus.Decoder.CHANNELS * 2
    # Not silence: at least a tenth of the energy of the frame that follows.
    assert energy(rebuilt) > 0.1 * energy(heard)
