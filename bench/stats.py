"""Supervision benchmark: prints one JSON object.

- ``month_stats_s``: time to compute a month's figures (every grouping, the
  same function the switchboard's GET /api/v1/figures runs) from 100,000 call
  records in the embedded SQLite database (median of 3 runs; the first run is
  ``month_stats_first_s``).  Records are bulk-inserted with the switchboard's
  schema (going through Store.record for half a million events would only
  measure the insertion).
- ``refresh_ms_p99``: time of one refresh of the live view (models updated and
  the widget repainted) while a feed of 50 changes per second arrives, 99th
  percentile; ``update_latency_ms_p99`` adds the coalescing delay (from a feed
  event to the repainted view).

    python bench/stats.py [--calls 100000] [--feed-seconds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from agentdesk.protocol import (
    AgentInfo,
    AgentState,
    CallEvent,
    CallInfo,
    CallState,
    FeedEvent,
    QueueSnapshot,
    ServiceQueue,
)
from agentdesk.protocol.figures import AgencySettings, Office
from agentdesk.supervision import PeriodKind, period_of
from agentdesk.switchboard.stats import period_figures
from agentdesk.switchboard.store import Store

COMMUNES = [
    (f"pvp-{i:02d}", f"Commune {i:02d}", 44.7 + i * 0.012, 2.1 + i * 0.02) for i in range(60)
]
SERVICES = ["CAF", "CPAM", "MSA"]


def build_db(path: Path, calls: int, seed: int = 1) -> tuple[float, float]:
    rng = random.Random(seed)
    store = Store(path)
    store.add_agency("caf", "CAF")
    for service in SERVICES:
        store.add_service(service, service, "caf")
    for kiosk_id, commune, lat, lon in COMMUNES:
        store.add_kiosk(kiosk_id, kiosk_id, commune, lat, lon)
    store.close()
    period = period_of(PeriodKind.MONTH, __import__("datetime").date(2025, 3, 1))
    span = period.until - period.since
    call_rows, events = [], []
    for n in range(calls):
        call_id = f"c-{n:07d}"
        queued = period.since + rng.random() * span
        service = rng.choice(SERVICES)
        kiosk = rng.choice(COMMUNES)[0]
        wait = rng.expovariate(1 / 300.0)
        events.append((call_id, 1, queued, "queued", "queued", None, None))
        if rng.random() < 0.15:
            call_rows.append((call_id, service, service, kiosk, queued, "abandoned", None, None,
                              None, queued + wait, None))  # fmt: skip
            events.append((call_id, 2, queued + wait, "abandoned", "abandoned", None, None))
            continue
        agent = f"agent{rng.randrange(30)}"
        answer, talk = queued + wait, rng.uniform(60, 1200)
        outcome = rng.choice(["ok", "rdv", None])
        call_rows.append((call_id, service, service, kiosk, queued, "done", agent, answer,
                          answer + 1, answer + 1 + talk, outcome))  # fmt: skip
        events += [
            (call_id, 2, answer, "connecting", "connecting", agent, None),
            (call_id, 3, answer + 1, "connected", "connected", agent, None),
            (call_id, 4, answer + 1 + talk, "wrap_up", "wrap_up", agent, None),
            (call_id, 5, answer + 20 + talk, "done", "done", agent, None),
        ]
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO calls (id, service, origin_service, kiosk_id, queued_at, state, rank,"
            " agent_login, answered_at, connected_at, ended_at, outcome)"
            " VALUES (?, ?, ?, ?, ?, ?, 2, ?, ?, ?, ?, ?)",
            call_rows,
        )
        db.executemany("INSERT INTO call_events VALUES (?, ?, ?, ?, ?, ?, ?)", events)
    db.execute("ANALYZE")
    db.close()
    return period.since, period.until


def month_stats(calls: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        since, until = build_db(path, calls)
        built = time.perf_counter() - started
        offices = [
            Office(id="o", name="Aurillac", address="", commune="Aurillac", lat=44.93, lon=2.44)
        ]
        times = []
        result = None
        for _ in range(3):
            started = time.perf_counter()
            result = period_figures(
                path, "caf", SERVICES, since, until, AgencySettings(), offices, {}
            )
            times.append(time.perf_counter() - started)
        assert result is not None and result.total.offered == calls, result.total
        return {
            "calls": calls,
            "events": calls * 4,
            "build_db_s": round(built, 2),
            "month_stats_first_s": round(times[0], 3),
            "month_stats_s": round(statistics.median(times), 3),
        }


def live_refresh(seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from agentdesk.supervision import LiveBoard
    from agentdesk.ui.supervision import LivePanel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    rng = random.Random(2)
    board = LiveBoard(SERVICES, alert_wait_s=600.0)
    now = time.time()
    agents = [
        AgentInfo(
            login=f"a{i}",
            display_name=f"Agent {i}",
            services=[SERVICES[i % 3]],
            state=AgentState.AVAILABLE,
            since=now - 60,
        )
        for i in range(24)
    ]

    def a_call(i: int, state: CallState = CallState.QUEUED) -> CallInfo:
        kiosk, commune, _, _ = COMMUNES[i % len(COMMUNES)]
        return CallInfo(call_id=f"c{i}", service=SERVICES[i % 3], state=state, kiosk_id=kiosk,
                        kiosk_name=kiosk, commune=commune, queued_at=now - rng.random() * 900,
                        reason="Prime d'activité")  # fmt: skip

    board.load_snapshot(QueueSnapshot(queues=[
        ServiceQueue(service=s, waiting=[a_call(i) for i in range(40) if i % 3 == k],
                     agents=[a for a in agents if s in a.services])
        for k, s in enumerate(SERVICES)
    ]))  # fmt: skip
    panel = LivePanel(board)
    panel.resize(1280, 900)
    panel.show()
    timings: list[float] = []
    latencies: list[float] = []
    pending: list[float] = []
    original = panel.refresh

    def refresh_and_paint() -> None:
        started = time.perf_counter()
        original()
        panel.repaint()
        done = time.perf_counter()
        timings.append((done - started) * 1000.0)
        latencies.extend((done - t) * 1000.0 for t in pending)
        pending.clear()

    panel.refresh = refresh_and_paint  # type: ignore[method-assign]
    panel._coalesce.timeout.disconnect()
    panel._coalesce.timeout.connect(refresh_and_paint)
    counter = [40]

    def change() -> None:
        counter[0] += 1
        i = counter[0]
        pending.append(time.perf_counter())
        if i % 2:
            board.apply(FeedEvent(at=time.time(), call=a_call(i), call_event=CallEvent.QUEUED))
        else:
            gone = a_call(i - 41, CallState.CONNECTING)
            board.apply(FeedEvent(at=time.time(), call=gone, call_event=CallEvent.CONNECTING))
            agent = agents[i % len(agents)]
            state = rng.choice([AgentState.IN_CALL, AgentState.AVAILABLE, AgentState.PAUSED])
            board.apply(FeedEvent(at=time.time(), agent=AgentInfo(
                login=agent.login, display_name=agent.display_name, services=agent.services,
                state=state, since=time.time())))  # fmt: skip

    feed = QTimer()
    feed.setInterval(20)  # 50 changes a second
    feed.timeout.connect(change)
    feed.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    feed.stop()

    def p99(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]

    return {
        "feed_changes": counter[0] - 40,
        "refreshes": len(timings),
        "refresh_ms_p50": round(statistics.median(timings), 2),
        "refresh_ms_p99": round(p99(timings), 2),
        "update_latency_ms_p99": round(p99(latencies), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--feed-seconds", type=float, default=10.0)
    args = parser.parse_args()
    out: dict[str, object] = {}
    out.update(month_stats(args.calls))
    out.update(live_refresh(args.feed_seconds))
    out["targets"] = {"month_stats_s": 1.0, "refresh_ms_p99": 50.0}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
