"""One WebSocket connection: hello, validation, rate limits, abuse, sending.

A bad message gets an ``error`` (code, ``ref`` = its id) and the connection
stays usable; a connection that keeps erring (``abuse_errors`` within
``abuse_window_s``) is closed with 1008, alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from collections.abc import Callable

from aiohttp import WSCloseCode, WSMsgType, web

from agentdesk.protocol import (
    MAX_MESSAGE_BYTES,
    Error,
    ErrorCode,
    ErrorReason,
    Hello,
    ProtocolError,
    Role,
    decode_client,
    encode,
    encode_bytes,
    request_id,
)

from .frames import ping_frame, text_frame
from .handlers import Handlers
from .live import Peer, SwitchboardSettings
from .logs import EventLog
from .pulse import Pulse

CLOSE_POLICY = 1008
# aiohttp closes the socket (1009) above this; below it, the switchboard itself
# answers too_large and the connection goes on.
WS_MAX_MSG_SIZE = MAX_MESSAGE_BYTES + 64 * 1024
# Refusals that state a fact about the world, not a fault of the client: a
# kiosk asking again for a closed service is polite, not abusive (the rate
# limit still bounds how often it may ask).
NOT_ABUSE = frozenset({ErrorCode.CLOSED})
# Close code of an agent's connection whose pings went unanswered (pulse.py).
CLOSE_UNRESPONSIVE = 4002
# In the writer's queue, bytes are a WebSocket ping (its payload) rather than
# a message: empty for the pulse, a number for a ``confirm``.
_PING = b""


class Socket(web.WebSocketResponse):
    """aiohttp refuses a frame over ``max_msg_size`` from its header (none of it
    is buffered) and closes with 1009; the client is told ``too_large`` first,
    as for a smaller oversized message."""

    async def close(
        self, *, code: int = WSCloseCode.OK, message: bytes = b"", drain: bool = True
    ) -> bool:
        if code == WSCloseCode.MESSAGE_TOO_BIG and not self.closed:
            error = Error(
                code=ErrorCode.TOO_LARGE.value,
                message=f"message over {MAX_MESSAGE_BYTES} bytes; connection closed",
            )
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.send_str(encode(error))
        return await super().close(code=code, message=message, drain=drain)


class TokenBucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


_Item = tuple[bytes, float | None] | bytes | None
"""What a connection sends: a message (encoded, with its routing start for
offers), a ping (bytes alone: its payload), or None: close."""


class Connection:
    """Implements ``Outbox`` for the engine: sends never block the caller.

    What a step sends is written when the board pushes it, in one write while
    the socket keeps up (frames.py); else it waits in the backlog, which the
    writer task sends through aiohttp, waiting for the client to read
    (``max_pending`` bounds it)."""

    def __init__(
        self,
        ws: web.WebSocketResponse,
        handlers: Handlers,
        settings: SwitchboardSettings,
        log: EventLog,
        pulse: Pulse,
        transport: asyncio.BaseTransport | None = None,
    ) -> None:
        self.ws = ws
        self.pulse = pulse
        self.handlers = handlers
        self.engine = handlers.engine
        self.settings = settings
        self.log = log
        self.peer: Peer | None = None
        self.metrics = handlers.engine.board.metrics
        # Frames built here are never compressed: a client that negotiated
        # permessage-deflate gets every message through aiohttp, as before.
        self._transport = (
            transport if isinstance(transport, asyncio.WriteTransport) and not ws.compress else None
        )
        self._pending: list[_Item] = []
        """Sent since the last ``push``: the current step's."""
        self._backlog: deque[_Item] = deque()
        self._wake = asyncio.Event()
        """Set when the backlog has something for the writer task."""
        self._writing = False
        """The writer task has taken an item it has not finished writing."""
        self._confirms: dict[int, Callable[[], None]] = {}
        """Ping number -> what to do once its pong comes (``confirm``)."""
        self._pings = itertools.count(1)
        self._bucket = TokenBucket(settings.rate_per_s, settings.rate_burst)
        self._errors: deque[float] = deque()
        self._closing = False
        self._close_args = (1000, "")
        self.heard_at = time.monotonic()
        """When any frame (a pong included) last arrived: the pulse's measure."""

    # -- Outbox --------------------------------------------------------------

    def send(self, data: bytes, routed_since: float | None = None) -> None:
        if not self._closing:
            self._pending.append((data, routed_since))

    def push(self) -> None:
        items, self._pending = self._pending, []
        if not items:
            return
        transport = self._transport
        if (
            transport is not None
            and not self._backlog
            and not self._writing
            and not transport.is_closing()
            and transport.get_write_buffer_size() == 0
        ):
            self._write_now(transport, items)
            return
        if len(self._backlog) + len(items) > self.settings.max_pending:
            self.log.warning(
                "slow_client_closed", identity=self.peer.identity if self.peer else None
            )
            self.close(CLOSE_POLICY, "too many messages waiting: client too slow")
            return
        self._backlog.extend(items)
        self._wake.set()

    def _write_now(self, transport: asyncio.WriteTransport, items: list[_Item]) -> None:
        """The socket keeps up: every frame of the step in one write."""
        frames = []
        for item in items:
            if isinstance(item, bytes):
                frames.append(ping_frame(item))
            elif item is not None:
                data, routed_since = item
                frames.append(text_frame(data))
                self._count_sent(routed_since)
        try:
            transport.write(frames[0] if len(frames) == 1 else b"".join(frames))
        except (ConnectionError, RuntimeError):
            self.close(1000, "")  # the reader sees the connection end

    def _count_sent(self, routed_since: float | None) -> None:
        """A message written: the figures, and an offer's routing time."""
        self.metrics.messages_out += 1
        if routed_since is not None:
            self.metrics.routing.add(time.monotonic() - routed_since)

    def close(self, code: int, message: str) -> None:
        if not self._closing:
            self.push()
            self._closing = True
            self._close_args = (code, message)
            self._backlog.append(None)
            self._wake.set()

    def confirm(self, received: Callable[[], None]) -> None:
        # WebSocket frames are read in order: the pong to a ping queued after
        # the messages proves the client read them.
        if self._closing:
            return
        number = next(self._pings)
        self._confirms[number] = received
        self._pending.append(str(number).encode())

    def _ponged(self, payload: bytes) -> None:
        """A client may answer only the latest of several pings (RFC 6455
        5.5.3): a pong confirms its ping and every one before."""
        try:
            number = int(payload)
        except ValueError:
            return  # the pulse's or the heartbeat's
        for done in [n for n in self._confirms if n <= number]:
            try:
                self._confirms.pop(done)()
            except Exception as exc:
                self.log.exception("confirm_failed", exc)

    # -- the pulse (agents only) ---------------------------------------------

    def ping(self) -> None:
        if not self._closing:
            self._pending.append(_PING)
            self.push()

    def unresponsive(self) -> None:
        if self._closing or self.peer is None:
            return
        self.log.event("agent_unresponsive", login=self.peer.identity)
        self.close(CLOSE_UNRESPONSIVE, "no answer to pings")
        self.engine.connections.lost(self.peer)

    # -- running -------------------------------------------------------------

    async def run(self) -> None:
        writer = asyncio.create_task(self._write())
        try:
            await self._read()
        finally:
            self.pulse.forget(self)
            if self.peer is not None:
                self.engine.connections.detach(self.peer)
            self.close(1000, "")
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                async with asyncio.timeout(2.0):
                    await asyncio.shield(writer)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer

    async def _write(self) -> None:
        """Sends the backlog through aiohttp, which waits while the client is
        not reading; then closes."""
        try:
            while True:
                while not self._backlog:
                    self._wake.clear()
                    await self._wake.wait()
                item = self._backlog.popleft()
                if item is None:
                    break
                self._writing = True
                if isinstance(item, bytes):
                    await self.ws.ping(item)
                else:
                    await self.ws.send_frame(item[0], WSMsgType.TEXT)
                    self._count_sent(item[1])
                self._writing = False
        except (ConnectionError, RuntimeError):
            pass
        finally:
            code, message = self._close_args
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.ws.close(code=code, message=message.encode())

    async def _read(self) -> None:
        deadline = time.monotonic() + self.settings.hello_timeout_s
        while not self._closing:
            timeout = None if self.peer else max(0.0, deadline - time.monotonic())
            try:
                msg = await self.ws.receive(timeout=timeout)
            except TimeoutError:
                self._error(ErrorCode.UNAUTHORIZED, "no hello in time", None)
                self.close(CLOSE_POLICY, "no hello in time")
                return
            self.heard_at = time.monotonic()
            if msg.type is WSMsgType.TEXT:
                self._on_text(msg.data)
            elif msg.type is WSMsgType.BINARY:
                self._error(
                    ErrorCode.BAD_MESSAGE, "binary frames are not used: send JSON text", None
                )
            elif msg.type is WSMsgType.PING:
                # autoping is off so that pongs reach heard_at (server.py).
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await self.ws.pong(msg.data)
            elif msg.type is WSMsgType.PONG:
                self._ponged(msg.data)
            elif msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            elif msg.type is WSMsgType.ERROR:
                # Oversized frame or broken socket: aiohttp has closed it.
                return

    def _on_text(self, text: str) -> None:
        if self._closing:
            # Given up on (unresponsive, replaced, revoked) while this was on
            # its way: it would act for a session that is over.
            return
        self.metrics.messages_in += 1
        if not self._bucket.take():
            self._error(
                ErrorCode.RATE_LIMITED,
                "too many messages: slow down",
                request_id(text),
                reason=ErrorReason.TOO_MANY_MESSAGES,
            )
            return
        try:
            message = decode_client(text)
        except ProtocolError as exc:
            self._error(
                exc.code, exc.message, request_id(text) if exc.code != ErrorCode.TOO_LARGE else None
            )
            return
        try:
            if self.peer is None:
                if not isinstance(message, Hello):
                    raise ProtocolError(ErrorCode.UNAUTHORIZED, "send hello first")
                self.peer = self.engine.connections.hello(message, self)
                if self.peer.role is Role.AGENT:
                    self.pulse.watch(self)
            else:
                self.handlers.handle(self.peer, message)
        except ProtocolError as exc:
            self._error(exc.code, exc.message, message.id, exc.next_opening, exc.reason)
        except Exception as exc:
            self.log.exception(
                "handler_failed",
                exc,
                type=type(message).__name__,
                identity=self.peer.identity if self.peer else None,
            )
            self._error(ErrorCode.INTERNAL, "internal error; the switchboard logged it", message.id)

    def _error(
        self,
        code: ErrorCode,
        message: str,
        ref: str | None,
        next_opening: float | None = None,
        reason: ErrorReason | None = None,
    ) -> None:
        error = Error(
            code=code.value, message=message, ref=ref, next_opening=next_opening, reason=reason
        )
        self.send(encode_bytes(error))
        self.push()
        if code in NOT_ABUSE:
            return
        now = time.monotonic()
        self._errors.append(now)
        while self._errors and self._errors[0] < now - self.settings.abuse_window_s:
            self._errors.popleft()
        if len(self._errors) >= self.settings.abuse_errors:
            self.log.warning(
                "abusive_client_closed",
                identity=self.peer.identity if self.peer else None,
                code=code.value,
            )
            self.close(CLOSE_POLICY, "too many errors")
