"""The kiosk's side of one call: media, the document channel, scans and prints.

Everything here lives and dies with the call: :meth:`KioskCall.close` ends the
peer connection, the document channel and every task the call started.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from agentdesk.desk.quality import Quality, QualitySample
from agentdesk.engine import (
    CallSession,
    CallStats,
    SendSignal,
    SessionConfig,
    SessionState,
    TrackSource,
)
from agentdesk.engine.documents import (
    CommandReceived,
    Device,
    DocumentChannel,
    DocumentDelivered,
    DocumentEvent,
    DocumentReceived,
    DocumentRefused,
    PrintOutcome,
    Purpose,
    RequestScan,
    TransferActivity,
)
from agentdesk.protocol import Role, Signal

from . import events
from .devices import DeviceCheck
from .peripherals import Printer, ScanFolderWatcher
from .scan_quality import check_file

log = logging.getLogger(__name__)

Emit = Callable[[events.KioskEvent], None]
FRAMES_REPORT_S = 2.0
RESUMED_GAP_S = 0.5


class KioskCall:
    def __init__(
        self,
        call_id: str,
        send_signal: SendSignal,
        *,
        camera: TrackSource | None,
        microphone: TrackSource | None,
        session_config: SessionConfig,
        printer: Printer,
        emit: Emit,
        on_media_connected: Callable[[], Coroutine[Any, Any, None]],
        scans: ScanFolderWatcher | None = None,
        to_send: tuple[Path, ...] = (),
        scan_on_request: Path | None = None,
        devices: Callable[[], Sequence[DeviceCheck]] = list,
    ) -> None:
        self.call_id = call_id
        self._emit = emit
        self._printer = printer
        self._on_media_connected = on_media_connected
        self._scans = scans
        self._to_send = to_send
        self._scan_on_request = scan_on_request
        self._devices = devices
        self.session = CallSession(
            call_id,
            Role.KIOSK,
            send_signal,
            camera=camera,
            microphone=microphone,
            config=session_config,
        )
        # The kiosk receives print jobs only: a kiosk accepting "scans" from
        # the agent's side would be a way to push files onto it.
        self.documents = DocumentChannel(accept=(Purpose.PRINT,))
        self.video_frames = 0
        self.audio_frames = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._connected_once = False
        self._announced_generation = -1
        self._sending_started = False
        self.session.data_channels.subscribe(self._on_data_channel)
        self.session.state_changes.subscribe(self._on_session_state)
        self.session.add_video_consumer(self._count_video)
        self.session.add_audio_consumer(self._count_audio)
        self.session.stats_samples.subscribe(self._on_stats)
        self._video_size_in = (0, 0)
        self._last_video = self._last_audio = 0.0
        self.documents.events.subscribe(self._on_document_event)
        self._quality = Quality.UNKNOWN

    async def start(self) -> None:
        await self.session.start()
        self._spawn(self._report_frames(), "frames")

    async def _report_frames(self) -> None:
        # What reached the resident, every few seconds: a person watching the
        # kiosk's log (or a test) sees media flow without waiting for the end.
        while True:
            await asyncio.sleep(FRAMES_REPORT_S)
            self._emit(
                events.FramesReceived(
                    call_id=self.call_id, video=self.video_frames, audio=self.audio_frames
                )
            )

    async def handle_signal(self, signal: Signal) -> None:
        await self.session.handle_signal(signal)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.documents.close()
        await self.session.close()

    # ------------------------------------------------------------------ media

    def _count_video(self, frame: Any) -> None:
        if self.video_frames == 0:
            # Scripts time the call's setup by it (bench/call.py).
            self._emit(events.FirstFrame(call_id=self.call_id))
        self.video_frames += 1
        self._video_size_in = (int(frame.width), int(frame.height))
        self._last_video = self._resumed("video", self._last_video)

    def _on_stats(self, sample: CallStats) -> None:
        loss = max(sample.loss_in_pct, sample.loss_out_pct or 0.0)
        level = QualitySample(sample.rtt_ms, loss).quality
        if level is not self._quality:
            # What the resident's screen says in words.
            self._quality = level
            self._emit(events.LinkQuality(call_id=self.call_id, level=level.value))
        voice = sample.audio
        self._emit(
            events.LineQuality(
                call_id=self.call_id,
                generation=sample.generation,
                fps_in=round(sample.fps_in, 1),
                video_size_in=self._video_size_in,
                kbps_in=round(sample.kbps_in, 1),
                kbps_out=round(sample.kbps_out, 1),
                video_kbps_out=round(sample.video_kbps_out, 1),
                video_level=sample.video_level,
                loss_in_pct=round(sample.loss_in_pct, 2),
                rtt_ms=sample.rtt_ms,
                estimate_kbps=sample.receiver_estimate_kbps,
                voice_decoded=voice.decoded if voice else 0,
                voice_recovered=voice.recovered if voice else 0,
                voice_concealed=voice.concealed if voice else 0,
                voice_missing=voice.missing if voice else 0,
                voice_late=voice.late if voice else 0,
                voice_caught_up=voice.caught_up if voice else 0,
            )
        )

    def _resumed(self, kind: str, last: float) -> float:
        """Tells when media come back after a gap (a cut line); returns now."""
        now = time.monotonic()
        if last and now - last > RESUMED_GAP_S:
            self._emit(events.MediaResumed(call_id=self.call_id, kind=kind))
        return now

    def _count_audio(self, frame: Any) -> None:
        self.audio_frames += 1
        self._last_audio = self._resumed("audio", self._last_audio)

    def _on_data_channel(self, channel: Any) -> None:
        self.documents.attach(channel)
        # A newer peer connection answered while the session still counted as
        # connected (the kiosk did not notice the cut itself): say so too.
        if self.session.state is SessionState.CONNECTED:
            self._announce_connected()

    def _announce_connected(self) -> None:
        if self.session.generation != self._announced_generation:
            self._announced_generation = self.session.generation
            self._emit(events.Connected(call_id=self.call_id, generation=self.session.generation))

    def _on_session_state(self, state: SessionState) -> None:
        if state is SessionState.CONNECTED:
            self._announce_connected()
            if not self._connected_once:
                self._connected_once = True
                self._spawn(self._on_media_connected(), "media-connected")
            if not self._sending_started:
                self._sending_started = True
                self._spawn(self._send_documents(), "send-documents")
        elif state is SessionState.RECONNECTING:
            self._emit(events.Reconnecting(call_id=self.call_id, problem="media path lost"))

    # -------------------------------------------------------------- documents

    async def _tell_devices(self) -> None:
        """The agent sees the scanner's and printer's state before asking for a
        scan or sending a print (« imprimante : plus de papier »)."""
        for _ in range(100):  # the data channel opens just after the media
            if self.documents.connected:
                break
            await asyncio.sleep(0.1)
        for verdict in self._devices():
            if verdict.device in (Device.SCANNER, Device.PRINTER):
                try:
                    self.documents.report_device(
                        Device(verdict.device), verdict.state, detail=verdict.detail or None
                    )
                except Exception as exc:  # ChannelNotOpen: the agent will learn on the next change
                    log.info("device state not told: %s", exc)

    async def _send_documents(self) -> None:
        self._spawn(self._tell_devices(), "devices")
        for path in self._to_send:
            await self.send_file(path)
        if self._scans is not None:
            async for path in self._scans.new_scans():
                self._spawn(self.send_file(path), f"scan-{path.name}")

    async def send_file(self, path: Path, quality: tuple[str, ...] | None = None) -> None:
        """Sends a scan, with what the kiosk's checks found wrong with it
        (checked here when the caller did not)."""
        started = time.monotonic()
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as exc:
            self._emit(events.DocumentFailed(call_id=self.call_id, name=path.name, reason=str(exc)))
            return
        if quality is None:
            quality = await asyncio.to_thread(check_file, path)
        outcome = await self.documents.send(
            data, name=path.name, purpose=Purpose.SCAN, quality=quality
        )
        if outcome.delivered:
            self._emit(
                events.DocumentSent(
                    call_id=self.call_id,
                    name=path.name,
                    size=len(data),
                    sha256=outcome.info.sha256 if outcome.info else "",
                    seconds=round(time.monotonic() - started, 3),
                )
            )
        else:
            reason = outcome.refusal.message if outcome.refusal else "refused"
            self._emit(events.DocumentFailed(call_id=self.call_id, name=path.name, reason=reason))

    def _on_document_event(self, event: DocumentEvent) -> None:
        match event:
            case DocumentReceived(document=document):
                self._spawn(self._print(document.info.doc_id, document.info.name, document.data),
                            "print")  # fmt: skip
            case CommandReceived(command=RequestScan()):
                self._emit(events.ScanRequested(call_id=self.call_id))
                if self._scan_on_request is not None:
                    self._spawn(self.send_file(self._scan_on_request), "scan-on-request")
            case TransferActivity(active=active):
                self.session.documents_in_flight(active)
            case DocumentRefused(info=info, refusal=refusal) if info is not None:
                log.info("document %s refused: %s", info.doc_id, refusal.reason)
            case DocumentDelivered():
                pass

    async def _print(self, doc_id: str, name: str, data: bytes) -> None:
        result = await self._printer.print_document(name, data)
        outcome = PrintOutcome.PRINTED if result.ok else PrintOutcome.FAILED
        detail = result.detail if result.ok else f"{result.state.value}: {result.detail}"
        try:
            self.documents.report_print(doc_id, outcome, detail=detail or None)
            if not result.ok:
                # The agent sees why before sending another (« plus de papier »).
                self.documents.report_device(Device.PRINTER, result.state, detail=result.detail)
        except Exception as exc:  # the channel may be gone already; the event says so
            log.info("could not report print result: %s", exc)
        self._emit(
            events.PrintReceived(
                call_id=self.call_id,
                name=name,
                size=len(data),
                where=result.where,
                ok=result.ok,
                detail=result.detail,
                state=result.state.value,
            )
        )

    def _spawn(self, coro: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(coro, name=f"kiosk-call-{self.call_id}-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("kiosk call task failed", exc_info=task.exception())
