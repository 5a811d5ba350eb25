"""The desktop session ending (SIGTERM) while the agent is in a call: how soon
the resident hears of it, and how soon the app is gone.

    python bench/quit.py [--trials 5]

Each trial: a fresh switchboard (real process, fresh SQLite file, default
timings), the agent's app as its own process (``agentdesk.desktop.main``,
offscreen, signed in at start-up as the demo signs its agent in, answering
calls by itself), and a headless kiosk (``agentdesk kiosk``) calling the CAF
and sending a scan.  Once the scan is across, SIGTERM to the app.  Cameras
are FFmpeg's test pattern, sound is silence (no camera nor sound card here);
everything on 127.0.0.1.

Prints ONE JSON object, every trial listed:

- ``in_call``: ``exit_s`` (signal to the app's exit) and its ``code``;
  ``told_s``, signal to the kiosk's word of the call, and ``told``: ``ended
  (agent_hung_up)``, or ``requeued`` (the agent lost: back in the queue once
  their grace ran out); ``record``: the call's last events on the switchboard.
- ``frozen``: the same with the switchboard frozen (SIGSTOP) just before the
  signal: how long a switchboard that does not answer holds the exit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from tests.support.desk_process import start_signed_in_app
from tests.support.kiosk import KioskProcess, start_kiosk
from tests.support.switchboard import (
    SwitchboardProcess,
    http_json,
    login,
    provision,
    start_switchboard,
)


def word_of(kiosk: KioskProcess, call_id: str, after: int) -> str | None:
    for event in kiosk.events[after:]:
        if event.get("call_id") != call_id:
            continue
        if event["event"] == "ended":
            return f"ended ({event.get('end_reason')})"
        if event["event"] == "position":
            return "requeued"
    return None


async def last_events(sb: SwitchboardProcess, call_id: str) -> list[str]:
    sup = await login(sb, "sup.caf")
    _, body = await http_json(sb, "GET", "/api/v1/calls", token=sup["access_token"])
    for record in body["calls"]:
        if record["call"]["call_id"] == call_id:
            return [e["event"] for e in record["events"]][-3:]
    return []


async def trial(folder: Path, frozen: bool) -> dict[str, Any]:
    db = folder / "switchboard.db"
    accounts = provision(db)
    scan = folder / "scan.png"
    Image.new("RGB", (600, 800), (20, 180, 60)).save(scan)
    sb = await start_switchboard(db)
    app = await start_signed_in_app(sb, folder)
    kiosk = await start_kiosk(
        sb.url, "pvp-murat", accounts.kiosk_tokens["pvp-murat"],
        "--service", "CAF", "--send", str(scan), log_path=folder / "kiosk.log",
    )  # fmt: skip
    try:
        call_id = str((await kiosk.event("connected", within=60))["call_id"])
        await kiosk.event("document_sent")
        after = len(kiosk.events)
        if frozen:
            sb.proc.send_signal(signal.SIGSTOP)
        start = time.monotonic()
        app.send_signal(signal.SIGTERM)
        told: dict[str, Any] = {}

        async def listen() -> None:
            # Polled (the kiosk's events carry no time): 10 ms of resolution.
            while (word := word_of(kiosk, call_id, after)) is None:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            told.update(told_s=round(time.monotonic() - start, 3), told=word)

        listening = asyncio.ensure_future(listen())
        code = await asyncio.wait_for(app.wait(), 60)
        result: dict[str, Any] = {"exit_s": round(time.monotonic() - start, 3), "code": code}
        if frozen:
            listening.cancel()
            return result
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(listening, 30)
        result.update(told or {"told": None})
        result["record"] = await last_events(sb, call_id)
        return result
    finally:
        if frozen:
            sb.proc.send_signal(signal.SIGCONT)
        if app.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                app.kill()
            await app.wait()
        await kiosk.stop()
        await sb.stop()


def summary(runs: list[dict[str, Any]], key: str) -> dict[str, float]:
    values = [r[key] for r in runs if key in r]
    return {"median": statistics.median(values), "max": max(values)} if values else {}


async def main(trials: int) -> dict[str, Any]:
    out: dict[str, Any] = {"trials": trials, "in_call": [], "frozen": []}
    for _ in range(trials):
        for kind in ("in_call", "frozen"):
            with tempfile.TemporaryDirectory(prefix="agentdesk-quit-") as tmp:
                out[kind].append(await trial(Path(tmp), frozen=kind == "frozen"))
    out["in_call_exit_s"] = summary(out["in_call"], "exit_s")
    out["in_call_told_s"] = summary(out["in_call"], "told_s")
    out["frozen_exit_s"] = summary(out["frozen"], "exit_s")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.trials))))
