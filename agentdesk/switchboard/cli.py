"""``agentdesk switchboard``: run the server, or administer its database."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import getpass
import json
import os
import re
import sqlite3
import sys
from collections.abc import Mapping
from pathlib import Path

import msgspec

from agentdesk.protocol import IceServer, Role
from agentdesk.protocol.figures import AgencySettingsUpdate

from . import calendar_cli, fleet_cli
from .store import Store, StoreError

# Only what the arguments need: the server's modules load with ``serve``.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentdesk switchboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--db", type=Path, required=True, help="the switchboard's SQLite file")
        return p

    serve = command("serve", "run the switchboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain ws on a non-loopback address (TLS done by a proxy)",
    )
    serve.add_argument(
        "--trust-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy whose X-Forwarded-For gives the client's address (repeatable)",
    )
    serve.add_argument("--offer-timeout", type=float, default=20.0, metavar="S")
    serve.add_argument(
        "--agent-grace",
        type=float,
        default=3.0,
        metavar="S",
        help="how long a lost agent's call waits before going back to the queue",
    )
    serve.add_argument(
        "--kiosk-grace",
        type=float,
        default=60.0,
        metavar="S",
        help="how long a lost kiosk keeps its place or its call",
    )
    serve.add_argument(
        "--first-offer-grace",
        type=float,
        default=60.0,
        metavar="S",
        help="how long a call is kept for an appointment's own agent, or for the "
        "colleague it was transferred to, before anyone of the service may get it",
    )
    serve.add_argument("--heartbeat", type=float, default=5.0, metavar="S")
    serve.add_argument(
        "--agent-ping",
        type=float,
        default=1.0,
        metavar="S",
        help="an agent's connection silent this long is pinged; no answer within 2.5 times "
        "this and its call goes back to the queue at once",
    )
    serve.add_argument(
        "--test-clock",
        action="store_true",
        help="for tests only, on loopback only: PUT /api/v1/test/clock {now} sets the "
        "switchboard's clock (the calendar follows it)",
    )
    serve.add_argument(
        "--test-clock-start",
        type=float,
        metavar="EPOCH",
        help="for tests only, with --test-clock: the instant it starts from (a test "
        "restarting the switchboard in its own day), else the system's time",
    )
    serve.add_argument("--hello-timeout", type=float, default=10.0, metavar="S")
    serve.add_argument(
        "--request-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="deadline for an HTTP request's head, then its body; idle keep-alive",
    )
    serve.add_argument(
        "--max-connections-per-source",
        type=int,
        metavar="N",
        help="connections one address may hold (default 256, at most a quarter of the "
        "connection ceiling; behind a proxy: cap at the proxy and raise this)",
    )
    serve.add_argument("--snapshot-interval", type=float, default=0.1, metavar="S")
    serve.add_argument("--position-interval", type=float, default=0.5, metavar="S")
    serve.add_argument(
        "--status-count-interval",
        type=float,
        default=5.0,
        metavar="S",
        help="a service_status changing only in agents_signed_in is sent at most once per "
        "interval (the latest count); any other change at once",
    )
    serve.add_argument("--snapshot-limit", type=int, default=50, metavar="N")
    serve.add_argument("--access-ttl", type=float, default=900.0, metavar="S")
    serve.add_argument(
        "--ice-server",
        action="append",
        default=[],
        metavar="URL",
        help="STUN or TURN server for the calls (repeatable): stun:host:3478, "
        "turn:host:3478?transport=udp, turns:host:5349; TURN credentials come from "
        "AGENTDESK_TURN_USERNAME and AGENTDESK_TURN_PASSWORD, never the command line",
    )

    agency = command("add-agency", "add an agency")
    agency.add_argument("id")
    agency.add_argument("name")

    service = command("add-service", "add a service (a queue) to an agency")
    service.add_argument("code", help="upper case, e.g. CAF")
    service.add_argument("name")
    service.add_argument("--agency", required=True)

    agent = command(
        "add-agent", "add an agent or supervisor (password read from stdin or prompted)"
    )
    agent.add_argument("login")
    agent.add_argument("--name", required=True, help="display name")
    agent.add_argument("--agency", required=True)
    agent.add_argument("--services", default="", help="comma-separated service codes")
    agent.add_argument("--role", choices=["agent", "supervisor"], default="agent")

    kiosk = command("add-kiosk", "add a kiosk; prints its device token once")
    kiosk.add_argument("id")
    kiosk.add_argument("--name", required=True, help="display name")
    kiosk.add_argument("--commune", required=True)
    kiosk.add_argument("--lat", type=float, required=True)
    kiosk.add_argument("--lon", type=float, required=True)

    line = command(
        "set-kiosk-line", "a kiosk's line (kbit/s each way): both ends fit their video to it"
    )
    line.add_argument("id")
    line.add_argument("--down", type=int, required=True, help="kbit/s towards the kiosk")
    line.add_argument("--up", type=int, required=True, help="kbit/s from the kiosk")
    appointment = command("add-appointment", "book an appointment for a kiosk and a service")
    appointment.add_argument("--service", required=True)
    appointment.add_argument("--kiosk", required=True)
    appointment.add_argument(
        "--due", required=True, help="ISO 8601 (Europe/Paris if no offset) or Unix seconds"
    )
    appointment.add_argument("--id", dest="appointment_id")

    office = command(
        "add-office", "add an office of an agency (where residents would travel without a kiosk)"
    )
    office.add_argument("id")
    office.add_argument("--agency", required=True)
    office.add_argument("--name", required=True)
    office.add_argument("--address", default="", help="street address, as residents know it")
    office.add_argument("--commune", required=True)
    office.add_argument("--lat", type=float, required=True)
    office.add_argument("--lon", type=float, required=True)

    agency_settings = command(
        "set-agency", "set an agency's supervision settings (only the options given change)"
    )
    agency_settings.add_argument("id")
    agency_settings.add_argument(
        "--target-wait", type=float, metavar="S", help="answered in time within S seconds"
    )
    agency_settings.add_argument(
        "--alert-wait", type=float, metavar="S", help="highlight waits over S seconds"
    )
    agency_settings.add_argument(
        "--road-factor", type=float, help="road km per great-circle km (e.g. 1.3)"
    )
    agency_settings.add_argument(
        "--emission", type=float, metavar="KG", help="kg CO2e per km by car (e.g. 0.218)"
    )

    for name, text in [
        ("disable-account", "disable an account: its sessions end at once, it cannot sign in"),
        ("enable-account", "enable a disabled account again"),
        ("delete-account", "delete an account; its calls' history stays, under a pseudonym"),
        ("reset-password", "set a new password (read from stdin or prompted); signs out"),
    ]:
        command(name, text).add_argument("login")
    role = command("set-role", "make an account an agent or a supervisor; its sessions end")
    role.add_argument("login")
    role.add_argument("role", choices=["agent", "supervisor"])
    renew = command("renew-kiosk-token", "give a kiosk a new device token (printed once)")
    renew.add_argument("id")

    calendar_cli.add_commands(command)
    fleet_cli.add_commands(command)

    command("list", "print agencies, services, agents, kiosks and appointments as JSON")

    seed = command("seed-demo", "fill the database with demo data")
    seed.add_argument("--json", action="store_true", help="print the accounts and kiosk tokens")
    return parser


def _read_password(login: str) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password for {login}: ")
    if getpass.getpass("Again: ") != first:
        raise StoreError("the two passwords differ")
    return first


def _new_password(login: str) -> str:
    password = _read_password(login)
    if len(password) < 8:
        raise StoreError("a password needs at least 8 characters")
    return password


def _due(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        pass
    from zoneinfo import ZoneInfo

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise StoreError(f"--due must be ISO 8601 or Unix seconds, not {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Europe/Paris"))
    return moment.timestamp()


_ICE_URL = re.compile(r"^(stun|stuns|turn|turns):[A-Za-z0-9.\-\[\]:]+(\?transport=(udp|tcp))?$")


def ice_servers(urls: list[str], env: Mapping[str, str]) -> tuple[IceServer, ...]:
    """The ``--ice-server`` URLs, checked, with the TURN credentials from ``env``."""
    for url in urls:
        if not _ICE_URL.match(url):
            raise StoreError(f"--ice-server {url!r} is not a stun:, stuns:, turn: or turns: URL")
    stun = [url for url in urls if url.startswith("stun")]
    turn = [url for url in urls if url.startswith("turn")]
    servers = [IceServer(urls=[url]) for url in stun]
    if turn:
        username, password = env.get("AGENTDESK_TURN_USERNAME"), env.get("AGENTDESK_TURN_PASSWORD")
        if not username or not password:
            raise StoreError(
                "a TURN server needs AGENTDESK_TURN_USERNAME and AGENTDESK_TURN_PASSWORD"
            )
        servers.append(IceServer(urls=turn, username=username, credential=password))
    return tuple(servers)


def _serve(args: argparse.Namespace) -> int:
    from .live import SwitchboardSettings
    from .logs import EventLog
    from .server import ServeOptions, serve

    settings = SwitchboardSettings(
        offer_timeout_s=args.offer_timeout,
        agent_grace_s=args.agent_grace,
        kiosk_grace_s=args.kiosk_grace,
        appointment_agent_grace_s=args.first_offer_grace,
        heartbeat_s=args.heartbeat,
        agent_ping_s=args.agent_ping,
        hello_timeout_s=args.hello_timeout,
        request_timeout_s=args.request_timeout,
        max_connections_per_source=args.max_connections_per_source,
        trusted_proxies=tuple(args.trust_proxy),
        snapshot_interval_s=args.snapshot_interval,
        position_interval_s=args.position_interval,
        status_count_interval_s=args.status_count_interval,
        snapshot_limit=args.snapshot_limit,
        access_ttl_s=args.access_ttl,
        ice_servers=ice_servers(args.ice_server, os.environ),
    )
    options = ServeOptions(
        args.host,
        args.port,
        args.db,
        args.tls_cert,
        args.tls_key,
        args.insecure,
        test_clock=args.test_clock,
        test_clock_start=args.test_clock_start,
    )
    return asyncio.run(serve(options, settings, EventLog()))


def _admin(args: argparse.Namespace) -> int:
    if args.command == "seed-demo":
        from .seed import seed_demo

        data = seed_demo(args.db)
        if args.json:
            print(msgspec.json.encode(data).decode())
        else:
            print(
                f"demo data in {data.db}: {len(data.accounts)} accounts, "
                f"{len(data.kiosks)} kiosks (rerun with --json for tokens)"
            )
        return 0
    store = Store(args.db)
    try:
        if args.command in calendar_cli.COMMANDS:
            calendar_cli.run(args, store)
        elif args.command in fleet_cli.COMMANDS:
            fleet_cli.run(args, store)
        elif args.command == "add-agency":
            store.add_agency(args.id, args.name)
        elif args.command == "add-service":
            store.add_service(args.code, args.name, args.agency)
        elif args.command == "add-agent":
            password = _new_password(args.login)
            services = [s.strip() for s in args.services.split(",") if s.strip()]
            store.add_agent(args.login, args.name, args.agency, services, password, Role(args.role))
        elif args.command in ("disable-account", "enable-account"):
            store.set_disabled(args.login, args.command == "disable-account")
        elif args.command == "delete-account":
            print(store.delete_agent(args.login))
        elif args.command == "reset-password":
            store.set_password(args.login, _new_password(args.login))
        elif args.command == "set-role":
            store.set_role(args.login, Role(args.role))
        elif args.command == "renew-kiosk-token":
            print(store.renew_kiosk_token(args.id))
        elif args.command == "add-kiosk":
            token = store.add_kiosk(args.id, args.name, args.commune, args.lat, args.lon)
            print(token)
        elif args.command == "set-kiosk-line":
            store.set_kiosk_line(args.id, args.down, args.up)
        elif args.command == "add-appointment":
            print(
                store.add_appointment(args.service, args.kiosk, _due(args.due), args.appointment_id)
            )
        elif args.command == "add-office":
            store.add_office(
                args.id, args.agency, args.name, args.address, args.commune, args.lat, args.lon
            )
        elif args.command == "set-agency":
            try:
                update = msgspec.convert(
                    {
                        "target_wait_s": args.target_wait,
                        "alert_wait_s": args.alert_wait,
                        "road_factor": args.road_factor,
                        "emission_kg_per_km": args.emission,
                    },
                    AgencySettingsUpdate,
                )
            except msgspec.ValidationError as exc:
                raise StoreError(f"bad setting: {exc}") from None
            settings = store.set_agency_settings(args.id, update)
            print(msgspec.json.encode(settings).decode())
        elif args.command == "list":
            listing = {
                "agencies": [{"id": a.id, "name": a.name} for a in store.agencies()],
                "services": [
                    {"code": s.code, "name": s.name, "agency": s.agency_id}
                    for s in store.services()
                ],
                "agents": [
                    {
                        "login": a.login,
                        "display_name": a.display_name,
                        "agency": a.agency_id,
                        "role": a.role.value,
                        "services": a.services,
                    }
                    for a in store.agents()
                ],
                "kiosks": [
                    {
                        "id": k.id,
                        "display_name": k.display_name,
                        "commune": k.commune,
                        "lat": k.lat,
                        "lon": k.lon,
                    }
                    for k in store.kiosks()
                ],
                "offices": [
                    {"agency": a.id, **msgspec.to_builtins(o)}
                    for a in store.agencies()
                    for o in store.offices(a.id)
                ],
                "appointments": [
                    {
                        "id": a.appointment_id,
                        "service": a.service,
                        "kiosk_id": a.kiosk_id,
                        "due_at": a.starts_at,
                        "code": a.code,
                        "state": a.state.value,
                        "call_id": a.call_id,
                    }
                    for a in store.appointments()
                ],
            }
            print(json.dumps(listing, ensure_ascii=False, indent=2))
    finally:
        store.close()
    return 0


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        return _admin(args)
    except (StoreError, sqlite3.Error) as exc:
        print(f"agentdesk switchboard {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
