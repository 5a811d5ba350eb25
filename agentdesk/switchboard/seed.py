"""Demo data: Cantal agencies, services, kiosks in real communes, demo accounts.

Running it again on the same file adds what is missing and gives every demo
kiosk a fresh device token (tokens are stored hashed, so they cannot be read
back)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import msgspec

from agentdesk.protocol import Role
from agentdesk.protocol.schedule import AppointmentDraft, PermanenceDraft

from .auth import hash_password
from .calendar_checks import check_booking, check_permanence, to_book
from .schedule import PARIS, ScheduleError, day_of
from .store import Store

DEMO_PASSWORD = "demo-agentdesk"

AGENCIES = [
    ("caf-cantal", "CAF du Cantal"),
    ("msa-auvergne", "MSA Auvergne"),
    ("cpam-cantal", "CPAM du Cantal"),
    ("udaf-cantal", "UDAF du Cantal"),
]
SERVICES = [
    ("CAF", "Allocations familiales (CAF)", "caf-cantal"),
    ("MSA", "Mutualité sociale agricole (MSA)", "msa-auvergne"),
    ("CPAM", "Assurance maladie (CPAM)", "cpam-cantal"),
    ("UDAF", "Aide aux familles et tutelles (UDAF)", "udaf-cantal"),
]
# login, display name, agency, services, role
ACCOUNTS = [
    ("agent.caf", "Claire Delmas", "caf-cantal", ["CAF"], Role.AGENT),
    ("agent2.caf", "Julien Vermenouze", "caf-cantal", ["CAF"], Role.AGENT),
    ("superviseur.caf", "Sylvie Roques", "caf-cantal", ["CAF"], Role.SUPERVISOR),
    ("agent.msa", "Pierre Boudou", "msa-auvergne", ["MSA"], Role.AGENT),
    ("superviseur.msa", "Anne Couderc", "msa-auvergne", ["MSA"], Role.SUPERVISOR),
    ("agent.cpam", "Nadia Fabre", "cpam-cantal", ["CPAM"], Role.AGENT),
    ("benevole.udaf", "Bernard Lavergne", "udaf-cantal", ["UDAF"], Role.AGENT),
]
# id, display name, commune, latitude, longitude (town centres, WGS 84)
KIOSKS = [
    ("pvp-murat", "France Services de Murat", "Murat", 45.1101, 2.8686),
    ("pvp-riom", "Mairie de Riom-ès-Montagnes", "Riom-ès-Montagnes", 45.2822, 2.6597),
    ("pvp-maurs", "France Services de Maurs", "Maurs", 44.7103, 2.1981),
    ("pvp-chaudes-aigues", "Mairie de Chaudes-Aigues", "Chaudes-Aigues", 44.8553, 3.0039),
    ("pvp-allanche", "Agence postale d'Allanche", "Allanche", 45.2290, 2.9341),
    ("pvp-pleaux", "France Services de Pleaux", "Pleaux", 45.1361, 2.2289),
    ("pvp-saignes", "France Services de Saignes", "Saignes", 45.3364, 2.4789),
]

# Where residents would go without a kiosk: the agencies' reception offices in
# the Cantal's three sub-prefecture towns.  Coordinates are the town centres
# (WGS 84): the distance figures are town to town, so the street address does
# not change them; agencies put their own with ``add-office``.
# id, agency, name, address, commune, latitude, longitude
OFFICES = [
    ("caf-aurillac", "caf-cantal", "Accueil CAF d'Aurillac", "Aurillac (15000)",
     "Aurillac", 44.9264, 2.4397),
    ("caf-saint-flour", "caf-cantal", "Permanence CAF de Saint-Flour", "Saint-Flour (15100)",
     "Saint-Flour", 45.0340, 3.0929),
    ("caf-mauriac", "caf-cantal", "Permanence CAF de Mauriac", "Mauriac (15200)",
     "Mauriac", 45.2186, 2.3336),
    ("msa-aurillac", "msa-auvergne", "Agence MSA d'Aurillac", "Aurillac (15000)",
     "Aurillac", 44.9264, 2.4397),
    ("msa-saint-flour", "msa-auvergne", "Agence MSA de Saint-Flour", "Saint-Flour (15100)",
     "Saint-Flour", 45.0340, 3.0929),
    ("msa-mauriac", "msa-auvergne", "Permanence MSA de Mauriac", "Mauriac (15200)",
     "Mauriac", 45.2186, 2.3336),
    ("cpam-aurillac", "cpam-cantal", "Accueil CPAM d'Aurillac", "Aurillac (15000)",
     "Aurillac", 44.9264, 2.4397),
    ("cpam-saint-flour", "cpam-cantal", "Accueil CPAM de Saint-Flour", "Saint-Flour (15100)",
     "Saint-Flour", 45.0340, 3.0929),
    ("cpam-mauriac", "cpam-cantal", "Permanence CPAM de Mauriac", "Mauriac (15200)",
     "Mauriac", 45.2186, 2.3336),
]  # fmt: skip


class DemoAgency(msgspec.Struct, kw_only=True):
    id: str
    name: str


class DemoService(msgspec.Struct, kw_only=True):
    code: str
    name: str
    agency: str


class DemoAccount(msgspec.Struct, kw_only=True):
    login: str
    password: str
    display_name: str
    role: Role
    agency: str
    services: list[str]


class DemoKiosk(msgspec.Struct, kw_only=True):
    id: str
    token: str
    display_name: str
    commune: str
    lat: float
    lon: float


class DemoAppointment(msgspec.Struct, kw_only=True):
    id: str
    service: str
    kiosk_id: str
    due_at: float
    code: str = ""
    """What the resident types at the kiosk to check in."""


class DemoData(msgspec.Struct, kw_only=True):
    db: str
    agencies: list[DemoAgency]
    services: list[DemoService]
    accounts: list[DemoAccount]
    kiosks: list[DemoKiosk]
    appointments: list[DemoAppointment]


def seed_demo(db: str | Path, password: str = DEMO_PASSWORD, now: float | None = None) -> DemoData:
    """Fills (or tops up) the switchboard database at ``db`` with demo data and
    returns it, with fresh kiosk tokens and the accounts' password."""
    now = time.time() if now is None else now
    store = Store(db)
    try:
        known_agencies = {a.id for a in store.agencies()}
        for agency_id, name in AGENCIES:
            if agency_id not in known_agencies:
                store.add_agency(agency_id, name)
        known_services = {s.code for s in store.services()}
        for code, name, agency_id in SERVICES:
            if code not in known_services:
                store.add_service(code, name, agency_id)
        for office_id, agency_id, name, address, commune, lat, lon in OFFICES:
            if all(o.id != office_id for o in store.offices(agency_id)):
                store.add_office(office_id, agency_id, name, address, commune, lat, lon)
        hashed = hash_password(password)
        for login, display_name, agency_id, services, role in ACCOUNTS:
            if store.agent(login) is None:
                store.add_agent(
                    login, display_name, agency_id, services, password, role, password_hash=hashed
                )
        kiosks = []
        for kiosk_id, display_name, commune, lat, lon in KIOSKS:
            if store.kiosk(kiosk_id) is None:
                token = store.add_kiosk(kiosk_id, display_name, commune, lat, lon)
            else:
                token = store.renew_kiosk_token(kiosk_id)
            kiosks.append(
                DemoKiosk(
                    id=kiosk_id,
                    token=token,
                    display_name=display_name,
                    commune=commune,
                    lat=lat,
                    lon=lon,
                )
            )
        appointments = seed_schedule(store, now)
        return DemoData(
            db=str(Path(db).resolve()),
            agencies=[DemoAgency(id=a, name=n) for a, n in AGENCIES],
            services=[DemoService(code=c, name=n, agency=a) for c, n, a in SERVICES],
            accounts=[
                DemoAccount(
                    login=lg, password=password, display_name=dn, role=r, agency=a, services=s
                )
                for lg, dn, a, s, r in ACCOUNTS
            ],
            kiosks=kiosks,
            appointments=appointments,
        )
    finally:
        store.close()


# The demo's calendar, rebuilt on each run around the time it starts: the demo
# agent's CAF permanence is open now (at every kiosk), with an appointment at
# Murat due a few minutes later; UDAF, the volunteers, holds sessions on the
# next two Thursdays and is closed now; MSA and CPAM keep no calendar (open
# around the clock, as a network without permanences).
DEMO_NOTE = "Démo"
DEMO_RESIDENT = "Marie Dupont"


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def seed_schedule(store: Store, now: float) -> list[DemoAppointment]:

    for perm in store.permanences():
        if perm.note == DEMO_NOTE:
            store.remove_permanence(perm.permanence_id)
    local = dt.datetime.fromtimestamp(now, PARIS)
    start = max(local.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1),
                local.replace(hour=0, minute=0, second=0, microsecond=0))  # fmt: skip
    end_of_day = local.replace(hour=23, minute=59, second=0, microsecond=0)
    end = min(start + dt.timedelta(hours=5), end_of_day)
    today = day_of(now)
    # The next two Thursdays after today (never today: UDAF is closed now).
    first = today + dt.timedelta(days=(2 - today.weekday()) % 7 + 1)
    thursdays = [first, first + dt.timedelta(days=7)]
    drafts = [
        PermanenceDraft(service="CAF", date=today.isoformat(), start=_clock(start),
                        end=_clock(end), agent_logins=["agent.caf"], note=DEMO_NOTE),
        *(
            PermanenceDraft(service="UDAF", date=day.isoformat(), start="14:00", end="16:00",
                            kiosk_ids=["pvp-murat", "pvp-riom"], note=DEMO_NOTE)
            for day in thursdays
        ),
    ]  # fmt: skip
    for draft in drafts:
        try:
            check_permanence(store, draft)
        except ScheduleError:
            continue  # the agency's own calendar already covers it
        store.save_permanence(draft, now)
    booked: list[DemoAppointment] = []
    # A few minutes from now, 20 minutes long, within the permanence; late in
    # the evening (slots end at midnight) 5 minutes long, just before its end,
    # so that it is still due when the resident checks in (up to 15 min late).
    duration = 20
    due = min(now + 300.0, end.timestamp() - duration * 60)
    if due < now - 600.0:
        duration = 5
        due = end.timestamp() - duration * 60
    appointment = to_book(
        AppointmentDraft(
            service="CAF", kiosk_id="pvp-murat", starts_at=float(int(due // 60) * 60),
            duration_min=duration, purpose="Prime d'activité", resident_name=DEMO_RESIDENT,
            agent_login="agent.caf",
        )
    )  # fmt: skip
    try:
        check_booking(store, appointment)
    except ScheduleError:
        return booked
    made = store.book(appointment)
    booked.append(
        DemoAppointment(
            id=made.appointment_id,
            service=made.service,
            kiosk_id=made.kiosk_id,
            due_at=made.starts_at,
            code=made.code,
        )
    )
    return booked
