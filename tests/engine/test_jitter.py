"""The video jitter buffer gives a lost packet up in time and asks for a keyframe."""

from __future__ import annotations

from aiortc.rtp import RtpPacket

from agentdesk.engine.jitter import VideoJitterBuffer


def frames(count: int, packets_each: int = 3) -> list[RtpPacket]:
    out = []
    for frame in range(count):
        for _part in range(packets_each):
            packet = RtpPacket(payload_type=96, sequence_number=len(out), timestamp=3000 * frame)
            packet._data = b"x"  # type: ignore[attr-defined]
            out.append(packet)
    return out


def test_a_packet_never_retransmitted_freezes_video_for_a_moment_not_for_good() -> None:
    buffer = VideoJitterBuffer(max_wait=20)
    packets = frames(40)
    lost = packets[10]  # in frame 3, never retransmitted (lost twice, or a cut)
    out: list[int] = []
    keyframe_asked = False
    for packet in packets:
        if packet is lost:
            continue
        pli, frame = buffer.add(packet)
        keyframe_asked = keyframe_asked or pli
        if frame is not None:
            out.append(frame.timestamp // 3000)
    # Frames before the hole came out; aiortc alone would have held everything
    # after it until 512 packets had come.  Frames after it come out again.
    assert out[:3] == [0, 1, 2]
    assert out[-1] >= 35 and 3 not in out
    assert keyframe_asked and buffer.holes_given_up == 1


def test_a_retransmitted_packet_is_waited_for() -> None:
    buffer = VideoJitterBuffer(max_wait=20)
    packets = frames(10)
    late = packets[4]
    out = []
    for packet in [*[p for p in packets if p is not late][:8], late, *packets[9:]]:
        _pli, frame = buffer.add(packet)
        if frame is not None:
            out.append(frame.timestamp // 3000)
    assert out == list(range(len(out))) and 1 in out and buffer.holes_given_up == 0
