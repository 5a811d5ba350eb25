"""Sign-in over the switchboard's HTTP API."""

from __future__ import annotations

import contextlib
import enum
import ssl

import aiohttp
import msgspec

from agentdesk.protocol import Error, ErrorReason
from agentdesk.protocol.http import TokenResponse


class AuthFailure(enum.Enum):
    """Why signing in failed, so a person can be told what to do."""

    BAD_CREDENTIALS = "bad_credentials"
    EXPIRED = "expired"
    UNREACHABLE = "unreachable"
    CERTIFICATE = "certificate"
    SERVER_ERROR = "server_error"
    ACCOUNT_DISABLED = "account_disabled"
    RATE_LIMITED = "rate_limited"
    """Too many failed logins from here: ``retry_after_s`` says when to try again."""


class AuthError(Exception):
    def __init__(
        self,
        failure: AuthFailure,
        detail: str,
        *,
        reason: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(detail)
        self.failure = failure
        self.detail = detail
        self.reason = reason
        """The switchboard's error reason (docs/protocol.md, « Reasons »), if it gave one."""
        self.retry_after_s = retry_after_s


def _refusal(status: int, payload: bytes, refreshing: bool) -> AuthError:
    """The failure an error answer stands for, with the switchboard's reason."""
    error = Error(code="", message=f"HTTP {status}")
    with contextlib.suppress(msgspec.MsgspecError):
        error = msgspec.json.decode(payload, type=Error)
    detail = f"HTTP {status}: {error.message}"
    if error.reason == ErrorReason.ACCOUNT_DISABLED:
        failure = AuthFailure.ACCOUNT_DISABLED
    elif status == 429:
        failure = AuthFailure.RATE_LIMITED
    elif status in (401, 403):
        failure = AuthFailure.EXPIRED if refreshing else AuthFailure.BAD_CREDENTIALS
    else:
        failure = AuthFailure.SERVER_ERROR
    return AuthError(failure, detail, reason=error.reason, retry_after_s=error.retry_after_s)


def http_base(ws_url: str) -> str:
    """``ws://host:port/api/v1/ws`` → ``http://host:port``."""
    scheme, _, rest = ws_url.partition("://")
    if scheme not in ("ws", "wss", "http", "https") or not rest:
        raise ValueError(f"not a switchboard address: {ws_url!r}")
    host = rest.split("/", 1)[0]
    return f"{'https' if scheme in ('wss', 'https') else 'http'}://{host}"


async def _post(
    base: str, path: str, body: dict[str, str], ssl_context: ssl.SSLContext | None
) -> TokenResponse:
    timeout = aiohttp.ClientTimeout(total=15)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(f"{base}{path}", json=body, ssl=ssl_context or True) as response,
        ):
            payload = await response.read()
            if response.status != 200:
                raise _refusal(response.status, payload, path.endswith("refresh"))
    except aiohttp.ClientConnectorCertificateError as exc:
        raise AuthError(AuthFailure.CERTIFICATE, str(exc)) from exc
    except aiohttp.ClientSSLError as exc:
        raise AuthError(AuthFailure.CERTIFICATE, str(exc)) from exc
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        raise AuthError(AuthFailure.UNREACHABLE, str(exc) or type(exc).__name__) from exc
    try:
        return msgspec.json.decode(payload, type=TokenResponse)
    except msgspec.MsgspecError as exc:
        raise AuthError(AuthFailure.SERVER_ERROR, f"unexpected login reply: {exc}") from exc


async def login(
    base: str, login_name: str, password: str, ssl_context: ssl.SSLContext | None = None
) -> TokenResponse:
    return await _post(
        base, "/api/v1/login", {"login": login_name, "password": password}, ssl_context
    )


async def refresh(
    base: str, refresh_token: str, ssl_context: ssl.SSLContext | None = None
) -> TokenResponse:
    return await _post(base, "/api/v1/refresh", {"refresh_token": refresh_token}, ssl_context)
