"""A real call's voice delay comes back after a burst (playout.py), measured by the marker.

Two real aiortc endpoints on 127.0.0.1; the agent's microphone is the test
voice with a marker tone each second (tests/support/marker.py), whose
mouth-to-ear delay the kiosk's MarkerEar measures.  Both ends share this
process's event loop, so stalling the loop would stall the sender too (which
then skips what it could not send: no burst).  The stall is therefore put
on the receiving side alone: the kiosk's audio track is not read for
``STALL_S``; its frames wait in aiortc's queue and then come all at once,
as after a stalled loop or a jitter-buffer release.  Only this call's own
delays are compared (before and after), never a fixed figure.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections.abc import Callable
from typing import Any

from agentdesk.engine import CallStats
from tests.engine.conftest import Call
from tests.engine.test_voice_marker import Listener
from tests.support.marker import PERIOD_S, MarkedVoice

STALL_S = 0.3
TOLERANCE_S = 0.08
SETTLE_MARKERS = 4
"""Markers heard after the stall before its delay is judged (the catch-up takes a few)."""


def _hold_once(track: Any, hold_s: float) -> None:
    """The next read of ``track`` waits ``hold_s`` first: its frames pile up, then burst."""
    read = track.recv

    async def held() -> Any:
        del track.recv  # back to the class's own
        await asyncio.sleep(hold_s)
        return await read()

    track.recv = held


async def test_the_delay_a_burst_adds_goes_away_and_no_marker_is_cut(
    make_call: Callable[..., Call],
) -> None:
    call = make_call(microphones=(MarkedVoice(), None), stats_interval_s=0.5)
    at_kiosk = Listener()
    call.kiosk.add_audio_consumer(at_kiosk.push)
    samples: list[CallStats] = []
    call.kiosk.stats_samples.subscribe(samples.append)
    await call.start()
    await call.connected()
    await at_kiosk.until(lambda: len(at_kiosk.ear.heard) >= 4)
    before = [h.delay_s for h in at_kiosk.ear.heard[1:]]  # the first: while the call settles

    pc = call.kiosk.peer_connection
    assert pc is not None
    (audio,) = [r.track for r in pc.getReceivers() if r.track.kind == "audio"]
    stalled_at = time.time()  # the markers' clock
    _hold_once(audio, STALL_S)
    await at_kiosk.until(
        lambda: len([h for h in at_kiosk.ear.heard if h.at > stalled_at]) >= SETTLE_MARKERS + 2
    )
    after = [h for h in at_kiosk.ear.heard if h.at > stalled_at]

    # Back near the delay this call had before, the burst caught up by
    # skipping quiet frames, counted in the call's stats.  Near: within the
    # queue the catch-up aims at (a 40 ms margin plus three times the
    # jitter, which a busy machine raises), where the burst alone left
    # 200 ms (the speaker's cap) for good.
    settled = statistics.median(h.delay_s for h in after[SETTLE_MARKERS:])
    assert settled <= max(before) + TOLERANCE_S
    assert any(s.audio is not None and s.audio.caught_up > 0 for s in samples)
    # Not one marker (speech) was cut: one heard every second, none missed.
    gaps = [b.at - a.at for a, b in itertools.pairwise(after)]
    assert all(gap < 1.5 * PERIOD_S for gap in gaps)
