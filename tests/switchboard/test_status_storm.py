"""docs/protocol.md, "ServiceStatus": a kiosk is told of a change of state at
once, of a change of ``agents_signed_in`` alone at most once per interval.
Read on the wire as a kiosk vendor's browser would (raw JSON, with the time
each frame came), while agents sign in all at once as after a restart."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from agentdesk.protocol import Role
from agentdesk.switchboard.auth import hash_password
from agentdesk.switchboard.live import SwitchboardSettings
from agentdesk.switchboard.store import Store
from tests.support.switchboard import (
    PASSWORD,
    WAIT_S,
    Provisioned,
    WsClient,
    connect_agent,
)

from .conftest import Starter

INTERVAL_S = 1.0
AGENTS = 30


@dataclass
class RawKiosk:
    """A kiosk that records each ``service_status`` of CAF and when it came."""

    ws: aiohttp.ClientWebSocketResponse
    statuses: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    async def read(self) -> None:
        loop = asyncio.get_running_loop()
        async for frame in self.ws:
            message = json.loads(frame.data)
            if message["type"] == "service_status" and message["status"]["service"] == "CAF":
                self.statuses.append((loop.time(), message["status"]))
                self.changed.set()

    async def until(self, state: str, agents: int) -> None:
        def holds() -> bool:
            return (
                bool(self.statuses)
                and self.statuses[-1][1]["state"] == state
                and (self.statuses[-1][1].get("agents_signed_in", 0) == agents)
            )

        async def wait() -> None:
            while not holds():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), WAIT_S)

    def count_only(self) -> list[float]:
        """When the statuses that changed nothing but ``agents_signed_in`` came."""
        out = []
        for (_, before), (at, status) in zip(self.statuses, self.statuses[1:], strict=False):
            if {**before, "agents_signed_in": 0} == {**status, "agents_signed_in": 0}:
                out.append(at)
        return out


@contextlib.asynccontextmanager
async def raw_kiosks(url: str, accounts: Provisioned) -> AsyncIterator[list[RawKiosk]]:
    async with aiohttp.ClientSession() as session, asyncio.TaskGroup() as readers:
        kiosks = []
        for kiosk_id in ("pvp-murat", "pvp-riom"):
            ws = await session.ws_connect(url)
            hello = {"type": "hello", "role": "kiosk", "kiosk_id": kiosk_id,
                     "token": accounts.kiosk_tokens[kiosk_id]}  # fmt: skip
            await ws.send_str(json.dumps(hello))
            welcome = json.loads(await ws.receive_str(timeout=WAIT_S))
            caf = next(s for s in welcome["service_status"] if s["service"] == "CAF")
            assert caf["state"] == "no_agent_yet"
            kiosk = RawKiosk(ws)
            readers.create_task(kiosk.read())
            kiosks.append(kiosk)
        try:
            yield kiosks
        finally:
            for kiosk in kiosks:
                await kiosk.ws.close()


def add_caf_agents(db: Path) -> list[str]:
    logins = [f"storm{i:02}.caf" for i in range(AGENTS)]
    hashed = hash_password(PASSWORD)
    with contextlib.closing(Store(db)) as store:
        for login in logins:
            store.add_agent(login, f"Agent {login}", "caf", ["CAF"], PASSWORD, Role.AGENT,
                            password_hash=hashed)  # fmt: skip
    return logins


async def test_agents_signing_in_at_once_tell_each_kiosk_a_bounded_number_of_times(
    start: Starter, db: Path, accounts: Provisioned
) -> None:
    logins = add_caf_agents(db)
    sb = await start("--status-count-interval", str(INTERVAL_S))
    async with raw_kiosks(sb.url, accounts) as kiosks:
        agents: list[WsClient] = [
            client for client, _ in await asyncio.gather(*(connect_agent(sb, x) for x in logins))
        ]
        for kiosk in kiosks:
            await kiosk.until("open", AGENTS)
        # Everyone leaves at once (the app closed): the state changes, at once.
        await asyncio.gather(*(agent.close() for agent in agents))
        for kiosk in kiosks:
            await kiosk.until("no_agent_yet", 0)

        for kiosk in kiosks:
            states = [s["state"] for _, s in kiosk.statuses]
            # The first agent opens the service, the last one's leaving closes
            # it: each said once, the counts in between coalesced.
            assert states[0] == "open" and states[-1] == "no_agent_yet", states
            assert states.count("no_agent_yet") == 1, states
            counts = kiosk.count_only()
            # Counts alone come at least INTERVAL_S apart (one more for the
            # frames' own jitter): without coalescing there were ~58 here.
            span = counts[-1] - counts[0] if counts else 0.0
            assert len(counts) <= 2 + span / INTERVAL_S, (len(counts), span, kiosk.statuses)


def test_the_guide_states_the_interval_the_switchboard_keeps() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text("utf-8")
    default = SwitchboardSettings().status_count_interval_s
    assert f"at most once every {default:g} seconds" in " ".join(guide.split())
