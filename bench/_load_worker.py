"""One load process of the switchboard benchmark: a share of the kiosks and agents.

Driven by bench/switchboard_load.py over stdin/stdout, one JSON object a line:

    parent -> worker   {"spec": ...}           who to simulate and how
    worker -> parent   {"event": "ready"}      every client said hello and got welcome
    parent -> worker   {"go": T0, "end": T1}   monotonic times: load from T0 to T1
    worker -> parent   {"event": "drained"}    after T1, no call in progress here
    parent -> worker   {"report": true}
    worker -> parent   {"event": "report", ...}
    parent -> worker   {"close": true}         close connections and exit

The clients are kept minimal on purpose (raw aiohttp WebSockets, a small
msgspec struct decoded per message, queue snapshots skipped unread) so that
the generator adds as little delay as it can to what it measures.  Times are
``time.monotonic()``, which on Linux is the same clock in every process, so the
parent can join a kiosk's queueing time with the agent's offer time.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import random
import sys
import time
from typing import Any, TypeVar

import aiohttp
import msgspec

# Frames these clients never read: skipped by prefix before any decoding
# (msgspec writes the tag first, then set fields in order: a position update,
# unlike the reply to queue_call, has no ``ref``).
_SKIP = (
    '{"type":"queue_snapshot"',
    '{"type":"agent_status"',
    '{"type":"feed"',
    '{"type":"queued","call"',
)
CONNECT_CONCURRENCY = 64


class _Call(msgspec.Struct):
    call_id: str
    state: str


class _Msg(msgspec.Struct):
    """The few fields the simulated clients look at; the rest is skipped."""

    type: str
    ref: str | None = None
    call: _Call | None = None
    code: str | None = None
    message: str | None = None


_decode = msgspec.json.Decoder(_Msg).decode
C = TypeVar("C", bound="Client")


def _encode(obj: dict[str, Any]) -> str:
    return msgspec.json.encode(obj).decode()


class Stats:
    def __init__(self) -> None:
        self.errors: dict[str, int] = {}
        self.error_samples: list[str] = []
        self.closed_early = 0

    def error(self, who: str, msg: _Msg) -> None:
        code = msg.code or "?"
        self.errors[code] = self.errors.get(code, 0) + 1
        if len(self.error_samples) < 10:
            self.error_samples.append(f"{who}: {code} {msg.message}")


class LoopLag:
    """How late this process's own event loop runs a 10 ms timer: the delay the
    generator itself adds to whatever it timestamps."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            t = time.monotonic()
            await asyncio.sleep(0.01)
            self.samples.append(time.monotonic() - t - 0.01)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class Client:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, identity: str, stats: Stats) -> None:
        self.ws = ws
        self.identity = identity
        self.stats = stats
        self.reader: asyncio.Task[None] | None = None
        self.expected_errors: set[str | None] = set()
        """Requests that may be refused by a race the protocol allows."""
        self._ids = 0

    def rid(self) -> str:
        self._ids += 1
        return str(self._ids)

    async def send(self, obj: dict[str, Any]) -> None:
        try:
            await self.ws.send_str(_encode(obj))
        except (ConnectionError, RuntimeError):
            self.stats.closed_early += 1

    async def run(self) -> None:
        async for frame in self.ws:
            if frame.type is not aiohttp.WSMsgType.TEXT:
                continue
            data: str = frame.data
            if data.startswith(_SKIP):
                continue
            msg = _decode(data)
            if msg.type == "error":
                if msg.ref not in self.expected_errors:
                    self.stats.error(self.identity, msg)
            else:
                await self.on_message(msg)
        if not self.closing:
            self.stats.closed_early += 1

    closing = False

    async def on_message(self, msg: _Msg) -> None:
        raise NotImplementedError


class Kiosk(Client):
    def __init__(
        self,
        worker: Worker,
        ws: aiohttp.ClientWebSocketResponse,
        kiosk_id: str,
        services: list[str],
        weights: list[float],
    ) -> None:
        super().__init__(ws, kiosk_id, worker.stats)
        self.worker = worker
        self.services = services
        self.weights = weights
        self.pending: dict[str, tuple[float, str]] = {}
        """Request id -> (time queue_call was sent, service)."""
        self.queued: list[tuple[str, float, str]] = []
        """(call_id, time queue_call was sent, service) of every call queued."""
        self.call_id: str | None = None
        self.served = 0

    def queue(self) -> None:
        if time.monotonic() >= self.worker.end or self.call_id is not None:
            return
        rid = self.rid()
        service = random.choices(self.services, self.weights)[0]
        self.pending[rid] = (time.monotonic(), service)
        self.worker.spawn(self.send({"type": "queue_call", "id": rid, "service": service}))

    async def on_message(self, msg: _Msg) -> None:
        call = msg.call
        if msg.type == "queued":
            if msg.ref is not None and call is not None:
                sent = self.pending.pop(msg.ref, None)
                if sent is not None:
                    self.call_id = call.call_id
                    self.queued.append((call.call_id, *sent))
        elif msg.type == "call_update" and call is not None and call.call_id == self.call_id:
            if call.state == "connecting":
                await self.send(
                    {"type": "media_connected", "id": self.rid(), "call_id": call.call_id}
                )
            elif call.state in ("wrap_up", "done", "abandoned"):
                self.call_id = None
                if call.state != "abandoned":
                    self.served += 1
                asyncio.get_running_loop().call_later(
                    self.worker.vary(self.worker.pause_s), self.queue
                )


class Agent(Client):
    def __init__(self, worker: Worker, ws: aiohttp.ClientWebSocketResponse, login: str) -> None:
        super().__init__(ws, login, worker.stats)
        self.worker = worker
        self.free_since: float | None = None
        """When this agent last asked to be available (presence or end of wrap-up)."""
        self.offers: list[tuple[str, float, float]] = []
        """(call_id, free since, offer received) of every offer."""
        self.call_id: str | None = None
        self.finished = 0
        self.pausing = False

    def start(self) -> None:
        self.free_since = time.monotonic()
        self.worker.spawn(
            self.send(
                {
                    "type": "set_presence",
                    "id": self.rid(),
                    "state": "available",
                    "auto_answer": True,
                }
            )
        )

    def stop(self) -> None:
        """End of the run: no more calls for this agent once the current one is over."""
        self.pausing = True
        # Refused (conflict) if an offer is already on its way: the pause is
        # then sent again after accepting it.
        rid = self.rid()
        self.expected_errors.add(rid)
        self.worker.spawn(self.send({"type": "set_presence", "id": rid, "state": "paused"}))

    async def on_message(self, msg: _Msg) -> None:
        call = msg.call
        if call is None:
            return
        if msg.type == "offered":
            now = time.monotonic()
            self.offers.append((call.call_id, self.free_since or now, now))
            self.free_since = None
            self.call_id = call.call_id
            await self.send({"type": "accept_offer", "id": self.rid(), "call_id": call.call_id})
            if self.pausing:
                await self.send({"type": "set_presence", "id": self.rid(), "state": "paused"})
        elif msg.type == "call_update" and call.call_id == self.call_id:
            loop = asyncio.get_running_loop()
            if call.state == "connecting":
                await self.send(
                    {"type": "media_connected", "id": self.rid(), "call_id": call.call_id}
                )
            elif call.state == "connected":
                loop.call_later(self.worker.vary(self.worker.talk_s), self._hang_up, call.call_id)
            elif call.state == "wrap_up":
                loop.call_later(self.worker.vary(self.worker.wrap_s), self._finish, call.call_id)

    def _hang_up(self, call_id: str) -> None:
        self.worker.spawn(self.send({"type": "hangup", "id": self.rid(), "call_id": call_id}))

    def _finish(self, call_id: str) -> None:
        self.call_id = None
        self.finished += 1
        if not self.pausing:
            self.free_since = time.monotonic()
        self.worker.spawn(
            self.send(
                {"type": "finish_wrap_up", "id": self.rid(), "call_id": call_id, "outcome": "bench"}
            )
        )
        self.worker.check_drained()


class Worker:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.url: str = spec["url"]
        self.talk_s: float = spec["talk_s"]
        self.wrap_s: float = spec["wrap_s"]
        self.pause_s: float = spec["pause_s"]
        self.end = float("inf")
        self.stats = Stats()
        self.kiosks: list[Kiosk] = []
        self.agents: list[Agent] = []
        self.lag = LoopLag()
        self._tasks: set[asyncio.Task[None]] = set()
        self._drained = False
        random.seed(spec["seed"])

    @staticmethod
    def vary(mean: float) -> float:
        """Durations vary (uniformly, ±50%) as real calls do; equal ones would
        keep agents in lockstep and turn the load into bursts."""
        return random.uniform(0.5, 1.5) * mean

    def spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def check_drained(self) -> None:
        if (
            not self._drained
            and time.monotonic() >= self.end
            and all(a.call_id is None for a in self.agents)
        ):
            self._drained = True
            _emit({"event": "drained"})

    async def _open(self, session: aiohttp.ClientSession, hello: dict[str, Any]) -> Any:
        ws = await session.ws_connect(self.url, max_msg_size=0, autoclose=True, heartbeat=None)
        await ws.send_str(_encode(hello))
        while True:
            frame = await asyncio.wait_for(ws.receive(), 60.0)
            if frame.type is not aiohttp.WSMsgType.TEXT:
                raise RuntimeError(f"{hello.get('kiosk_id')}: connection closed before welcome")
            if frame.data.startswith(_SKIP):
                continue
            msg = _decode(frame.data)
            if msg.type == "welcome":
                return ws
            if msg.type == "error":
                raise RuntimeError(f"hello refused: {msg.code} {msg.message}")

    async def connect(self, session: aiohttp.ClientSession) -> None:
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
        services: list[str] = self.spec["services"]
        weights: list[float] = self.spec["weights"]

        async def kiosk(kiosk_id: str, token: str) -> None:
            async with gate:
                ws = await self._open(
                    session,
                    {
                        "type": "hello",
                        "id": "h",
                        "role": "kiosk",
                        "kiosk_id": kiosk_id,
                        "token": token,
                    },
                )
            self._reading(Kiosk(self, ws, kiosk_id, services, weights), self.kiosks)

        async def agent(login: str, token: str) -> None:
            async with gate:
                ws = await self._open(
                    session, {"type": "hello", "id": "h", "role": "agent", "token": token}
                )
            self._reading(Agent(self, ws, login), self.agents)

        await asyncio.gather(
            *(agent(login, token) for login, token in self.spec["agents"]),
            *(kiosk(kiosk_id, token) for kiosk_id, token in self.spec["kiosks"]),
        )

    @staticmethod
    def _reading(client: C, clients: list[C]) -> None:
        """Reads a client's messages from its welcome on: pings are answered
        while reading, and a switchboard gives up on a connection whose pings go
        unanswered (docs/protocol.md): a reader started only once all of a
        process's clients had connected lost the first ones on a busy machine."""
        client.reader = asyncio.create_task(client.run())
        clients.append(client)

    def go(self, t0: float, end: float) -> None:
        self.end = end
        loop = asyncio.get_running_loop()
        delay = max(0.0, t0 - time.monotonic())
        for agent in self.agents:
            loop.call_later(delay, agent.start)
            loop.call_later(max(0.0, end - time.monotonic()), agent.stop)
        stagger: float = self.spec["stagger_s"]
        for kiosk in self.kiosks:
            loop.call_later(delay + random.uniform(0.0, stagger), kiosk.queue)
        loop.call_later(max(0.0, end - time.monotonic()) + 0.05, self.check_drained)

    def report(self) -> dict[str, Any]:
        return {
            "event": "report",
            "queued": [q for k in self.kiosks for q in k.queued],
            "offers": [(*o, a.identity) for a in self.agents for o in a.offers],
            "kiosk_served": sum(k.served for k in self.kiosks),
            "unanswered": sum(len(k.pending) for k in self.kiosks),
            "agent_finished": sum(a.finished for a in self.agents),
            "errors": self.stats.errors,
            "error_samples": self.stats.error_samples,
            "closed_early": self.stats.closed_early,
            "loop_lag_ms": sorted(round(s * 1000, 3) for s in self.lag.samples),
        }

    async def close(self) -> None:
        clients: list[Client] = [*self.agents, *self.kiosks]
        for client in clients:
            client.closing = True
        await asyncio.gather(*(c.ws.close() for c in clients), return_exceptions=True)
        for client in clients:
            if client.reader is not None:
                client.reader.cancel()
        await asyncio.gather(
            *(c.reader for c in clients if c.reader is not None), return_exceptions=True
        )
        await self.lag.stop()


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def _lines() -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    return reader


async def main() -> None:
    stdin = await _lines()
    spec = json.loads(await stdin.readline())["spec"]
    worker = Worker(spec)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        await worker.connect(session)
        # The clients live for the whole run: out of the collector's way, so
        # that its full passes do not stall this process while it timestamps.
        gc.collect()
        gc.freeze()
        _emit({"event": "ready"})
        worker.lag.start()
        while True:
            line = await stdin.readline()
            if not line:
                break
            command = json.loads(line)
            if "go" in command:
                worker.go(command["go"], command["end"])
            elif "report" in command:
                await worker.lag.stop()
                _emit(worker.report())
            elif "close" in command:
                break
        await worker.close()
    _emit({"event": "closed"})


if __name__ == "__main__":
    asyncio.run(main())
