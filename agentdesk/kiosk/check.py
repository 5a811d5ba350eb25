"""``agentdesk kiosk check``: one verdict per device of this kiosk.

Used by the installer and by whoever sets a kiosk up: camera, microphone,
speaker, scanner, printer, each « prêt » or what is wrong.  Exit status 0
when every device works, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from agentdesk.engine import CameraConfig, CameraSource
from agentdesk.engine.audio import AudioStatus, Microphone, load_backend
from agentdesk.engine.camera import CameraStatus
from agentdesk.engine.documents import DeviceState

from .devices import (
    DeviceCheck,
    camera_verdict,
    microphone_verdict,
    peripheral_verdicts,
    speaker_verdict,
)
from .peripherals import Printer
from .scanner import SaneScanner, ScanSettings

SETTLE_S = 8.0

_NAMES = {
    "camera": "caméra",
    "microphone": "micro",
    "speaker": "haut-parleur",
    "scanner": "scanner",
    "printer": "imprimante",
}
_STATES = {
    DeviceState.READY: "prêt",
    DeviceState.BUSY: "occupé",
    DeviceState.PAPER_JAM: "bourrage papier",
    DeviceState.OUT_OF_PAPER: "plus de papier",
    DeviceState.OFFLINE: "absent ou hors ligne",
    DeviceState.ERROR: "en erreur",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentdesk kiosk check",
        description="Checks the kiosk's camera, microphone, speaker, scanner and printer.",
    )
    parser.add_argument("--camera", help='camera device, or "testsrc"')
    parser.add_argument("--microphone")
    parser.add_argument("--scanner", help="SANE device (default: the first one found)")
    parser.add_argument("--sane-config-dir", type=Path)
    parser.add_argument("--scan-dir", type=Path, help="scan folder (networked scanner)")
    parser.add_argument("--printer", help="CUPS printer")
    parser.add_argument("--cups-server")
    parser.add_argument("--print-dir", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per device")
    return parser


async def _settled(camera: CameraSource, microphone: Microphone) -> None:
    deadline = time.monotonic() + SETTLE_S
    while time.monotonic() < deadline:
        camera_done = camera.status not in (CameraStatus.STOPPED, CameraStatus.OPENING)
        mic_done = microphone.status is not AudioStatus.STOPPED
        if camera_done and mic_done:
            return
        await asyncio.sleep(0.1)


async def verdicts(args: argparse.Namespace) -> list[DeviceCheck]:
    camera = CameraSource(CameraConfig(device=args.camera))
    backend, problem = load_backend()
    microphone = Microphone(backend, args.microphone, backend_problem=problem)
    camera.start()
    microphone.start()
    try:
        await _settled(camera, microphone)
        found = [camera_verdict(camera), microphone_verdict(microphone), speaker_verdict()]
    finally:
        await microphone.stop()
        await asyncio.to_thread(camera.stop)
    scanner = None
    if args.scanner or args.sane_config_dir or not args.scan_dir:
        scanner = SaneScanner(ScanSettings(device=args.scanner, config_dir=args.sane_config_dir))
    printer = Printer(args.print_dir, args.printer, args.cups_server)
    return found + await peripheral_verdicts(scanner, printer, args.scan_dir)


def describe(verdict: DeviceCheck) -> str:
    mark = "✔" if verdict.ok else "✘"
    detail = f" ({verdict.detail})" if verdict.detail else ""
    return f"{mark} {_NAMES.get(verdict.device, verdict.device)} : {_STATES[verdict.state]}{detail}"


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    found = asyncio.run(verdicts(args))
    for verdict in found:
        if args.json:
            print(json.dumps({"device": verdict.device, "state": verdict.state.value,
                              "detail": verdict.detail, "ok": verdict.ok}))  # fmt: skip
        else:
            print(describe(verdict))
    return 0 if all(v.ok for v in found) else 1
