"""The ringtone and the "resident joined" chime reach the speaker the agent chose.

No sound card here: the stand-in card of fake_audio.py calls back like
PortAudio; the desk is the real one, fed real protocol messages."""

from __future__ import annotations

import asyncio
import wave
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from agentdesk.assets import Sound
from agentdesk.desk import Desk, DeskState
from agentdesk.engine import Speaker
from agentdesk.engine.tones import SoundFileError, TonePlayer, read_wav
from agentdesk.protocol import AgentState, CallState, Offered
from agentdesk.station.alerts import DeskSounds, load_sounds
from tests.desk.helpers import Switchboard, call, feed, snapshot, status, welcome

from .fake_audio import FakeCard, FakeStream, headset_and_builtin


def test_the_shipped_sounds_load() -> None:
    sounds = load_sounds()
    assert set(sounds) == set(Sound)
    assert len(sounds[Sound.RINGTONE]) == 3 * 48_000 * 2  # one 3 s cycle
    assert any(sounds[Sound.RESIDENT_JOINED])


def test_a_sound_file_in_another_format_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "ring.wav"
    with wave.open(str(path), "wb") as file:
        file.setnchannels(2)
        file.setsampwidth(2)
        file.setframerate(44_100)
        file.writeframes(bytes(400))
    with pytest.raises(SoundFileError, match=r"ring\.wav.*48 kHz mono"):
        read_wav(path)
    (tmp_path / "broken.wav").write_bytes(b"RIFF...")
    with pytest.raises(SoundFileError, match=r"broken\.wav"):
        read_wav(tmp_path / "broken.wav")


def _stream(card: FakeCard, name: str) -> FakeStream:
    return next(s for s in card.open_streams if s.name == name)


@dataclass
class Bench:
    card: FakeCard
    desk: Desk
    player: TonePlayer


@pytest.fixture
async def bench() -> AsyncIterator[Bench]:
    """The desk's sounds on a headset chosen in the settings (the default
    device is the built-in one)."""
    card = headset_and_builtin()
    speaker = Speaker(card, "Casque USB")
    speaker.start()
    desk = Desk(Switchboard().request)
    player = TonePlayer(speaker)
    sounds = DeskSounds(desk, player, load_sounds())
    yield Bench(card, desk, player)
    await sounds.aclose()
    await speaker.stop()
    await desk.aclose()


async def test_offer_rings_on_the_chosen_speaker_and_stops_when_answered(bench: Bench) -> None:
    desk, player = bench.desk, bench.player
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, snapshot())
    headset = _stream(bench.card, "Casque USB")
    assert not headset.played.is_set()

    feed(desk, snapshot(call("c1", "Murat")))  # a resident joins: the chime
    assert player.playing
    assert await asyncio.to_thread(headset.played.wait, 5)

    feed(desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
    assert desk.state is DeskState.OFFERED
    assert player.playing
    sent = player.frames_sent
    # Looping: it goes on past the end of one 3 s cycle's worth of frames.
    async with asyncio.timeout(10):
        while player.frames_sent < sent + 160:  # noqa: ASYNC110 - a counter, no event
            await asyncio.sleep(0.1)
    assert player.playing

    feed(desk, status(AgentState.IN_CALL, call_id="c1"))
    assert not player.playing
    assert not [s for s in bench.card.open_streams if s.name == "Intégré"]


async def test_no_chime_for_the_queue_found_at_sign_in_nor_during_a_call(bench: Bench) -> None:
    desk, player = bench.desk, bench.player
    feed(desk, welcome(AgentState.AVAILABLE))
    feed(desk, snapshot(call("c1", "Murat"), call("c2", "Salers")))
    assert not player.playing
    feed(desk, status(AgentState.IN_CALL, call_id="c1"))
    feed(desk, snapshot(call("c2", "Salers"), call("c3", "Maurs")))
    assert not player.playing


def _peak(data: bytes) -> int:
    import array

    samples = array.array("h", data)
    return max((abs(s) for s in samples), default=0)


async def _ring_peak(card: FakeCard, percent: int) -> int:
    """The loudest sample the headset played while a call rang at ``percent``."""
    speaker = Speaker(card, "Casque USB")
    speaker.start()
    desk = Desk(Switchboard().request)
    sounds = DeskSounds(desk, TonePlayer(speaker), load_sounds(), volume=percent)
    try:
        feed(desk, welcome(AgentState.AVAILABLE))
        feed(desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
        headset = _stream(card, "Casque USB")
        async with asyncio.timeout(10):
            while len(headset.written) < 48_000 * 2:  # noqa: ASYNC110 - bytes, no event
                await asyncio.sleep(0.05)
        return _peak(bytes(headset.written))
    finally:
        await sounds.aclose()
        await speaker.stop()
        await desk.aclose()


async def test_the_ring_volume_setting_reaches_the_speaker() -> None:
    full = await _ring_peak(headset_and_builtin(), 100)
    half = await _ring_peak(headset_and_builtin(), 50)
    silent = await _ring_peak(headset_and_builtin(), 0)
    assert full > 10_000
    # Halfway on the slider: a quarter of the amplitude (the ear's scale, see gain_of).
    assert abs(half / full - 0.25) < 0.02, (half, full)
    assert silent == 0


async def test_the_settings_test_button_rings_once_at_its_volume() -> None:
    speaker = Speaker(headset_and_builtin(), "Casque USB")
    speaker.start()
    desk = Desk(Switchboard().request)
    player = TonePlayer(speaker)
    sounds = DeskSounds(desk, player, load_sounds(), volume=80)
    try:
        feed(desk, welcome(AgentState.AVAILABLE))
        sounds.test_ring(30)
        assert player.playing and player.gain == pytest.approx(0.09)
        # A real ring afterwards is at the saved volume, not the one tried.
        feed(desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
        assert player.gain == pytest.approx(0.64)
        sounds.test_ring(10)  # never over a real ring
        assert player.gain == pytest.approx(0.64)
    finally:
        await sounds.aclose()
        await speaker.stop()
        await desk.aclose()
