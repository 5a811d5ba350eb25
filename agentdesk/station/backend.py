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
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from av.video.reformatter import Interpolation, VideoReformatter

from agentdesk.client import (
    ConnectionState,
    NotConnected,
    SwitchboardClient,
    http_base,
    login,
    refresh,
)
from agentdesk.client.bookings import ApiBookings
from agentdesk.client.calendar import CalendarClient
from agentdesk.client.rest import TokenKeeper
from agentdesk.client.steps import OrderedSteps
from agentdesk.desk import (
    ConnectionLost,
    Desk,
    DeskSettings,
    FrameSink,
    RgbFrame,
    SignedIn,
)
from agentdesk.device_problems import DeviceProblem
from agentdesk.engine import CameraConfig, CameraEvent, CameraSource, CameraStatus, list_cameras
from agentdesk.engine.audio import AudioBackend, AudioStatus, Microphone, Speaker, load_backend
from agentdesk.engine.documents import (
    CommandReceived,
    DeviceStatus,
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
from agentdesk.protocol.http import TokenResponse

from .alerts import DeskSounds, load_sounds
from .call import AgentCall
from .station import Station, StationConfig

log = logging.getLogger(__name__)

SELF_VIEW_FPS = 15.0


class HttpAuthenticator:
    """The switchboard's HTTP sign-in, addressed by its WebSocket URL."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self._ssl = ssl_context

    async def sign_in(self, server_url: str, login_name: str, password: str) -> TokenResponse:
        return await login(http_base(server_url), login_name, password, self._ssl)

    async def resume(self, server_url: str, refresh_token: str) -> TokenResponse:
        return await refresh(http_base(server_url), refresh_token, self._ssl)


class RgbConverter:
    """av.VideoFrames to the widgets' RgbFrame.  One per stream: frames are
    shared between consumers, and ``frame.reformat`` would cache a scaler on
    the shared frame (two threads using it hang)."""

    def __init__(self, sink: FrameSink) -> None:
        self._sink = sink
        self._reformatter = VideoReformatter()

    def __call__(self, frame: Any) -> None:
        # Scaled here to the size it is shown at: swscale does it once, far
        # cheaper than a smooth scale of a full frame in every paint.  Fast
        # bilinear: half the cost of the default for a downscale, and a moving
        # face shows no difference.
        width, height = _fitted(frame.width, frame.height, self._sink.display_size())
        picture = self._reformatter.reformat(
            frame,
            format=SCREEN_PIXELS,
            width=width,
            height=height,
            interpolation=Interpolation.FAST_BILINEAR,
            # One thread: for pictures this small, handing slices to
            # swscale's threads and waking them costs more than it saves.
            threads=1,
        )
        plane = picture.planes[0]
        # No copy: the view keeps the new frame alive as long as the widget
        # holds the picture (reformat makes a new one each time).
        self._sink.show_frame(
            RgbFrame(picture.width, picture.height, memoryview(plane), plane.line_size)
        )


SCREEN_PIXELS = "bgra" if sys.byteorder == "little" else "argb"
"""FFmpeg's name for RgbFrame's layout (0xffRRGGBB in a native int)."""


def _fitted(width: int, height: int, area: tuple[int, int] | None) -> tuple[int, int]:
    """The frame's proportions in ``area``, never larger than the frame."""
    if area is None or area[0] <= 0 or area[1] <= 0:
        return width, height
    scale = min(1.0, area[0] / width, area[1] / height)
    # Even sizes: the chroma planes of the source divide by two.
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


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


def camera_health(desk: Desk, event: CameraEvent) -> None:
    """The camera's truth for the agent: missing (the resident sees the test
    card) and why, as the engine reported it."""
    desk.set_devices_health(
        camera_missing=event.status is CameraStatus.NO_CAMERA, camera_problem=event.problem
    )


class DeskBackend:
    def __init__(
        self,
        settings: DeskSettings,
        *,
        allowed_addresses: Sequence[str] | None = None,
        camera_device: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        audio: tuple[AudioBackend | None, DeviceProblem | None] | None = None,
    ) -> None:
        """``ssl_context``: the authorities trusted for the switchboard
        (client/tls.py); ``audio``: the sound system and why it is missing
        (default: PortAudio's, ``load_backend()``)."""
        self._allowed_addresses = allowed_addresses
        self._ssl = ssl_context
        self._settings = settings
        self._camera_device = camera_device or settings.camera
        """The camera in use outside a check: ``--camera``, or the one saved."""
        self.camera = CameraSource(
            CameraConfig(
                device=self._camera_device,
                idle_fps=float(settings.preview_fps),
                # The self-view is a thumbnail: converting and painting it at
                # the full 30 fps cost more CPU than the remote video.
                preview_call_fps=SELF_VIEW_FPS,
            )
        )
        sound, problem = audio or load_backend()
        self.microphone = Microphone(sound, settings.microphone, backend_problem=problem)
        self.speaker = Speaker(sound, settings.speaker, backend_problem=problem)
        self.authenticator = HttpAuthenticator(ssl_context)
        self.client: SwitchboardClient | None = None
        self.station: Station | None = None
        self.documents = _Documents(lambda: self.station.current if self.station else None)
        self.media = _Media(self.camera, self.microphone)
        self._local: FrameSink | None = None
        self._remote: FrameSink | None = None
        self._desk: Desk | None = None
        self._tokens: TokenKeeper | None = None
        self._role = Role.AGENT
        self.bookings: ApiBookings | None = None
        """Booking appointments over the HTTP API, once signed in."""
        self._unsubscribes: list[Callable[[], None]] = []
        self._devices_started = False
        self._unsubscribes_devices: list[Callable[[], None]] = []
        # Before any sign-in: the settings' test plays the ringtone too.
        self._sounds = DeskSounds(
            None, TonePlayer(self.speaker), load_sounds(), settings.ring_volume
        )
        self._camera_steps = OrderedSteps("camera")
        self._sound_steps = OrderedSteps("sound")
        self._camera_wanted = False
        self._checks: set[DeskDeviceHold] = set()
        self._preview_attached = False
        self._closed = False

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

    def apply_settings(self, settings: DeskSettings) -> None:
        """Devices chosen in the settings, at once (during a call too: its
        tracks stay, the devices behind them change). Only what changed
        moves, so a ``--camera`` given at start is not undone by an
        unrelated setting."""
        previous, self._settings = self._settings, settings
        if settings.camera != previous.camera:
            self._camera_device = settings.camera
            self.camera.use_device(settings.camera)
        if settings.microphone != previous.microphone:
            self.microphone.use_device(settings.microphone)
        if settings.speaker != previous.speaker:
            self.speaker.use_device(settings.speaker)
        self._sounds.set_volume(settings.ring_volume)

    def test_ring(self, volume: int) -> None:
        """The ringtone once at ``volume`` on the chosen speaker (the settings'
        « Test » button, the device check's speaker test), signed in or not."""
        self.speaker.start()
        self._sounds.test_ring(volume)

    def device_check(self, preview: FrameSink) -> DeskDeviceHold:
        """The devices live for a check screen: the camera's picture to
        ``preview``, the microphone's level, the test tone; close it after."""
        check = DeskDeviceHold(self, preview)
        self._checks.add(check)
        self._update_camera()
        self.microphone.start()
        self.speaker.start()
        return check

    def _try_devices(self, camera: str | None, microphone: str | None, speaker: str | None) -> None:
        # The saved camera stands for the one in use (``--camera`` may override it).
        self.camera.use_device(self._camera_device if camera == self._settings.camera else camera)
        self.microphone.use_device(microphone)
        self.speaker.use_device(speaker)

    def _check_closed(self, check: DeskDeviceHold) -> None:
        self._checks.discard(check)
        if self._closed:
            return
        # What was tried and not saved goes back to the saved devices.
        self.camera.use_device(self._camera_device)
        self.microphone.use_device(self._settings.microphone)
        self.speaker.use_device(self._settings.speaker)
        self._update_camera()
        if not self._checks and not self._devices_started:
            # Not signed in: the microphone is not left open behind the screen.
            self._sound_steps.run(self._release_sound())

    async def _release_sound(self) -> None:
        if not self._checks and not self._devices_started:
            await self.microphone.stop()
            await self.speaker.stop()

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
        # One token keeper for the WebSocket and the HTTP API: refresh tokens rotate.
        self._tokens = TokenKeeper.of(
            http_base(signed.server_url), signed.tokens, ssl_context=self._ssl
        )
        self._role = Role(signed.tokens.role)
        self.bookings = ApiBookings(CalendarClient(self._tokens))
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

    async def end_session(self) -> None:
        """Sign-out: the switchboard is told "offline", then the connection closes."""
        await self._end_session(tell_switchboard=True)

    async def aclose(self) -> None:
        """The switchboard is not told « offline » here: the desk did, with
        the call's end, within one bound (agentdesk/desk/closing.py); asked
        again, a switchboard that stopped answering would hold the exit longer."""
        await self._end_session()
        self._closed = True  # the checks' ends below move no device
        for check in list(self._checks):
            check.close()
        await self._camera_steps.close()
        await self._sound_steps.close()
        for unsubscribe in self._unsubscribes_devices:
            unsubscribe()
        await self._sounds.aclose()
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
        # The truth about the devices, not what was asked of them.
        self._unsubscribes_devices.append(
            self.camera.events.subscribe(lambda event: camera_health(desk, event))
        )
        self._unsubscribes_devices.append(
            self.microphone.events.subscribe(
                lambda event: desk.set_devices_health(
                    microphone_missing=event.status
                    in (AudioStatus.NO_BACKEND, AudioStatus.NO_DEVICE),
                    microphone_problem=event.problem,
                )
            )
        )
        desk.set_devices_health(
            camera_missing=self.camera.status is CameraStatus.NO_CAMERA,
            camera_problem=self.camera.problem,
        )
        # The camera is the duty keeper's: it opens for the agent's slots.
        self.microphone.start()
        self.speaker.start()
        self._sounds.follow(desk)

    def set_camera_wanted(self, wanted: bool) -> None:
        """Opens the camera (preview shown) or releases it (its light goes
        off); in order, since closing a device takes a moment."""
        self._camera_wanted = wanted
        self._update_camera()

    def _update_camera(self) -> None:
        if self._closed:
            return  # aclose() released the camera; nothing may open it again
        # Open for the duty keeper, or while a check screen shows it.
        self._camera_steps.run(self._switch_camera(self._camera_wanted or bool(self._checks)))

    async def _switch_camera(self, wanted: bool) -> None:
        if wanted != (self._camera_wanted or bool(self._checks)):
            return  # a later wish overrides this one
        if wanted and not self.camera.running:
            if self._local is not None and not self._preview_attached:
                self._preview_attached = True
                self._unsubscribes_devices.append(
                    self.camera.add_preview(RgbConverter(self._local))
                )
            self.camera.start()
            log.info("camera opened")
        elif not wanted and self.camera.running:
            await asyncio.to_thread(self.camera.stop)
            log.info("camera released")
        if self._desk is not None:
            self._desk.set_camera_on(self.camera.running)

    async def _hello(self) -> Hello:
        assert self._tokens is not None
        token = await self._tokens.access()
        return Hello(role=self._role, token=token, client="agentdesk-app")

    def _on_link(self, state: ConnectionState, problem: str | None) -> None:
        if self._desk is not None:
            reason = self.client.end_reason if self.client is not None else None
            self._desk.set_link(state, reason if state is ConnectionState.UNAUTHORIZED else None)

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
        if self.station is not None:
            await self.station.close()
            self.station = None
        if self.bookings is not None:
            await self.bookings.api.aclose()
            self.bookings = None
        if self.client is not None:
            if tell_switchboard and self.client.state is ConnectionState.CONNECTED:
                with contextlib.suppress(Exception):
                    await self.client.request(SetPresence(state=AgentState.OFFLINE), timeout_s=2)
            await self.client.close()
            self.client = None
        # Only now: the desk hears the link close (it read « connected » after
        # the app closed) and the switchboard's last words (« offline »).
        for unsubscribe in self._unsubscribes:
            unsubscribe()
        self._unsubscribes.clear()


class DeskDeviceHold:
    """One check screen's hold on the devices (``DeskBackend.device_check``)."""

    def __init__(self, backend: DeskBackend, preview: FrameSink) -> None:
        self._backend = backend
        self._remove_preview: Callable[[], None] | None = backend.camera.add_preview(
            RgbConverter(preview)
        )

    def choose(self, camera: str | None, microphone: str | None, speaker: str | None) -> None:
        """The devices picked on the screen, live (a call goes on through them too)."""
        self._backend._try_devices(camera, microphone, speaker)

    def microphone_level(self) -> float:
        """0 (silence) to 1 (full scale): poll it for a meter."""
        return self._backend.microphone.level()

    def microphone_found(self) -> bool:
        """False when no microphone could be opened (none plugged in, no sound system)."""
        missing = (AudioStatus.NO_BACKEND, AudioStatus.NO_DEVICE)
        return self._backend.microphone.status not in missing

    def test_speaker(self, volume: int) -> None:
        self._backend.test_ring(volume)

    def close(self) -> None:
        """Twice is harmless: the screen may be closed and torn down."""
        if self._remove_preview is None:
            return
        self._remove_preview()
        self._remove_preview = None
        self._backend._check_closed(self)


def _quality(desk: Desk, stats: CallStats) -> None:
    loss = max(stats.loss_in_pct, stats.loss_out_pct or 0.0)
    desk.update_quality(stats.rtt_ms, loss)


def _documents(desk: Desk, event: DocumentEvent) -> None:
    """Incoming scans into the desk's documents model; print jobs are the
    documents service's business."""
    match event:
        case DocumentOffered(info=info, direction=Direction.INCOMING):
            desk.documents.begin(
                info.doc_id, info.name, info.mime.value, info.size, quality=info.quality
            )
        case TransferProgress(doc_id=doc_id, direction=Direction.INCOMING, done=done):
            desk.documents.progress(doc_id, done)
        case DocumentReceived(document=document):
            desk.documents.complete(document.info.doc_id, document.data)
        case DocumentRefused(doc_id=doc_id, direction=Direction.INCOMING, refusal=refusal):
            desk.documents.fail(doc_id, refusal.message)
        case CommandReceived(command=DeviceStatus(device=device, state=state, detail=detail)):
            desk.documents.peripheral(device.value, state.value, detail or "")
