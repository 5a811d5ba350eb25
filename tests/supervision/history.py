"""Generated call history, written through the switchboard's store API.

Each call is first described (``Spec``: who, where, when, what happened), then
written as the switchboard itself would: ``Store.create_call`` then
``Store.record`` for every transition, with the times of the story.  Tests
compute the expected figures from the specs alone, independently of the
switchboard's SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from agentdesk.protocol import CallEvent, CallState
from agentdesk.supervision import PARIS
from agentdesk.switchboard.store import CallRow, Store

# Kiosks of tests.support.switchboard.provision, with their communes.
KIOSK_COMMUNES = {
    "pvp-murat": "Murat",
    "pvp-riom": "Riom-ès-Montagnes",
    "pvp-maurs": "Maurs",
    "pvp-allanche": "Allanche",
    "pvp-pleaux": "Pleaux",
    "pvp-saignes": "Saignes",
}
KIOSK_COORDS = {
    "pvp-murat": (45.1101, 2.8686),
    "pvp-riom": (45.2822, 2.6597),
    "pvp-maurs": (44.7103, 2.1981),
    "pvp-allanche": (45.2290, 2.9341),
    "pvp-pleaux": (45.1361, 2.2289),
    "pvp-saignes": (45.3364, 2.4789),
}
AGENTS = {"CAF": ["agent.caf", "agent2.caf", "agent3.caf"], "CPAM": ["agent.cpam"],
          "MSA": ["agent.msa"]}  # fmt: skip
OUTCOMES = ["Dossier complété", "Rendez-vous pris", "Information donnée", None]
RATINGS = ["good", "good", "neutral", "bad", None]
REASONS = ["Prime d'activité", "Aide au logement", "Carte Vitale", "Retraite"]


@dataclass
class Spec:
    call_id: str
    service: str
    kiosk_id: str
    queued_at: float
    kind: str
    """answered, abandoned, missed_then_answered, interrupted_then_answered"""
    wait_s: float
    """Until the first answer, or until leaving (abandoned)."""
    agent: str | None = None
    talks: list[float] = field(default_factory=list)
    """Length of each talk leg (media connected to its end)."""
    outcome: str | None = None
    rating: str | None = None
    """The resident's answer after the call (``rate_call``), if they gave one."""

    @property
    def commune(self) -> str:
        return KIOSK_COMMUNES[self.kiosk_id]

    @property
    def answered(self) -> bool:
        return self.kind != "abandoned"


def paris_time(day: dt.date, hour: int, minute: int) -> float:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).timestamp()


def make_specs(
    first_day: dt.date, days: int, per_day: int, seed: int = 5, services: tuple[str, ...] = ()
) -> list[Spec]:
    rng = random.Random(seed)
    services = services or ("CAF", "CAF", "CPAM", "MSA")
    specs = []
    n = 0
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        for _ in range(per_day):
            n += 1
            service = rng.choice(services)
            kiosk = rng.choice(sorted(KIOSK_COMMUNES))
            queued = paris_time(day, rng.randint(8, 17), rng.randint(0, 59)) + rng.random()
            roll = rng.random()
            kind = (
                "abandoned" if roll < 0.2
                else "missed_then_answered" if roll < 0.3
                else "interrupted_then_answered" if roll < 0.37
                else "answered"
            )  # fmt: skip
            # Mostly a few minutes, now and then very long (a busy morning).
            wait = round(min(2400.0, 5.0 + rng.expovariate(1 / 300.0)), 3)
            spec = Spec(f"c-gen-{n:05d}", service, kiosk, queued, kind, wait)
            if spec.answered:
                spec.agent = rng.choice(AGENTS[service])
                legs = 2 if kind == "interrupted_then_answered" else 1
                spec.talks = [round(rng.uniform(60, 1200), 3) for _ in range(legs)]
                spec.outcome = rng.choice(OUTCOMES)
                # Not drawn from rng: the calls' other facts stay as they were.
                spec.rating = RATINGS[n % len(RATINGS)]
            specs.append(spec)
    return specs


def write_history(db: Path, specs: list[Spec]) -> None:
    with contextlib.closing(Store(db)) as store:
        for spec in specs:
            _write(store, spec)


def _write(store: Store, spec: Spec) -> None:
    row: CallRow = store.create_call(
        spec.call_id, spec.service, spec.kiosk_id, REASONS[len(spec.call_id) % 4], None, False,
        spec.queued_at, 2, {"rank": "2"},
    )  # fmt: skip
    t = spec.queued_at

    def step(
        event: CallEvent, state: CallState, at: float, agent: str | None, **kw: object
    ) -> None:
        row.state = state
        row.agent_login = agent if state is not CallState.QUEUED else None
        for name, value in kw.items():
            setattr(row, name, value)
        wrap = (agent, row.outcome, None) if event is CallEvent.DONE and agent else None
        store.record(row, event, at, agent, None, wrap)

    if spec.kind == "abandoned":
        step(CallEvent.ABANDONED, CallState.ABANDONED, t + spec.wait_s, None,
             ended_at=t + spec.wait_s)  # fmt: skip
        return
    agent = spec.agent
    answer = t + spec.wait_s
    if spec.kind == "missed_then_answered":
        step(CallEvent.OFFERED, CallState.OFFERED, answer - 4.0, "agent.other")
        step(CallEvent.MISSED, CallState.QUEUED, answer - 2.0, "agent.other")
    step(CallEvent.CONNECTING, CallState.CONNECTING, answer, agent, answered_at=answer)
    now = answer + 1.0
    step(CallEvent.CONNECTED, CallState.CONNECTED, now, agent, connected_at=now)
    if spec.kind == "interrupted_then_answered":
        now += spec.talks[0]
        step(CallEvent.INTERRUPTED, CallState.QUEUED, now, agent)
        now += 30.0
        step(CallEvent.CONNECTING, CallState.CONNECTING, now, agent, answered_at=now)
        now += 1.0
        step(CallEvent.CONNECTED, CallState.CONNECTED, now, agent)
    now += spec.talks[-1]
    step(CallEvent.WRAP_UP, CallState.WRAP_UP, now, agent, ended_at=now,
         end_reason="agent_hung_up")  # fmt: skip
    step(CallEvent.DONE, CallState.DONE, now + 20.0, agent, outcome=spec.outcome)
    if spec.rating is not None:
        assert store.rate_call(spec.call_id, spec.kiosk_id, spec.rating, now + 30.0) is None


@dataclass
class Expected:
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    in_target: int = 0
    waits: list[float] = field(default_factory=list)
    abandons: list[float] = field(default_factory=list)
    talks: list[float] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)


def expected(specs: list[Spec], target_s: float, key: str) -> dict[str, Expected]:
    """Figures grouped by ``key`` (service, commune, agent, hour, day, all),
    computed from the specs only."""
    out: dict[str, Expected] = {}
    for spec in specs:
        local = dt.datetime.fromtimestamp(spec.queued_at, PARIS)
        group = {
            "service": spec.service,
            "commune": spec.commune,
            "agent": spec.agent,
            "hour": f"{local.hour:02d}",
            "day": local.date().isoformat(),
            "all": "all",
        }[key]
        if group is None:
            continue
        e = out.setdefault(group, Expected())
        e.offered += 1
        if spec.answered:
            e.answered += 1
            e.waits.append(spec.wait_s)
            e.in_target += spec.wait_s <= target_s
            e.talks.extend(spec.talks)
            if spec.rating is not None:
                e.ratings[spec.rating] = e.ratings.get(spec.rating, 0) + 1
        else:
            e.abandoned += 1
            e.abandons.append(spec.wait_s)
    return out
