"""The permanence day on a clock moved by hand: camera, presence, last calls, reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from agentdesk.desk import Desk
from agentdesk.desk.day import PARIS, DutyPhase
from agentdesk.desk.duty import DutyKeeper, NoticeKind
from agentdesk.desk.duty_settings import DutySettings
from agentdesk.protocol import (
    AgentState,
    ServiceState,
    ServiceStatus,
    ServiceStatusChanged,
    SetPresence,
)
from tests.desk.duty_helpers import CameraRecorder, ManualScheduler
from tests.desk.helpers import Clock, Switchboard, call, feed, snapshot, status, welcome
from tests.desk.plan import appointment, closed, plan, slot

MIN = 60.0


def paris(hour: int, minute: int = 0) -> float:
    return dt.datetime(2026, 12, 1, hour, minute, tzinfo=PARIS).timestamp()


AVAILABLE = SetPresence(state=AgentState.AVAILABLE, auto_answer=True)
OFFLINE = SetPresence(state=AgentState.OFFLINE)


class Day:
    def __init__(self, settings: DutySettings | None = None) -> None:
        self.clock = Clock(paris(8, 0))
        self.board = Switchboard()
        self.desk = Desk(self.board.request, clock=self.clock)
        self.scheduler = ManualScheduler(self.clock)
        self.camera = CameraRecorder()
        self.settings = settings or DutySettings(warm_up_s=5 * MIN, reminder_s=10 * MIN)
        self.keeper = DutyKeeper(self.desk, self.camera, self.scheduler, lambda: self.settings)
        self.notices: list[NoticeKind] = []
        self.keeper.notice.subscribe(lambda n: self.notices.append(n.kind))

    def sign_in(self) -> None:
        feed(self.desk, welcome(AgentState.OFFLINE, service_status=[closed()]))
        self.keeper.start()

    def at(self, hour: int, minute: int = 0) -> None:
        self.scheduler.advance_to(paris(hour, minute))


@pytest.fixture
async def day() -> Day:
    d = Day()
    yield d  # type: ignore[misc]
    await d.keeper.aclose()
    await d.desk.aclose()


async def test_camera_released_outside_slots_opened_before_and_available_at_start(
    day: Day,
) -> None:
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(12))])
    assert day.keeper.phase is DutyPhase.OFF
    assert day.camera.asked == [False], "outside a slot the camera is released"
    # The keeper sleeps until the next thing to do, not every second.
    assert day.scheduler.pending == [paris(8, 1)]

    day.at(8, 54)
    assert day.camera.asked == [False]
    day.at(8, 55)
    assert day.keeper.phase is DutyPhase.WARM_UP
    assert day.camera.on and NoticeKind.WARM_UP in day.notices
    assert day.board.sent == [], "not available before the slot"

    day.at(9, 0)
    await day.board.wait_sent(AVAILABLE)
    assert day.notices[-1] is NoticeKind.STARTED_AVAILABLE
    feed(day.desk, status(AgentState.AVAILABLE))

    # Slot over, nobody waiting: offline at once, camera released, agent told.
    day.at(12, 0)
    await day.board.wait_sent(OFFLINE)
    feed(day.desk, status(AgentState.OFFLINE))
    assert day.notices[-1] is NoticeKind.OFF_DUTY
    assert day.camera.asked[-1] is False


async def test_volunteer_goes_available_with_the_button(day: Day) -> None:
    day.settings = DutySettings(auto_available=False, warm_up_s=5 * MIN)
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(12))])
    day.at(9, 0)
    assert day.notices[-1] is NoticeKind.STARTED_BUTTON
    assert day.camera.on
    assert day.board.sent == []


async def test_last_calls_are_served_then_offline(day: Day) -> None:
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(12))])
    day.at(9, 0)
    await day.board.wait_sent(AVAILABLE)
    feed(day.desk, status(AgentState.AVAILABLE))
    feed(day.desk, snapshot(call("c1"), call("c2", "Maurs"), call("c3", "Riom")))

    day.at(12, 0)
    assert day.keeper.last_notice is not None
    assert day.keeper.last_notice.kind is NoticeKind.LAST_CALLS
    assert day.keeper.last_notice.count == 3
    assert OFFLINE not in day.board.sent, "the residents already waiting are served"
    assert day.camera.on

    feed(day.desk, status(AgentState.IN_CALL))
    feed(day.desk, snapshot(call("c2", "Maurs"), call("c3", "Riom")))
    assert day.keeper.last_notice.count == 2
    feed(day.desk, snapshot())
    feed(day.desk, status(AgentState.WRAP_UP))
    assert OFFLINE not in day.board.sent, "the wrap-up is not cut short"
    feed(day.desk, status(AgentState.AVAILABLE))
    await day.board.wait_sent(OFFLINE)
    assert day.keeper.last_notice.kind is NoticeKind.OFF_DUTY


async def test_a_session_ended_in_a_slot_is_not_the_end_of_the_permanence(day: Day) -> None:
    """The switchboard closes the session at 10:00 (the account was disabled):
    the agent is told why on the sign-in page, not « permanence over, you are
    offline », and nothing tries to go offline on a session that is gone."""
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(12))])
    day.at(9, 0)
    await day.board.wait_sent(AVAILABLE)
    feed(day.desk, status(AgentState.AVAILABLE))
    day.at(10, 0)
    day.desk.signed_out()
    assert NoticeKind.OFF_DUTY not in day.notices
    assert NoticeKind.LAST_CALLS not in day.notices
    assert OFFLINE not in day.board.sent
    assert not day.camera.on


async def test_agent_who_went_offline_in_a_slot_is_not_forced_back(day: Day) -> None:
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(12))])
    day.at(9, 0)
    await day.board.wait_sent(AVAILABLE)
    feed(day.desk, status(AgentState.AVAILABLE))
    feed(day.desk, status(AgentState.OFFLINE))
    day.at(10, 0)
    assert day.board.sent.count(AVAILABLE) == 1


async def test_signing_in_during_a_slot_goes_available(day: Day) -> None:
    day.clock.now = paris(10, 30)
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(12))])
    await day.board.wait_sent(AVAILABLE)
    assert day.camera.on


async def test_slots_close_together_are_one_duty(day: Day) -> None:
    day.sign_in()
    plan(day.desk, [slot(paris(9), paris(10)), slot(paris(10, 3), paris(11), "k-maurs")])
    day.at(9, 0)
    await day.board.wait_sent(AVAILABLE)
    feed(day.desk, status(AgentState.AVAILABLE))
    day.at(10, 1)
    assert OFFLINE not in day.board.sent
    day.at(11, 0)
    await day.board.wait_sent(OFFLINE)


async def test_reminder_before_an_appointment_and_check_in(day: Day) -> None:
    day.sign_in()
    rdv = appointment("a1", paris(10, 0), "Mme Martin", "Prime d'activité")
    plan(day.desk, [slot(paris(9), paris(12))], [rdv])
    day.at(9, 49)
    assert NoticeKind.REMINDER not in day.notices
    day.at(9, 50)
    assert day.keeper.last_notice is not None
    assert day.keeper.last_notice.kind is NoticeKind.REMINDER
    assert day.keeper.last_notice.appointment is not None
    assert day.keeper.last_notice.appointment.resident_name == "Mme Martin"
    day.at(9, 55)
    assert day.notices.count(NoticeKind.REMINDER) == 1

    plan(day.desk, [slot(paris(9), paris(12))], [appointment("a1", paris(10), state="checked_in")])
    assert day.notices[-1] is NoticeKind.CHECKED_IN
    # The same plan again is no new arrival.
    plan(day.desk, [slot(paris(9), paris(12))], [appointment("a1", paris(10), state="checked_in")])
    assert day.notices.count(NoticeKind.CHECKED_IN) == 1


async def test_without_a_day_plan_the_camera_stays_on_as_before(day: Day) -> None:
    feed(day.desk, welcome(AgentState.OFFLINE))
    day.keeper.start()
    assert day.keeper.phase is DutyPhase.NO_PLAN
    assert day.camera.on
    assert day.board.sent == []


async def test_a_service_without_calendar_keeps_the_desk_on_all_day(day: Day) -> None:
    # The switchboard says "open" with no end: the service keeps no calendar.
    unscheduled = ServiceStatus(service="CAF", state=ServiceState.OPEN, agents_signed_in=1)
    feed(day.desk, welcome(AgentState.OFFLINE, service_status=[unscheduled]))
    day.keeper.start()
    plan(day.desk, [])
    assert day.keeper.phase is DutyPhase.NO_PLAN
    assert day.camera.on
    # The service gets a calendar: now the slots rule.
    feed(
        day.desk,
        ServiceStatusChanged(status=closed("CAF", paris(9))),
    )
    assert day.keeper.phase is DutyPhase.OFF
    assert not day.camera.on
