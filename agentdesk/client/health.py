"""Is there an AgentDesk switchboard at this address?  (The first-run check.)"""

from __future__ import annotations

import ssl

import aiohttp

from .auth import http_base

CHECK_TIMEOUT_S = 10.0


class NotASwitchboard(ValueError):
    """Something answered, but not an AgentDesk switchboard."""


async def check_switchboard(server_url: str, ssl_context: ssl.SSLContext | None = None) -> None:
    """Returns when ``GET /healthz`` answers ``{"status": "ok"}``.

    Raises ValueError for an address that is not one (NotASwitchboard included),
    ssl errors for a certificate not trusted, OSError/TimeoutError when nothing
    answers: the kinds ``agentdesk.desk.classify_sign_in`` names."""
    url = f"{http_base(server_url)}/healthz"
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_S)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(url, ssl=ssl_context or True) as response,
        ):
            body = await response.json(content_type=None) if response.status == 200 else None
    except aiohttp.ClientConnectorCertificateError as exc:
        raise ssl.SSLCertVerificationError(str(exc)) from exc
    except aiohttp.ClientSSLError as exc:
        raise ssl.SSLError(str(exc)) from exc
    except aiohttp.ClientConnectionError as exc:
        raise ConnectionError(str(exc)) from exc
    except (aiohttp.ContentTypeError, ValueError) as exc:
        raise NotASwitchboard(f"{url} does not answer as a switchboard") from exc
    if not isinstance(body, dict) or body.get("status") != "ok":
        raise NotASwitchboard(f"{url} does not answer as a switchboard")
