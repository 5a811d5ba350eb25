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
from .store import Storage, StoreError

COMMANDS = ("list-kiosks",)


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    listing = command("list-kiosks", "print every kiosk: online, devices, next permanence, alert")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.add_argument(
        "--agency",
        metavar="ID",
        help="only the kiosks of this agency (where its services hold permanences, as its"
        " supervisors' « Bornes » view shows)",
    )


def _when(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts, PARIS).strftime("%d/%m %H:%M") if ts else "-"


def _services_of(store: Storage, agency: str) -> list[str]:
    known = sorted(a.id for a in store.agencies())
    if agency not in known:
        raise StoreError(f"no agency {agency!r} (agencies: {', '.join(known) or 'none yet'})")
    return sorted(s.code for s in store.services() if s.agency_id == agency)


def run(args: argparse.Namespace, store: Storage) -> None:
    if args.agency is None:
        kiosks = fleet(store, time.time())
    else:
        services = _services_of(store, args.agency)
        # An agency without a service has no kiosk of its own (fleet() would read
        # "no service named" as "every kiosk").
        kiosks = fleet(store, time.time(), services) if services else []
        if not kiosks and not args.json:
            print(f"no kiosk for agency {args.agency!r}: it offers no service at any kiosk")
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
