"""Supervision tests: Qt offscreen, a real switchboard process on a SQLite
file holding generated history, real HTTP and WebSocket clients."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import contextlib
import datetime as dt
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from agentdesk.switchboard.store import Store
from tests.support import processes
from tests.support.switchboard import Provisioned, provision

from .history import Spec, make_specs, write_history

T = TypeVar("T")

# A past month with a daylight-saving change (30 March 2025), plus the first
# days of the next one: several days, several communes, every fate of a call.
FIRST_DAY = dt.date(2025, 3, 24)
DAYS = 10
PER_DAY = 24
# Agency caf's offices (town centres).
OFFICES = [
    ("caf-aurillac", "Accueil CAF d'Aurillac", "Aurillac", 44.9264, 2.4397),
    ("caf-saint-flour", "Permanence CAF de Saint-Flour", "Saint-Flour", 45.0340, 3.0929),
    ("caf-mauriac", "Permanence CAF de Mauriac", "Mauriac", 45.2186, 2.3336),
]


@dataclass
class Board:
    """A switchboard process started with subprocess (the qasync loop runs
    no asyncio subprocesses); ``url``/``http`` as tests.support expects."""

    proc: subprocess.Popen[str]
    url: str
    http: str
    port: int


@dataclass
class World:
    db: Path
    accounts: Provisioned
    specs: list[Spec]


def add_offices(db: Path) -> None:
    with contextlib.closing(Store(db)) as store:
        for office_id, name, commune, lat, lon in OFFICES:
            store.add_office(office_id, "caf", name, f"{commune} (15)", commune, lat, lon)


@pytest.fixture
def world(tmp_path: Path) -> World:
    db = tmp_path / "switchboard.db"
    accounts = provision(db)
    add_offices(db)
    specs = make_specs(FIRST_DAY, DAYS, PER_DAY)
    write_history(db, specs)
    return World(db, accounts, specs)


def start_board(db: Path, *extra: str) -> Board:
    args = [sys.executable, "-m", "agentdesk", "switchboard", "serve", "--db", str(db),
            "--host", "127.0.0.1", "--port", "0", "--snapshot-interval", "0.05",
            *extra]  # fmt: skip
    log = open(db.with_suffix(".log"), "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
    log.close()
    assert proc.stdout is not None
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()))  # type: ignore[union-attr]
    reader.start()
    reader.join(30.0)
    if not line or not line[0]:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"switchboard did not start: {db.with_suffix('.log').read_text()}")
    info = json.loads(line[0])
    return Board(proc, info["url"], info["http"], info["port"])


def stop_board(board: Board) -> None:
    processes.stop(board.proc, 20.0)


@pytest.fixture
def switchboard(world: World) -> Iterator[Board]:
    board = start_board(world.db)
    yield board
    stop_board(board)


@pytest.fixture(autouse=True)
def _french_numbers() -> Iterator[None]:
    """The figures are read back as a French supervisor sees them (1 037,2);
    set here so no earlier test's language can leak in."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(previous)
