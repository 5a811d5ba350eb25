"""Transfers to a named colleague and the staffing snapshot, on a real switchboard.

    python bench/transfer.py [--agents 60] [--staffing-requests 200] [--transfers 20]

Starts a real switchboard process on 127.0.0.1 with a fresh SQLite file in a
temporary directory, signs ``--agents`` agents of one service in over real
WebSockets (half available, half paused, none taking pushed calls), then:

- ``staffing_ms_p50`` / ``_p99``: round trip of ``list_staffing`` (sent to the
  ``staffing`` reply read), ``--staffing-requests`` times, 40 a second (under
  the switchboard's rate limit);
  ``staffing_bytes``: the size of one reply;
- ``transfer_to_offer_ms_p50`` / ``_p99``: from ``transfer`` (with ``agent``)
  sent by the first agent to ``offered`` read by the named colleague;
  ``transfer_to_result_ms_p50`` / ``_p99``: from the colleague's
  ``accept_offer`` sent to ``transfer_result`` read by the first agent;
  ``--transfers`` calls, each taken, connected, transferred, accepted, ended.

Prints ONE JSON object on stdout.  Figures include both loopback hops and the
client's own loop; the machine is shared, so compare runs made side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from agentdesk.protocol import (  # noqa: E402
    AcceptOffer,
    AgentState,
    CallState,
    CallUpdate,
    FinishWrapUp,
    Hangup,
    ListStaffing,
    MediaConnected,
    Offered,
    QueueCall,
    SetPresence,
    Staffing,
    TakeCall,
    Transfer,
    TransferResult,
    encode,
)
from agentdesk.switchboard.store import Store  # noqa: E402
from tests.support.switchboard import (  # noqa: E402
    PASSWORD,
    WsClient,
    connect_agent,
    connect_kiosk,
    start_switchboard,
)

PACE_S = 0.025


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def provision(db: Path, agents: int) -> str:
    """One agency, one service, ``agents`` agents; returns the kiosk's token."""
    from agentdesk.protocol import Role
    from agentdesk.switchboard.auth import hash_password

    with contextlib.closing(Store(db)) as store:
        store.add_agency("caf", "CAF du Cantal")
        store.add_service("CAF", "Allocations familiales", "caf")
        hashed = hash_password(PASSWORD)
        for i in range(agents):
            store.add_agent(f"agent{i:03d}", f"Agent {i:03d}", "caf", ["CAF"], PASSWORD,
                            Role.AGENT, password_hash=hashed)  # fmt: skip
        return store.add_kiosk("pvp-murat", "PVP Murat", "Murat", 45.11, 2.87)


async def run(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "switchboard.db"
        kiosk_token = provision(db, args.agents)
        sb = await start_switchboard(db)
        clients: list[WsClient] = []
        try:
            for i in range(args.agents):
                client, _ = await connect_agent(sb, f"agent{i:03d}")
                clients.append(client)
                state = AgentState.AVAILABLE if i % 2 else AgentState.PAUSED
                await client.request(SetPresence(state=state, auto_answer=False))
            first, colleague = clients[0], clients[1]
            kiosk, _ = await connect_kiosk(sb, "pvp-murat", kiosk_token)
            clients.append(kiosk)

            staffing_ms: list[float] = []
            size = 0
            for _ in range(args.staffing_requests):
                started = time.perf_counter()
                reply = await first.request(ListStaffing())
                staffing_ms.append((time.perf_counter() - started) * 1000)
                assert isinstance(reply, Staffing), reply
                size = len(encode(reply))
                # Under the switchboard's rate limit (50 messages a second).
                await asyncio.sleep(PACE_S)
            handle = next(
                c.agent for c in reply.services[0].agents if c.display_name == "Agent 001"
            )

            to_offer: list[float] = []
            to_result: list[float] = []
            for _ in range(args.transfers):
                call_id = (await kiosk.request(QueueCall(service="CAF"))).call.call_id
                await first.request(TakeCall(call_id=call_id))
                await kiosk.request(MediaConnected(call_id=call_id))
                await first.next(CallUpdate, lambda u: u.call.state is CallState.CONNECTED)
                started = time.perf_counter()
                await first.send(Transfer(call_id=call_id, service="CAF", agent=handle))
                await colleague.next(Offered, lambda m, c=call_id: m.call.call_id == c)
                to_offer.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                await colleague.send(AcceptOffer(call_id=call_id))
                await first.next(TransferResult, lambda m, c=call_id: m.call_id == c)
                to_result.append((time.perf_counter() - started) * 1000)
                await colleague.request(Hangup(call_id=call_id))
                await colleague.request(FinishWrapUp(call_id=call_id))
                await first.request(FinishWrapUp(call_id=call_id))
                await first.request(SetPresence(state=AgentState.PAUSED))
                await colleague.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=False))
        finally:
            for client in clients:
                with contextlib.suppress(Exception):
                    await client.close()
            await sb.stop()
    return {
        "agents": args.agents,
        "staffing_requests": args.staffing_requests,
        "staffing_ms_p50": round(statistics.median(staffing_ms), 2),
        "staffing_ms_p99": percentile(staffing_ms, 0.99),
        "staffing_bytes": size,
        "transfers": args.transfers,
        "transfer_to_offer_ms_p50": round(statistics.median(to_offer), 2),
        "transfer_to_offer_ms_p99": percentile(to_offer, 0.99),
        "transfer_to_result_ms_p50": round(statistics.median(to_result), 2),
        "transfer_to_result_ms_p99": percentile(to_result, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=60)
    parser.add_argument("--staffing-requests", type=int, default=200)
    parser.add_argument("--transfers", type=int, default=20)
    print(json.dumps(asyncio.run(run(parser.parse_args()))))


if __name__ == "__main__":
    main()
