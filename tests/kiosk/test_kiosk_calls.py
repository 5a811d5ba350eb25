"""Two real endpoints through a real switchboard, all on 127.0.0.1: the
headless kiosk (its own process) and the agent's station (this process).

No camera and no sound card here: both sides film FFmpeg's test pattern
through PyAV, and send silence for sound."""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agentdesk.desk import PrintFailed
from agentdesk.engine import SessionState
from agentdesk.engine.documents import samples
from agentdesk.protocol import CallState, Hangup, Signal, SignalKind
from tests.support.kiosk import KioskProcess, start_kiosk
from tests.support.peripherals import Cups, running_cups
from tests.support.station import AgentSide, start_agent
from tests.support.switchboard import (
    Provisioned,
    SwitchboardProcess,
    start_switchboard,
)

MIB = 1024 * 1024


@pytest.fixture
async def agent(sb: SwitchboardProcess) -> AsyncIterator[AgentSide]:
    side = await start_agent(sb.url, "agent.caf")
    yield side
    await side.close()


@pytest.fixture
def kiosks(tmp_path: Path) -> AsyncIterator[list[KioskProcess]]:
    started: list[KioskProcess] = []
    yield started  # type: ignore[misc]


@pytest.fixture(autouse=True)
async def _stop_kiosks(kiosks: list[KioskProcess]) -> AsyncIterator[None]:
    yield
    for kiosk in kiosks:
        await kiosk.stop()


async def kiosk(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    tmp_path: Path,
    kiosks: list[KioskProcess],
    *args: str,
    kiosk_id: str = "pvp-murat",
) -> KioskProcess:
    process = await start_kiosk(
        sb.url,
        kiosk_id,
        accounts.kiosk_tokens[kiosk_id],
        "--service", "CAF", "--print-dir", str(tmp_path / "prints"), *args,
        log_path=tmp_path / f"{kiosk_id}.log",
    )  # fmt: skip
    kiosks.append(process)
    return process


async def test_a_whole_call_with_media_a_scan_and_a_print(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    scan = tmp_path / "avis-imposition.pdf"
    scan.write_bytes(samples.pdf(pages=2, size=3 * MIB))
    borne = await kiosk(sb, accounts, tmp_path, kiosks, "--send", str(scan))

    queued = await borne.event("queued")
    assert queued["service"] == "CAF" and queued["position"] == 1
    await borne.event("connected")

    # The 3 MiB scan arrives whole: same bytes, checked by SHA-256 at both ends.
    await agent.until(lambda: agent.received)
    document = agent.received[0].document
    assert document.info.name == "avis-imposition.pdf"
    assert (
        hashlib.sha256(document.data).hexdigest() == hashlib.sha256(scan.read_bytes()).hexdigest()
    )
    sent = await borne.event("document_sent")
    assert sent["sha256"] == document.info.sha256

    # A print job reaches the kiosk's print folder, and the agent gets the confirmation.
    form = samples.pdf(pages=1, seed=7)
    await agent.call.print_document("formulaire-rsa.pdf", form)
    printed = await borne.event("print_received")
    assert printed["ok"] is True
    assert Path(printed["where"]).read_bytes() == form  # noqa: ASYNC240 - a small file

    # Video and sound flow both ways.
    await agent.until(lambda: agent.video_frames >= 30 and agent.audio_frames >= 50)
    await borne.event("frames", lambda e: e["video"] >= 10 and e["audio"] >= 25)
    call_id = agent.call.call_id
    await agent.client.request(Hangup(call_id=call_id))
    ended = await borne.event("ended")
    assert ended["call_id"] == call_id and ended["state"] == CallState.WRAP_UP.value
    assert ended["end_reason"] == "agent_hung_up"
    assert await borne.exited() == 0  # its one call placed, it leaves cleanly
    assert agent.station.current is None  # media went with the call


async def test_a_printer_out_of_paper_or_jammed_is_reported_as_such(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    """A real cupsd with a CUPS-PDF queue whose printer-state-reasons say what
    a driver says of an empty tray or a jam; the agent gets the real reason."""
    with running_cups() as cups:
        borne = await kiosk(
            sb, accounts, tmp_path, kiosks,
            "--printer", cups.printer, "--cups-server", str(cups.socket),
        )  # fmt: skip
        await borne.event("connected")
        await agent.until(lambda: agent.station.current is not None)
        title = f"attestation-{tmp_path.name}"

        for reason, state, n in [
            ("media-empty-error", "out_of_paper", 1),
            ("media-jam-error", "paper_jam", 2),
        ]:
            cups.report(reason)
            with pytest.raises(PrintFailed) as failed:
                await agent.call.print_document(f"{title}-{n}.pdf", samples.pdf(pages=1, seed=n))
            assert failed.value.detail == f"{state}: {reason}"
            assert failed.value.printer_state == state
            event = await borne.event(
                "print_received", lambda e, n=n: e["name"].endswith(f"-{n}.pdf")
            )
            assert event["ok"] is False and event["state"] == state
            # Nothing waits in the queue to come out later for someone else.
            assert cups.pending_jobs() == [] and Cups.output(f"{title}-{n}") == []

        # The tray refilled, the jam cleared: the next print comes out.
        cups.report("none")
        await agent.call.print_document(f"{title}-3.pdf", samples.pdf(pages=1, seed=3))
        printed = await borne.event("print_received", lambda e: e["name"].endswith("-3.pdf"))
        assert printed["ok"] is True
        assert len(Cups.output(f"{title}-3")) == 1
        await agent.client.request(Hangup(call_id=agent.call.call_id))
        await borne.event("ended")


async def test_bad_documents_are_refused_and_the_call_goes_on(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    oversized = tmp_path / "trop-gros.pdf"
    oversized.write_bytes(samples.pdf(pages=1, size=26 * MIB))
    disguised = tmp_path / "facture.pdf"
    disguised.write_bytes(b"MZ\x90\x00" + bytes(4096))  # a Windows program, named .pdf
    good = tmp_path / "quittance.png"
    good.write_bytes(samples.png(640, 480))
    borne = await kiosk(
        sb, accounts, tmp_path, kiosks, "--send", str(oversized), str(disguised), str(good)
    )
    too_large = await borne.event("document_failed", lambda e: e["name"] == "trop-gros.pdf")
    assert "25" in too_large["reason"] or "large" in too_large["reason"]
    await borne.event("document_failed", lambda e: e["name"] == "facture.pdf")
    await borne.event("document_sent", lambda e: e["name"] == "quittance.png")
    await agent.until(lambda: agent.received)
    assert [r.document.info.name for r in agent.received] == ["quittance.png"]
    assert agent.call.session.state is SessionState.CONNECTED


async def test_the_agent_asks_for_a_scan(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    page = tmp_path / "page.jpg"
    page.write_bytes(samples.jpeg(800, 1100))
    borne = await kiosk(sb, accounts, tmp_path, kiosks, "--scan-on-request", str(page))
    await borne.event("connected")
    await agent.until(lambda: agent.call.documents.connected)
    request_id = agent.call.request_scan("Votre avis d'imposition, s'il vous plaît")
    await borne.event("scan_requested")
    await agent.until(lambda: agent.received)
    assert agent.received[0].document.data == page.read_bytes()
    del request_id


async def test_scans_dropped_in_the_scan_folder_are_sent(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    borne = await kiosk(sb, accounts, tmp_path, kiosks, "--scan-dir", str(folder))
    await borne.event("connected")
    scanned = samples.tiff(pages=2)
    (folder / "scan-0001.tif").write_bytes(scanned)
    await borne.event("document_sent", lambda e: e["name"] == "scan-0001.tif")
    await agent.until(lambda: agent.received)
    assert agent.received[0].document.data == scanned


async def test_a_frozen_kiosk_gets_a_new_peer_connection(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    """The network cut: the kiosk process stops dead (SIGSTOP) for longer than
    the dead-path delay, then comes back; the call renegotiates by itself."""
    borne = await kiosk(sb, accounts, tmp_path, kiosks)
    await borne.event("connected")
    await agent.until(lambda: agent.video_frames >= 10)
    session = agent.call.session
    first_generation = session.generation
    borne.pause()
    await session.wait_for_state(SessionState.RECONNECTING, timeout_s=30)
    borne.resume()
    await session.wait_for_state(SessionState.CONNECTED, timeout_s=60)
    assert session.generation > first_generation
    frames_after = agent.video_frames
    await agent.until(lambda: agent.video_frames >= frames_after + 10)
    reconnected = await borne.event("connected", lambda e: e.get("generation", 0) > 0)
    assert reconnected["call_id"] == agent.call.call_id


async def test_the_kiosk_finds_its_call_after_the_switchboard_restarts(
    db: Path,
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    borne = await kiosk(sb, accounts, tmp_path, kiosks)
    connected = await borne.event("connected")
    call_id = connected["call_id"]
    sb.kill()
    await sb.proc.wait()
    await borne.event("reconnecting")
    restarted = await start_switchboard(db, "--port", str(sb.port))
    try:
        # Both ends come back to the same call; media never stopped.
        await agent.client.wait_connected(30)
        welcome = agent.client.welcome
        assert welcome is not None and welcome.active_call is not None
        assert welcome.active_call.call_id == call_id
        resumed = await borne.event("resumed")
        assert resumed["call_id"] == call_id
        # "connecting" when the crash came before the ends reported media flowing
        assert resumed["state"] in ("connecting", "connected")
        frames = agent.video_frames
        await agent.until(lambda: agent.video_frames >= frames + 10)
        await agent.until(
            lambda: agent.client.state.value == "connected" and agent.station.current is not None
        )
        await agent.client.request(Hangup(call_id=call_id))
        ended = await borne.event("ended")
        assert ended["call_id"] == call_id and ended["end_reason"] == "agent_hung_up"
    finally:
        await restarted.stop()


async def test_a_tampered_dtls_fingerprint_fails_the_connection(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    agent: AgentSide,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    """Someone on the signaling path swaps the certificate fingerprint in the
    agent's offer: DTLS must refuse, no media may flow."""
    real_send = agent.client.send

    async def tampering_send(message: object) -> None:
        if isinstance(message, Signal) and message.kind is SignalKind.OFFER and message.sdp:
            forged = re.sub(
                r"(a=fingerprint:sha-256 )([0-9A-F:]+)",
                lambda m: m.group(1) + ":".join(["AB"] * 32),
                message.sdp,
            )
            assert forged != message.sdp
            message = Signal(
                call_id=message.call_id, kind=message.kind,
                generation=message.generation, sdp=forged,
            )  # fmt: skip
        await real_send(message)  # type: ignore[arg-type]

    agent.client.send = tampering_send  # type: ignore[method-assign]
    borne = await kiosk(sb, accounts, tmp_path, kiosks)
    await borne.event("connecting")
    await agent.until(lambda: agent.station.current is not None)
    session = agent.call.session
    # The first generation fails; recovery tries again, and fails again.
    await agent.until(lambda: session.generation >= 1, within=60)
    assert agent.video_frames == 0
    assert "connected" not in borne.kinds()


async def test_nothing_is_sent_before_the_agent_accepts(
    sb: SwitchboardProcess,
    accounts: Provisioned,
    tmp_path: Path,
    kiosks: list[KioskProcess],
) -> None:
    side = await start_agent(sb.url, "agent.caf", auto_accept=False)
    try:
        offered = side.client.expect(type_offered())
        borne = await kiosk(sb, accounts, tmp_path, kiosks)
        await borne.event("queued")
        offer = await asyncio.wait_for(offered, 30)
        # Ringing: no peer connection exists on the agent's side, nothing reached the kiosk.
        assert side.station.current is None
        assert "connecting" not in borne.kinds()
        from agentdesk.protocol import AcceptOffer

        await side.client.request(AcceptOffer(call_id=offer.call.call_id))
        await borne.event("connected")
        await side.until(lambda: side.video_frames >= 5)
    finally:
        await side.close()


def type_offered() -> type:
    from agentdesk.protocol import Offered

    return Offered
