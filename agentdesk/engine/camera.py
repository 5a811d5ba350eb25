"""One camera, opened once, feeding the preview and the call.

The desktop app shows its own picture all day, so the camera stays open for
the whole session of the app: a :class:`CameraSource` reads it in one named
thread (``agentdesk-camera``) with an explicit stop, and hands frames to
the preview (at ``idle_fps`` while no call is up, to spare the CPU) and to the
outgoing track of the current call (:meth:`CameraSource.create_track`, at full
rate).  A call never opens the device itself.

Devices are read with PyAV: v4l2 on Linux, dshow on Windows, avfoundation on
macOS.  When no camera is there, the configured one does not open or it
vanishes mid-day, the source switches to FFmpeg's ``testsrc2`` pattern with a
"PAS DE CAMÉRA" caption, says so in its status, and looks for the camera again
every ``retry_s`` seconds.  ``device="testsrc"`` asks for the pattern
without caption (demo, tests, load runs).

Frames are shared by every consumer: never modify one, and convert with your
own ``av.video.reformatter.VideoReformatter`` (``frame.reformat`` caches a
scaler on the frame itself, which two threads must not use at once).

Frames leave the thread through a one-frame slot: if the event loop is busy,
newer frames replace older ones instead of piling up as callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import enum
import fractions
import itertools
import logging
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import av
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

from agentdesk.device_problems import DeviceFault, DeviceProblem
from agentdesk.events import Listeners

from .camera_devices import CameraDevice, CameraError, list_cameras, platform_format
from .label import NO_CAMERA_TEXT, Caption
from .sinks import FrameConsumer

log = logging.getLogger(__name__)

__all__ = [
    "CameraConfig",
    "CameraDevice",
    "CameraError",
    "CameraSource",
    "CameraStatus",
    "CameraTrack",
    "list_cameras",
    "platform_format",
]

TESTSRC = "testsrc"
VIDEO_CLOCK = 90_000
VIDEO_TIME_BASE = fractions.Fraction(1, VIDEO_CLOCK)


class CameraStatus(enum.Enum):
    STOPPED = "stopped"
    OPENING = "opening"
    LIVE = "live"
    """A real camera delivers frames."""
    TEST_PATTERN = "test_pattern"
    """The test pattern was asked for (``device="testsrc"``)."""
    NO_CAMERA = "no_camera"
    """No usable camera: the captioned pattern stands in, ``problem`` says why."""


@dataclass(frozen=True)
class CameraEvent:
    status: CameraStatus
    device: str | None
    problem: DeviceProblem | None


@dataclass(frozen=True)
class CameraConfig:
    device: str | None = None
    """None: the first camera found; ``"testsrc"``: the test pattern."""
    width: int = 640
    height: int = 480
    fps: int = 30
    idle_fps: float = 5.0
    """Preview rate while no call is up."""
    preview_call_fps: float | None = None
    """Preview rate during a call (None: the full rate)."""
    retry_s: float = 5.0
    """How often a missing camera is looked for again."""
    input_format: str | None = None
    """Pixel/codec format asked of the device (v4l2 ``mjpeg``, say); None: its default."""

    def __post_init__(self) -> None:
        if not (16 <= self.width <= 4096 and 16 <= self.height <= 4096):
            raise ValueError(f"camera size {self.width}x{self.height} is out of range")
        if not 1 <= self.fps <= 120:
            raise ValueError(f"camera frame rate {self.fps} is out of range (1 to 120)")
        if not 0 < self.idle_fps <= self.fps:
            raise ValueError("the idle preview rate must be above 0 and at most the frame rate")


@dataclass
class _Opened:
    container: Any
    stream: Any
    status: CameraStatus
    device: str | None
    problem: DeviceProblem | None
    paced: bool
    """True for generated sources, which run as fast as they are read."""
    caption: Caption | None
    retry_at: float | None


class CameraSource:
    """The app's one camera; see the module docstring.

    ``start()`` and ``stop()`` are called from the event loop's thread;
    consumers run there too.
    """

    def __init__(self, config: CameraConfig | None = None) -> None:
        self.config = config or CameraConfig()
        self.events: Listeners[CameraEvent] = Listeners()
        self.status = CameraStatus.STOPPED
        self.problem: DeviceProblem | None = None
        """Why there is no camera (NO_CAMERA), as data: the app words it."""
        self.frames_captured = 0
        self.opens = 0
        """How many times a device or pattern was opened (once, unless one vanished)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        """Where consumers and listeners run (the loop's thread)."""
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._reopen = threading.Event()
        """Set by use_device(): the reading thread closes this device and opens the new one."""
        self._wake = threading.Event()
        """Set by stop() and by a new track: the reading thread must not sleep out
        an idle-rate interval (up to 1/idle_fps) before a call's first frame."""
        self._slot_lock = threading.Lock()
        self._slot: Any = None
        self._pending = False
        self._preview: Listeners[Any] = Listeners("camera preview")
        self._tracks: list[CameraTrack] = []
        self._preview_due = 0.0
        self._clock_start = time.monotonic()
        self.covered = False
        """The agent put the cover on: black pictures go out instead of theirs."""

    # -- life -------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        # A new event, not the old one cleared: a thread that a timed-out
        # stop() left behind keeps its own, set, and ends.
        self._stop = stop = threading.Event()
        self._wake.clear()
        self._set_status(CameraStatus.OPENING, self.config.device, None)
        self._thread = threading.Thread(
            target=self._run, args=(stop,), name="agentdesk-camera", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stops reading and closes the device; the thread is joined.  Callable
        from a worker thread (the join blocks): the tracks and the listeners
        are then told on the loop's thread, before an ``await`` of that worker
        returns."""
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        if self._loop is None or threading.get_ident() == self._loop_thread:
            self._stopped()
        else:
            self._call_soon(self._stopped)

    def _stopped(self) -> None:
        if self._thread is not None:
            return  # started again meanwhile
        for track in list(self._tracks):
            track.stop()
        self._set_status(CameraStatus.STOPPED, self.config.device, None)

    def use_device(self, device: str | None) -> None:
        """Another camera, now: the reading thread reopens; calls' tracks stay."""
        if device == self.config.device:
            return
        self.config = dataclasses.replace(self.config, device=device)
        self._reopen.set()
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- consumers --------------------------------------------------------

    def add_preview(self, consumer: FrameConsumer) -> Callable[[], None]:
        """``consumer(frame)`` gets preview frames (idle or call rate); returns a remover."""
        return self._preview.subscribe(consumer)

    def set_covered(self, covered: bool) -> None:
        """Stops sending the picture at once (preview included), or resumes it."""
        self.covered = covered
        if covered:
            # The frame waiting in each track must not go out after the cover.
            black = self._black_frame()
            for track in list(self._tracks):
                track._push(black)

    def _black_frame(self) -> Any:
        # A new frame each time: frames are shared with encoder threads.
        black = av.VideoFrame(self.config.width, self.config.height, "yuv420p")
        for plane, value in zip(black.planes, (16, 128, 128), strict=True):
            plane.update(bytes([value]) * plane.buffer_size)
        black.pts = self.now_pts()
        black.time_base = VIDEO_TIME_BASE
        return black

    def create_track(self) -> CameraTrack:
        """A new outgoing video track for one peer connection, fed at full rate."""
        track = CameraTrack(self)
        self._tracks.append(track)
        self._wake.set()
        return track

    def _remove_track(self, track: CameraTrack) -> None:
        if track in self._tracks:
            self._tracks.remove(track)

    def now_pts(self) -> int:
        return int((time.monotonic() - self._clock_start) * VIDEO_CLOCK)

    # -- thread side ------------------------------------------------------

    def _target_fps(self) -> float:
        return float(self.config.fps) if self._tracks else self.config.idle_fps

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            opened = self._open()
            self.opens += 1
            if stop.is_set():  # stopped while opening: not reported as open
                with contextlib.suppress(Exception):
                    opened.container.close()
                return
            self._set_status_threadsafe(opened.status, opened.device, opened.problem)
            try:
                self._read(opened, stop)
            except Exception as exc:  # a device unplugged mid-read, a driver error...
                log.warning("camera %s stopped delivering: %s", opened.device, exc)
                self._set_status_threadsafe(
                    CameraStatus.NO_CAMERA,
                    opened.device,
                    DeviceProblem(DeviceFault.CAMERA_STOPPED, opened.device, str(exc)),
                )
                stop.wait(0.5)
            finally:
                with contextlib.suppress(Exception):
                    opened.container.close()

    def _open(self) -> _Opened:
        cfg = self.config
        if cfg.device == TESTSRC:
            container, stream = _open_pattern(cfg)
            return _Opened(
                container,
                stream,
                CameraStatus.TEST_PATTERN,
                TESTSRC,
                None,
                True,
                None,
                None,
            )
        device = cfg.device
        reason = DeviceProblem(DeviceFault.NO_CAMERA_FOUND)
        if device is None:
            found = list_cameras()
            device = found[0].name if found else None
        if device is not None:
            try:
                container, stream = _open_device(device, cfg)
                return _Opened(
                    container, stream, CameraStatus.LIVE, device, None, False, None, None
                )
            except CameraError as exc:
                reason = exc.problem
        container, stream = _open_pattern(cfg)
        return _Opened(
            container,
            stream,
            CameraStatus.NO_CAMERA,
            device,
            reason,
            True,
            Caption(NO_CAMERA_TEXT, cfg.width, cfg.height),
            time.monotonic() + cfg.retry_s,
        )

    def _read(self, opened: _Opened, stop: threading.Event) -> None:
        cfg = self.config
        due = time.monotonic()
        frames = opened.container.decode(opened.stream)
        while not stop.is_set():
            if self._loop_closed():
                # Its owner did not stop it before closing the loop: whatever
                # it posts now is lost, so it stops reading (and the device).
                log.warning("camera %s: the event loop closed; reading stopped", opened.device)
                stop.set()
                return
            if self._reopen.is_set():
                self._reopen.clear()
                return
            if self._wake.is_set():
                # A call just began: its first frame is due now, not at the idle
                # rate's next tick (that wait was most of a call's setup time).
                # Cleared before stop is read again, so a stop() is never missed.
                self._wake.clear()
                due = min(due, time.monotonic())
                if stop.is_set():
                    return
            if opened.paced:
                delay = due - time.monotonic()
                if delay > 0 and self._wake.wait(delay):
                    continue  # stopped, or a call began: the loop's head sorts it out
            frame = next(frames)
            now = time.monotonic()
            if now < due:
                continue  # a real camera faster than we need: skip
            interval = 1.0 / self._target_fps()
            due = due + interval if now - due < interval else now + interval
            if (
                frame.width != cfg.width
                or frame.height != cfg.height
                or frame.format.name != "yuv420p"
            ):
                frame = frame.reformat(width=cfg.width, height=cfg.height, format="yuv420p")
            if opened.caption is not None:
                opened.caption.apply(frame)
            frame.pts = self.now_pts()
            frame.time_base = VIDEO_TIME_BASE
            self.frames_captured += 1
            self._offer(frame)
            if opened.retry_at is not None and now >= opened.retry_at and opened.device is not None:
                if _device_exists(opened.device):
                    return  # reopen the real camera
                opened.retry_at = now + cfg.retry_s
            if opened.retry_at is not None and opened.device is None and now >= opened.retry_at:
                if list_cameras():
                    return
                opened.retry_at = now + cfg.retry_s

    def _offer(self, frame: Any) -> None:
        with self._slot_lock:
            self._slot = frame
            if self._pending:
                return
            self._pending = True
        self._call_soon(self._deliver)

    def _call_soon(self, callback: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None or self._loop_closed():
            return
        try:
            loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # closed meanwhile: nobody to deliver to
            self._stop.set()

    def _loop_closed(self) -> bool:
        """The loop frames go to is closed.  Asyncio's loops then refuse what
        is posted (RuntimeError), but qasync's (the app's) drop it without a
        word: the reading thread asks before each frame."""
        return self._loop is not None and self._loop.is_closed()

    # -- loop side --------------------------------------------------------

    def _deliver(self) -> None:
        with self._slot_lock:
            frame, self._slot = self._slot, None
            self._pending = False
        if frame is None:
            return
        if self.covered:
            frame = self._black_frame()
        for track in list(self._tracks):
            track._push(frame)
        if len(self._preview):
            now = time.monotonic()
            if now >= self._preview_due:
                rate = self.config.idle_fps
                if self._tracks:
                    rate = self.config.preview_call_fps or float(self.config.fps)
                interval = 1.0 / rate
                # 10% slack so a preview at the capture rate drops no frame to jitter
                self._preview_due = max(self._preview_due + 0.9 * interval, now - interval)
                self._preview.emit(frame)

    def _set_status_threadsafe(
        self, status: CameraStatus, device: str | None, problem: DeviceProblem | None
    ) -> None:
        self._call_soon(self._set_status, status, device, problem)

    def _set_status(
        self, status: CameraStatus, device: str | None, problem: DeviceProblem | None
    ) -> None:
        if (status, problem) == (self.status, self.problem):
            return
        self.status = status
        self.problem = problem
        if status == CameraStatus.NO_CAMERA:
            why = problem.log_text() if problem else "unknown reason"
            log.warning("no camera (%s): showing the test pattern", why)
        self.events.emit(CameraEvent(status, device, problem))


def _device_exists(device: str) -> bool:
    if device.startswith("/dev/"):
        return os.path.exists(device)
    return any(d.name == device for d in list_cameras())


def _open_pattern(cfg: CameraConfig) -> tuple[Any, Any]:
    graph = f"testsrc2=size={cfg.width}x{cfg.height}:rate={cfg.fps},format=yuv420p"
    container = av.open(graph, format="lavfi")
    return container, container.streams.video[0]


def _open_device(device: str, cfg: CameraConfig) -> tuple[Any, Any]:
    fmt = platform_format()
    if fmt not in av.formats_available:
        # PyPI's PyAV wheels are built without camera inputs on Linux (no
        # v4l2): the system's FFmpeg reads the camera and hands us raw frames.
        return open_through_ffmpeg(fmt, device, cfg)
    options = {"video_size": f"{cfg.width}x{cfg.height}", "framerate": str(cfg.fps)}
    if cfg.input_format:
        options["input_format" if fmt == "v4l2" else "pixel_format"] = cfg.input_format
    try:
        container = av.open(device, format=fmt, options=options, timeout=5.0)
    except Exception as exc:
        raise CameraError(DeviceProblem(DeviceFault.CAMERA_WONT_OPEN, device, str(exc))) from None
    if not container.streams.video:
        container.close()
        raise CameraError(DeviceProblem(DeviceFault.CAMERA_NO_PICTURE, device))
    return container, container.streams.video[0]


class _PipedCapture:
    """A camera read by an ``ffmpeg`` process: PyAV decodes its raw output.
    Closing it ends the process (the device is released with it)."""

    def __init__(self, container: Any, process: subprocess.Popen[bytes], frames: Any) -> None:
        self._container = container
        self._process = process
        self._frames = frames
        self.streams = container.streams

    def decode(self, stream: Any) -> Any:
        return self._frames

    def close(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(3)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        with contextlib.suppress(Exception):
            self._container.close()


def open_through_ffmpeg(fmt: str, device: str, cfg: CameraConfig) -> tuple[Any, Any]:
    """Opens ``device`` of input format ``fmt`` with the system's ffmpeg command."""
    if device.startswith("/dev/") and not os.path.exists(device):
        raise CameraError(DeviceProblem(DeviceFault.CAMERA_NOT_PLUGGED, device))
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        # PyAV lacks the input format and no ffmpeg command stands in.
        raise CameraError(DeviceProblem(DeviceFault.CAMERA_UNSUPPORTED, device, fmt))
    size = f"{cfg.width}x{cfg.height}"
    command = [ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-f", fmt]
    if fmt != "lavfi":
        command += ["-video_size", size, "-framerate", str(cfg.fps)]
        if cfg.input_format:
            command += ["-input_format", cfg.input_format]
    command += ["-i", device, "-an", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size, "-"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    assert process.stdout is not None
    options = {"video_size": size, "pixel_format": "yuv420p", "framerate": str(cfg.fps)}
    try:
        container: Any = av.open(process.stdout, mode="r", format="rawvideo", options=options)
        stream = container.streams.video[0]
        frames = container.decode(stream)
        # ffmpeg says nothing we could read when the device fails: the first
        # picture is the proof that the camera opened.
        first = next(frames)
    except (Exception, StopIteration) as exc:
        process.kill()
        process.wait()
        fault = DeviceFault.CAMERA_WONT_OPEN if str(exc) else DeviceFault.CAMERA_NO_PICTURE
        raise CameraError(DeviceProblem(fault, device, str(exc))) from None
    return _PipedCapture(container, process, itertools.chain([first], frames)), stream


class CameraTrack(MediaStreamTrack):
    """The camera as seen by one peer connection's sender.

    Holds at most one frame: if the encoder is slow, it gets the newest frame
    and older ones are dropped, so delay never builds up.  ``max_fps`` thins
    the rate; ``paused`` sends a still image once a second (video yields the
    line to voice).
    """

    kind = "video"

    def __init__(self, source: CameraSource) -> None:
        super().__init__()
        self._source = source
        self._frame: Any = None
        self._ready = asyncio.Event()
        self._last_sent = 0.0
        self._still: Any = None
        self.max_fps: float | None = None
        self.paused = False
        self.frames_sent = 0
        self.frames_dropped = 0

    def _push(self, frame: Any) -> None:
        if self._frame is not None:
            self.frames_dropped += 1
        self._frame = frame
        self._ready.set()

    async def recv(self) -> Any:
        while True:
            if self.readyState != "live":
                raise MediaStreamError
            if self.paused and self._still is not None:
                await asyncio.sleep(1.0)
                if self.readyState != "live":
                    raise MediaStreamError
                if self.paused:
                    self._still.pts = self._source.now_pts()
                    self.frames_sent += 1
                    return self._still
            if self._frame is None:
                self._ready.clear()
                await self._ready.wait()
                continue
            frame, self._frame = self._frame, None
            now = time.monotonic()
            if self.max_fps and now - self._last_sent < 0.9 / self.max_fps:
                continue
            self._last_sent = now
            self._still = frame
            self.frames_sent += 1
            return frame

    def stop(self) -> None:
        super().stop()
        self._ready.set()
        self._source._remove_track(self)
