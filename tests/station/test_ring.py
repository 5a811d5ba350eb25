"""The ring through the chosen speaker, at the chosen volume.

No sound card on this machine: the engine tests' stand-in card, which calls
back every 20 ms from a thread as PortAudio does."""

from __future__ import annotations

import asyncio
import struct

from agentdesk.engine.audio import Speaker
from agentdesk.station.ring import RingTone
from tests.engine.fake_audio import headset_and_builtin


def loudest(chunk: bytes) -> int:
    samples = struct.unpack(f"<{len(chunk) // 2}h", chunk[: len(chunk) // 2 * 2])
    return max((abs(s) for s in samples), default=0)


async def test_the_ring_plays_on_the_chosen_headset_and_stops() -> None:
    card = headset_and_builtin()
    speaker = Speaker(card, "Casque USB")
    speaker.start()
    volume = 0.5
    ring = RingTone(speaker.push, lambda: volume)
    try:
        [stream] = card.open_streams
        assert stream.name == "Casque USB"
        ring.set_ringing(True)
        assert await asyncio.to_thread(stream.played.wait, 10)
        # Half volume: well below full scale, well above silence.
        assert 5_000 < loudest(bytes(stream.written)) <= 10_500
        ring.set_ringing(False)
        assert not ring.ringing
        pushed = ring.frames_pushed
        await asyncio.sleep(0.5)  # the speaker drains what it had (0.2 s at most)
        stream.written.clear()
        await asyncio.sleep(0.3)
        assert ring.frames_pushed == pushed
        assert loudest(bytes(stream.written)) == 0
    finally:
        await ring.aclose()
        await speaker.stop()
