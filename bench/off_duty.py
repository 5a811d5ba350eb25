"""Off-duty benchmark: the agent's app between permanences against on duty.

    python bench/off_duty.py [--duration SECONDS]

Prints one JSON object.  Twice, each in a fresh folder: a switchboard with
the demo's data (SQLite, 127.0.0.1) and the real app signed in as the demo
agent (Qt ``offscreen``, FFmpeg's test pattern as the camera: no camera here).

* ``on_duty``: the demo's calendar, the agent's CAF permanence open now: the
  app opens the camera, shows the preview and goes available by itself;
* ``off_duty``: the same agent whose only permanence is tomorrow: the app
  keeps the camera released and waits.

For each: the app's CPU (percent of one core) and memory over ``--duration``
seconds once settled, and what its log says it did with the camera.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _desk_procs import measure, spawn, start_switchboard, uss_mb

from agentdesk.protocol.schedule import PermanenceDraft
from agentdesk.switchboard.schedule import PARIS
from agentdesk.switchboard.seed import DEMO_NOTE, DEMO_PASSWORD, seed_demo
from agentdesk.switchboard.store import Store

HERE = Path(__file__).resolve().parent
LOGIN = "agent.caf"
SETTLE_S = 10.0


def tomorrow_only(db: Path) -> None:
    """The demo agent's permanence moved to tomorrow morning."""
    store = Store(db)
    try:
        for perm in store.permanences():
            if perm.note == DEMO_NOTE and perm.service == "CAF":
                store.remove_permanence(perm.permanence_id)
        now = dt.datetime.now(PARIS)
        tomorrow = (now + dt.timedelta(days=1)).date().isoformat()
        draft = PermanenceDraft(
            service="CAF", date=tomorrow, start="09:00", end="12:00", agent_logins=[LOGIN]
        )
        store.save_permanence(draft, now.timestamp())
    finally:
        store.close()


def camera_story(log: Path) -> list[str]:
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8").splitlines()
    return [line.split(": ", 1)[-1] for line in lines if "camera " in line or "duty: " in line]


async def run(mode: str, duration: float) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix=f"agentdesk-{mode}-"))
    board = None
    app = None
    try:
        db = folder / "switchboard.db"
        seed_demo(db)
        if mode == "off_duty":
            tomorrow_only(db)
        board = await start_switchboard(db, folder / "switchboard.log")
        config = folder / "config"
        config.mkdir()
        (config / "settings.json").write_bytes(
            msgspec.json.encode(
                {"server_url": board.url, "auto_available": True, "devices_checked": True}
            )
        )
        app = await spawn(
            "app",
            [sys.executable, str(HERE / "_duty_app.py"), "--server", board.url,
             "--login", LOGIN, "--password", DEMO_PASSWORD, "--ice-address", "127.0.0.1",
             "--camera", "testsrc", "--config-dir", str(config),
             "--log-dir", str(folder / "logs")],
            folder / "app.log",
            env={"QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        await asyncio.sleep(SETTLE_S)
        window = await measure(app.pid, duration)
        return {
            "cpu_pct": window.cpu_pct,
            "rss_mb": window.rss_mb_end,
            "uss_mb": round(uss_mb(app.pid), 1),
            "seconds": window.seconds,
            "log": camera_story(folder / "logs" / "agentdesk.log"),
        }
    finally:
        if app is not None:
            with contextlib.suppress(Exception):
                await app.stop(quit_command=None)
        if board is not None:
            await board.stop()
        shutil.rmtree(folder, ignore_errors=True)


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=30.0)
    args = parser.parse_args()
    result: dict[str, Any] = {"duration_s": args.duration, "platform": "offscreen"}
    for mode in ("off_duty", "on_duty"):
        result[mode] = await run(mode, args.duration)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
