"""Real aiortc calls between two CallSessions on 127.0.0.1.

Signalling goes through an in-memory SignalPipe (the switchboard's relay is
tested with the kiosk); media are real aiortc over loopback UDP.  The
camera is FFmpeg's lavfi testsrc2 through PyAV (no camera on this machine),
the microphone aiortc's silence (no sound card).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from agentdesk.engine import DOCUMENTS_CHANNEL, SessionState
from agentdesk.engine.ice import candidate_addresses
from agentdesk.protocol import Signal, SignalKind

from .conftest import Call, count_frames


async def test_video_and_audio_flow_both_ways(make_call: Callable[..., Call]) -> None:
    call = make_call()
    agent_video, kiosk_video = call.agent.video_sink(), call.kiosk.video_sink()
    agent_audio, kiosk_audio = call.agent.audio_sink(), call.kiosk.audio_sink()
    await call.start()
    await call.connected()
    # The kiosk sees the agent and the agent sees the kiosk; both hear each other.
    assert len(await count_frames(kiosk_video, 30)) == 30
    assert len(await count_frames(agent_video, 30)) == 30
    assert len(await count_frames(kiosk_audio, 50)) == 50
    frames = await count_frames(agent_audio, 50)
    assert frames[0].sample_rate == 48_000
    assert call.agent_states[:2] == [SessionState.CONNECTING, SessionState.CONNECTED]
    assert call.kiosk_states[:2] == [SessionState.CONNECTING, SessionState.CONNECTED]
    assert call.agent.generation == call.kiosk.generation == 0


async def test_documents_channel_opens_on_both_sides(make_call: Callable[..., Call]) -> None:
    call = make_call()
    opened: dict[str, Any] = {}
    both = asyncio.Event()

    def on_channel(side: str) -> Callable[[Any], None]:
        def record(channel: Any) -> None:
            opened[side] = channel
            if len(opened) == 2:
                both.set()

        return record

    call.agent.data_channels.subscribe(on_channel("agent"))
    call.kiosk.data_channels.subscribe(on_channel("kiosk"))
    await call.start()
    await asyncio.wait_for(both.wait(), 20)
    assert opened["agent"].label == opened["kiosk"].label == DOCUMENTS_CHANNEL
    assert opened["agent"].ordered and opened["agent"].maxRetransmits is None
    got = asyncio.get_running_loop().create_future()
    opened["agent"].on("message", got.set_result)
    opened["kiosk"].send(b"scan-header")
    assert await asyncio.wait_for(got, 10) == b"scan-header"
    assert call.kiosk.data_channel is opened["kiosk"]


async def test_every_candidate_is_loopback(make_call: Callable[..., Call]) -> None:
    call = make_call()
    await call.start()
    await call.connected()
    sdps = [s.sdp for s in call.pipe.log if s.sdp]
    assert len(sdps) == 2
    addresses = [a for sdp in sdps for a in candidate_addresses(sdp)]
    assert addresses, "no candidate at all in the SDP"
    assert set(addresses) == {"127.0.0.1"}


async def test_stats_samples_are_plausible(make_call: Callable[..., Call]) -> None:
    call = make_call()
    samples: list[Any] = []
    enough = asyncio.Event()

    def collect(sample: Any) -> None:
        samples.append(sample)
        if len(samples) >= 3:
            enough.set()

    call.kiosk.stats_samples.subscribe(collect)
    await call.start()
    await asyncio.wait_for(enough.wait(), 30)
    last = samples[-1]
    assert last.generation == 0
    assert last.rtt_ms is not None and 0 <= last.rtt_ms < 1000
    assert 0 <= last.loss_in_pct < 50
    assert last.jitter_ms is not None and last.jitter_ms >= 0
    assert last.kbps_in > 10 and last.kbps_out > 10
    assert 1 <= last.fps_in <= 40 and 1 <= last.fps_out <= 40
    assert last.video_size_out[0] > 0


def pause_udp(session: Any) -> None:
    """Stops one side reading its ICE sockets: a path cut as the other side sees it."""
    pc = session.peer_connection
    dtls = pc.getTransceivers()[0].receiver.transport
    for protocol in dtls.transport._connection._protocols:
        protocol.transport.pause_reading()


async def test_network_cut_renegotiates_new_generation(make_call: Callable[..., Call]) -> None:
    call = make_call(dead_path_s=2.0)
    agent_video = call.agent.video_sink()
    await call.start()
    await call.connected()
    await count_frames(agent_video, 10)
    first_pc = call.kiosk.peer_connection

    pause_udp(call.kiosk)  # the kiosk hears nothing more: it must ask for a new connection

    await call.until(
        lambda: (
            call.kiosk.generation == call.agent.generation == 1
            and call.kiosk.state == call.agent.state == SessionState.CONNECTED
        )
    )
    assert SessionState.RECONNECTING in call.kiosk_states
    assert call.kiosk.peer_connection is not first_pc
    assert call.kiosk.call_id == call.agent.call_id == "call-1"
    kinds = [(s.sender, s.kind, s.generation) for s in call.pipe.log]
    assert any(k[1] == SignalKind.RESTART for k in kinds)
    assert any(k[1] == SignalKind.OFFER and k[2] == 1 for k in kinds)
    # As docs/protocol.md says: restart names the generation that failed, with
    # no SDP; no trickle ICE (each SDP holds its candidates).
    restarts = [s for s in call.pipe.log if s.kind == SignalKind.RESTART]
    assert {(s.generation, s.sdp) for s in restarts} == {(0, None)}
    assert all(
        "a=candidate:" in (s.sdp or "") for s in call.pipe.log if s.kind != SignalKind.RESTART
    )
    agent_video.get_nowait()
    frames = await count_frames(agent_video, 10)  # frames flow again, from the new connection
    assert len(frames) == 10

    # A late signal of the dead generation changes nothing.
    old_offer = next(s for s in call.pipe.log if s.kind == SignalKind.OFFER and s.generation == 0)
    current_pc = call.kiosk.peer_connection
    await call.kiosk.handle_signal(old_offer)
    assert call.kiosk.peer_connection is current_pc
    assert call.kiosk.state == SessionState.CONNECTED


async def test_agent_side_cut_sends_new_offer(make_call: Callable[..., Call]) -> None:
    call = make_call(dead_path_s=2.0)
    kiosk_video = call.kiosk.video_sink()
    await call.start()
    await call.connected()
    await count_frames(kiosk_video, 5)
    pause_udp(call.agent)
    await call.until(
        lambda: (
            call.agent.generation >= 1
            and call.kiosk.generation == call.agent.generation
            and call.kiosk.state == call.agent.state == SessionState.CONNECTED
        )
    )
    assert SessionState.RECONNECTING in call.agent_states
    kiosk_video.get_nowait()
    assert len(await count_frames(kiosk_video, 10)) == 10


def tamper_fingerprint(signal: Signal) -> Signal:
    if signal.kind != SignalKind.ANSWER or signal.sdp is None:
        return signal

    def flip(match: re.Match[str]) -> str:
        first = match.group(2)[:2]
        forged = "00" if first != "00" else "11"
        return match.group(1) + forged + match.group(2)[2:]

    sdp = re.sub(r"(a=fingerprint:sha-256 )([0-9A-F:]+)", flip, signal.sdp)
    assert sdp != signal.sdp
    return Signal(call_id=signal.call_id, kind=signal.kind, generation=signal.generation, sdp=sdp)


async def test_tampered_dtls_fingerprint_fails_the_connection(
    make_call: Callable[..., Call],
) -> None:
    call = make_call(tamper=tamper_fingerprint, max_restarts=0)
    agent_video = call.agent.video_sink()
    await call.start()
    await call.agent.wait_for_state(SessionState.FAILED, timeout_s=30)
    assert SessionState.CONNECTED not in call.agent_states
    assert agent_video.received == 0


async def test_close_releases_the_call_but_not_the_camera(
    make_call: Callable[..., Call], camera: Any
) -> None:
    call = make_call()
    sink = call.agent.video_sink()
    await call.start()
    await call.connected()
    await count_frames(sink, 3)
    await call.agent.close()
    await call.kiosk.close()
    assert call.agent.state == call.kiosk.state == SessionState.CLOSED
    assert call.agent.peer_connection is None and call.kiosk.peer_connection is None
    assert sink.closed
    assert camera.running
    assert not camera._tracks  # every call track released
    names = {t.get_name() for t in asyncio.all_tasks()}
    assert not any(n.startswith("call-call-1") for n in names)
