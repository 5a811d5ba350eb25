"""The Qt-free parts alone: the live board, periods, impact, CSV."""

from __future__ import annotations

import datetime as dt

import pytest

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
from agentdesk.protocol.figures import AgencySettings, KioskCount, Office
from agentdesk.supervision import (
    LiveBoard,
    PeriodKind,
    compute_impact,
    great_circle_km,
    period_of,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def call(
    call_id: str, service: str = "CAF", state: CallState = CallState.QUEUED, **kw: object
) -> CallInfo:
    fields: dict[str, object] = {
        "kiosk_id": "k",
        "kiosk_name": "PVP",
        "commune": "Murat",
        "queued_at": 999_990.0,
    }
    fields.update(kw)
    return CallInfo(call_id=call_id, service=service, state=state, **fields)  # type: ignore[arg-type]


def test_board_follows_snapshot_and_feed_and_alerts_once() -> None:
    clock = Clock()
    board = LiveBoard(["CAF", "CPAM"], alert_wait_s=60.0, clock=clock)
    alerts = []
    board.events.alert.subscribe(alerts.append)
    agent = AgentInfo(
        login="a",
        display_name="Anne",
        services=["CAF"],
        state=AgentState.AVAILABLE,
        since=999_000.0,
    )
    board.load_snapshot(QueueSnapshot(queues=[
        ServiceQueue(service="CAF", waiting=[call("c1", waited_s=10.0)], agents=[agent]),
        ServiceQueue(service="CPAM", waiting=[]),
    ]))  # fmt: skip
    caf = board.view()[0]
    assert [w.call.call_id for w in caf.calls] == ["c1"] and caf.longest_wait_s == 10.0
    # An appointment due goes first; an interrupted call before it.
    board.apply(
        FeedEvent(
            at=clock.now,
            call=call("c2", appointment_due=True, queued_at=999_995.0),
            call_event=CallEvent.QUEUED,
        )
    )
    board.apply(
        FeedEvent(
            at=clock.now, call=call("c3", queued_at=999_999.0), call_event=CallEvent.INTERRUPTED
        )
    )
    assert [w.call.call_id for w in board.view()[0].calls] == ["c3", "c2", "c1"]
    clock.now += 49.0
    assert board.tick() == []
    clock.now += 2.0  # c1 has waited 61 s
    assert [a.call.call_id for a in board.tick()] == ["c1"]
    clock.now += 30.0
    assert [a.call.call_id for a in board.tick()] == ["c2", "c3"]  # c1 not again
    assert board.view()[0].over_threshold == 3
    assert board.tick() == []
    # Taken: gone from the queue; the agent's state and time in it follow.
    taken = call("c1", state=CallState.CONNECTING, agent_login="a")
    busy = AgentInfo(
        login="a",
        display_name="Anne",
        services=["CAF"],
        state=AgentState.IN_CALL,
        since=clock.now - 5,
    )
    board.apply(FeedEvent(at=clock.now, call=taken, call_event=CallEvent.CONNECTING))
    board.apply(FeedEvent(at=clock.now, agent=busy))
    view = board.view()[0]
    assert [w.call.call_id for w in view.calls] == ["c3", "c2"]
    assert view.agents[0].agent.state is AgentState.IN_CALL
    assert view.agents[0].in_state(clock.now) == pytest.approx(5.0)
    # Transferred to another agency's service: it leaves this board.
    board.apply(
        FeedEvent(at=clock.now, call=call("c2", service="MSA"), call_event=CallEvent.TRANSFERRED)
    )
    assert [w.call.call_id for w in board.view()[0].calls] == ["c3"]
    assert len(alerts) == 3


def test_periods_in_paris_time() -> None:
    week = period_of(PeriodKind.WEEK, dt.date(2025, 3, 27))
    assert (week.first, week.last) == (dt.date(2025, 3, 24), dt.date(2025, 3, 30))
    assert week.until - week.since == 7 * 86400 - 3600  # the clocks went forward
    month = period_of(PeriodKind.MONTH, dt.date(2024, 2, 10))
    assert (month.first, month.last, month.days) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), 29)
    day = period_of(PeriodKind.DAY, dt.date(2025, 10, 26))
    assert day.until - day.since == 25 * 3600


def test_impact_uses_the_nearest_office_and_the_stated_factors() -> None:
    # Aurillac to Saint-Flour: about 54 km as the crow flies.
    assert great_circle_km(44.9264, 2.4397, 45.0340, 3.0929) == pytest.approx(52.9, abs=1.5)
    offices = [
        Office(id="a", name="Aurillac", address="", commune="Aurillac", lat=44.9264, lon=2.4397),
        Office(
            id="s", name="Saint-Flour", address="", commune="Saint-Flour", lat=45.0340, lon=3.0929
        ),
    ]
    kiosks = [
        KioskCount(
            kiosk_id="m", kiosk_name="PVP", commune="Murat", lat=45.1101, lon=2.8686, answered=10
        )
    ]
    settings = AgencySettings(road_factor=1.5, emission_kg_per_km=0.2)
    impact = compute_impact(kiosks, offices, settings)
    one_way = great_circle_km(45.1101, 2.8686, 45.0340, 3.0929)  # Murat is nearer Saint-Flour
    assert impact.communes[0].office == "Saint-Flour"
    assert impact.km_avoided == pytest.approx(10 * 2 * one_way * 1.5)
    assert impact.co2_kg_avoided == pytest.approx(impact.km_avoided * 0.2)
    none = compute_impact(kiosks, [], settings)
    assert none.km_avoided == 0 and not none.has_offices
