"""The mouth-to-ear marker (tests/support/marker.py) in a real call's decoded audio.

A real aiortc call on 127.0.0.1 (no sound card here: the engine's test
voice is the microphone).  bench/network.py measures mouth-to-ear delay with
these markers; this checks that the detector finds them in what the other
end decodes, and finds none in silence or in the plain test voice.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

from agentdesk.engine import testvoice
from tests.engine.conftest import Call
from tests.support import waiting
from tests.support.marker import PERIOD_S, MarkedVoice, MarkerEar


class Listener:
    """A MarkerEar that also counts the frames it got, to wait on them."""

    def __init__(self) -> None:
        self.ear = MarkerEar()
        self.frames = 0
        self.changed = asyncio.Event()

    def push(self, frame: Any) -> None:
        self.ear.push(frame)
        self.frames += 1
        self.changed.set()

    async def until(self, done: Callable[[], bool], within: float = 30.0) -> None:
        await waiting.until(self.changed, done, within)


async def test_markers_sent_by_one_end_are_heard_at_the_other_and_none_in_silence(
    make_call: Callable[..., Call],
) -> None:
    # The agent speaks with markers, the kiosk sends aiortc's silence.
    call = make_call(microphones=(MarkedVoice(), None))
    at_kiosk, at_agent = Listener(), Listener()
    call.kiosk.add_audio_consumer(at_kiosk.push)
    call.agent.add_audio_consumer(at_agent.push)
    await call.start()
    await call.connected()
    await at_kiosk.until(lambda: len(at_kiosk.ear.heard) >= 4)
    await at_agent.until(lambda: at_agent.frames >= 4 * 50)  # 4 s of the kiosk's silence
    heard = at_kiosk.ear.heard
    # One a second, each dated after it was sent: never two for one marker.
    gaps = [b.at - a.at for a, b in itertools.pairwise(heard)]
    assert all(gap > PERIOD_S / 2 for gap in gaps)
    assert all(0 <= h.delay_s < PERIOD_S for h in heard)
    assert at_agent.ear.heard == []


async def test_the_plain_test_voice_holds_no_marker(make_call: Callable[..., Call]) -> None:
    call = make_call(microphones=(testvoice.TestVoice(), None))
    at_kiosk = Listener()
    call.kiosk.add_audio_consumer(at_kiosk.push)
    await call.start()
    await call.connected()
    await at_kiosk.until(lambda: at_kiosk.frames >= 5 * 50)  # 5 s of voice
    assert at_kiosk.ear.heard == []
