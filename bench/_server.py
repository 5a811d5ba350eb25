"""The switchboard under test: accounts in a fresh SQLite file, the real server
process, and what the benchmark reads from it (CPU, memory, metrics, history).

Small on purpose: bench/ does not import tests/, so the few helpers it shares
in spirit with tests/support/switchboard.py are written again here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psutil

from agentdesk.protocol import Role
from agentdesk.switchboard.auth import TokenSigner, hash_password
from agentdesk.switchboard.store import Store

PASSWORD = "bench-password-1"
SERVICES = {"CAF": "caf", "CPAM": "caf", "MSA": "msa", "UDAF": "msa"}
# Agents serve one or two services, in this rotation.
AGENT_SERVICES = [
    ["CAF"],
    ["CAF", "CPAM"],
    ["CPAM"],
    ["MSA"],
    ["MSA", "UDAF"],
    ["UDAF"],
    ["CAF"],
    ["CAF"],
    ["MSA"],
    ["CPAM"],
]


@dataclass
class Accounts:
    kiosks: list[tuple[str, str]] = field(default_factory=list)
    """(kiosk id, device token)"""
    agents: list[tuple[str, str]] = field(default_factory=list)
    """(login, access token)"""
    services: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    """How often kiosks ask for each service: its share of the agents' capacity."""


def provision(db: Path, kiosks: int, agents: int, token_ttl_s: float) -> Accounts:
    """Agencies, services, agents with auto-answer, kiosks with device tokens.

    Agents' access tokens are issued with the switchboard's own signing key
    (read from the file, as the server does) instead of 300 password logins:
    each login costs a deliberate scrypt, which is not what is measured."""
    out = Accounts()
    with contextlib.closing(Store(db)) as store:
        store.add_agency("caf", "CAF (bench)")
        store.add_agency("msa", "MSA (bench)")
        for code, agency in SERVICES.items():
            store.add_service(code, code, agency)
        hashed = hash_password(PASSWORD)
        capacity = dict.fromkeys(SERVICES, 0.0)
        signer = TokenSigner(store.secret(), token_ttl_s)
        for i in range(agents):
            services = AGENT_SERVICES[i % len(AGENT_SERVICES)]
            agency = SERVICES[services[0]]
            login = f"agent{i:04d}"
            store.add_agent(
                login, f"Agent {i}", agency, services, PASSWORD, Role.AGENT, password_hash=hashed
            )
            out.agents.append((login, signer.issue(login, Role.AGENT, agency)))
            for service in services:
                capacity[service] += 1.0 / len(services)
        for agency in ("caf", "msa"):
            store.add_agent(
                f"sup.{agency}",
                f"Supervisor {agency}",
                agency,
                [],
                PASSWORD,
                Role.SUPERVISOR,
                password_hash=hashed,
            )
        for i in range(kiosks):
            kiosk_id = f"pvp-{i:05d}"
            token = store.add_kiosk(kiosk_id, f"PVP {i}", f"Commune {i % 250}", 45.0, 2.5)
            out.kiosks.append((kiosk_id, token))
    total = sum(capacity.values()) or 1.0
    out.services = [s for s in SERVICES if capacity[s] > 0] or ["CAF"]
    out.weights = [capacity[s] / total for s in out.services] if agents else [1.0]
    return out


@dataclass
class Server:
    proc: asyncio.subprocess.Process
    url: str
    http: str
    db: Path
    ps: psutil.Process
    profiled: bool = False

    async def stop(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                # py-spy writes its profile on SIGINT and passes it on.
                self.proc.send_signal(signal.SIGINT if self.profiled else signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 30.0)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()

    def rss_mb(self) -> float:
        return float(self.ps.memory_info().rss) / 2**20

    def cpu_s(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)


async def start_server(
    db: Path,
    log_path: Path,
    *extra: str,
    prefix: list[str] | None = None,
    python_args: list[str] | None = None,
) -> Server:
    args = [
        *(prefix or []),
        sys.executable,
        *(python_args or []),
        "-m",
        "agentdesk",
        "switchboard",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        # Every client of the benchmark comes from 127.0.0.1.
        "--max-connections-per-source",
        "1000000",
        *extra,
    ]
    with open(log_path, "w", encoding="utf-8") as log:  # noqa: ASYNC230 - opening is instant
        proc = await asyncio.create_subprocess_exec(
            *args, stdout=asyncio.subprocess.PIPE, stderr=log, stdin=asyncio.subprocess.DEVNULL
        )
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), 60.0)
    while line and not line.startswith(b"{"):  # a profiler's own lines
        line = await asyncio.wait_for(proc.stdout.readline(), 60.0)
    if not line:
        await proc.wait()
        raise RuntimeError(f"switchboard exited {proc.returncode}: see {log_path}")
    info = json.loads(line)
    ps = psutil.Process(proc.pid)
    if prefix:
        # Under a profiler the server is its child.
        children = ps.children(recursive=True)
        ps = next((c for c in children if "agentdesk" in " ".join(c.cmdline())), ps)
    return Server(proc, info["url"], info["http"], db, ps, profiled=bool(prefix))


async def get_json(http: str, path: str, token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with aiohttp.ClientSession() as session:  # noqa: SIM117
        async with session.get(
            http + path, headers=headers, timeout=aiohttp.ClientTimeout(total=60)
        ) as response:
            body = await response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
            return json.loads(body)


async def login(http: str, user: str) -> str:
    """A real password login (one: the supervisor's); returns the access token."""
    async with aiohttp.ClientSession() as session:  # noqa: SIM117
        async with session.post(
            http + "/api/v1/login",
            json={"login": user, "password": PASSWORD},
            timeout=aiohttp.ClientTimeout(total=60),
        ) as response:
            body = json.loads(await response.read())
            if response.status != 200:
                raise RuntimeError(f"login {user}: {response.status} {body}")
            return str(body["access_token"])


def call_states(db: Path, since: float) -> dict[str, tuple[str, float | None]]:
    """Every call that arrived since ``since``: id -> (state, ended_at), read from
    the switchboard's own file (read-only, alongside the running server)."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as conn:
        rows = conn.execute(
            "SELECT id, state, ended_at FROM calls WHERE queued_at >= ?", (since,)
        ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def served_between(db: Path, start: float, end: float) -> int:
    """Calls that reached the end of a conversation (hang-up) in [start, end)."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM calls WHERE ended_at >= ? AND ended_at < ?"
            " AND state IN ('wrap_up', 'done')",
            (start, end),
        ).fetchone()
    return int(row[0])
