"""A day's figures, computed from the same records as the history."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import statistics
from pathlib import Path
from zoneinfo import ZoneInfo

from agentdesk.protocol import CallEvent, CallState
from agentdesk.protocol.figures import (
    AgencySettings,
    FigureRow,
    FiguresResponse,
    KioskCount,
    Office,
    OutcomeCount,
)
from agentdesk.protocol.http import DayStats

from .store.records import CallRow, EventRow

PARIS = ZoneInfo("Europe/Paris")


def day_bounds(day: dt.date) -> tuple[float, float]:
    """Unix seconds of a Europe/Paris day's start and end (23 or 25 hours on
    daylight-saving days)."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=PARIS)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=PARIS)
    return start.timestamp(), end.timestamp()


def day_stats(
    agency: str, day: dt.date, calls: list[CallRow], events: dict[str, list[EventRow]]
) -> DayStats:
    answered = abandoned = missed = interrupted = transferred = waiting = 0
    waits: list[float] = []
    lengths: list[float] = []
    per_service: dict[str, int] = {}
    for call in calls:
        per_service[call.origin_service] = per_service.get(call.origin_service, 0) + 1
        history = events.get(call.id, [])
        first_answer = next((e.at for e in history if e.event is CallEvent.CONNECTING), None)
        missed += sum(1 for e in history if e.event is CallEvent.MISSED)
        interrupted += sum(1 for e in history if e.event is CallEvent.INTERRUPTED)
        transferred += sum(1 for e in history if e.event is CallEvent.TRANSFERRED)
        if first_answer is not None:
            answered += 1
            waits.append(first_answer - call.queued_at)
        elif call.state is CallState.ABANDONED:
            abandoned += 1
            if call.ended_at is not None:
                waits.append(call.ended_at - call.queued_at)
        elif call.state.is_waiting:
            waiting += 1
        # Talk time of each leg: media connected until the leg ended.
        start: float | None = None
        for e in history:
            if e.event is CallEvent.CONNECTED and start is None:
                start = e.at
            elif e.event in (CallEvent.WRAP_UP, CallEvent.TRANSFERRED, CallEvent.INTERRUPTED):
                if start is not None:
                    lengths.append(e.at - start)
                start = None
    return DayStats(
        agency=agency,
        day=day.isoformat(),
        calls=len(calls),
        answered=answered,
        abandoned=abandoned,
        missed_offers=missed,
        interrupted=interrupted,
        transferred=transferred,
        waiting_now=waiting,
        mean_wait_s=round(statistics.fmean(waits), 3) if waits else None,
        longest_wait_s=round(max(waits), 3) if waits else None,
        mean_call_s=round(statistics.fmean(lengths), 3) if lengths else None,
        per_service=per_service,
    )


# -- figures of a period, aggregated in SQL --------------------------------
#
# A month holds about 100,000 calls in a large network: the per-call facts are
# computed once into a temporary table on a read-only connection of their own
# (run in a thread, so the event loop keeps serving calls), then grouped.

MAX_PERIOD_S = 400 * 86400.0
_LEG_ENDS = ("wrap_up", "transferred", "interrupted")


def paris_offsets(since: float, until: float) -> list[tuple[float, int]]:
    """(from, UTC offset in seconds) segments of Europe/Paris time covering
    [since, until): offsets change only on the hour (UTC), so hourly steps find
    every change."""
    step = 3600.0
    moment = math.floor(since / step) * step
    out: list[tuple[float, int]] = []
    while True:
        offset = dt.datetime.fromtimestamp(moment, PARIS).utcoffset()
        seconds = int(offset.total_seconds()) if offset is not None else 0
        if not out or out[-1][1] != seconds:
            out.append((moment, seconds))
        if moment >= until:
            return out
        moment += step


def _offset_sql(segments: list[tuple[float, int]]) -> str:
    # Literal numbers only (computed here, never from a request).
    if len(segments) == 1:
        return str(segments[0][1])
    parts = [f"WHEN queued_at < {start!r} THEN {prev}" for (start, _), (_, prev) in
             zip(segments[1:], segments[:-1], strict=True)]  # fmt: skip
    return f"CASE {' '.join(parts)} ELSE {segments[-1][1]} END"


# Most calls have one answer and one talk leg: the call's own columns hold
# them (answered_at, connected_at, ended_at).  Only calls that were
# interrupted or transferred had several, and their columns keep the last
# answer: those few are recomputed from their events, as ``day_stats`` counts
# (the first answer; each leg from its first ``connected`` to the event that
# ended it).  The first answer's agent rides along its time in a fixed-width
# string (%018.6f), the cheap way to take "the agent of the earliest one".
_FACTS = """
CREATE TEMP TABLE odd AS
SELECT DISTINCT call_id FROM call_events INDEXED BY call_events_by_kind
WHERE event IN ('interrupted', 'transferred') AND at >= :since;
CREATE TEMP TABLE per_call AS
SELECT call_id, MIN(answer) AS answer, MIN(answer_agent) AS answer_agent,
       TOTAL(CASE WHEN start IS NOT NULL AND stop IS NOT NULL THEN stop - start END) AS talk,
       SUM(start IS NOT NULL AND stop IS NOT NULL) AS legs
FROM (
    SELECT call_id, leg, MIN(CASE WHEN event = 'connected' THEN at END) AS start,
           MAX(CASE WHEN event IN ({ends}) THEN at END) AS stop,
           MIN(CASE WHEN event = 'connecting' THEN at END) AS answer,
           MIN(CASE WHEN event = 'connecting' THEN printf('%018.6f', at) || agent_login END)
               AS answer_agent
    FROM (
        SELECT call_id, at, event, agent_login,
               COALESCE(SUM(event IN ({ends})) OVER (
                   PARTITION BY call_id ORDER BY seq
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS leg
        FROM call_events
        WHERE call_id IN (SELECT call_id FROM odd)
          AND event IN ('connecting', 'connected', {ends}))
    GROUP BY call_id, leg)
GROUP BY call_id;
CREATE UNIQUE INDEX per_call_id ON per_call (call_id);
CREATE TEMP TABLE facts AS
SELECT p.id, p.origin_service AS service, p.kiosk_id, COALESCE(k.commune, p.kiosk_id) AS commune,
       p.queued_at, p.state, p.ended_at, p.outcome, r.rating,
       CAST(p.queued_at AS INTEGER) + {offset} AS local_s,
       CASE WHEN c.call_id IS NULL THEN p.answered_at ELSE c.answer END AS answer,
       CASE WHEN c.call_id IS NOT NULL THEN substr(c.answer_agent, 19)
            WHEN p.answered_at IS NOT NULL THEN p.agent_login END AS agent,
       CASE WHEN c.call_id IS NOT NULL THEN c.talk
            WHEN p.connected_at IS NOT NULL AND p.ended_at IS NOT NULL
                 AND p.state IN ('wrap_up', 'done') THEN p.ended_at - p.connected_at
            ELSE 0.0 END AS talk,
       CASE WHEN c.call_id IS NOT NULL THEN c.legs
            WHEN p.connected_at IS NOT NULL AND p.ended_at IS NOT NULL
                 AND p.state IN ('wrap_up', 'done') THEN 1 ELSE 0 END AS legs
FROM calls p INDEXED BY calls_by_origin_arrival
LEFT JOIN kiosks k ON k.id = p.kiosk_id
LEFT JOIN per_call c ON c.call_id = p.id
LEFT JOIN satisfaction r ON r.call_id = p.id
WHERE p.origin_service IN ({services}) AND p.queued_at >= :since AND p.queued_at < :until;
"""

_GROUP = """
SELECT {key} AS key, COUNT(*), SUM(answer IS NOT NULL),
       SUM(answer IS NULL AND state = 'abandoned'),
       SUM(answer IS NOT NULL AND answer - queued_at <= :target),
       TOTAL(answer - queued_at), MAX(answer - queued_at),
       TOTAL(CASE WHEN answer IS NULL AND state = 'abandoned' THEN ended_at - queued_at END),
       MAX(CASE WHEN answer IS NULL AND state = 'abandoned' THEN ended_at - queued_at END),
       TOTAL(talk), SUM(legs),
       SUM(rating = 'good'), SUM(rating = 'neutral'), SUM(rating = 'bad')
FROM facts {where} GROUP BY 1 ORDER BY 1
"""


def _rows(db: sqlite3.Connection, key: str, target: float, where: str = "") -> list[FigureRow]:
    out = []
    for r in db.execute(_GROUP.format(key=key, where=where), {"target": target}):
        out.append(
            FigureRow(
                key=str(r[0]),
                offered=r[1],
                answered=r[2],
                abandoned=r[3],
                answered_in_target=r[4],
                wait_total_s=round(r[5], 3),
                longest_wait_s=None if r[6] is None else round(r[6], 3),
                abandon_total_s=round(r[7], 3),
                longest_abandon_s=None if r[8] is None else round(r[8], 3),
                talk_total_s=round(r[9], 3),
                talks=r[10],
                rated_good=r[11] or 0,
                rated_neutral=r[12] or 0,
                rated_bad=r[13] or 0,
            )
        )
    return out


def period_figures(
    db_path: str | Path,
    agency: str,
    services: list[str],
    since: float,
    until: float,
    settings: AgencySettings,
    offices: list[Office],
    agent_names: dict[str, str],
) -> FiguresResponse:
    """Figures of the calls that arrived in [since, until) in ``services``
    (by the service the resident chose).  Opens its own read-only connection:
    safe to run in a thread while the switchboard writes."""
    db = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True, timeout=10.0)
    try:
        db.execute("PRAGMA temp_store=MEMORY")
        ends = ",".join(f"'{e}'" for e in _LEG_ENDS)
        offset = _offset_sql(paris_offsets(since, until))
        names = {f":s{i}": service for i, service in enumerate(services)}
        script = _FACTS.format(ends=ends, offset=offset, services=",".join(names) or "NULL")
        params: dict[str, object] = {"since": since, "until": until}
        params.update({k[1:]: v for k, v in names.items()})
        for statement in script.split(";"):
            if statement.strip():
                db.execute(statement, params)
        target = settings.target_wait_s
        total = _rows(db, "'all'", target)
        kiosks = [
            KioskCount(
                kiosk_id=r[0], kiosk_name=r[1], commune=r[2], lat=r[3], lon=r[4], answered=r[5]
            )
            for r in db.execute(
                "SELECT f.kiosk_id, COALESCE(k.display_name, f.kiosk_id), f.commune,"
                " COALESCE(k.lat, 0.0), COALESCE(k.lon, 0.0), COUNT(*) FROM facts f"
                " LEFT JOIN kiosks k ON k.id = f.kiosk_id WHERE f.answer IS NOT NULL"
                " GROUP BY f.kiosk_id ORDER BY f.kiosk_id"
            )
        ]
        outcomes = [
            OutcomeCount(outcome=r[0], calls=r[1])
            for r in db.execute(
                "SELECT COALESCE(outcome, ''), COUNT(*) FROM facts WHERE state = 'done'"
                " GROUP BY 1 ORDER BY 2 DESC, 1"
            )
        ]
        by_agent = _rows(db, "agent", target, "WHERE agent IS NOT NULL")
        return FiguresResponse(
            agency=agency,
            since=since,
            until=until,
            services=services,
            settings=settings,
            offices=offices,
            total=total[0] if total else FigureRow(key="all"),
            by_service=_rows(db, "service", target),
            by_commune=_rows(db, "commune", target),
            by_agent=by_agent,
            by_hour=_rows(db, "printf('%02d', (local_s % 86400) / 3600)", target),
            by_day=_rows(db, "date(local_s, 'unixepoch')", target),
            outcomes=outcomes,
            kiosks=kiosks,
            agent_names={r.key: agent_names.get(r.key, r.key) for r in by_agent},
        )
    finally:
        db.close()
