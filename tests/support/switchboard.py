"""A real switchboard process for tests, accounts in its SQLite file, and real
WebSocket/HTTP clients to talk to it.

Reusable by any test suite (switchboard, kiosk, app):

    db = tmp_path / "sb.db"
    ids = provision(db)                       # two agencies, services, agents, kiosks
    async with running_switchboard(db, "--offer-timeout", "2") as sb:
        agent = await connect_agent(sb, "agent.caf")
        kiosk = await connect_kiosk(sb, "pvp-murat", ids.kiosk_tokens["pvp-murat"])

Provisioning writes the SQLite file directly, in this process: it works
before the server starts and while it runs (the server reads accounts at
each login and hello).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import msgspec

from agentdesk.protocol import Base, Error, Hello, Role, Welcome, decode_server, encode
from agentdesk.switchboard.store import Store

PASSWORD = "secret-password-1"
START_TIMEOUT_S = 30.0
WAIT_S = 15.0

AGENT_TAKING_A_CALL = (
    "import asyncio, json, sys, aiohttp\n"
    "async def main():\n"
    "    async with aiohttp.ClientSession() as s, s.ws_connect(sys.argv[1]) as ws:\n"
    "        hello = {'type': 'hello', 'role': 'agent', 'token': sys.argv[2]}\n"
    "        await ws.send_str(json.dumps(hello))\n"
    "        await ws.receive()\n"
    "        await ws.send_str(json.dumps({'type': 'take_call', 'call_id': sys.argv[3]}))\n"
    "        print('took', flush=True)\n"
    "        async for _ in ws:\n"
    "            pass\n"
    "asyncio.run(main())\n"
)
"""An agent's app as its own process, to be killed or stopped (``python -c``
with the WebSocket URL, an access token and a call id): says hello, takes the
call, prints ``took``, then reads on (answering pings) until the end."""

# -- the process -----------------------------------------------------------


@dataclass
class SwitchboardProcess:
    proc: asyncio.subprocess.Process
    db: Path
    url: str
    """ws://127.0.0.1:PORT/api/v1/ws"""
    http: str
    """http://127.0.0.1:PORT"""
    port: int
    log_path: Path
    args: list[str]

    def kill(self) -> None:
        """SIGKILL: no chance to clean up (a crash, a power-cut of the process)."""
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()

    async def stop(self, within: float = 20.0) -> int:
        """SIGTERM and wait for a clean exit; returns the exit code."""
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            self.kill()
            await self.proc.wait()
            raise

    def log_records(self) -> list[dict[str, Any]]:
        """The JSON log lines written on stderr so far."""
        out = []
        for line in self.log_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
        return out


async def start_switchboard(
    db: Path, *extra: str, log_path: Path | None = None, host: str = "127.0.0.1"
) -> SwitchboardProcess:
    """Starts ``python -m agentdesk switchboard serve --port 0`` and waits for
    its listening line.  ``extra`` are more serve options (e.g. short timeouts)."""
    log_path = log_path or db.with_suffix(f".{os.getpid()}.{next(_counter)}.log")
    args = [sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
            "--host", host, "--port", "0", *extra]  # fmt: skip
    with open(log_path, "w", encoding="utf-8") as log:  # noqa: ASYNC230 - opening is instant
        proc = await asyncio.create_subprocess_exec(
            *args, stdout=asyncio.subprocess.PIPE, stderr=log, stdin=asyncio.subprocess.DEVNULL
        )
    assert proc.stdout is not None
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), START_TIMEOUT_S)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise RuntimeError(f"switchboard did not listen: {log_path.read_text()}") from None
    if not line:
        await proc.wait()
        raise RuntimeError(f"switchboard exited {proc.returncode}: {log_path.read_text()}")
    info = json.loads(line)
    assert info["event"] == "listening", info
    return SwitchboardProcess(proc, db, info["url"], info["http"], info["port"], log_path, args)


_counter = itertools.count()


@contextlib.asynccontextmanager
async def running_switchboard(db: Path, *extra: str) -> AsyncIterator[SwitchboardProcess]:
    sb = await start_switchboard(db, *extra)
    try:
        yield sb
    finally:
        if sb.proc.returncode is None:
            await sb.stop()


# -- accounts ----------------------------------------------------------------


def add_agency(db: Path, agency_id: str, name: str | None = None) -> None:
    with contextlib.closing(Store(db)) as store:
        store.add_agency(agency_id, name or agency_id)


def add_service(db: Path, code: str, agency: str, name: str | None = None) -> None:
    with contextlib.closing(Store(db)) as store:
        store.add_service(code, name or code, agency)


def add_agent(
    db: Path,
    login: str,
    *,
    agency: str,
    services: list[str],
    role: Role = Role.AGENT,
    password: str = PASSWORD,
    name: str | None = None,
) -> None:
    with contextlib.closing(Store(db)) as store:
        store.add_agent(login, name or f"Agent {login}", agency, services, password, role)


def add_kiosk(
    db: Path,
    kiosk_id: str,
    *,
    commune: str = "Murat",
    lat: float = 45.1101,
    lon: float = 2.8686,
    name: str | None = None,
) -> str:
    """Returns the kiosk's device token."""
    with contextlib.closing(Store(db)) as store:
        return store.add_kiosk(kiosk_id, name or f"PVP {commune}", commune, lat, lon)


def add_appointment(db: Path, service: str, kiosk_id: str, due_at: float) -> str:
    with contextlib.closing(Store(db)) as store:
        return store.add_appointment(service, kiosk_id, due_at)


@dataclass
class Provisioned:
    """What ``provision`` created.  Every account's password is ``PASSWORD``."""

    kiosk_tokens: dict[str, str] = field(default_factory=dict)


KIOSKS = [
    ("pvp-murat", "Murat", 45.1101, 2.8686),
    ("pvp-riom", "Riom-ès-Montagnes", 45.2822, 2.6597),
    ("pvp-maurs", "Maurs", 44.7103, 2.1981),
    ("pvp-allanche", "Allanche", 45.2290, 2.9341),
    ("pvp-pleaux", "Pleaux", 45.1361, 2.2289),
    ("pvp-saignes", "Saignes", 45.3364, 2.4789),
]


def provision(db: Path) -> Provisioned:
    """Two agencies and their accounts, six kiosks:

    - agency ``caf`` (CAF du Cantal): services CAF and CPAM; agents ``agent.caf``,
      ``agent2.caf``, ``agent3.caf`` (CAF), ``agent.cpam`` (CPAM), supervisor
      ``sup.caf`` (serves nothing);
    - agency ``msa`` (MSA Auvergne): service MSA; agent ``agent.msa``,
      supervisor ``sup.msa``.
    """
    with contextlib.closing(Store(db)) as store:
        store.add_agency("caf", "CAF du Cantal")
        store.add_agency("msa", "MSA Auvergne")
        store.add_service("CAF", "Allocations familiales", "caf")
        store.add_service("CPAM", "Assurance maladie", "caf")
        store.add_service("MSA", "Mutualité sociale agricole", "msa")
        from agentdesk.switchboard.auth import hash_password

        hashed = hash_password(PASSWORD)
        for login, agency, services, role in [
            ("agent.caf", "caf", ["CAF"], Role.AGENT),
            ("agent2.caf", "caf", ["CAF"], Role.AGENT),
            ("agent3.caf", "caf", ["CAF"], Role.AGENT),
            ("agent.cpam", "caf", ["CPAM"], Role.AGENT),
            ("sup.caf", "caf", [], Role.SUPERVISOR),
            ("agent.msa", "msa", ["MSA"], Role.AGENT),
            ("sup.msa", "msa", [], Role.SUPERVISOR),
        ]:
            store.add_agent(login, f"Agent {login}", agency, services, PASSWORD, role,
                            password_hash=hashed)  # fmt: skip
        out = Provisioned()
        for kiosk_id, commune, lat, lon in KIOSKS:
            out.kiosk_tokens[kiosk_id] = store.add_kiosk(
                kiosk_id, f"PVP {commune}", commune, lat, lon
            )
        return out


# -- HTTP --------------------------------------------------------------------


async def http_json(
    sb: SwitchboardProcess,
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    data: bytes | None = None,
) -> tuple[int, Any]:
    """One HTTP request; returns (status, decoded JSON body)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as session,
        session.request(
            method, sb.http + path, json=body, data=data, headers=headers,
            timeout=aiohttp.ClientTimeout(total=WAIT_S),
        ) as response,
    ):  # fmt: skip
        return response.status, json.loads(await response.read())


async def set_clock(sb: SwitchboardProcess, now: float) -> None:
    """Moves the clock of a switchboard started with ``--test-clock``; it has
    re-evaluated its calendar (statuses sent, no-shows recorded) when this returns."""
    status, body = await http_json(sb, "PUT", "/api/v1/test/clock", {"now": now})
    assert status == 200, body


async def login(sb: SwitchboardProcess, user: str, password: str = PASSWORD) -> dict[str, Any]:
    """POST /api/v1/login; returns the token response (asserts success)."""
    status, body = await http_json(
        sb, "POST", "/api/v1/login", {"login": user, "password": password}
    )
    assert status == 200, body
    assert isinstance(body, dict)
    return body


async def agent_process_taking(
    sb: SwitchboardProcess, login_name: str, call_id: str
) -> asyncio.subprocess.Process:
    """``AGENT_TAKING_A_CALL`` running, once it has taken the call."""
    tokens = await login(sb, login_name)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", AGENT_TAKING_A_CALL, sb.url, tokens["access_token"], call_id,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    if await asyncio.wait_for(proc.stdout.readline(), WAIT_S) != b"took\n":
        proc.kill()
        await proc.wait()
        raise RuntimeError("the agent process did not take the call")
    return proc


async def login_status(
    sb: SwitchboardProcess,
    user: str,
    password: str = PASSWORD,
    *,
    source: str = "127.0.0.1",
    forwarded: str | None = None,
) -> int:
    """POST /api/v1/login from a loopback ``source`` address (another desk),
    with ``forwarded`` as X-Forwarded-For if given; returns the HTTP status."""
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    async with (
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0))) as session,
        session.post(
            sb.http + "/api/v1/login", json={"login": user, "password": password}, headers=headers
        ) as response,
    ):
        return response.status


# -- WebSocket clients -------------------------------------------------------


class WsClient:
    """A real WebSocket client that records every message it receives.

    ``next`` returns (and consumes) the first unconsumed message matching; the
    others stay for later calls, so tests need not care how messages to one
    client interleave."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.session = session
        self.ws = ws
        self.inbox: list[Base] = []
        self.bad_frames: list[str] = []
        self.raw: list[dict[str, Any]] = []
        """Every text frame as the JSON object it was, for tests of the wire format."""
        self.close_code: int | None = None
        self.closed = asyncio.Event()
        self._consumed: set[int] = set()
        self._changed = asyncio.Condition()
        self._ids = itertools.count(1)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                if frame.type is aiohttp.WSMsgType.TEXT:
                    with contextlib.suppress(ValueError):
                        self.raw.append(json.loads(frame.data))
                    try:
                        message = decode_server(frame.data)
                    except Exception:
                        self.bad_frames.append(frame.data)
                        continue
                    async with self._changed:
                        self.inbox.append(message)
                        self._changed.notify_all()
        finally:
            self.close_code = self.ws.close_code
            self.closed.set()
            async with self._changed:
                self._changed.notify_all()

    def new_id(self) -> str:
        return f"r{next(self._ids)}"

    async def send(self, message: Base | dict[str, Any] | str) -> str | None:
        """Sends a message (a struct gets an id if it has none); returns its id."""
        if isinstance(message, Base):
            if message.id is None:
                message = msgspec.structs.replace(message, id=self.new_id())
            await self.ws.send_str(encode(message))
            return message.id
        if isinstance(message, dict):
            await self.ws.send_str(json.dumps(message))
            rid = message.get("id")
            return rid if isinstance(rid, str) else None
        await self.ws.send_str(message)
        return None

    async def next(
        self,
        kind: type[Base] | tuple[type[Base], ...] = Base,
        where: Callable[[Any], bool] = lambda m: True,
        within: float = WAIT_S,
    ) -> Any:
        """The first unconsumed message of ``kind`` for which ``where`` holds."""

        def find() -> Any:
            for i, message in enumerate(self.inbox):
                if i not in self._consumed and isinstance(message, kind) and where(message):
                    self._consumed.add(i)
                    return message
            return None

        async def wait() -> Any:
            async with self._changed:
                while True:
                    found = find()
                    if found is not None:
                        return found
                    if self.closed.is_set():
                        raise ConnectionError(
                            f"closed ({self.close_code}) while waiting for {kind}"
                        )
                    await self._changed.wait()

        try:
            return await asyncio.wait_for(wait(), within)
        except TimeoutError:
            seen = [type(m).__name__ for i, m in enumerate(self.inbox) if i not in self._consumed]
            raise AssertionError(f"no {kind} in {within}s; unconsumed: {seen}") from None

    async def reply_to(self, rid: str | None, within: float = WAIT_S) -> Any:
        """The reply (or error) whose ``ref`` is ``rid``."""
        return await self.next(Base, lambda m: getattr(m, "ref", None) == rid, within)

    async def request(self, message: Base | dict[str, Any]) -> Any:
        return await self.reply_to(await self.send(message))

    async def expect_error(self, message: Base | dict[str, Any] | str, code: str) -> Error:
        rid = await self.send(message)
        if rid is None:
            error = await self.next(Error)
        else:
            error = await self.reply_to(rid)
        assert isinstance(error, Error), error
        assert error.code == code, error
        return error

    def unconsumed(self, kind: type[Base] = Base) -> list[Any]:
        return [
            m for i, m in enumerate(self.inbox) if i not in self._consumed and isinstance(m, kind)
        ]

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader
        await self.session.close()

    def abort(self) -> None:
        """Drops the TCP connection without a closing handshake (a crash)."""
        transport = self.ws._response.connection.transport if self.ws._response.connection else None
        if transport is not None:
            transport.abort()


async def open_ws(sb: SwitchboardProcess | str) -> WsClient:
    """A WebSocket to a switchboard (or to a ws:// URL), before hello."""
    session = aiohttp.ClientSession()
    try:
        ws = await session.ws_connect(
            sb if isinstance(sb, str) else sb.url,
            timeout=aiohttp.ClientWSTimeout(ws_close=5.0),
            max_msg_size=0,
        )
    except BaseException:
        await session.close()
        raise
    return WsClient(session, ws)


async def connect(sb: SwitchboardProcess | str, hello: Hello) -> tuple[WsClient, Welcome]:
    """Opens a connection and says hello; returns the client and its welcome."""
    client = await open_ws(sb)
    reply = await client.request(hello)
    if not isinstance(reply, Welcome):
        await client.close()
        raise AssertionError(f"hello refused: {reply}")
    return client, reply


async def connect_agent(
    sb: SwitchboardProcess, user: str, password: str = PASSWORD
) -> tuple[WsClient, Welcome]:
    tokens = await login(sb, user, password)
    role = Role(tokens["role"])
    return await connect(sb, Hello(role=role, token=tokens["access_token"]))


async def connect_kiosk(
    sb: SwitchboardProcess | str, kiosk_id: str, token: str
) -> tuple[WsClient, Welcome]:
    return await connect(sb, Hello(role=Role.KIOSK, token=token, kiosk_id=kiosk_id))
