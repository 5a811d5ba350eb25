"""``agentdesk kiosk`` with a marker tone in its voice and an ear for the agent's, for the bench.

    (run by bench/network.py) python bench/_call_kiosk.py KIOSK-ARGS...

The headless kiosk as ``agentdesk kiosk --microphone testvoice --json`` runs
it (the same arguments, the same KioskEndpoint), with two changes for the
mouth-to-ear measurement (tests/support/marker.py): its test voice carries a
marker tone every second of wall-clock time, and the agent's voice it
receives goes through a marker detector, which prints
``{"event": "marker_heard", "at": T, "delay_s": D, "queued_s": Q}`` (a
:class:`~tests.support.marker.Heard`) beside the kiosk's own JSON events.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agentdesk.kiosk import cli
from agentdesk.kiosk.call import KioskCall
from agentdesk.kiosk.endpoint import KioskEndpoint
from agentdesk.kiosk.events import EventPrinter
from tests.support.marker import Heard, MarkedVoice, MarkerEar


def on_heard(heard: Heard) -> None:
    print(json.dumps({"event": "marker_heard", **dataclasses.asdict(heard)}), flush=True)


def main() -> int:
    parser = cli._parser()
    args = parser.parse_args(sys.argv[1:])
    config = cli._config(args, parser)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    endpoint = KioskEndpoint(config, EventPrinter(json_lines=True))
    # Before run() opens it; the device report still names the plain test voice (same type).
    endpoint.microphone = MarkedVoice()

    def listen(call: KioskCall) -> None:
        call.session.add_audio_consumer(MarkerEar(on_heard).push)

    endpoint.on_call_start.append(listen)
    return asyncio.run(cli.run_endpoint(endpoint))


if __name__ == "__main__":
    sys.exit(main())
