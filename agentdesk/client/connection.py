"""The switchboard connection shared by the kiosk, the agent's app and the tools.

One WebSocket, authenticated by a ``hello`` and kept up by itself: when the
switchboard goes away the client waits (with backoff) and connects again, and
the switchboard's ``welcome`` tells it which call it was part of.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import ssl
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import msgspec

from agentdesk.events import Listeners, Unsubscribe
from agentdesk.protocol import (
    MAX_MESSAGE_BYTES,
    Base,
    Error,
    ErrorCode,
    ErrorReason,
    Hello,
    ProtocolError,
    Welcome,
    decode_server,
    encode,
)
from agentdesk.protocol.link import ConnectionState

from .auth import AuthError, AuthFailure
from .backoff import Backoff

log = logging.getLogger(__name__)

HelloFactory = Callable[[], Awaitable[Hello]]
Listener = Callable[[Base], None]
M = TypeVar("M", bound=Base)


_FINAL_STATES = (ConnectionState.CLOSED, ConnectionState.UNAUTHORIZED, ConnectionState.REPLACED)
_SESSION_OVER = (AuthFailure.EXPIRED, AuthFailure.ACCOUNT_DISABLED, AuthFailure.BAD_CREDENTIALS)
"""Renewal refusals that retrying cannot mend (the others: unreachable,
server error, rate limited, certificate: retried with backoff)."""
REPLACED_CLOSE_CODE = 4001
REVOKED_CLOSE_CODE = 4003

StateListener = Callable[[ConnectionState, str | None], None]


class NotConnected(Exception):
    """The switchboard is not reachable right now; the client keeps trying."""


def error_of(message: Error) -> ProtocolError:
    """The error as raised, its ``reason`` kept (a reason this version does
    not know is dropped: the ``code`` still says what kind of refusal)."""
    try:
        code = ErrorCode(message.code)
    except ValueError:
        code = ErrorCode.INTERNAL
    try:
        reason = ErrorReason(message.reason) if message.reason is not None else None
    except ValueError:
        reason = None
    return ProtocolError(
        code,
        message.message,
        message.next_opening,
        reason=reason,
        retry_after_s=message.retry_after_s,
    )


class SwitchboardClient:
    def __init__(
        self,
        url: str,
        hello_factory: HelloFactory,
        *,
        ssl_context: ssl.SSLContext | None = None,
        backoff: Backoff | None = None,
        request_timeout_s: float = 10.0,
        heartbeat_s: float = 10.0,
        name: str = "switchboard",
    ) -> None:
        self.url = url
        self._hello_factory = hello_factory
        self._ssl: ssl.SSLContext | bool = ssl_context or True
        self._backoff = backoff or Backoff()
        self._request_timeout_s = request_timeout_s
        self._heartbeat_s = heartbeat_s
        self._name = name
        self._ids = itertools.count(1)
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._task: asyncio.Task[None] | None = None
        self._pending: dict[str, asyncio.Future[Base]] = {}
        self._messages: Listeners[Base] = Listeners(f"{name}: messages")
        self._states: Listeners[tuple[ConnectionState, str | None]] = Listeners(f"{name}: state")
        self._waiters: list[tuple[Callable[[Base], bool], asyncio.Future[Base]]] = []
        self._connected = asyncio.Event()
        self.state = ConnectionState.IDLE
        self.last_problem: str | None = None
        self.end_reason: str | None = None
        """Why the switchboard refused or closed the session (the ``reason`` of its
        ``unauthorized`` error: ``account_disabled``, ``signed_out``…), once it has."""
        self.welcome: Welcome | None = None

    # ------------------------------------------------------------------ life

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=f"{self._name}-connection")

    async def close(self) -> None:
        self._set_state(ConnectionState.CLOSED, None)
        if self._ws is not None:
            await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._fail_pending(NotConnected("client closed"))

    async def wait_connected(self, timeout_s: float | None = None) -> Welcome:
        # asyncio.timeout, not wait_for: a caller cancelled before it started
        # must not leave an un-awaited wait() coroutine behind.
        async with asyncio.timeout(timeout_s):
            await self._connected.wait()
        assert self.welcome is not None
        return self.welcome

    # ------------------------------------------------------------ listeners

    def add_listener(self, listener: Listener) -> Unsubscribe:
        """Every message from the switchboard, replies included, in order."""
        return self._messages.subscribe(listener)

    def add_state_listener(self, listener: StateListener) -> Unsubscribe:
        return self._states.subscribe(lambda change: listener(*change))

    def expect(
        self, kind: type[M], predicate: Callable[[M], bool] = lambda _: True
    ) -> asyncio.Future[M]:
        """A future for the next message of ``kind`` matching ``predicate``.

        Registered at once, so a caller can set it up, then act, then await it
        without missing a reply that comes fast."""
        future: asyncio.Future[M] = asyncio.get_running_loop().create_future()

        def matches(message: Base) -> bool:
            return isinstance(message, kind) and predicate(message)

        self._waiters.append((matches, future))  # type: ignore[arg-type]
        return future

    # ------------------------------------------------------------- sending

    async def send(self, message: Base) -> None:
        """Send without waiting for a reply (relayed signals, for instance)."""
        ws = self._ws
        if ws is None or self.state is not ConnectionState.CONNECTED:
            raise NotConnected(self.last_problem or "not connected to the switchboard")
        await ws.send_str(encode(message))

    async def request(self, message: Base, timeout_s: float | None = None) -> Base:
        """Send and wait for the reply that refers to it; an ``error`` reply raises
        ProtocolError, a lost connection NotConnected."""
        request_id = f"{self._name}-{next(self._ids)}"
        message = msgspec.structs.replace(message, id=request_id)
        future: asyncio.Future[Base] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        try:
            await self.send(message)
            async with asyncio.timeout(timeout_s or self._request_timeout_s):
                reply = await future
        finally:
            self._pending.pop(request_id, None)
        if isinstance(reply, Error):
            raise error_of(reply)
        return reply

    # ------------------------------------------------------------- receiving

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while self.state is not ConnectionState.CLOSED:
                self._set_state(ConnectionState.CONNECTING, self.last_problem)
                problem = await self._connect_once(session)
                self._ws = None
                self._connected.clear()
                self._fail_pending(NotConnected(problem))
                if self.state in _FINAL_STATES:
                    return
                self.last_problem = problem
                delay = self._backoff.next_delay()
                log.info("%s: %s; retrying in %.1f s", self._name, problem, delay)
                self._set_state(ConnectionState.WAITING_RETRY, problem)
                await asyncio.sleep(delay)

    async def _connect_once(self, session: aiohttp.ClientSession) -> str:
        """One connection, from handshake to loss; returns why it ended."""
        try:
            # Before connecting: renewing the access token may take a while (the
            # switchboard closes a WebSocket left without hello), and fail.
            hello = msgspec.structs.replace(await self._hello_factory(), id=f"{self._name}-hello")
        except AuthError as exc:
            return self._renewal_failed(exc)
        try:
            async with session.ws_connect(
                self.url,
                ssl=self._ssl,
                heartbeat=self._heartbeat_s,
                max_msg_size=4 * MAX_MESSAGE_BYTES,
            ) as ws:
                await ws.send_str(encode(hello))
                async with asyncio.timeout(self._request_timeout_s):
                    first = await ws.receive()
                greeting = self._decode(first)
                if isinstance(greeting, Error):
                    if greeting.code == ErrorCode.UNAUTHORIZED:
                        self.end_reason = greeting.reason
                        self._set_state(ConnectionState.UNAUTHORIZED, greeting.message)
                    return f"refused: {greeting.message}"
                if not isinstance(greeting, Welcome):
                    return "the switchboard did not answer hello with welcome"
                self.welcome = greeting
                self.last_problem = None
                self._backoff.reset()
                self._ws = ws
                self._set_state(ConnectionState.CONNECTED, None)
                self._connected.set()
                self._dispatch(greeting)
                async for frame in ws:
                    message = self._decode(frame)
                    if message is not None:
                        if (
                            isinstance(message, Error)
                            and message.ref is None
                            and message.code == ErrorCode.UNAUTHORIZED
                        ):
                            # Said just before the switchboard closes with 4003.
                            self.end_reason = message.reason
                        self._dispatch(message)
                if ws.close_code == REPLACED_CLOSE_CODE:
                    self._set_state(ConnectionState.REPLACED, "signed in elsewhere")
                elif ws.close_code == REVOKED_CLOSE_CODE:
                    # Account disabled, signed out, device token renewed: the
                    # same credential would be refused again.
                    self._set_state(
                        ConnectionState.UNAUTHORIZED, "session ended by the switchboard"
                    )
                return f"connection closed ({ws.close_code})"
        except aiohttp.ClientConnectorCertificateError as exc:
            return f"certificate problem: {exc}"
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            return f"unreachable: {exc or type(exc).__name__}"

    def _renewal_failed(self, exc: AuthError) -> str:
        """The access token could not be renewed: the switchboard out of reach
        is retried like any lost connection; a refused renewal ends the session
        as a close with 4003 does (the same refresh token would be refused again)."""
        if exc.failure in _SESSION_OVER:
            self.end_reason = exc.reason
            self._set_state(ConnectionState.UNAUTHORIZED, exc.detail)
            return f"refused: {exc.detail}"
        if exc.failure is AuthFailure.CERTIFICATE:
            return f"certificate problem: {exc.detail}"
        return f"unreachable: {exc.detail}"

    def _decode(self, frame: aiohttp.WSMessage) -> Base | None:
        if frame.type is not aiohttp.WSMsgType.TEXT:
            return None
        try:
            return decode_server(frame.data)
        except ProtocolError as exc:
            # A newer switchboard may send what we do not know: skip it, say so.
            log.warning("%s: ignored a message: %s", self._name, exc.message)
            return None

    def _dispatch(self, message: Base) -> None:
        ref = getattr(message, "ref", None)
        if ref is not None:
            future = self._pending.get(ref)
            if future is not None and not future.done():
                future.set_result(message)
        for matches, waiter in list(self._waiters):
            if waiter.done():
                self._waiters.remove((matches, waiter))
            elif matches(message):
                waiter.set_result(message)
                self._waiters.remove((matches, waiter))
        self._messages.emit(message)

    def _set_state(self, state: ConnectionState, problem: str | None) -> None:
        if self.state is ConnectionState.CLOSED and state is not ConnectionState.CLOSED:
            return
        self.state = state
        self._states.emit((state, problem))

    def _fail_pending(self, error: Exception) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(error)
