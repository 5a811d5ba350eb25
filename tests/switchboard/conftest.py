"""Fixtures: a provisioned SQLite file and real switchboard processes on it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from agentdesk.protocol import Welcome
from tests.support.switchboard import (
    Provisioned,
    SwitchboardProcess,
    WsClient,
    connect_agent,
    connect_kiosk,
    start_switchboard,
)

# Short timings so that timeouts and graces happen within a test.
FAST = [
    "--offer-timeout", "3", "--agent-grace", "1", "--kiosk-grace", "4",
    "--heartbeat", "2", "--position-interval", "0.05", "--snapshot-interval", "0.05",
]  # fmt: skip

Starter = Callable[..., Awaitable[SwitchboardProcess]]


@pytest.fixture
async def start(db: Path, accounts: Provisioned) -> AsyncIterator[Starter]:
    """Starts switchboards on the provisioned file (FAST timings plus extra
    options); stops them all at the end."""
    running: list[SwitchboardProcess] = []

    async def starter(*extra: str, fast: bool = True) -> SwitchboardProcess:
        sb = await start_switchboard(db, *(FAST if fast else []), *extra)
        running.append(sb)
        return sb

    yield starter
    for sb in running:
        if sb.proc.returncode is None:
            await sb.stop()


@pytest.fixture
async def sb(start: Starter) -> SwitchboardProcess:
    return await start()


Joiner = Callable[[SwitchboardProcess, str], Awaitable[tuple[WsClient, Welcome]]]


@pytest.fixture
async def join(accounts: Provisioned) -> AsyncIterator[Joiner]:
    """Connects a kiosk (by id) or an agent (by login, after a real login) and
    closes every such client at the end."""
    opened: list[WsClient] = []

    async def joiner(sb: SwitchboardProcess, who: str) -> tuple[WsClient, Welcome]:
        if who in accounts.kiosk_tokens:
            client, welcome = await connect_kiosk(sb, who, accounts.kiosk_tokens[who])
        else:
            client, welcome = await connect_agent(sb, who)
        opened.append(client)
        return client, welcome

    yield joiner
    for client in opened:
        with contextlib.suppress(Exception):
            await client.close()
