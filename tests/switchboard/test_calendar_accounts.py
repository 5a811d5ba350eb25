"""The calendar follows the account too: its HTTP API checks the account as it
is now, like the supervisor's API."""

from __future__ import annotations

import json

import aiohttp

from tests.support.switchboard import SwitchboardProcess, http_json, login

from .test_accounts import admin
from .test_permanences import CAF_TUESDAY

CALENDAR_READS = ("/api/v1/permanences", "/api/v1/appointments", "/api/v1/slots",
                  "/api/v1/closures", "/api/v1/calendar.ics")  # fmt: skip


async def statuses(sb: SwitchboardProcess, token: str) -> set[tuple[int, str]]:
    """(status, error code or "ok") of each calendar read with ``token``."""
    found = set()
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as session:
        for path in CALENDAR_READS:
            async with session.get(sb.http + path) as response:
                body = await response.read()
                code = json.loads(body)["code"] if response.status >= 400 else "ok"
                found.add((response.status, code))
    return found


async def test_the_calendar_api_follows_the_account(sb: SwitchboardProcess) -> None:
    supervisor = (await login(sb, "sup.caf"))["access_token"]
    agent = await login(sb, "agent.caf")
    status, body = await http_json(sb, "POST", "/api/v1/permanences", CAF_TUESDAY, supervisor)
    assert status == 201, body
    assert await statuses(sb, agent["access_token"]) == {(200, "ok")}

    # Demoted: the old token is refused, a new one may no longer edit.
    admin(sb, "set-role", "sup.caf", "agent")
    status, body = await http_json(sb, "POST", "/api/v1/permanences", CAF_TUESDAY, supervisor)
    assert (status, body["code"]) == (401, "unauthorized")
    assert await statuses(sb, supervisor) == {(401, "unauthorized")}
    demoted = (await login(sb, "sup.caf"))["access_token"]
    status, body = await http_json(sb, "POST", "/api/v1/permanences", CAF_TUESDAY, demoted)
    assert (status, body["code"]) == (403, "forbidden")

    # Signed out: that sign-in's access token opens nothing any more.
    await http_json(sb, "POST", "/api/v1/logout", {"refresh_token": agent["refresh_token"]})
    assert await statuses(sb, agent["access_token"]) == {(401, "unauthorized")}

    # Disabled, then deleted.
    other = (await login(sb, "agent2.caf"))["access_token"]
    assert await statuses(sb, other) == {(200, "ok")}
    admin(sb, "disable-account", "agent2.caf")
    assert await statuses(sb, other) == {(401, "unauthorized")}
    admin(sb, "enable-account", "agent2.caf")
    again = (await login(sb, "agent2.caf"))["access_token"]
    assert await statuses(sb, again) == {(200, "ok")}
    admin(sb, "delete-account", "agent2.caf")
    assert await statuses(sb, again) == {(401, "unauthorized")}
