"""The admin CLI's calendar commands: permanences, closures, appointments.

They write the switchboard's file directly, with the checks of the HTTP API;
a running switchboard reads the calendar again within a minute."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable

import msgspec

from agentdesk.protocol.schedule import (
    AppointmentDraft,
    AppointmentState,
    ClosureDraft,
    PermanenceDraft,
)

from .calendar_checks import check_booking, check_permanence, to_book
from .schedule import PARIS, WEEKDAYS, ScheduleError
from .stats import day_bounds
from .store import Store, StoreError

Command = Callable[[str, str], argparse.ArgumentParser]
COMMANDS = (
    "add-permanence",
    "list-permanences",
    "remove-permanence",
    "add-closure",
    "list-closures",
    "remove-closure",
    "book-appointment",
    "list-appointments",
    "cancel-appointment",
)
_DAY_NAMES = {name.lower(): i for i, name in enumerate(WEEKDAYS)}
_DAY_NAMES.update({name.lower()[:3]: i for i, name in enumerate(WEEKDAYS)})
_DAY_NAMES.update(
    {n: i for i, n in enumerate(("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"))}
)
_DAY_NAMES["dimanche"] = 6


def _weekday(text: str) -> int:
    if text.isdigit() and 0 <= int(text) <= 6:
        return int(text)
    try:
        return _DAY_NAMES[text.lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a weekday (monday..sunday, lundi..dimanche, or 0-6)"
        ) from None


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def add_commands(command: Command) -> None:
    perm = command("add-permanence", "add a permanence: a service open at kiosks, weekly or once")
    perm.add_argument("--service", required=True)
    when = perm.add_mutually_exclusive_group(required=True)
    when.add_argument("--weekday", type=_weekday, help="every week: monday..sunday or 0-6")
    when.add_argument("--date", help="once: YYYY-MM-DD")
    perm.add_argument("--start", required=True, help="HH:MM, Europe/Paris")
    perm.add_argument("--end", required=True, help="HH:MM, Europe/Paris")
    perm.add_argument("--kiosks", type=_list, default=[], help="comma-separated; none: every kiosk")
    perm.add_argument("--agents", type=_list, default=[], help="logins; none: any agent")
    perm.add_argument("--from", dest="valid_from", help="weekly: first day, YYYY-MM-DD")
    perm.add_argument("--until", dest="valid_until", help="weekly: last day, YYYY-MM-DD")
    perm.add_argument("--note")
    command("list-permanences", "print the permanences as JSON")
    remove = command("remove-permanence", "remove a permanence")
    remove.add_argument("id")
    closure = command("add-closure", "close an agency (or one of its services) on some days")
    closure.add_argument("--agency", required=True)
    closure.add_argument("--service")
    closure.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    closure.add_argument("--to", dest="date_to", help="YYYY-MM-DD, inclusive (default: --from)")
    closure.add_argument("--label", required=True, help='e.g. "Fermeture exceptionnelle"')
    command("list-closures", "print the agencies' closures as JSON (public holidays are implied)")
    unclose = command("remove-closure", "remove a closure")
    unclose.add_argument("id")
    book = command("book-appointment", "book an appointment within a permanence")
    book.add_argument("--service", required=True)
    book.add_argument("--kiosk", required=True)
    book.add_argument("--at", required=True, help="ISO 8601 (Europe/Paris if no offset)")
    book.add_argument("--name", required=True, help="the resident's name as they gave it")
    book.add_argument("--minutes", type=int, default=20)
    book.add_argument("--purpose", default="")
    book.add_argument("--agent", help="login of the assigned agent")
    listing = command("list-appointments", "print a day's appointments as JSON")
    listing.add_argument("--day", help="YYYY-MM-DD (default: today)")
    cancel = command("cancel-appointment", "cancel an appointment")
    cancel.add_argument("id")


def _convert(fields: dict[str, object], kind: type[msgspec.Struct]) -> msgspec.Struct:
    try:
        return msgspec.convert({k: v for k, v in fields.items() if v is not None}, kind)
    except msgspec.ValidationError as exc:
        raise StoreError(str(exc)) from None


def _print(value: object) -> None:
    print(json.dumps(msgspec.to_builtins(value), ensure_ascii=False, indent=2))


def _moment(text: str) -> float:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise StoreError(f"--at must be ISO 8601, not {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PARIS)
    return moment.timestamp()


def run(args: argparse.Namespace, store: Store) -> None:
    try:
        _run(args, store)
    except ScheduleError as exc:
        raise StoreError(exc.message) from None


def _run(args: argparse.Namespace, calendar: Store) -> None:
    if args.command == "add-permanence":
        draft = _convert(
            {
                "service": args.service,
                "kiosk_ids": args.kiosks,
                "weekday": args.weekday,
                "date": args.date,
                "start": args.start,
                "end": args.end,
                "valid_from": args.valid_from,
                "valid_until": args.valid_until,
                "agent_logins": args.agents,
                "note": args.note,
            },
            PermanenceDraft,
        )
        assert isinstance(draft, PermanenceDraft)
        check_permanence(calendar, draft)
        print(calendar.save_permanence(draft, time.time()).permanence_id)
    elif args.command == "list-permanences":
        _print(calendar.permanences())
    elif args.command == "remove-permanence":
        calendar.remove_permanence(args.id)
    elif args.command == "add-closure":
        closure = _convert(
            {
                "service": args.service,
                "date_from": args.date_from,
                "date_to": args.date_to or args.date_from,
                "label": args.label,
            },
            ClosureDraft,
        )
        assert isinstance(closure, ClosureDraft)
        print(calendar.add_closure(closure, args.agency).closure_id)
    elif args.command == "list-closures":
        _print(calendar.closures())
    elif args.command == "remove-closure":
        calendar.remove_closure(args.id)
    elif args.command == "book-appointment":
        draft = _convert(
            {
                "service": args.service,
                "kiosk_id": args.kiosk,
                "starts_at": _moment(args.at),
                "duration_min": args.minutes,
                "purpose": args.purpose,
                "resident_name": args.name,
                "agent_login": args.agent,
            },
            AppointmentDraft,
        )
        assert isinstance(draft, AppointmentDraft)
        appointment = to_book(draft)
        check_booking(calendar, appointment)
        _print(calendar.book(appointment))
    elif args.command == "list-appointments":
        try:
            day = dt.date.fromisoformat(args.day) if args.day else dt.datetime.now(PARIS).date()
        except ValueError:
            raise StoreError(f"--day must be YYYY-MM-DD, not {args.day!r}") from None
        _print(calendar.appointments(*day_bounds(day)))
    elif args.command == "cancel-appointment":
        found = calendar.appointment(args.id)
        if found is None:
            raise StoreError(f"no appointment {args.id}")
        if found.state is not AppointmentState.BOOKED:
            raise StoreError(f"appointment {args.id} is {found.state.value}")
        calendar.save_appointment(msgspec.structs.replace(found, state=AppointmentState.CANCELLED))
