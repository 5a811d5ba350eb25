"""The self-test's steps that need no Qt widgets: camera, sound, a loopback call."""

from __future__ import annotations

import asyncio
import contextlib
import math
import struct
import time
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication

from agentdesk.desk import RgbFrame
from agentdesk.device_problems import DeviceProblem
from agentdesk.engine import (
    CallSession,
    CameraSource,
    CameraStatus,
    Microphone,
    SessionConfig,
    SessionState,
    SignalPipe,
    Speaker,
    load_backend,
)
from agentdesk.engine.audio import RATE, AudioBackend, AudioStatus
from agentdesk.engine.tones import TonePlayer
from agentdesk.protocol import Role
from agentdesk.station.backend import RgbConverter
from agentdesk.ui.texts import device_problem_text, sound_fault_cause

from .model import Step, StepResult, Verdict

CAMERA_WAIT_S = 10.0
TONE_HZ = 1000.0
TONE_S = 1.0
LISTEN_S = 1.4
"""The microphone listens a little longer than the tone lasts (output latency)."""
MIC_START_S = 2.0
CALL_WAIT_S = 30.0
FRAMES_WANTED = 3
LOOPBACK = ("127.0.0.1",)


async def timed(step: Step, check: Callable[[], Awaitable[tuple[Verdict, str]]]) -> StepResult:
    start = time.monotonic()
    verdict, detail = await check()
    return StepResult(step, verdict, detail, round(time.monotonic() - start, 3))


def _problem(problem: DeviceProblem | None, otherwise: str = "-") -> str:
    return otherwise if problem is None else device_problem_text(problem)


def _inner(problem: DeviceProblem | None) -> str:
    """The problem set inside a sentence: without its own full stop."""
    return _problem(problem).rstrip(".")


def _sound_cause(problem: DeviceProblem | None, otherwise: str) -> str:
    """Why the sound does not open, inside a sentence: the call's words for
    the cause, without what a call does about it (« du silence est envoyé »),
    which means nothing in a test."""
    if problem is None:
        return otherwise
    cause = sound_fault_cause(problem)
    return _inner(problem) if cause is None else cause


# ------------------------------------------------------------------ camera


async def check_camera(camera: CameraSource) -> tuple[Verdict, str]:
    """Starts ``camera`` (left running for the call) and waits for a picture."""
    first: list[object] = []
    got = asyncio.Event()

    def take(frame: object) -> None:
        if not first:
            first.append(frame)
            got.set()

    remove = camera.add_preview(take)
    camera.start()
    try:
        async with asyncio.timeout(CAMERA_WAIT_S):
            await got.wait()
    except TimeoutError:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "No picture came from the camera within %1 s (%2)."
        ).replace("%1", str(int(CAMERA_WAIT_S))).replace("%2", _inner(camera.problem))
    finally:
        remove()
    frame = first[0]
    size = f"{getattr(frame, 'width', '?')}×{getattr(frame, 'height', '?')}"
    if camera.status is CameraStatus.LIVE:
        return Verdict.OK, QCoreApplication.translate(
            "SelfTest", "Camera %1: picture received (%2)."
        ).replace("%1", camera.config.device or "-").replace("%2", size)
    if camera.status is CameraStatus.TEST_PATTERN:
        return Verdict.OK, QCoreApplication.translate(
            "SelfTest", "Test pattern (asked for instead of a camera): picture received (%1)."
        ).replace("%1", size)
    # The engine's problem says what went wrong ("No camera was found…"): said
    # once, then what residents would see and what to do.
    what = _problem(
        camera.problem, QCoreApplication.translate("SelfTest", "No camera could be opened.")
    )
    return Verdict.WARNING, QCoreApplication.translate(
        "SelfTest",
        "%1 Residents would see a test pattern: plug in a camera, or choose another one "
        "in the settings.",
    ).replace("%1", what)


# ------------------------------------------------------------------ sound


def tone(seconds: float = TONE_S, hz: float = TONE_HZ) -> bytes:
    """A 48 kHz mono 16-bit sine at -12 dBFS with 10 ms fades (no clicks)."""
    n = int(seconds * RATE)
    fade = RATE // 100
    samples = (
        round(8000 * min(1.0, i / fade, (n - i) / fade) * math.sin(2 * math.pi * hz * i / RATE))
        for i in range(n)
    )
    return struct.pack(f"<{n}h", *samples)


def _share(samples: tuple[int, ...], rate: int, hz: float) -> float:
    """How much of the samples' energy is at ``hz`` (0 to 1; Goertzel)."""
    coeff = 2 * math.cos(2 * math.pi * hz / rate)
    s1 = s2 = 0.0
    energy = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
        energy += x * x
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return min(1.0, 2 * power / (len(samples) * energy)) if energy else 0.0


def tone_heard(data: bytes, rate: int, hz: float = TONE_HZ) -> bool:
    """Whether the recording carries the test tone: in most of its sounding
    20 ms blocks, most of the energy is at ``hz``.  By blocks, so a click or a
    gap (a busy computer) spoils a block, not the verdict."""
    count = len(data) // 2
    samples = struct.unpack(f"<{count}h", data[: count * 2])
    block = max(1, rate // 50)
    quiet = (32768 * 10 ** (-50 / 20)) ** 2  # -50 dBFS, as mean square
    shares = []
    for start in range(0, count - block + 1, block):
        chunk = samples[start : start + block]
        if sum(x * x for x in chunk) / block > quiet:
            shares.append(_share(chunk, rate, hz))
    return bool(shares) and sorted(shares)[len(shares) // 2] > 0.5


def level_dbfs(data: bytes) -> float:
    count = len(data) // 2
    if count == 0:
        return -math.inf
    samples = struct.unpack(f"<{count}h", data[: count * 2])
    rms = math.sqrt(sum(x * x for x in samples) / count)
    return 20 * math.log10(rms / 32768) if rms else -math.inf


async def check_sound(
    speaker_name: str | None,
    microphone_name: str | None,
    sound: Callable[[], tuple[AudioBackend | None, DeviceProblem | None]] = load_backend,
) -> tuple[StepResult, StepResult]:
    """Plays a tone on the speaker while the microphone records: two verdicts,
    and whether the microphone heard the tone (it does on a laptop, not with
    a headset).  ``sound`` gives the sound library, or None and why not."""
    start = time.monotonic()
    backend, problem = sound()
    speaker = Speaker(backend, speaker_name, backend_problem=problem)
    microphone = Microphone(backend, microphone_name, backend_problem=problem)
    player = TonePlayer(speaker)
    speaker.start()
    microphone.start()
    recorded = bytearray()
    rate = RATE
    try:
        # Sound servers may take a moment to deliver a new recording's first
        # buffers: the tone starts once the microphone is really listening.
        deadline = time.monotonic() + MIC_START_S
        while _is_open(microphone) and time.monotonic() < deadline:
            chunks = microphone.take()
            if chunks:
                break
            await asyncio.sleep(0.05)
        if _is_open(speaker):
            player.play(tone())
        deadline = time.monotonic() + LISTEN_S
        while time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            for data, chunk_rate in microphone.take():
                recorded += data
                rate = chunk_rate
        # Judged before stopping: stopping resets the devices' status.
        heard = (
            _speaker_verdict(speaker, player),
            _microphone_verdict(microphone, bytes(recorded), rate),
        )
    finally:
        await player.aclose()
        await microphone.stop()
        await speaker.stop()
    seconds = round(time.monotonic() - start, 3)
    return StepResult(Step.SPEAKER, *heard[0], seconds), StepResult(Step.MICROPHONE, *heard[1])


def _is_open(link: Speaker | Microphone) -> bool:
    """Playing or recording, on the chosen device or a fallback."""
    return link.status in (AudioStatus.ACTIVE, AudioStatus.STALLED)


def _device_name(link: Speaker | Microphone) -> str:
    return link.active_device or QCoreApplication.translate("SelfTest", "system default")


def _speaker_verdict(speaker: Speaker, player: TonePlayer) -> tuple[Verdict, str]:
    if not _is_open(speaker):
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "No speaker could be opened: %1. Plug in a headset or speakers."
        ).replace("%1", _sound_cause(speaker.problem, "-"))
    if speaker.frames_played == 0:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "Speaker %1 opened but played nothing."
        ).replace("%1", _device_name(speaker))
    return Verdict.OK, QCoreApplication.translate(
        "SelfTest", "Speaker %1: a %2 s tone was played (%3 frames). Did you hear it?"
    ).replace("%1", _device_name(speaker)).replace("%2", f"{TONE_S:g}").replace(
        "%3", str(player.frames_sent)
    )


def _microphone_verdict(microphone: Microphone, data: bytes, rate: int) -> tuple[Verdict, str]:
    name = _device_name(microphone)
    if not data:
        return Verdict.FAILED, QCoreApplication.translate(
            "SelfTest", "No sound came from the microphone: %1."
        ).replace("%1", _sound_cause(microphone.problem, name))
    level = level_dbfs(data)
    if level == -math.inf:
        return Verdict.WARNING, QCoreApplication.translate(
            "SelfTest", "Microphone %1 sends only silence: is it muted?"
        ).replace("%1", name)
    if tone_heard(data, rate):
        heard = QCoreApplication.translate("SelfTest", "it heard the test tone.")
    else:
        heard = QCoreApplication.translate(
            "SelfTest", "it did not hear the test tone (normal with a headset)."
        )
    return Verdict.OK, QCoreApplication.translate(
        "SelfTest", "Microphone %1: sound arrives (level %2 dBFS); %3"
    ).replace("%1", name).replace("%2", f"{level:.0f}").replace("%3", heard)


# ------------------------------------------------------------------- call


class _Frames:
    """Keeps the first few decoded frames of the loopback call."""

    def __init__(self) -> None:
        self.frames: list[RgbFrame] = []
        self.enough = asyncio.Event()

    def show_frame(self, frame: RgbFrame) -> None:
        if len(self.frames) < FRAMES_WANTED:
            self.frames.append(frame)
        if len(self.frames) >= FRAMES_WANTED:
            self.enough.set()

    def display_size(self) -> tuple[int, int] | None:
        # Kept at the decoded size: the test renders them itself afterwards.
        return None


async def check_call(camera: CameraSource) -> tuple[tuple[Verdict, str], list[RgbFrame]]:
    """A real call between two engine sessions on 127.0.0.1 (signalling in
    memory): connection set-up and video frames decoded at the far end."""
    config = SessionConfig(allowed_addresses=LOOPBACK, connect_timeout_s=CALL_WAIT_S)
    pipe = SignalPipe()
    agent = CallSession("self-test", Role.AGENT, pipe.sender(Role.AGENT), camera=camera,
                        config=config)  # fmt: skip
    kiosk = CallSession("self-test", Role.KIOSK, pipe.sender(Role.KIOSK), camera=camera,
                        config=config)  # fmt: skip
    pipe.attach(Role.AGENT, agent.handle_signal)
    pipe.attach(Role.KIOSK, kiosk.handle_signal)
    received = _Frames()
    agent.add_video_consumer(RgbConverter(received))
    start = time.monotonic()
    try:
        await kiosk.start()
        await agent.start()
        await agent.wait_for_state(SessionState.CONNECTED, timeout_s=CALL_WAIT_S)
        setup_ms = (time.monotonic() - start) * 1000
        async with asyncio.timeout(CALL_WAIT_S):
            await received.enough.wait()
    except TimeoutError:
        return (
            Verdict.FAILED,
            QCoreApplication.translate(
                "SelfTest", "The loopback call did not connect within %1 s (state: %2)."
            )
            .replace("%1", str(int(CALL_WAIT_S)))
            .replace("%2", agent.state.value),
        ), received.frames
    finally:
        with contextlib.suppress(Exception):
            await asyncio.gather(agent.close(), kiosk.close())
        await pipe.close()
    return (
        Verdict.OK,
        QCoreApplication.translate(
            "SelfTest",
            "A test call on this computer works: picture and sound go through"
            " (set up in %1 ms, %2 image(s) received).",
        )
        .replace("%1", f"{setup_ms:.0f}")
        .replace("%2", str(len(received.frames))),
    ), received.frames
