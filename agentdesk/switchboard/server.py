"""Running the switchboard: the aiohttp application, TLS, clean shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import resource
import signal
import ssl
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from agentdesk.protocol import MAX_MESSAGE_BYTES

from .auth import TokenSigner
from .calendar_api import CalendarApi
from .clock import SettableClock
from .engine import Engine
from .fleet_api import FleetApi
from .gate import Gate, connection_ceiling, raise_file_limit
from .handlers import Handlers
from .heap import HeapFreezer
from .http_api import LOG_KEY, HttpApi, JsonErrorsProtocol, errors_middleware
from .live import SwitchboardSettings
from .logs import EventLog
from .metrics import Metrics, metrics_route
from .pulse import Pulse
from .sessions import AccountWatch
from .store import Store
from .wal import WalCheckpointer
from .ws import WS_MAX_MSG_SIZE, Connection, Socket

WS_PATH = "/api/v1/ws"


class ConfigError(Exception):
    """A setting that cannot work; the message says what to change."""


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    db: Path
    tls_cert: Path | None = None
    tls_key: Path | None = None
    insecure: bool = False
    test_clock: bool = False
    """Tests only: the clock is set through ``PUT /api/v1/test/clock``."""
    test_clock_start: float | None = None
    """Tests only: where that clock starts (else the system's time)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def tls_context(options: ServeOptions) -> ssl.SSLContext | None:
    if options.test_clock_start is not None and not options.test_clock:
        raise ConfigError("--test-clock-start goes with --test-clock")
    if (options.tls_cert is None) != (options.tls_key is None):
        raise ConfigError("give both --tls-cert and --tls-key, or neither")
    if options.tls_cert is None or options.tls_key is None:
        if options.test_clock and not is_loopback(options.host):
            raise ConfigError("--test-clock is for tests: listen on a loopback address")
        if not is_loopback(options.host) and not options.insecure:
            raise ConfigError(
                f"plain ws on {options.host} would expose tokens on the network: give "
                "--tls-cert and --tls-key, or --insecure if a proxy in front does TLS"
            )
        return None
    if options.test_clock:
        raise ConfigError("--test-clock is for tests on loopback, without TLS")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(options.tls_cert, options.tls_key)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"cannot load the TLS certificate or key: {exc}") from None
    return context


class Switchboard:
    """The whole server: owns the store, the engine and the aiohttp runner."""

    def __init__(self, options: ServeOptions, settings: SwitchboardSettings, log: EventLog) -> None:
        self.options = options
        self.settings = settings
        self.log = log
        self._ssl = tls_context(options)
        self.store = Store(options.db)
        self.signer = TokenSigner(self.store.secret(), settings.access_ttl_s)
        self.metrics = Metrics()
        self.heap = HeapFreezer(self.metrics.gc_pauses)
        self.wal = WalCheckpointer(self.store, log)
        # Only a test asks for a clock it can set; otherwise the system's.
        self.clock = SettableClock(options.test_clock_start) if options.test_clock else None
        self.engine = Engine(
            self.store,
            self.signer,
            log,
            settings,
            clock=self.clock or time.time,
            metrics=self.metrics,
        )
        self.handlers = Handlers(self.engine)
        self.accounts = AccountWatch(self.store, self.engine.store_changed)
        self.pulse = Pulse(settings.agent_ping_s)
        self._connections: set[Connection] = set()
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None
        ceiling = connection_ceiling(resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        per_source = settings.max_connections_per_source or min(256, max(1, ceiling // 4))
        self.gate = Gate(per_source, ceiling, log)
        self.port = 0

    def app(self) -> web.Application:
        app = web.Application(middlewares=[errors_middleware], client_max_size=MAX_MESSAGE_BYTES)
        app[LOG_KEY] = self.log
        app.add_routes(
            [
                web.get(WS_PATH, self._websocket),
                *HttpApi(self.engine).routes(),
                *CalendarApi(self.engine, self.engine.hours, self.clock).routes(),
                *FleetApi(self.engine).routes(),
                metrics_route(self.metrics, self.engine.credentials.supervisor),
            ]
        )
        return app

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        # autoping off: Connection answers pings itself and sees the pongs
        # (the agents' pulse); the heartbeat still works on any frame received.
        ws = Socket(
            heartbeat=self.settings.heartbeat_s, autoping=False, max_msg_size=WS_MAX_MSG_SIZE
        )
        await ws.prepare(request)
        connection = Connection(
            ws, self.handlers, self.settings, self.log, self.pulse, request.transport
        )
        self._connections.add(connection)
        try:
            await connection.run()
        finally:
            self._connections.discard(connection)
        return ws

    async def start(self) -> dict[str, object]:
        """Listens and returns the listening line's fields."""
        self.engine.start()
        self._runner = web.AppRunner(self.app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        server = self._runner.server
        assert server is not None
        loop = asyncio.get_running_loop()
        timeout = self.settings.request_timeout_s

        def protocol() -> JsonErrorsProtocol:
            # keepalive_timeout also closes a connection whose first request
            # has not fully arrived (aiohttp starts it at connection_made).
            return JsonErrorsProtocol(
                server,
                self.log,
                loop=loop,
                keepalive_timeout=timeout,
                lingering_time=min(timeout, 2.0),
                access_log=None,
            )

        self._listener = await loop.create_server(
            self.gate.protocol(protocol),
            self.options.host,
            self.options.port,
            ssl=self._ssl,
            backlog=1024,
            reuse_address=True,
        )
        self.metrics.start()
        self.heap.start()
        self.wal.start()
        self.accounts.start()
        self.pulse.start()
        self.port = int(self._listener.sockets[0].getsockname()[1])
        host = self.options.host if ":" not in self.options.host else f"[{self.options.host}]"
        secure = self._ssl is not None
        return {
            "event": "listening",
            "url": f"{'wss' if secure else 'ws'}://{host}:{self.port}{WS_PATH}",
            "http": f"{'https' if secure else 'http'}://{host}:{self.port}",
            "port": self.port,
            "max_connections": self.gate.ceiling,
            "max_connections_per_source": self.gate.per_source,
        }

    async def stop(self) -> None:
        for connection in list(self._connections):
            connection.close(1001, "switchboard shutting down")
        if self._listener is not None:
            self._listener.close()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.metrics.stop()
        await self.heap.stop()
        await self.wal.stop()
        await self.accounts.stop()
        await self.pulse.stop()
        self.engine.close()
        self.store.close()
        self.log.event("stopped")


async def serve(options: ServeOptions, settings: SwitchboardSettings, log: EventLog) -> int:
    raise_file_limit()
    try:
        board = Switchboard(options, settings, log)
    except ConfigError as exc:
        print(f"agentdesk switchboard: {exc}", file=sys.stderr)
        return 2
    try:
        line = await board.start()
    except OSError as exc:
        print(
            f"agentdesk switchboard: cannot listen on {options.host}:{options.port}: {exc}",
            file=sys.stderr,
        )
        board.store.close()
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()
    log.event("listening", port=board.port)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
        await board.stop()
    return 0
