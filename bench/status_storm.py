"""The restart storm: every agent signing in at once, as after a restart of the
switchboard, and what each kiosk is told meanwhile.

    python bench/status_storm.py [--kiosks 2000] [--agents 300] [--source DIR]

Starts a real switchboard process on 127.0.0.1 with a fresh SQLite file,
connects the kiosks (real WebSockets, one process), then every agent says
hello at the same moment.  Each kiosk counts the ``service_status`` messages
it gets until it holds the right number of agents for every service.

Prints ONE JSON object on stdout:

- ``service_status_per_kiosk_mean`` / ``_max``: messages per kiosk during the
  storm (4 services);
- ``service_status_total``: all kiosks together;
- ``settled_s``: from the first hello to every kiosk holding the right counts;
- ``server_cpu_s``: the switchboard's CPU over that time.

``--source DIR`` runs the switchboard from another checkout (its ``agentdesk``),
for a before/after comparison; ``--interval`` sets ``--status-count-interval``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
from _server import AGENT_SERVICES, provision, start_server

SETTLE_TIMEOUT_S = 120.0

FROM_SOURCE = (
    "import runpy, sys\n"
    "sys.meta_path[:] = [f for f in sys.meta_path\n"
    "                    if 'editable' not in getattr(f, '__module__', '')]\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "sys.argv = ['agentdesk', *sys.argv[5:]]\n"
    "runpy.run_module('agentdesk', run_name='__main__', alter_sys=True)\n"
)
"""Runs ``python -m agentdesk ...`` from the checkout in argv[1]: this
checkout's editable install would otherwise win over PYTHONPATH."""


class Kiosk:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.statuses = 0
        self.counts: dict[str, int] = {}

    def take(self, status: dict[str, Any]) -> None:
        self.counts[status["service"]] = status.get("agents_signed_in", 0)

    async def read(self, changed: asyncio.Event) -> None:
        async for frame in self.ws:
            message = json.loads(frame.data)
            if message["type"] == "service_status":
                self.statuses += 1
                self.take(message["status"])
                changed.set()


async def hello(
    session: aiohttp.ClientSession, url: str, message: dict[str, Any]
) -> tuple[aiohttp.ClientWebSocketResponse, dict[str, Any]]:
    ws = await session.ws_connect(url, max_msg_size=0)
    await ws.send_str(json.dumps(message))
    welcome = json.loads(await ws.receive_str(timeout=60))
    assert welcome["type"] == "welcome", welcome
    return ws, welcome


async def drain(ws: aiohttp.ClientWebSocketResponse) -> None:
    async for _ in ws:
        pass


async def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    db = tmp / "sb.db"
    accounts = provision(db, args.kiosks, args.agents, 3600.0)
    expected = Counter(
        s for i in range(args.agents) for s in AGENT_SERVICES[i % len(AGENT_SERVICES)]
    )
    extra = ["--status-count-interval", str(args.interval)] if args.interval is not None else []
    prefix = [sys.executable, "-c", FROM_SOURCE, args.source] if args.source else None
    server = await start_server(db, tmp / "sb.log", *extra, prefix=prefix)
    changed = asyncio.Event()
    try:
        # No cap on connections (aiohttp holds the 101st until one closes).
        connector = aiohttp.TCPConnector(limit=0)
        async with (
            aiohttp.ClientSession(connector=connector) as session,
            asyncio.TaskGroup() as tasks,
        ):
            kiosks = []
            for kiosk_id, token in accounts.kiosks:
                ws, welcome = await hello(
                    session, server.url,
                    {"type": "hello", "role": "kiosk", "kiosk_id": kiosk_id, "token": token},
                )  # fmt: skip
                kiosk = Kiosk(ws)
                for status in welcome["service_status"]:
                    kiosk.take(status)
                kiosks.append(kiosk)
                tasks.create_task(kiosk.read(changed))
            print(f"{len(kiosks)} kiosks connected", file=sys.stderr)

            def settled() -> bool:
                return all(
                    k.counts.get(s, 0) == expected.get(s, 0) for k in kiosks for s in k.counts
                )

            cpu_before = server.cpu_s()
            started = time.monotonic()
            agents = await asyncio.gather(
                *(
                    hello(session, server.url, {"type": "hello", "role": "agent", "token": t})
                    for _, t in accounts.agents
                )
            )
            for ws, _ in agents:
                tasks.create_task(drain(ws))
            print(f"{len(agents)} agents signed in", file=sys.stderr)
            deadline = started + SETTLE_TIMEOUT_S
            while not settled() and time.monotonic() < deadline:
                changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), 1.0)
            settled_s = time.monotonic() - started
            done = settled()
            cpu = server.cpu_s() - cpu_before
            per_kiosk = [k.statuses for k in kiosks]
            for ws, _ in agents:
                await ws.close()
            for kiosk in kiosks:
                await kiosk.ws.close()
    finally:
        await server.stop()
    return {
        "kiosks": args.kiosks,
        "agents": args.agents,
        "status_count_interval_s": args.interval,
        "source": args.source or "this checkout",
        "settled": done,
        "settled_s": round(settled_s, 2),
        "service_status_per_kiosk_mean": round(statistics.fmean(per_kiosk), 1),
        "service_status_per_kiosk_max": max(per_kiosk),
        "service_status_total": sum(per_kiosk),
        "server_cpu_s": round(cpu, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=2000)
    parser.add_argument("--agents", type=int, default=300)
    parser.add_argument("--interval", type=float, default=None, metavar="S")
    parser.add_argument("--source", default=None, metavar="DIR")
    args = parser.parse_args()
    # Thousands of sockets in this one process.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with tempfile.TemporaryDirectory(prefix="status-storm-") as tmp:
        print(json.dumps(asyncio.run(run(args, Path(tmp)))))


if __name__ == "__main__":
    main()
