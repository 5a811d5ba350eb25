"""The authorities the machine configuration trusts (client/tls.py) reach
every request of a signed-in session: the HTTP API of the calendar and
bookings, and the token refresh, not only the sign-in and the WebSocket.
A real switchboard serving TLS with a certificate made for the test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agentdesk.client import http_base, login
from agentdesk.client.calendar import CalendarClient
from agentdesk.client.rest import RestError, TokenKeeper
from agentdesk.client.tls import trust_context
from tests.support.switchboard import (
    PASSWORD,
    Provisioned,
    SwitchboardProcess,
    start_switchboard,
)
from tests.support.tls import self_signed


@pytest.fixture
async def tls_sb(
    tmp_path: Path, db: Path, accounts: Provisioned
) -> AsyncIterator[tuple[SwitchboardProcess, Path]]:
    cert, key = self_signed(tmp_path)
    process = await start_switchboard(db, "--tls-cert", str(cert), "--tls-key", str(key))
    yield process, cert
    await process.stop()


async def test_the_calendar_api_and_the_refresh_use_the_trusted_authority(
    tls_sb: tuple[SwitchboardProcess, Path],
) -> None:
    sb, cert = tls_sb
    assert sb.url.startswith("wss://")
    context = trust_context(cert)
    tokens = await login(http_base(sb.url), "agent.caf", PASSWORD, context)
    keeper = TokenKeeper.of(http_base(sb.url), tokens, ssl_context=context)
    api = CalendarClient(keeper)
    try:
        assert await api.slots(0, 86400) == []
        # A refused token is renewed over the same trusted connection.
        fresh = await keeper.renew(tokens.access_token)
        assert fresh != tokens.access_token
        assert await api.slots(0, 86400) == []
    finally:
        await api.aclose()


async def test_without_the_authority_the_api_is_not_reached(
    tls_sb: tuple[SwitchboardProcess, Path],
) -> None:
    sb, cert = tls_sb
    tokens = await login(http_base(sb.url), "agent.caf", PASSWORD, trust_context(cert))
    api = CalendarClient(TokenKeeper.of(http_base(sb.url), tokens))
    try:
        with pytest.raises(RestError) as refused:
            await api.slots(0, 86400)
        assert refused.value.status is None  # the certificate, not the switchboard, refused
        assert "certificate" in refused.value.message.lower()
    finally:
        await api.aclose()
