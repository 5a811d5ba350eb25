"""The kiosk's devices as the fleet sees them: camera, microphone, speaker,
scanner, printer, each ready or not, and why.

:class:`DeviceMonitor` reports them to the switchboard (``device_report``) at
start, on every change and every few minutes (so "last contact" stays fresh
and a silent kiosk shows up as such); ``agentdesk kiosk check`` prints the
same verdicts once, for the installer and the person setting a kiosk up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from agentdesk.device_problems import DeviceProblem
from agentdesk.engine import CameraSource
from agentdesk.engine.audio import AudioStatus, Microphone, load_backend
from agentdesk.engine.camera import CameraStatus
from agentdesk.engine.documents import DeviceState
from agentdesk.engine.testvoice import TestVoice
from agentdesk.protocol.messages import DeviceReport, KioskDevice

from .peripherals import Printer
from .scanner import SaneScanner

log = logging.getLogger(__name__)

REPORT_EVERY_S = 300.0
CHECK_EVERY_S = 15.0


@dataclass(frozen=True)
class DeviceCheck:
    device: str
    state: DeviceState
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state in (DeviceState.READY, DeviceState.BUSY)

    def wire(self) -> KioskDevice:
        return KioskDevice(device=self.device, state=self.state.value, detail=self.detail or None)


def _detail(problem: DeviceProblem | None, otherwise: str = "") -> str:
    """The fleet's detail: the problem's code and device (the supervisor's
    screen words it)."""
    return otherwise if problem is None else problem.wire_text()


def camera_verdict(camera: CameraSource) -> DeviceCheck:
    match camera.status:
        case CameraStatus.LIVE | CameraStatus.TEST_PATTERN:
            return DeviceCheck("camera", DeviceState.READY, camera.status.value)
        case CameraStatus.OPENING:
            return DeviceCheck("camera", DeviceState.BUSY, "opening")
        case CameraStatus.NO_CAMERA:
            return DeviceCheck("camera", DeviceState.OFFLINE, _detail(camera.problem))
        case _:
            return DeviceCheck("camera", DeviceState.OFFLINE, "stopped")


def microphone_verdict(microphone: Microphone | TestVoice) -> DeviceCheck:
    if isinstance(microphone, TestVoice):
        return DeviceCheck(
            "microphone", DeviceState.READY, "synthetic voice (--microphone testvoice)"
        )
    if microphone.status is AudioStatus.ACTIVE:
        return DeviceCheck("microphone", DeviceState.READY)
    if microphone.status is AudioStatus.STALLED:
        return DeviceCheck("microphone", DeviceState.ERROR, _detail(microphone.problem))
    return DeviceCheck("microphone", DeviceState.OFFLINE, _detail(microphone.problem, "stopped"))


def speaker_verdict() -> DeviceCheck:
    backend, problem = load_backend()
    if backend is None:
        return DeviceCheck("speaker", DeviceState.OFFLINE, _detail(problem))
    outputs = [d for d in backend.devices() if d.output_channels > 0]
    if not outputs:
        return DeviceCheck("speaker", DeviceState.OFFLINE, "no audio output")
    return DeviceCheck("speaker", DeviceState.READY, outputs[0].name)


async def peripheral_verdicts(
    scanner: SaneScanner | None, printer: Printer, scan_folder: Path | None = None
) -> list[DeviceCheck]:
    if scanner is None and scan_folder is not None:
        # A networked scanner that drops files in a folder: the folder is all we see.
        ready = await asyncio.to_thread(scan_folder.is_dir)
        scan = DeviceCheck(
            "scanner",
            DeviceState.READY if ready else DeviceState.OFFLINE,
            f"scan folder {scan_folder}" + ("" if ready else " missing"),
        )
    elif scanner is None:
        scan = DeviceCheck("scanner", DeviceState.OFFLINE, "no scanner configured")
    else:
        state, detail = await scanner.state()
        scan = DeviceCheck("scanner", state, detail)
    state, detail = await printer.state()
    return [scan, DeviceCheck("printer", state, detail)]


class DeviceMonitor:
    """Owns the reporting task; :meth:`close` cancels it."""

    def __init__(
        self,
        camera: CameraSource,
        microphone: Microphone | TestVoice,
        scanner: SaneScanner | None,
        printer: Printer,
        send: Callable[[DeviceReport], Awaitable[object]],
        *,
        scan_folder: Path | None = None,
        check_every_s: float = CHECK_EVERY_S,
        report_every_s: float = REPORT_EVERY_S,
    ) -> None:
        self._camera = camera
        self._microphone = microphone
        self._scanner = scanner
        self._printer = printer
        self._send = send
        self._scan_folder = scan_folder
        self._check_every_s = check_every_s
        self._report_every_s = report_every_s
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.last: list[DeviceCheck] = []

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="kiosk-devices")

    def poke(self) -> None:
        """Check now (a print failed, the connection came back)."""
        self._changed.set()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def verdicts(self) -> list[DeviceCheck]:
        return [
            camera_verdict(self._camera),
            microphone_verdict(self._microphone),
            *await peripheral_verdicts(self._scanner, self._printer, self._scan_folder),
        ]

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        sent_at = -self._report_every_s
        sent: list[DeviceCheck] | None = None
        while True:
            now = await self.verdicts()
            self.last = now
            if now != sent or loop.time() - sent_at >= self._report_every_s:
                try:
                    await self._send(DeviceReport(devices=[v.wire() for v in now]))
                    sent, sent_at = now, loop.time()
                except Exception as exc:  # not connected: the next round tries again
                    log.info("device report not sent: %s", exc)
            self._changed.clear()
            # A timer sets the event rather than wait_for around it: on Python
            # 3.11, cancelling wait_for at the wrong moment left this task
            # stuck and the kiosk unable to exit.
            timer = loop.call_later(self._check_every_s, self._changed.set)
            try:
                await self._changed.wait()
            finally:
                timer.cancel()
