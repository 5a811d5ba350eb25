"""The aiortc internals the engine fits itself into, checked on a real call.

The engine replaces private parts of aiortc 1.16.0 (pinned in pyproject.toml):
the DTLS transport's ``_send_rtp`` and ``_send_data`` (pacing.py,
datapacing.py), the SCTP transport's ``_handle_data`` (datapacing.py), each
receiver's jitter buffer (jitter.py, voice.py), a video sender's
``_retransmit`` and a video receiver's NACK generator (retransmit.py) and the
encoder and decoder factories (encoding.py).  aiortc offers no public hook for any of them.
Where one is missing the engine carries on without it, and a call loses
voice-first without a word: these tests fail loudly instead, naming what
moved, when a new aiortc is tried.
"""

from __future__ import annotations

import asyncio
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiortc

from agentdesk.engine import datapacing, encoding, jitter, pacing, retransmit, voice

from .conftest import Call

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_aiortc_is_the_pinned_one() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("aiortc")]
    assert pins, "aiortc is no longer a pinned dependency"
    pinned = re.fullmatch(r"aiortc==([\w.]+)", pins[0])
    assert pinned, f"aiortc must stay pinned exactly (internals replaced): {pins[0]}"
    assert aiortc.__version__ == pinned.group(1)


async def test_every_replaced_part_is_in_place_and_used_on_a_real_call(
    make_call: Callable[..., Call],
) -> None:
    call = make_call()
    channels: list[Any] = []
    opened = asyncio.Event()

    def on_channel(channel: Any) -> None:
        channels.append(channel)
        opened.set()

    call.kiosk.data_channels.subscribe(on_channel)
    received = asyncio.get_running_loop().create_future()
    call.agent.data_channels.subscribe(
        lambda channel: channel.on("message", lambda data: received.set_result(len(data)))
    )
    await call.start()
    await call.connected()
    await asyncio.wait_for(opened.wait(), 20)
    pc = call.kiosk.peer_connection
    assert pc is not None and pc.sctp is not None
    dtls = pc.sctp.transport
    # pacing.py: video packets go through the pacer, voice and RTCP around it.
    rtp_pacer = getattr(dtls, pacing._MARK, None)
    assert isinstance(rtp_pacer, pacing.Pacer), "RTCDtlsTransport._send_rtp was not replaced"
    assert dtls._send_rtp == rtp_pacer.send
    assert rtp_pacer.immediate_types, "no voice payload type found in transceiver._codecs"
    # datapacing.py: SCTP's packets through the window, its SACKs read on the way in.
    data_pacer = getattr(pc.sctp, datapacing._MARK, None)
    assert isinstance(data_pacer, datapacing.DataPacer), "SCTP/DTLS data path not replaced"
    assert dtls._send_data == data_pacer.send
    channels[0].send(b"x" * 200_000)
    assert await asyncio.wait_for(received, 20) == 200_000
    # A round trip timed from a DATA packet's departure to its SACK: both hooks work.
    assert data_pacer.window.base_rtt is not None, "no SACK read: SCTP._handle_data moved?"
    # jitter.py and voice.py: each receiver's jitter buffer is ours.
    buffers = {
        t.kind: getattr(t.receiver, "_RTCRtpReceiver__jitter_buffer", None)
        for t in pc.getTransceivers()
    }
    assert isinstance(buffers["video"], jitter.VideoJitterBuffer), buffers
    assert isinstance(buffers["audio"], voice.AudioJitterBuffer), buffers
    # encoding.py: the senders' encoders are the policy's.
    assert getattr(aiortc.rtcrtpsender.get_encoder, encoding._MARK, False)  # type: ignore[attr-defined]
    sampled = asyncio.Event()
    call.kiosk.stats_samples.subscribe(lambda _sample: sampled.set())
    while call.kiosk.policy.frames_encoded == 0:
        sampled.clear()
        await asyncio.wait_for(sampled.wait(), 10)

    # retransmit.py: a NACK from the kiosk's video receiver is answered by the
    # agent's queue (not inside aiortc's receive path), with the packet sent again.
    video = {t.kind: t for t in pc.getTransceivers()}["video"]
    nacks = getattr(video.receiver, "_RTCRtpReceiver__nack_generator", None)
    assert isinstance(nacks, retransmit.NackList), "RTCRtpReceiver NACK generator moved?"
    agent_pc = call.agent.peer_connection
    assert agent_pc is not None
    agent_video = {t.kind: t for t in agent_pc.getTransceivers()}["video"]
    queue = getattr(agent_video.sender, retransmit._SENDER_MARK, None)
    assert isinstance(queue, retransmit.RetransmitQueue), "RTCRtpSender._retransmit moved?"
    assert agent_video.sender._retransmit == queue.request
    while nacks.max_seq is None:
        sampled.clear()
        await asyncio.wait_for(sampled.wait(), 10)
    await video.receiver._send_rtcp_nack(agent_video.sender._ssrc, [nacks.max_seq])
    while queue.sent == 0:
        sampled.clear()
        await asyncio.wait_for(sampled.wait(), 10)
