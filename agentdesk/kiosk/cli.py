"""``agentdesk kiosk``: a headless kiosk that places calls through a switchboard."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import re
import signal
import sys
from pathlib import Path

from agentdesk.engine.adaptation import AdaptationConfig
from agentdesk.memory import limit_malloc_arenas
from agentdesk.protocol.messages import ServiceCode

from .endpoint import KioskConfig, KioskEndpoint
from .events import EventPrinter
from .scanner import SaneScanner, ScanSettings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentdesk kiosk",
        description="A headless Point Visio-Public kiosk: queues, calls, sends scans, prints.",
    )
    parser.add_argument("--server", required=True, help="switchboard address, wss://host/api/v1/ws")
    parser.add_argument("--kiosk-id", required=True)
    parser.add_argument(
        "--token",
        help="device token (default: the AGENTDESK_KIOSK_TOKEN environment variable, "
        "which keeps it out of the process list)",
    )
    parser.add_argument(
        "--service",
        help="CAF, MSA, CPAM, UDAF… (headless: required; the screen lets residents choose)",
    )
    parser.add_argument(
        "--screen",
        action="store_true",
        help="the resident's full-screen touch interface instead of the headless kiosk",
    )
    parser.add_argument("--windowed", action="store_true", help="--screen in a window (1280x800)")
    parser.add_argument(
        "--scanner", help="SANE device for scans (e.g. test:0; default: the first one found)"
    )
    parser.add_argument(
        "--sane-config-dir",
        type=Path,
        help="SANE_CONFIG_DIR: a folder whose dll.conf lists the backend",
    )
    parser.add_argument(
        "--scan-option",
        action="append",
        default=[],
        metavar="OPTION",
        help="a backend option passed to scanimage as it is (repeatable)",
    )
    parser.add_argument("--cups-server", help="CUPS server or socket (default: CUPS_SERVER)")
    parser.add_argument("--reason", help="what the resident chose at the kiosk")
    parser.add_argument(
        "--appointment",
        metavar="CODE",
        help="check the resident in for their appointment: the 6-digit code they were given "
        "(an appointment id is accepted too)",
    )
    parser.add_argument(
        "--list-appointments",
        action="store_true",
        help="print today's appointments at this kiosk (first name and time) and stop",
    )
    parser.add_argument(
        "--wait-open",
        action="store_true",
        help="if the service is closed, wait for it to open instead of stopping "
        "(exit status 3 without it)",
    )
    parser.add_argument("--camera", help='camera device, or "testsrc" for the test pattern')
    parser.add_argument(
        "--microphone", help='microphone device name, or "testvoice" for a synthetic voice'
    )
    parser.add_argument("--scan-dir", type=Path, help="folder the scanner writes into")
    parser.add_argument("--print-dir", type=Path, help="folder print jobs are written into")
    parser.add_argument("--printer", help="CUPS printer for print jobs (instead of --print-dir)")
    parser.add_argument(
        "--send", type=Path, nargs="*", default=[], help="files to send once connected"
    )
    parser.add_argument(
        "--scan-on-request", type=Path, help="file sent when the agent asks for a scan"
    )
    parser.add_argument("--calls", type=int, default=1, help="calls to place in turn (0: forever)")
    parser.add_argument("--interval", type=float, default=0.0, help="seconds between calls")
    parser.add_argument("--hangup-after", type=float, help="resident hangs up after N s connected")
    parser.add_argument(
        "--ice-address",
        action="append",
        help="offer only this local address as ICE host candidate (repeatable)",
    )
    parser.add_argument("--video-kbps", type=int, default=600)
    parser.add_argument(
        "--video-overshoot",
        type=float,
        help="step video down when it sends more than this factor times --video-kbps "
        f"(default {AdaptationConfig().overshoot}; a test pattern needs more, about 2.5)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON event per line on stdout")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def _config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> KioskConfig:
    token = args.token or os.environ.get("AGENTDESK_KIOSK_TOKEN")
    if not token:
        parser.error("no device token: give --token or set AGENTDESK_KIOSK_TOKEN")
    import msgspec

    if args.service is None and not args.screen:
        parser.error("give --service (the headless kiosk calls one service), or use --screen")
    try:
        msgspec.convert(args.service or "CAF", ServiceCode)
    except msgspec.ValidationError:
        parser.error(f"{args.service!r} is not a service code (upper-case letters, like CAF)")
    for path in args.send:
        if not path.is_file():
            parser.error(f"cannot send {path}: no such file")
    if args.scan_on_request is not None and not args.scan_on_request.is_file():
        parser.error(f"--scan-on-request {args.scan_on_request}: no such file")
    code = (
        args.appointment if args.appointment and re.fullmatch(r"\d{6}", args.appointment) else None
    )
    if args.calls < 0:
        parser.error("--calls must be 0 (forever) or more")
    adaptation = AdaptationConfig()
    if args.video_overshoot is not None:
        if not 1.0 <= args.video_overshoot <= 10.0:
            parser.error("--video-overshoot must be between 1 and 10")
        adaptation = AdaptationConfig(overshoot=args.video_overshoot)
    if args.printer is None and args.print_dir is None:
        args.print_dir = Path.cwd() / "impressions"
    return KioskConfig(
        server=args.server,
        kiosk_id=args.kiosk_id,
        token=token,
        service=args.service or "",
        reason=args.reason,
        appointment_id=None if code else args.appointment,
        appointment_code=code,
        wait_open=args.wait_open,
        list_appointments=args.list_appointments,
        camera=args.camera,
        microphone=args.microphone,
        scan_dir=args.scan_dir,
        print_dir=args.print_dir,
        printer=args.printer,
        cups_server=args.cups_server,
        send=tuple(args.send),
        scan_on_request=args.scan_on_request,
        calls=args.calls,
        interval_s=args.interval,
        hangup_after_s=args.hangup_after,
        allowed_addresses=args.ice_address,
        video_kbps=args.video_kbps,
        adaptation=adaptation,
    )


async def _run(config: KioskConfig, printer: EventPrinter) -> int:
    return await run_endpoint(KioskEndpoint(config, printer))


async def run_endpoint(endpoint: KioskEndpoint) -> int:
    """Runs ``endpoint`` until it is done or SIGINT/SIGTERM (bench/_call_kiosk.py too)."""
    task = asyncio.create_task(endpoint.run(), name="kiosk")
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows
            loop.add_signal_handler(signum, task.cancel)
    try:
        return await task
    except asyncio.CancelledError:
        # run() left the queue or hung up on its way out.
        return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        from .check import main as check

        return check(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    config = _config(args, parser)
    limit_malloc_arenas()
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.screen:
        from agentdesk.kiosk_screen import run

        scan_dir = args.scan_dir or Path.cwd() / "scans"
        return run(config, _scanner(args), scan_dir, windowed=args.windowed)
    return asyncio.run(_run(config, EventPrinter(json_lines=args.json)))


def _scanner(args: argparse.Namespace) -> SaneScanner:
    return SaneScanner(
        ScanSettings(
            device=args.scanner,
            config_dir=args.sane_config_dir,
            extra=tuple(args.scan_option),
        )
    )
