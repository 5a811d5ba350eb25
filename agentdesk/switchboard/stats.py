"""A day's figures, computed from the same records as the history."""

from __future__ import annotations

import datetime as dt
import statistics
from zoneinfo import ZoneInfo

from agentdesk.protocol import CallEvent, CallState
from agentdesk.protocol.http import DayStats

from .store import CallRow, EventRow

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
