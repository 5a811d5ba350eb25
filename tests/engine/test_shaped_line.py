"""Voice on a shaped line: two processes in two network namespaces, 2 Mbit/s, random loss.

The line is real (veth, tbf, nftables: tests/support/netline.py) and so are
both ends (tests/support/shaped_peer.py: a CallSession each, testsrc2 video,
the engine's synthetic voice: no camera and no sound card here).  What the
resident would notice is checked through the receiving end's voice counters.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.support import netline, waiting

pytestmark = pytest.mark.skipif(
    netline.unavailable() is not None, reason=str(netline.unavailable())
)


@dataclass
class Peer:
    proc: asyncio.subprocess.Process
    stats: list[dict[str, Any]] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    resumed: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)


async def _spawn(side: netline.Side, role: str) -> Peer:
    proc = await asyncio.create_subprocess_exec(
        *side.command(
            sys.executable,
            "-m",
            "tests.support.shaped_peer",
            "--role",
            role,
            "--address",
            side.address,
        ),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    return Peer(proc)


async def _relay(source: Peer, target: Peer) -> None:
    assert source.proc.stdout is not None and target.proc.stdin is not None
    async for raw in source.proc.stdout:
        line = json.loads(raw)
        if "signal" in line:
            target.proc.stdin.write((json.dumps(line["signal"]) + "\n").encode())
        elif "stats" in line:
            source.stats.append(line["stats"])
        elif "state" in line:
            source.states.append(line["state"])
        elif "resumed" in line:
            source.resumed.append(line["resumed"])
        elif "document" in line:
            source.documents.append(line["document"])
        source.changed.set()


@pytest.fixture
async def shaped_call() -> AsyncIterator[tuple[netline.ShapedLine, Peer, Peer]]:
    async with _call(relay=False) as call:
        yield call


@pytest.fixture
async def relayed_call() -> AsyncIterator[tuple[netline.ShapedLine, Peer, Peer]]:
    """A call on the line with its delay relay in the middle (holding nothing until shaped)."""
    if (problem := netline.unavailable(relay=True)) is not None:
        pytest.skip(problem)
    async with _call(relay=True) as call:
        yield call


@contextlib.asynccontextmanager
async def _call(relay: bool) -> AsyncIterator[tuple[netline.ShapedLine, Peer, Peer]]:
    with netline.ShapedLine(relay=relay) as line:
        agent = await _spawn(line.a, "agent")
        kiosk = await _spawn(line.b, "kiosk")
        relays = [
            asyncio.create_task(_relay(agent, kiosk)),
            asyncio.create_task(_relay(kiosk, agent)),
        ]
        try:
            yield line, agent, kiosk
        finally:
            for peer in (agent, kiosk):
                assert peer.proc.stdin is not None
                with contextlib.suppress(Exception):
                    peer.proc.stdin.write(b"stop\n")
            for peer in (agent, kiosk):
                try:
                    await asyncio.wait_for(peer.proc.wait(), 20)
                except TimeoutError:
                    peer.proc.kill()
                    await peer.proc.wait()
            for task in relays:
                task.cancel()
            await asyncio.gather(*relays, return_exceptions=True)


async def _until_voice(peer: Peer, frames: int, within: float) -> dict[str, Any]:
    """The peer's voice counters once ``frames`` frames were played."""

    async def wait() -> dict[str, Any]:
        while True:
            voice = peer.stats[-1]["voice"] if peer.stats else None
            if voice and voice["decoded"] + voice["recovered"] + voice["concealed"] >= frames:
                return dict(voice)
            peer.changed.clear()
            await peer.changed.wait()

    return await asyncio.wait_for(wait(), within)


async def test_three_percent_loss_voice_rebuilt_by_fec_and_video_kept_under_its_cap(
    shaped_call: tuple[netline.ShapedLine, Peer, Peer],
) -> None:
    line, agent, kiosk = shaped_call
    line.shape(2000, 2000, 3.0)
    start = await _until_voice(kiosk, 50, 60)
    first = len(agent.stats)
    end = await _until_voice(kiosk, start["decoded"] + 1000, 90)  # 20 s of voice
    decoded = end["decoded"] - start["decoded"]
    recovered = end["recovered"] - start["recovered"]
    concealed = end["concealed"] - start["concealed"]
    played = decoded + recovered + concealed
    lost = recovered + concealed
    # The line dropped about 3 % of the voice packets: each one was filled in.
    assert lost >= 0.01 * played, (start, end)
    assert end["missing"] == start["missing"], "a hole in the voice was left silent"
    # Most were rebuilt from the next packet's FEC, so what the resident hears
    # as concealed is well under the line's loss and under Chromium's (2.3-2.5 % concealed
    # on this line, issue 13); only two losses in a row defeat FEC.
    assert recovered >= 0.5 * lost, (start, end)
    assert concealed <= 0.02 * played, (start, end)
    # Random loss is repaired, not read as a full line: the agent's video never
    # drops to a still picture, and stays under its 600 kbit/s cap over every
    # 5 s window (10 % of slack: one frame, the bucket's depth).
    samples = agent.stats[first:]
    assert not {"low", "still"} & {sample["video_level"] for sample in samples}
    rates = [sample["video_kbps_out"] for sample in samples]
    windows = [sum(rates[i : i + 5]) / 5 for i in range(len(rates) - 4)]
    assert windows and max(windows) <= 1.1 * 600, rates


async def _until(peer: Peer, predicate: Any, within: float) -> None:
    await waiting.until(peer.changed, predicate, within)


async def test_voice_comes_back_on_the_old_connection_after_a_cut(
    shaped_call: tuple[netline.ShapedLine, Peer, Peer],
) -> None:
    line, _agent, kiosk = shaped_call
    await _until_voice(kiosk, 50, 60)
    line.cut(True)
    # Longer than the dead-path detection (5 s): a new connection is negotiated
    # meanwhile (it cannot connect while the line is cut).
    await asyncio.sleep(8)
    kiosk.resumed.clear()
    line.cut(False)

    def voice_back() -> list[dict[str, Any]]:
        return [event for event in kiosk.resumed if event["kind"] == "audio"]

    await _until(kiosk, lambda: bool(voice_back()), 30)
    # The voice comes back with nobody touching anything.  Whether its first
    # frames come from the connection the call kept (on standby) or from the
    # new one is a race of a few hundred milliseconds that a loaded machine
    # decides either way: how soon it comes back is bench/network.py's
    # figure (the cut step's audio_back_s), not a test's.
    assert voice_back()[0]["generation"] >= 1, kiosk.resumed
    # Then the new connection takes over and the voice goes on.
    await _until(kiosk, lambda: bool(kiosk.stats) and kiosk.stats[-1]["generation"] >= 1, 60)
    decoded = kiosk.stats[-1]["voice"]["decoded"]
    await _until(kiosk, lambda: kiosk.stats[-1]["voice"]["decoded"] >= decoded + 100, 30)


def _played(voice: dict[str, Any]) -> int:
    return int(voice["decoded"] + voice["recovered"] + voice["concealed"])


async def _samples(peer: Peer, count: int) -> list[dict[str, Any]]:
    """The peer's next ``count`` statistics samples (one a second)."""
    first = len(peer.stats)
    await _until(peer, lambda: len(peer.stats) >= first + count, 30 + 2 * count)
    return peer.stats[first : first + count]


def _fps(window: list[dict[str, Any]]) -> float:
    """Mean frame rate received over the samples."""
    return float(sum(sample["fps_in"] for sample in window)) / len(window)


async def test_a_document_crossing_leaves_voice_whole_and_video_back_at_its_rate_after(
    shaped_call: tuple[netline.ShapedLine, Peer, Peer],
) -> None:
    _line, agent, kiosk = shaped_call

    await _until_voice(agent, 50, 60)
    await _samples(agent, 3)  # the picture settles at its rate
    before = _fps(await _samples(agent, 5))
    assert kiosk.proc.stdin is not None
    kiosk.proc.stdin.write(f"document {3 * 1024 * 1024}\n".encode())
    voice_at_start = dict(agent.stats[-1]["voice"])
    await _until(kiosk, lambda: bool(kiosk.documents), 120)
    voice_at_end = dict(agent.stats[-1]["voice"])
    assert kiosk.documents[0]["delivered"], kiosk.documents
    # The resident's voice while the 3 MiB scan crossed the 2 Mbit/s line:
    # nothing the agent would hear as missing (a packet lost now and then is
    # rebuilt from the next one's FEC, but the line did not drop runs of them).
    played = _played(voice_at_end) - _played(voice_at_start)
    assert played > 0, (voice_at_start, voice_at_end)
    assert voice_at_end["concealed"] == voice_at_start["concealed"], (voice_at_start, voice_at_end)
    assert voice_at_end["missing"] == voice_at_start["missing"], (voice_at_start, voice_at_end)
    # Right after it, the resident's picture is back at the rate it had before
    # (the first second is the transfer's end; the next five are measured).
    await _samples(agent, 1)
    after = _fps(await _samples(agent, 5))
    assert after >= 0.8 * before, (before, after, agent.stats[-12:])


async def test_jitter_on_a_clear_line_leaves_video_at_its_clean_line_rate(
    relayed_call: tuple[netline.ShapedLine, Peer, Peer],
) -> None:
    """40 ms ± 10 ms each way on an otherwise empty 2 Mbit/s line (an ADSL line):
    aiortc's receive-side estimate read the jitter as congestion and took both
    pictures down to 1.8-6.2 fps at 320x240 (issue 13); Chromium kept 30 fps."""
    line, agent, kiosk = relayed_call
    line.shape(2000, 2000, 0.0)

    await _until_voice(agent, 50, 60)
    await _until_voice(kiosk, 50, 60)
    await _samples(agent, 3)  # the pictures settle at their rate
    clean = {"agent": _fps(await _samples(agent, 5)), "kiosk": _fps(kiosk.stats[-5:])}
    assert min(clean.values()) > 0, clean
    line.shape(2000, 2000, 0.0, delay_ms=40, jitter_ms=10)
    # Long enough for the estimate to have stepped the video down to a still
    # picture before (it took 5 s), and for it to come back if it had.
    jittery_agent = await _samples(agent, 20)
    jittery = {"agent": _fps(jittery_agent[5:]), "kiosk": _fps(kiosk.stats[-15:])}
    for end in ("agent", "kiosk"):
        assert jittery[end] >= 0.8 * clean[end], (end, clean, jittery, agent.stats[-20:])
    # Nor a smaller picture: the senders stayed on their full step.
    for peer in (agent, kiosk):
        assert {s["video_level"] for s in peer.stats[-15:]} == {"full"}, peer.stats[-15:]
