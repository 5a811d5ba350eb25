"""The calendar follows the account too: its HTTP API checks the account as it
is now (like the supervisor's API), and deleting an account leaves no login
in the calendar's tables."""

from __future__ import annotations

import contextlib
import json
import sqlite3

import aiohttp

from tests.support.switchboard import SwitchboardProcess, http_json, login, set_clock

from .conftest import Joiner, Starter
from .test_accounts import admin, ended
from .test_permanences import CAF_TUESDAY, paris

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
    await admin(sb, "set-role", "sup.caf", "agent")
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
    await admin(sb, "disable-account", "agent2.caf")
    assert await statuses(sb, other) == {(401, "unauthorized")}
    await admin(sb, "enable-account", "agent2.caf")
    again = (await login(sb, "agent2.caf"))["access_token"]
    assert await statuses(sb, again) == {(200, "ok")}
    await admin(sb, "delete-account", "agent2.caf")
    assert await statuses(sb, again) == {(401, "unauthorized")}


async def test_a_deleted_agent_leaves_no_login_in_the_calendar(
    start: Starter, join: Joiner
) -> None:
    sb = await start("--test-clock")
    await set_clock(sb, paris("2025-12-02T08:00"))
    supervisor = (await login(sb, "sup.caf"))["access_token"]
    status, body = await http_json(
        sb, "POST", "/api/v1/permanences", {**CAF_TUESDAY, "agent_logins": ["agent2.caf"]},
        supervisor,
    )  # fmt: skip
    assert status == 201, body
    draft = {"service": "CAF", "kiosk_id": "pvp-murat", "starts_at": paris("2025-12-02T10:00"),
             "resident_name": "Marie Dupont", "agent_login": "agent2.caf"}  # fmt: skip
    status, booked = await http_json(sb, "POST", "/api/v1/appointments", draft, supervisor)
    assert status == 201 and booked["agent_login"] == "agent2.caf", booked
    agent, _ = await join(sb, "agent2.caf")  # a session the staffed-hours figures count

    pseudonym = await admin(sb, "delete-account", "agent2.caf")
    await ended(agent)
    status, listed = await http_json(
        sb, "GET", "/api/v1/appointments?day=2025-12-02", token=supervisor
    )
    assert status == 200
    # Still to come: any agent of the service takes it, without waiting for the deleted one.
    [appointment] = listed["appointments"]
    assert appointment["appointment_id"] == booked["appointment_id"]
    assert "agent_login" not in appointment
    status, permanences = await http_json(sb, "GET", "/api/v1/permanences", token=supervisor)
    assert status == 200 and permanences["permanences"][0].get("agent_logins", []) == []
    with contextlib.closing(sqlite3.connect(sb.db)) as raw:
        dump = "\n".join(raw.iterdump())
    assert "agent2.caf" not in dump
    assert pseudonym in dump  # the session is kept, under the pseudonym
    assert "agent2.caf" not in json.dumps([listed, permanences])
