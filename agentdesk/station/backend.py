"""What the desktop app's widgets are given: the switchboard, the camera, the calls.

:class:`DeskBackend` implements the app's ``Backend`` wiring point with the
real parts (client, station, engine) and translates between them and the
Qt-free desk model: switchboard messages and connection states go to the
desk, call statistics become its quality sample, the document channel fills
its documents model, frames go to the video widgets' sinks.  No Qt here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from av.video.reformatter import VideoReformatter

from agentdesk.client import (
    ConnectionState,
    NotConnected,
    SwitchboardClient,
    Tokens,
    http_base,
    login,
    refresh,
)
from agentdesk.desk import (
    ConnectionLost,
    Desk,
    FrameSink,
    LinkStatus,
    RgbFrame,
    Settings,
    SignedIn,
)
from agentdesk.engine import CameraConfig, CameraSource, list_cameras
from agentdesk.engine.audio import Microphone, Speaker, load_backend
from agentdesk.engine.documents import (
    Direction,
    DocumentEvent,
    DocumentOffered,
    DocumentReceived,
    DocumentRefused,
    TransferProgress,
)
from agentdesk.engine.stats import CallStats
from agentdesk.engine.tones import TonePlayer
from agentdesk.protocol import AgentState, Base, Hello, Role, SetPresence

from .alerts import DeskSounds, load_sounds
from .call import AgentCall
from .station import Station, StationConfig

log = logging.getLogger(__name__)

# Refresh the access token this long before it expires, so a reconnection
# after a long quiet spell never presents an expired one.
REFRESH_MARGIN_S = 60.0
SELF_VIEW_FPS = 15.0


class Authenticator:
    """The switchboard's HTTP sign-in, addressed by its WebSocket URL."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl = ssl_context

    async def sign_in(self, server_url: str, login_name: str, password: str) -> Tokens:
        return await login(http_base(server_url), login_name, password, self._ssl)

    async def resume(self, server_url: str, refresh_token: str) -> Tokens:
        return await refresh(http_base(server_url), refresh_token, self._ssl)


class RgbConverter:
    """av.VideoFrames to the widgets' RgbFrame.  One per stream: frames are
    shared between consumers, and ``frame.reformat`` would cache a scaler on
    the shared frame (two threads using it hang)."""

    def __init__(self, sink: FrameSink) -> None:
        self._sink = sink
        self._reformatter = VideoReformatter()

    def __call__(self, frame: Any) -> None:
        rgb = self._reformatter.reformat(frame, format="rgb24")
        plane = rgb.planes[0]
        self._sink.show_frame(RgbFrame(rgb.width, rgb.height, bytes(plane), plane.line_size))


class _Documents:
    """The desk's DocumentsService over the current call's document channel."""

    def __init__(self, current: Callable[[], AgentCall | None]) -> None:
        self._current = current

    def _call(self, call_id: str) -> AgentCall:
        call = self._current()
        if call is None or call.call_id != call_id:
            raise ConnectionLost("the call's media are not connected")
        return call

    async def request_scan(self, call_id: str) -> None:
        call = self._call(call_id)
        try:
            call.request_scan()
        except Exception as exc:  # the channel is not open yet
            raise ConnectionLost(str(exc)) from exc

    async def print_file(self, call_id: str, path: Path) -> None:
        call = self._call(call_id)
        data = await asyncio.to_thread(path.read_bytes)
        await call.print_document(path.name, data)


class _Media:
    def __init__(self, camera: CameraSource, microphone: Microphone) -> None:
        self._camera = camera
        self._microphone = microphone

    def set_microphone_muted(self, muted: bool) -> None:
        self._microphone.set_muted(muted)

    def set_camera_covered(self, covered: bool) -> None:
        self._camera.set_covered(covered)


class DeskBackend:
    def __init__(
        self,
        settings: Settings,
        *,
        allowed_addresses: Sequence[str] | None = None,
        camera_device: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context``: the authorities trusted for the switchboard (client/tls.py)."""
        self._allowed_addresses = allowed_addresses
        self._ssl = ssl_context
        self.camera = CameraSource(
            CameraConfig(
                device=camera_device or settings.camera,
                idle_fps=float(settings.preview_fps),
                # The self-view is a thumbnail: converting and painting it at
                # the full 30 fps cost more CPU than the remote video.
                preview_call_fps=SELF_VIEW_FPS,
            )
        )
        audio, problem = load_backend()
        self.microphone = Microphone(audio, settings.microphone, backend_problem=problem)
        self.speaker = Speaker(audio, settings.speaker, backend_problem=problem)
        self.authenticator = Authenticator(ssl_context)
        self.client: SwitchboardClient | None = None
        self.station: Station | None = None
        self.documents = _Documents(lambda: self.station.current if self.station else None)
        self.media = _Media(self.camera, self.microphone)
        self._local: FrameSink | None = None
        self._remote: FrameSink | None = None
        self._desk: Desk | None = None
        self._tokens: tuple[Tokens, float, str] | None = None
        self._unsubscribes: list[Callable[[], None]] = []
        self._devices_started = False
        self._unsubscribes_devices: list[Callable[[], None]] = []
        self._sounds: DeskSounds | None = None

    # --------------------------------------------------------- the wiring

    async def request(self, message: Base) -> Base:
        if self.client is None:
            raise ConnectionLost("not signed in")
        try:
            return await self.client.request(message)
        except NotConnected as exc:
            raise ConnectionLost(str(exc)) from exc

    def attach_video(self, local: FrameSink, remote: FrameSink) -> None:
        self._local = local
        self._remote = remote

    def apply_settings(self, settings: Settings) -> None:
        # Auto-accept is the desk's (main_window sets it); devices chosen in
        # the settings take effect at the next start: the camera stays open
        # all day and is not swapped under a call.
        return None

    def devices(self) -> tuple[list[str], list[str], list[str]]:
        try:
            cameras = [camera.name for camera in list_cameras()]
        except Exception as exc:  # listing must never keep the app from opening
            log.info("cannot list cameras: %s", exc)
            cameras = []
        microphones = [d.name for d in self.microphone.devices()]
        speakers = [d.name for d in self.speaker.devices()]
        return cameras, microphones, speakers

    async def start_session(self, signed: SignedIn, desk: Desk) -> None:
        await self._end_session()
        self._desk = desk
        self._tokens = (signed.tokens, time.monotonic(), signed.server_url)  # type: ignore[assignment]
        client = SwitchboardClient(
            signed.server_url, self._hello, ssl_context=self._ssl, name="desk"
        )
        self.client = client
        self._unsubscribes.append(client.add_listener(desk.apply))
        self._unsubscribes.append(client.add_state_listener(self._on_link))
        station = Station(
            client,
            camera=self.camera,
            microphone=self.microphone,
            config=StationConfig(allowed_addresses=self._allowed_addresses),
        )
        self.station = station
        self._unsubscribes.append(station.call_changes.subscribe(self._on_call))
        self._start_devices(desk)
        client.start()

    async def aclose(self) -> None:
        await self._end_session(tell_switchboard=True)
        for unsubscribe in self._unsubscribes_devices:
            unsubscribe()
        if self._sounds is not None:
            await self._sounds.aclose()
        if self._devices_started:
            await self.microphone.stop()
            await self.speaker.stop()
            await asyncio.to_thread(self.camera.stop)
            if self._desk is not None:
                self._desk.set_camera_on(False)

    # ------------------------------------------------------------ details

    def _start_devices(self, desk: Desk) -> None:
        if self._devices_started:
            return
        self._devices_started = True
        self.camera.start()
        if self._local is not None:
            self._unsubscribes_devices.append(self.camera.add_preview(RgbConverter(self._local)))
        self.microphone.start()
        self.speaker.start()
        self._sounds = DeskSounds(desk, TonePlayer(self.speaker), load_sounds())
        desk.set_camera_on(True)

    async def _hello(self) -> Hello:
        assert self._tokens is not None
        tokens, obtained, url = self._tokens
        if time.monotonic() - obtained > tokens.expires_in - REFRESH_MARGIN_S:
            tokens = await refresh(http_base(url), tokens.refresh_token, self._ssl)
            self._tokens = (tokens, time.monotonic(), url)
        return Hello(role=Role(tokens.role), token=tokens.access_token, client="agentdesk-app")

    def _on_link(self, state: ConnectionState, problem: str | None) -> None:
        if self._desk is not None:
            self._desk.set_link(LinkStatus(state.value))

    def _on_call(self, call: AgentCall | None) -> None:
        desk = self._desk
        if call is None or desk is None:
            return
        if self._remote is not None:
            call.session.add_video_consumer(RgbConverter(self._remote))
        call.session.add_audio_consumer(self.speaker.push)
        call.session.stats_samples.subscribe(lambda stats: _quality(desk, stats))
        call.document_events.subscribe(lambda event: _documents(desk, event))

    async def _end_session(self, tell_switchboard: bool = False) -> None:
        for unsubscribe in self._unsubscribes:
            unsubscribe()
        self._unsubscribes.clear()
        if self.station is not None:
            await self.station.close()
            self.station = None
        if self.client is not None:
            if tell_switchboard and self.client.state is ConnectionState.CONNECTED:
                with contextlib.suppress(Exception):
                    await self.client.request(SetPresence(state=AgentState.OFFLINE), timeout_s=2)
            await self.client.close()
            self.client = None


def _quality(desk: Desk, stats: CallStats) -> None:
    loss = max(stats.loss_in_pct, stats.loss_out_pct or 0.0)
    desk.update_quality(stats.rtt_ms, loss)


def _documents(desk: Desk, event: DocumentEvent) -> None:
    """Incoming scans into the desk's documents model; print jobs are the
    documents service's business."""
    match event:
        case DocumentOffered(info=info, direction=Direction.INCOMING):
            desk.documents.begin(info.doc_id, info.name, info.mime.value, info.size)
        case TransferProgress(doc_id=doc_id, direction=Direction.INCOMING, done=done):
            desk.documents.progress(doc_id, done)
        case DocumentReceived(document=document):
            desk.documents.complete(document.info.doc_id, document.data)
        case DocumentRefused(doc_id=doc_id, direction=Direction.INCOMING, refusal=refusal):
            desk.documents.fail(doc_id, refusal.message)
