"""``agentdesk switchboard list-kiosks``: every kiosk, online or not, its devices,
its next permanence and its alert, for operators."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

import msgspec

from .fleet_view import fleet
from .schedule import PARIS
from .store import Storage

COMMANDS = ("list-kiosks",)


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    listing = command("list-kiosks", "print every kiosk: online, devices, next permanence, alert")
    listing.add_argument("--json", action="store_true", help="one JSON array")


def _when(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts, PARIS).strftime("%d/%m %H:%M") if ts else "-"


def run(args: argparse.Namespace, store: Storage) -> None:
    kiosks = fleet(store, time.time())
    if args.json:
        print(msgspec.json.encode(kiosks).decode())
        return
    for kiosk in kiosks:
        state = "online" if kiosk.online else "OFFLINE"
        devices = " ".join(f"{d.device}={d.state}" for d in kiosk.devices) or "no device report yet"
        nxt = f"{kiosk.next_service} {_when(kiosk.next_permanence)}" if kiosk.next_service else "-"
        alert = f"  ALERT: {kiosk.alert}" if kiosk.alert else ""
        print(
            f"{kiosk.kiosk_id:<16} {kiosk.commune:<20} {state} since {_when(kiosk.since)}"
            f"  last contact {_when(kiosk.last_contact)}  {devices}  next {nxt}{alert}"
        )
