"""The switchboard's HTTP API with a Bearer token: typed bodies in, typed replies out.

One access token per signed-in person, renewed before it expires; the
WebSocket ``hello`` and these requests share it, since refresh tokens rotate
(two holders refreshing on their own would sign each other out).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

import aiohttp
import msgspec

from agentdesk.protocol import Error
from agentdesk.protocol.http import TokenResponse

from .auth import AuthError, refresh

T = TypeVar("T")
RENEW_MARGIN_S = 60.0
"""Renew the access token this long before it expires."""


class RestError(Exception):
    """A request that did not succeed.  ``status`` None: the switchboard was
    not reached; else its HTTP status with the ``error`` body's code and sentence."""

    def __init__(
        self,
        status: int | None,
        message: str,
        code: str = "",
        next_opening: float | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(f"{status}: {message}" if status else message)
        self.status = status
        self.message = message
        self.code = code
        self.next_opening = next_opening
        self.reason = reason
        """The error's ``reason`` (docs/protocol.md, « Reasons »), if it gave one."""


class TokenKeeper:
    """The access token, renewed with the refresh token before it expires.
    ``on_rotated`` hears each new refresh token (they rotate)."""

    def __init__(
        self,
        base: str,
        access_token: str,
        refresh_token: str,
        expires_in: float,
        *,
        on_rotated: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context``: the authorities trusted for the switchboard
        (client/tls.py), for the refresh and every request made with these tokens."""
        self.base = base
        self.ssl = ssl_context
        self._access = access_token
        self._refresh = refresh_token
        self._clock = clock
        self._expires = clock() + expires_in
        self._on_rotated = on_rotated
        self._lock = asyncio.Lock()

    @classmethod
    def of(
        cls, base: str, tokens: TokenResponse, *, ssl_context: ssl.SSLContext | None = None
    ) -> TokenKeeper:
        return cls(
            base,
            tokens.access_token,
            tokens.refresh_token,
            tokens.expires_in,
            ssl_context=ssl_context,
        )

    async def access(self) -> str:
        """A valid access token; raises AuthError when the session is over."""
        if self._clock() < self._expires - RENEW_MARGIN_S:
            return self._access
        return await self.renew(self._access)

    async def renew(self, stale: str) -> str:
        """A fresh access token (once, however many callers found ``stale`` refused)."""
        async with self._lock:
            if self._access != stale:
                return self._access
            tokens = await refresh(self.base, self._refresh, self.ssl)
            self._access, self._refresh = tokens.access_token, tokens.refresh_token
            self._expires = self._clock() + tokens.expires_in
            if self._on_rotated is not None:
                self._on_rotated(tokens.refresh_token)
            return self._access


class RestClient:
    def __init__(self, tokens: TokenKeeper, timeout_s: float = 30.0) -> None:
        self.tokens = tokens
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def call(
        self,
        method: str,
        path: str,
        kind: type[T],
        params: Mapping[str, str] | None = None,
        body: object | None = None,
    ) -> T:
        data = None if body is None else msgspec.json.encode(body)
        try:
            token = await self.tokens.access()
        except AuthError as exc:
            raise RestError(401, exc.detail, "unauthorized", reason=exc.reason) from exc
        for attempt in range(2):
            try:
                async with self._client().request(
                    method,
                    self.tokens.base + path,
                    params=dict(params or {}),
                    data=data,
                    ssl=self.tokens.ssl or True,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                ) as response:
                    payload = await response.read()
                    status = response.status
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                raise RestError(None, str(exc) or type(exc).__name__) from exc
            if status == 401 and attempt == 0:
                try:
                    token = await self.tokens.renew(token)
                except AuthError as exc:
                    raise RestError(401, exc.detail, "unauthorized", reason=exc.reason) from exc
                continue
            if not 200 <= status < 300:
                error = Error(code="", message=f"HTTP {status}")
                with contextlib.suppress(msgspec.MsgspecError):
                    error = msgspec.json.decode(payload, type=Error)
                raise RestError(status, error.message, error.code, error.next_opening, error.reason)
            try:
                return msgspec.json.decode(payload, type=kind)
            except msgspec.MsgspecError as exc:
                raise RestError(status, f"unexpected reply: {exc}", "bad_reply") from exc
        raise RestError(401, "the session could not be renewed", "unauthorized")

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
