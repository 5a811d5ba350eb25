"""The document channel between two real aiortc peer connections on loopback.

Everything is real: two RTCPeerConnections in this process, ICE with no
server and host candidates restricted to 127.0.0.1 (agentdesk.engine.ice),
DTLS, SCTP and the negotiated "documents" data channel the session creates.
Misbehaving senders are written by hand from the documented wire format
(JSON text messages, binary chunks with a 25-byte header): they prove that
format is enough to talk to us, and they do what our own sender never would.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import struct
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from aiortc import RTCConfiguration, RTCPeerConnection

from agentdesk.engine import ice
from agentdesk.engine.documents import (
    LABEL,
    ChannelSettings,
    CommandReceived,
    Device,
    DeviceState,
    DeviceStatus,
    Direction,
    DocumentChannel,
    DocumentDelivered,
    DocumentLimits,
    DocumentOffered,
    DocumentReceived,
    DocumentRefused,
    PeerError,
    PrintOutcome,
    PrintResult,
    Purpose,
    RefusalReason,
    RequestScan,
    TransferActivity,
    TransferProgress,
    TransferState,
    samples,
    save_document,
    validation,
    wire,
)
from agentdesk.engine.documents import receiver as receiver_module
from agentdesk.engine.documents import sender as sender_module

E = TypeVar("E")
WAIT = 20.0
MIB = 1024 * 1024


# --------------------------------------------------------------------------
# Two peer connections on loopback


@dataclass
class Pair:
    kiosk_pc: RTCPeerConnection
    agent_pc: RTCPeerConnection
    kiosk: Any
    """The kiosk end's RTCDataChannel."""
    agent: Any

    async def close(self) -> None:
        await self.kiosk_pc.close()
        await self.agent_pc.close()


async def connect_pair() -> Pair:
    """Two peer connections with the session's negotiated "documents" channel, both open."""
    config = RTCConfiguration(iceServers=[])
    agent_pc, kiosk_pc = RTCPeerConnection(config), RTCPeerConnection(config)
    agent = agent_pc.createDataChannel(LABEL, ordered=True, negotiated=True, id=1)
    kiosk = kiosk_pc.createDataChannel(LABEL, ordered=True, negotiated=True, id=1)
    with ice.allowed_addresses(ice.LOOPBACK):
        await agent_pc.setLocalDescription(await agent_pc.createOffer())
        await kiosk_pc.setRemoteDescription(agent_pc.localDescription)
        await kiosk_pc.setLocalDescription(await kiosk_pc.createAnswer())
        await agent_pc.setRemoteDescription(kiosk_pc.localDescription)
    # Loopback only: no candidate may name another interface.
    for pc in (agent_pc, kiosk_pc):
        assert set(ice.candidate_addresses(pc.localDescription.sdp)) == {"127.0.0.1"}
    pair = Pair(kiosk_pc, agent_pc, kiosk, agent)
    await asyncio.wait_for(_opened(agent), WAIT)
    await asyncio.wait_for(_opened(kiosk), WAIT)
    return pair


async def _opened(channel: Any) -> None:
    while channel.readyState != "open":
        opened = asyncio.Event()
        channel.once("open", opened.set)
        if channel.readyState == "open":
            return
        await opened.wait()


@pytest.fixture
async def pair() -> AsyncIterator[Pair]:
    p = await connect_pair()
    yield p
    await p.close()


class Recorder:
    """Keeps every event of a DocumentChannel; tests wait on them."""

    def __init__(self, channel: DocumentChannel) -> None:
        self.events: list[object] = []
        self._changed = asyncio.Event()
        channel.events.subscribe(self._on_event)

    def _on_event(self, event: object) -> None:
        self.events.append(event)
        self._changed.set()

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]

    async def wait_for(self, kind: type[E], where: Callable[[E], bool] = lambda e: True) -> E:
        async with asyncio.timeout(WAIT):
            while True:
                for event in self.events:
                    if isinstance(event, kind) and where(event):
                        return event
                self._changed.clear()
                await self._changed.wait()


@dataclass
class Ends:
    kiosk: DocumentChannel
    agent: DocumentChannel
    kiosk_events: Recorder
    agent_events: Recorder


@contextlib.asynccontextmanager
async def open_ends(
    pair: Pair,
    *,
    kiosk_limits: DocumentLimits | None = None,
    kiosk_settings: ChannelSettings | None = None,
) -> AsyncIterator[Ends]:
    """The kiosk's end (takes print jobs) and the agent's end (takes scans), attached."""
    kiosk = DocumentChannel(limits=kiosk_limits, settings=kiosk_settings, accept=[Purpose.PRINT])
    agent = DocumentChannel(accept=[Purpose.SCAN])
    e = Ends(kiosk, agent, Recorder(kiosk), Recorder(agent))
    kiosk.attach(pair.kiosk)
    agent.attach(pair.agent)
    try:
        yield e
    finally:
        await kiosk.close()
        await agent.close()


@pytest.fixture
async def ends(pair: Pair) -> AsyncIterator[Ends]:
    async with open_ends(pair) as e:
        yield e


# --------------------------------------------------------------------------
# A hand-written peer speaking the documented wire format


class RawPeer:
    """Sends what it is told, byte for byte; keeps every text message it receives."""

    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.received: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        channel.on("message", self._on_message)

    def _on_message(self, data: str | bytes) -> None:
        if isinstance(data, str):
            self.received.append(json.loads(data))
            self._changed.set()

    def text(self, **fields: Any) -> None:
        self.channel.send(json.dumps(fields))

    def chunk(self, doc: str, offset: int, payload: bytes) -> None:
        self.channel.send(struct.pack("!B16sQ", 1, bytes.fromhex(doc), offset) + payload)

    def offer(self, doc: str, data: bytes, *, mime: str, size: int | None = None) -> None:
        self.text(
            type="doc_offer",
            doc=doc,
            name="scan.pdf",
            mime=mime,
            size=len(data) if size is None else size,
            sha256=hashlib.sha256(data).hexdigest(),
            purpose="scan",
        )

    def send_all(self, doc: str, data: bytes, chunk: int = 16384) -> None:
        for offset in range(0, len(data), chunk):
            self.chunk(doc, offset, data[offset : offset + chunk])

    async def wait_for(self, type_: str, doc: str | None = None) -> dict[str, Any]:
        async with asyncio.timeout(WAIT):
            while True:
                for msg in self.received:
                    if msg["type"] == type_ and (doc is None or msg.get("doc") == doc):
                        return msg
                self._changed.clear()
                await self._changed.wait()


@pytest.fixture
async def raw_kiosk(pair: Pair) -> AsyncIterator[tuple[RawPeer, DocumentChannel, Recorder]]:
    agent = DocumentChannel(accept=[Purpose.SCAN])
    events = Recorder(agent)
    agent.attach(pair.agent)
    yield RawPeer(pair.kiosk), agent, events
    await agent.close()


def doc_id(n: int) -> str:
    return f"{n:032x}"


def refusal_of(recorder: Recorder, doc: str) -> DocumentRefused:
    return next(e for e in recorder.of(DocumentRefused) if e.doc_id == doc)


# --------------------------------------------------------------------------
# Documents that arrive


async def test_scan_of_3_mib_arrives_whole_with_progress_on_both_sides(
    ends: Ends, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Decoding must never run on the event loop's thread: record where it runs.
    threads: list[threading.Thread] = []
    real_verify = validation.verify

    def recording_verify(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(receiver_module, "verify", recording_verify)
    scan = samples.pdf(pages=2, size=3 * MIB)
    started = time.perf_counter()
    outcome = await asyncio.wait_for(
        ends.kiosk.send(scan, name="C:\\Scans\\avis.pdf", purpose=Purpose.SCAN), WAIT
    )
    elapsed = time.perf_counter() - started
    received = (await ends.agent_events.wait_for(DocumentReceived)).document

    assert outcome.delivered, outcome.refusal
    assert hashlib.sha256(received.data).hexdigest() == hashlib.sha256(scan).hexdigest()
    assert received.data == scan
    assert received.info.sha256 == hashlib.sha256(scan).hexdigest()
    assert received.info.name == "avis.pdf"  # the path stays on the kiosk
    assert received.info.mime.value == "application/pdf"
    assert received.pages == 2
    assert received.info.purpose is Purpose.SCAN
    assert ends.kiosk_events.of(DocumentDelivered)[0].info.doc_id == received.info.doc_id
    offered = await ends.agent_events.wait_for(DocumentOffered)
    assert offered.direction is Direction.INCOMING and offered.info.size == len(scan)

    for recorder, direction in (
        (ends.kiosk_events, Direction.OUTGOING),
        (ends.agent_events, Direction.INCOMING),
    ):
        steps = [p.done for p in recorder.of(TransferProgress) if p.direction is direction]
        assert len(steps) >= 10
        assert steps == sorted(steps) and steps[-1] == len(scan)
        activity = [e.active for e in recorder.of(TransferActivity)]
        assert activity == [True, False]
    assert not ends.kiosk.transfer_active and not ends.agent.transfer_active
    assert threads and threading.main_thread() not in threads
    print(f"\n3 MiB scan delivered and verified in {elapsed:.2f} s on loopback")


async def test_chunk_corrupted_in_flight_is_refused_and_the_next_document_arrives(
    ends: Ends, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test-only hook flips one byte of one chunk on its way into the data channel."""
    real_encode = wire.encode_chunk
    victims: set[str] = set()

    def tampering(doc: str, offset: int, payload: bytes | memoryview) -> bytes:
        if not victims:
            victims.add(doc)
        if doc in victims and offset == 32768:
            damaged = bytearray(payload)
            damaged[100] ^= 0xFF
            return real_encode(doc, offset, bytes(damaged))
        return real_encode(doc, offset, payload)

    monkeypatch.setattr(sender_module, "encode_chunk", tampering)
    first = await ends.kiosk.send(samples.pdf(size=200_000), name="a.pdf", purpose=Purpose.SCAN)
    assert first.refusal is not None
    assert first.refusal.reason is RefusalReason.CORRUPTED and first.refusal.by_peer
    seen_by_agent = refusal_of(ends.agent_events, first.doc_id)
    assert seen_by_agent.refusal.reason is RefusalReason.CORRUPTED
    assert seen_by_agent.refusal.message == first.refusal.message
    assert "checksum" in first.refusal.message

    second = samples.png()
    outcome = await ends.kiosk.send(second, name="b.png", purpose=Purpose.SCAN)
    assert outcome.delivered
    received = await ends.agent_events.wait_for(DocumentReceived)
    assert received.document.data == second
    assert len(ends.agent_events.of(DocumentReceived)) == 1


async def test_oversized_document_is_refused_before_any_byte_is_sent(pair: Pair) -> None:
    # The kiosk would send up to 64 MiB; the agent's side keeps the default 25 MiB.
    async with open_ends(pair, kiosk_limits=DocumentLimits(max_bytes=64 * MIB)) as ends:
        transfer = ends.kiosk.offer(
            samples.pdf(size=26 * MIB), name="big.pdf", purpose=Purpose.SCAN
        )
        outcome = await asyncio.wait_for(transfer.result(), WAIT)
        assert outcome.refusal is not None
        assert outcome.refusal.reason is RefusalReason.TOO_LARGE and outcome.refusal.by_peer
        assert "25.0 MiB" in outcome.refusal.message
        assert transfer.sent == 0
        seen = refusal_of(ends.agent_events, transfer.doc_id)
        assert seen.refusal.reason is RefusalReason.TOO_LARGE
        assert seen.refusal.message == outcome.refusal.message
        assert ends.kiosk_events.of(DocumentRefused)[0].direction is Direction.OUTGOING
        assert not ends.kiosk_events.of(TransferProgress)


async def test_file_that_is_not_a_document_is_refused_at_the_sender(ends: Ends) -> None:
    program = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(4000)
    outcome = await ends.kiosk.send(program, name="formulaire.pdf", purpose=Purpose.SCAN)
    assert outcome.refusal is not None
    assert outcome.refusal.reason is RefusalReason.UNSUPPORTED_TYPE
    assert not outcome.refusal.by_peer
    # Nothing was offered: the agent's side heard nothing.
    await ends.kiosk.send(samples.jpeg(), name="ok.jpg", purpose=Purpose.SCAN)
    await ends.agent_events.wait_for(DocumentReceived)
    assert [e.info.name for e in ends.agent_events.of(DocumentOffered)] == ["ok.jpg"]


async def test_decompression_bomb_is_refused_at_the_sender_too(ends: Ends) -> None:
    outcome = await ends.kiosk.send(samples.png_bomb(), name="page.png", purpose=Purpose.SCAN)
    assert outcome.refusal is not None
    assert outcome.refusal.reason is RefusalReason.TOO_MANY_PIXELS


async def test_print_job_reaches_the_kiosk_and_its_outcome_comes_back(
    ends: Ends, tmp_path: Any
) -> None:
    form = samples.pdf(pages=3, size=300_000)
    outcome = await ends.agent.send(form, name="cerfa.pdf", purpose=Purpose.PRINT)
    assert outcome.delivered

    job = (await ends.kiosk_events.wait_for(DocumentReceived)).document
    assert job.data == form and job.info.purpose is Purpose.PRINT and job.pages == 3
    saved = await asyncio.to_thread(save_document, job, tmp_path)
    assert saved.read_bytes() == form and saved.name == "cerfa.pdf"
    ends.kiosk.report_print(job.info.doc_id, PrintOutcome.PRINTED)

    result = await ends.agent_events.wait_for(CommandReceived)
    assert isinstance(result.command, PrintResult)
    assert result.command.doc == outcome.doc_id
    assert result.command.outcome is PrintOutcome.PRINTED

    # The kiosk takes print jobs only; the agent's side takes scans only.
    wrong = await ends.agent.send(samples.png(), name="x.png", purpose=Purpose.SCAN)
    assert wrong.refusal is not None and wrong.refusal.reason is RefusalReason.WRONG_PURPOSE


async def test_agent_asks_for_a_scan_and_the_kiosk_reports_its_devices(ends: Ends) -> None:
    request = ends.agent.request_scan("Avis d'imposition, page 1")
    asked = await ends.kiosk_events.wait_for(CommandReceived)
    assert isinstance(asked.command, RequestScan)
    assert asked.command.id == request and asked.command.prompt == "Avis d'imposition, page 1"

    ends.kiosk.report_device(Device.SCANNER, DeviceState.PAPER_JAM, ref=request)
    ends.kiosk.report_device(Device.PRINTER, DeviceState.OUT_OF_PAPER, detail="tray 1")
    await ends.agent_events.wait_for(
        CommandReceived,
        lambda e: isinstance(e.command, DeviceStatus) and e.command.device is Device.PRINTER,
    )
    statuses = [e.command for e in ends.agent_events.of(CommandReceived)]
    assert statuses == [
        DeviceStatus(device=Device.SCANNER, state=DeviceState.PAPER_JAM, ref=request),
        DeviceStatus(device=Device.PRINTER, state=DeviceState.OUT_OF_PAPER, detail="tray 1"),
    ]

    # The jam cleared: the scan comes back tied to the request.
    await ends.kiosk.send(samples.jpeg(), name="p1.jpg", purpose=Purpose.SCAN, ref=request)
    scan = await ends.agent_events.wait_for(DocumentReceived)
    assert scan.document.info.ref == request


async def test_a_scan_and_a_print_job_cross_at_the_same_time(ends: Ends) -> None:
    scan, form = samples.pdf(size=1 * MIB, seed=2), samples.pdf(size=1 * MIB, seed=3)
    scan_outcome, print_outcome = await asyncio.gather(
        ends.kiosk.send(scan, name="scan.pdf", purpose=Purpose.SCAN),
        ends.agent.send(form, name="form.pdf", purpose=Purpose.PRINT),
    )
    assert scan_outcome.delivered and print_outcome.delivered
    assert (await ends.agent_events.wait_for(DocumentReceived)).document.data == scan
    assert (await ends.kiosk_events.wait_for(DocumentReceived)).document.data == form


# --------------------------------------------------------------------------
# Misbehaving senders, written by hand


async def test_truncated_document_is_refused_on_both_sides(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    data = samples.pdf(size=100_000)
    raw.offer(doc_id(1), data, mime="application/pdf")
    await raw.wait_for("doc_ready", doc_id(1))
    raw.send_all(doc_id(1), data[:60_000])
    raw.text(type="doc_end", doc=doc_id(1), size=60_000)

    answer = await raw.wait_for("doc_refused", doc_id(1))
    assert answer["reason"] == "truncated"
    seen = await events.wait_for(DocumentRefused)
    assert seen.refusal.reason is RefusalReason.TRUNCATED
    assert seen.refusal.message == answer["message"]
    assert "incomplete" in answer["message"]
    assert not events.of(DocumentReceived)


async def test_more_bytes_than_announced_are_refused_as_they_come(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    data = samples.pdf(size=120_000)
    raw.offer(doc_id(2), data, mime="application/pdf", size=100_000)
    await raw.wait_for("doc_ready", doc_id(2))
    raw.send_all(doc_id(2), data)  # 20 000 bytes too many, and no doc_end

    answer = await raw.wait_for("doc_refused", doc_id(2))
    assert answer["reason"] == "too_large"
    assert (await events.wait_for(DocumentRefused)).refusal.reason is RefusalReason.TOO_LARGE
    # The rest of its chunks are dropped quietly: no error came back for them.
    assert not [m for m in raw.received if m["type"] == "error"]


async def test_announced_size_over_the_limit_is_refused_at_the_offer(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    raw.offer(doc_id(3), b"%PDF-", mime="application/pdf", size=30 * MIB)
    answer = await raw.wait_for("doc_refused", doc_id(3))
    assert answer["reason"] == "too_large"
    assert "30.0 MiB" in answer["message"] and "25.0 MiB" in answer["message"]
    assert not [m for m in raw.received if m["type"] == "doc_ready"]
    assert (await events.wait_for(DocumentRefused)).info is not None


async def test_png_announced_as_pdf_is_refused_as_the_wrong_type(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    image = samples.png()
    raw.offer(doc_id(4), image, mime="application/pdf")
    await raw.wait_for("doc_ready", doc_id(4))
    raw.chunk(doc_id(4), 0, image[:16384])  # the first chunk is enough to tell
    answer = await raw.wait_for("doc_refused", doc_id(4))
    assert answer["reason"] == "wrong_type"
    assert "PNG" in answer["message"]
    assert (await events.wait_for(DocumentRefused)).refusal.reason is RefusalReason.WRONG_TYPE


async def test_program_announced_as_an_executable_type_is_refused_at_the_offer(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    raw.offer(doc_id(5), b"MZ" + bytes(100), mime="application/x-msdownload")
    answer = await raw.wait_for("doc_refused", doc_id(5))
    assert answer["reason"] == "unsupported_type"
    assert (await events.wait_for(DocumentRefused)).info is None


async def test_decompression_bomb_png_is_refused_by_the_receiver(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    bomb = samples.png_bomb(20000, 20000)
    assert len(bomb) < 100_000  # 400 megapixels in a few kilobytes
    raw.offer(doc_id(6), bomb, mime="image/png")
    await raw.wait_for("doc_ready", doc_id(6))
    raw.send_all(doc_id(6), bomb)
    raw.text(type="doc_end", doc=doc_id(6), size=len(bomb))
    answer = await raw.wait_for("doc_refused", doc_id(6))
    assert answer["reason"] == "too_many_pixels"
    assert (await events.wait_for(DocumentRefused)).refusal.reason is RefusalReason.TOO_MANY_PIXELS


async def test_garbage_gets_an_error_and_a_good_document_still_arrives(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    """Also shows that a third party can send a document from the documented format alone."""
    raw, _, events = raw_kiosk
    raw.channel.send("this is not JSON")
    raw.channel.send(b"\x01short")
    raw.chunk(doc_id(99), 0, b"never offered")
    raw.text(type="doc_offer", doc=doc_id(7), name="x.pdf")  # fields missing
    raw.text(type="no_such_message")

    errors: list[dict[str, Any]] = []
    async with asyncio.timeout(WAIT):
        while len(errors) < 4:
            await asyncio.sleep(0.05)
            errors = [m for m in raw.received if m["type"] == "error"]
    assert {m["code"] for m in errors} == {"bad_message", "bad_chunk", "unknown_document"}
    assert (await raw.wait_for("doc_refused", doc_id(7)))["reason"] == "bad_offer"
    assert len(events.of(PeerError)) == 4

    good = samples.tiff(pages=2)
    raw.offer(doc_id(8), good, mime="image/tiff")
    await raw.wait_for("doc_ready", doc_id(8))
    raw.send_all(doc_id(8), good, chunk=1000)
    raw.text(type="doc_end", doc=doc_id(8), size=len(good))
    accepted = await raw.wait_for("doc_accepted", doc_id(8))
    assert accepted["pages"] == 2 and accepted["sha256"] == hashlib.sha256(good).hexdigest()
    assert (await events.wait_for(DocumentReceived)).document.data == good


async def test_interleaved_documents_are_told_apart_by_their_chunk_headers(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, _, events = raw_kiosk
    first, second = samples.jpeg(), samples.png()
    raw.offer(doc_id(10), first, mime="image/jpeg")
    raw.offer(doc_id(11), second, mime="image/png")
    await raw.wait_for("doc_ready", doc_id(11))
    step = 4096
    for offset in range(0, max(len(first), len(second)), step):
        if offset < len(first):
            raw.chunk(doc_id(10), offset, first[offset : offset + step])
        if offset < len(second):
            raw.chunk(doc_id(11), offset, second[offset : offset + step])
    raw.text(type="doc_end", doc=doc_id(11), size=len(second))
    raw.text(type="doc_end", doc=doc_id(10), size=len(first))
    await raw.wait_for("doc_accepted", doc_id(10))
    await raw.wait_for("doc_accepted", doc_id(11))
    arrived = {e.document.info.doc_id: e.document.data for e in events.of(DocumentReceived)}
    assert arrived == {doc_id(10): first, doc_id(11): second}


async def test_stalled_sender_is_dropped_with_a_reason(pair: Pair) -> None:
    agent = DocumentChannel(settings=ChannelSettings(stall_timeout_s=0.5), accept=[Purpose.SCAN])
    events = Recorder(agent)
    agent.attach(pair.agent)
    raw = RawPeer(pair.kiosk)
    try:
        data = samples.pdf(size=50_000)
        raw.offer(doc_id(9), data, mime="application/pdf")
        await raw.wait_for("doc_ready", doc_id(9))
        raw.send_all(doc_id(9), data[:16384])
        answer = await raw.wait_for("doc_refused", doc_id(9))
        assert answer["reason"] == "timeout"
        refused = await events.wait_for(DocumentRefused)
        assert refused.refusal.reason is RefusalReason.TIMEOUT
        assert events.of(TransferActivity)[-1].active is False
    finally:
        await agent.close()


# --------------------------------------------------------------------------
# Renegotiation and shutdown


async def test_renegotiation_interrupts_the_transfer_visibly_and_the_next_uses_the_new_channel(
    pair: Pair,
) -> None:
    # A small buffer keeps the 20 MiB transfer going long enough to be cut.
    slow = ChannelSettings(high_water=32 * 1024, low_water=16 * 1024)
    async with open_ends(pair, kiosk_settings=slow) as ends:
        transfer = ends.kiosk.offer(
            samples.pdf(size=20 * MIB), name="big.pdf", purpose=Purpose.SCAN
        )
        await ends.agent_events.wait_for(TransferProgress)
        assert ends.kiosk.transfer_active and ends.agent.transfer_active

        # The session's recovery: a new peer connection, its channel attached on both ends.
        second = await connect_pair()
        try:
            ends.kiosk.attach(second.kiosk)
            ends.agent.attach(second.agent)
            outcome = await asyncio.wait_for(transfer.result(), WAIT)
            assert outcome.refusal is not None
            assert outcome.refusal.reason is RefusalReason.INTERRUPTED
            agent_side = await ends.agent_events.wait_for(DocumentRefused)
            assert agent_side.refusal.reason is RefusalReason.INTERRUPTED
            assert agent_side.doc_id == transfer.doc_id
            assert transfer.state is TransferState.REFUSED
            assert 0 < transfer.sent < 20 * MIB

            await pair.close()  # the old connection goes away; nothing more happens
            after = await ends.kiosk.send(samples.png(), name="p.png", purpose=Purpose.SCAN)
            assert after.delivered
            received = await ends.agent_events.wait_for(DocumentReceived)
            assert received.document.info.name == "p.png"
            activity = [e.active for e in ends.kiosk_events.of(TransferActivity)]
            assert activity == [True, False, True, False]
        finally:
            await second.close()


async def test_documents_offered_before_the_channel_opens_wait_for_it(pair: Pair) -> None:
    agent = DocumentChannel(accept=[Purpose.SCAN])
    kiosk = DocumentChannel(accept=[Purpose.PRINT])
    events = Recorder(agent)
    try:
        transfer = kiosk.offer(samples.jpeg(), name="early.jpg", purpose=Purpose.SCAN)
        assert not kiosk.connected
        agent.attach(pair.agent)
        kiosk.attach(pair.kiosk)
        assert (await asyncio.wait_for(transfer.result(), WAIT)).delivered
        await events.wait_for(DocumentReceived)
    finally:
        await kiosk.close()
        await agent.close()


async def test_close_ends_transfers_and_tasks(ends: Ends) -> None:
    transfer = ends.kiosk.offer(samples.pdf(size=20 * MIB), name="big.pdf", purpose=Purpose.SCAN)
    await ends.agent_events.wait_for(TransferProgress)
    await ends.kiosk.close()

    outcome = await transfer.result()
    assert outcome.refusal is not None and outcome.refusal.reason is RefusalReason.CLOSED
    # The agent is told (doc_cancel) while the data channel is still up.
    seen = await ends.agent_events.wait_for(DocumentRefused)
    assert seen.refusal.reason is RefusalReason.CLOSED and seen.refusal.by_peer
    await ends.agent.close()
    leftovers = [t for t in asyncio.all_tasks() if t.get_name().startswith("documents-")]
    assert leftovers == []
    with pytest.raises(RuntimeError):
        ends.kiosk.offer(b"%PDF-", name="late.pdf", purpose=Purpose.SCAN)


async def test_deep_json_is_answered_and_a_resume_offset_is_cancelled_as_the_guide_says(
    raw_kiosk: tuple[RawPeer, DocumentChannel, Recorder],
) -> None:
    raw, agent, _ = raw_kiosk
    raw.channel.send('{"type": "doc_ready", "pad": ' + "[" * 5000 + "]" * 5000 + "}")
    assert (await raw.wait_for("error"))["code"] == "bad_message"
    # doc_ready.offset other than 0 (resuming is not in version 1): the sender cancels.
    transfer = agent.offer(samples.pdf(pages=1), name="cerfa.pdf", purpose=Purpose.PRINT)
    offer = await raw.wait_for("doc_offer")
    raw.text(type="doc_ready", doc=offer["doc"], offset=5)
    assert (await raw.wait_for("doc_cancel", offer["doc"]))["doc"] == offer["doc"]
    assert not (await transfer.result()).delivered


async def test_a_scans_quality_verdict_travels_with_it_unknown_codes_included(ends: Ends) -> None:
    """docs/protocol.md: ``quality`` is shown as it comes, never a reason to refuse."""
    scan = samples.png()
    outcome = await asyncio.wait_for(
        ends.kiosk.send(
            scan, name="avis.png", purpose=Purpose.SCAN, quality=("blurred", "glare_from_lamp")
        ),
        WAIT,
    )
    assert outcome.delivered, outcome.refusal
    received = (await ends.agent_events.wait_for(DocumentReceived)).document
    assert received.info.quality == ("blurred", "glare_from_lamp")
    # Not checked: absent, not empty.
    await asyncio.wait_for(ends.kiosk.send(scan, name="b.png", purpose=Purpose.SCAN), WAIT)
    second = await ends.agent_events.wait_for(
        DocumentReceived, lambda e: e.document.info.name == "b.png"
    )
    assert second.document.info.quality is None
