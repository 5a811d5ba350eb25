"""A real switchboard whose clock the test sets, and signed-in calendar clients."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agentdesk.client import http_base
from agentdesk.client.calendar import CalendarClient
from agentdesk.client.rest import TokenKeeper
from agentdesk.desk.day import PARIS
from tests.support.switchboard import SwitchboardProcess, http_json, login

TUESDAY = dt.date(2026, 12, 1)
"""Not a public holiday; the week of 30 November 2026 (2026-W49)."""


def paris(hour: int, minute: int = 0, day: dt.date = TUESDAY) -> float:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).timestamp()


async def set_clock(sb: SwitchboardProcess, now: float) -> None:
    """The switchboard's calendar now reads ``now`` (``serve --test-clock``)."""
    status, body = await http_json(sb, "PUT", "/api/v1/test/clock", {"now": now})
    assert status == 200, body


async def calendar_for(sb: SwitchboardProcess, user: str) -> CalendarClient:
    tokens: dict[str, Any] = await login(sb, user)
    keeper = TokenKeeper(
        http_base(sb.url), tokens["access_token"], tokens["refresh_token"], tokens["expires_in"]
    )
    return CalendarClient(keeper)
