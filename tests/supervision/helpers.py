"""Reading what the supervision view shows, and waiting for it to change."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QTableWidget

from agentdesk.client import login
from agentdesk.supervision.api import SupervisionSession
from agentdesk.ui.supervision import SupervisionView
from tests.support.switchboard import PASSWORD

from .conftest import Board


async def eventually(predicate: Callable[[], bool], within: float = 20.0) -> None:
    """Waits until ``predicate`` holds (checked as the Qt and asyncio loop runs)."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not come true in time")
        await asyncio.sleep(0.02)


async def open_session(board: Board, user: str = "sup.caf") -> SupervisionSession:
    tokens = await login(board.http, user, PASSWORD)
    session = SupervisionSession(
        board.url, tokens.access_token, tokens.refresh_token, tokens.expires_in
    )
    await session.start()
    return session


def seconds(text: str) -> int:
    """ "mm:ss" or "h:mm:ss" (as shown) → seconds."""
    parts = [int(p) for p in text.replace("⚠", "").strip().split(":")]
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


def shown_seconds(value: float) -> int:
    """How a duration of ``value`` seconds is shown (whole seconds, truncated)."""
    return int(max(0.0, value))


def percent(text: str) -> float:
    return float(text.replace("%", "").replace("\u202f", "").replace(",", ".").strip())


def table(widget: QTableWidget) -> dict[str, list[str]]:
    """Rows keyed by their first cell."""
    out = {}
    for row in range(widget.rowCount()):
        cells = [widget.item(row, c).text() for c in range(widget.columnCount())]
        out[cells[0]] = cells
    return out


def headers(widget: QTableWidget) -> list[str]:
    return [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())]


EARTH_KM = 6371.0088


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Written again here so the test does not trust the code under test."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def exporting_view(session: SupervisionSession, targets: list[Path]) -> SupervisionView:
    """The supervisor's view whose exports land in the last folder of ``targets``
    (the file dialog answered as a person would)."""
    return SupervisionView(
        session.board,
        session.figures,
        agency_name="CAF du Cantal",
        choose_path=lambda _parent, _title, name, _filter: targets[-1] / name,
    )
