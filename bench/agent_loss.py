"""How soon a lost agent's call is offered to another agent.

    python bench/agent_loss.py [--trials 5]

For each trial, a fresh switchboard (real process, fresh SQLite file, default
timings) with one kiosk and two agents: the kiosk queues, the first agent (a
real process) takes the call, the second is available with auto-answer; then
the first agent's process is either killed (SIGKILL: its socket closes) or
frozen (SIGSTOP: its socket stays open, only unanswered pings tell).

Prints ONE JSON object: for each way of losing the agent, the seconds from the
signal to the kiosk's ``call_update(queued, agent_lost)`` (``requeued_s``) and
to the second agent's ``offered`` (``offered_s``). docs/protocol.md promises
the call back within 5 s in both cases.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _server import provision, start_server

from tests.support.switchboard import AGENT_TAKING_A_CALL


async def next_message(ws: aiohttp.ClientWebSocketResponse, **fields: Any) -> dict[str, Any]:
    """The next message whose fields (``call.state`` as ``state``) match."""
    while True:
        message: dict[str, Any] = json.loads(await ws.receive_str(timeout=60))
        found = {**message, "state": (message.get("call") or {}).get("state")}
        if all(found.get(k) == v for k, v in fields.items()):
            return message


async def trial(tmp: Path, how: signal.Signals) -> tuple[float, float]:
    db = tmp / f"{how.name}-{time.monotonic_ns()}.db"
    accounts = provision(db, kiosks=1, agents=2, token_ttl_s=3600.0)
    server = await start_server(db, tmp / "switchboard.log")
    (kiosk_id, kiosk_token), (_, first), (_, second) = accounts.kiosks[0], *accounts.agents
    proc = None
    try:
        async with aiohttp.ClientSession() as session:
            kiosk = await session.ws_connect(server.url)
            hello = {"type": "hello", "role": "kiosk", "kiosk_id": kiosk_id, "token": kiosk_token}
            await kiosk.send_str(json.dumps(hello))
            await next_message(kiosk, type="welcome")
            await kiosk.send_str(json.dumps({"type": "queue_call", "id": "q", "service": "CAF"}))
            call_id = (await next_message(kiosk, type="queued", ref="q"))["call"]["call_id"]
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-c", AGENT_TAKING_A_CALL, server.url, first, call_id,
                stdout=asyncio.subprocess.PIPE,
            )  # fmt: skip
            assert proc.stdout is not None
            if await asyncio.wait_for(proc.stdout.readline(), 60) != b"took\n":
                raise RuntimeError("the first agent did not take the call")
            await next_message(kiosk, type="call_update", state="connecting")
            other = await session.ws_connect(server.url)
            await other.send_str(json.dumps({"type": "hello", "role": "agent", "token": second}))
            await next_message(other, type="welcome")
            available = {"type": "set_presence", "state": "available", "auto_answer": True}
            await other.send_str(json.dumps({**available, "id": "p"}))
            await next_message(other, type="ack", ref="p")
            start = time.monotonic()
            proc.send_signal(how)
            await next_message(kiosk, type="call_update", state="queued")
            requeued = time.monotonic() - start
            await next_message(other, type="offered")
            return requeued, time.monotonic() - start
    finally:
        if proc is not None and proc.returncode is None:
            proc.kill()
            await proc.wait()
        await server.stop()


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "each": [round(v, 3) for v in values],
        "median": round(statistics.median(values), 3),
        "max": round(max(values), 3),
    }


async def run(trials: int, tmp: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, how in (("killed", signal.SIGKILL), ("frozen", signal.SIGSTOP)):
        results = [await trial(tmp, how) for _ in range(trials)]
        out[f"{name}_requeued_s"] = summary([r for r, _ in results])
        out[f"{name}_offered_s"] = summary([o for _, o in results])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    with tempfile.TemporaryDirectory(prefix="agentdesk-bench-") as tmp:
        result = asyncio.run(run(args.trials, Path(tmp)))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
