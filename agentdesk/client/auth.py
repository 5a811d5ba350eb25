"""Sign-in over the switchboard's HTTP API."""

from __future__ import annotations

import enum
import ssl

import aiohttp
import msgspec

from agentdesk.protocol.http import TokenResponse


class AuthFailure(enum.Enum):
    """Why signing in failed, so a person can be told what to do."""

    BAD_CREDENTIALS = "bad_credentials"
    EXPIRED = "expired"
    UNREACHABLE = "unreachable"
    CERTIFICATE = "certificate"
    SERVER_ERROR = "server_error"


class AuthError(Exception):
    def __init__(self, failure: AuthFailure, detail: str) -> None:
        super().__init__(detail)
        self.failure = failure
        self.detail = detail


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
            if response.status in (401, 403):
                failure = (
                    AuthFailure.EXPIRED if path.endswith("refresh") else AuthFailure.BAD_CREDENTIALS
                )
                raise AuthError(failure, f"HTTP {response.status}")
            if response.status != 200:
                raise AuthError(AuthFailure.SERVER_ERROR, f"HTTP {response.status}")
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
