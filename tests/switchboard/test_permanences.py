"""Permanences, closures and appointments against a real switchboard process
whose clock the test sets (``serve --test-clock``): what the kiosk, the agent
and the figures are told at the instants that matter."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import icalendar
import pytest

from agentdesk.protocol import (
    AcceptOffer,
    AppointmentList,
    AppointmentState,
    CallUpdate,
    DayPlan,
    EndReason,
    Error,
    ErrorCode,
    ListAppointments,
    Offered,
    QueueCall,
    Queued,
    ServiceState,
    ServiceStatus,
    ServiceStatusChanged,
    SetPresence,
    TakeCall,
    Welcome,
)
from agentdesk.protocol.messages import AgentState
from agentdesk.switchboard.schedule import PARIS
from tests.support.switchboard import (
    KIOSKS,
    SwitchboardProcess,
    WsClient,
    http_json,
    login,
    set_clock,
)

from .conftest import Joiner, Starter

CAF_TUESDAY = {
    "service": "CAF", "kiosk_ids": ["pvp-murat", "pvp-riom"], "weekday": 1,
    "start": "09:00", "end": "12:00", "note": "Permanence CAF du mardi",
}  # fmt: skip


def paris(text: str) -> float:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS).timestamp()


@pytest.fixture
async def csb(start: Starter) -> SwitchboardProcess:
    """A switchboard with a settable clock, at 08:00 on Tuesday 2 December 2025."""
    sb = await start("--test-clock")
    await set_clock(sb, paris("2025-12-02T08:00"))
    return sb


async def api(
    sb: SwitchboardProcess, method: str, path: str, user: str = "sup.caf", body: Any = None
) -> tuple[int, Any]:
    token = (await login(sb, user))["access_token"]
    return await http_json(sb, method, path, body, token=token)


async def add_permanence(sb: SwitchboardProcess, **fields: Any) -> dict[str, Any]:
    status, body = await api(sb, "POST", "/api/v1/permanences", body={**CAF_TUESDAY, **fields})
    assert status == 201, body
    assert isinstance(body, dict)
    return body


async def book(sb: SwitchboardProcess, user: str = "sup.caf", **fields: Any) -> dict[str, Any]:
    draft = {"service": "CAF", "kiosk_id": "pvp-murat", "starts_at": paris("2025-12-02T10:00"),
             "duration_min": 30, "purpose": "Prime d'activité", "resident_name": "Marie Dupont",
             **fields}  # fmt: skip
    status, body = await api(sb, "POST", "/api/v1/appointments", user, draft)
    assert status == 201, body
    assert isinstance(body, dict)
    return body


def status_of(welcome: Welcome, service: str) -> ServiceStatus:
    return next(s for s in welcome.service_status if s.service == service)


async def next_status(client: WsClient, service: str, state: ServiceState) -> ServiceStatus:
    message = await client.next(
        ServiceStatusChanged, lambda m: m.status.service == service and m.status.state is state
    )
    status: ServiceStatus = message.status
    return status


async def test_a_closed_service_is_refused_with_its_next_opening(csb, join: Joiner) -> None:
    await add_permanence(csb)
    kiosk, welcome = await join(csb, "pvp-murat")
    caf = status_of(welcome, "CAF")
    assert caf.state is ServiceState.CLOSED
    assert caf.next_opening == paris("2025-12-02T09:00")
    # A service without permanences keeps the old behaviour: open, nobody yet.
    assert status_of(welcome, "CPAM").state is ServiceState.NO_AGENT_YET

    error = await kiosk.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED)
    assert error.next_opening == paris("2025-12-02T09:00")
    assert "opens next at 2025-12-02T09:00+01:00" in error.message

    # A kiosk the permanence does not cover is told there is nothing planned.
    maurs, maurs_welcome = await join(csb, "pvp-maurs")
    assert status_of(maurs_welcome, "CAF").next_opening is None
    refused = await maurs.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED)
    assert refused.next_opening is None

    status, figures = await api(
        csb, "GET", f"/api/v1/figures?since={paris('2025-12-02T00:00')}"
        f"&until={paris('2025-12-03T00:00')}",
    )  # fmt: skip
    assert status == 200 and figures["refused_closed"] == 2


async def test_a_kiosk_asking_again_while_closed_is_not_cut_off_as_abusive(
    csb, join: Joiner
) -> None:
    await add_permanence(csb)
    kiosk, _ = await join(csb, "pvp-murat")
    # docs/protocol.md: 20 errors within 60 s close a connection; `closed` is
    # not one of them.
    for _ in range(25):
        await kiosk.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED)
    await set_clock(csb, paris("2025-12-02T09:00"))
    assert isinstance(await kiosk.request(QueueCall(service="CAF")), Queued)
    # A kiosk's real faults still count, from the first one.
    for _ in range(19):
        await kiosk.expect_error({"type": "hangup", "call_id": "no-such"}, ErrorCode.NOT_FOUND)
    assert not kiosk.closed.is_set()
    await kiosk.expect_error({"type": "hangup", "call_id": "no-such"}, ErrorCode.NOT_FOUND)
    await asyncio.wait_for(kiosk.closed.wait(), 15)
    assert kiosk.close_code == 1008


async def test_the_service_opens_at_the_slot_start_by_the_switchboards_own_timer(
    csb, join: Joiner
) -> None:
    await add_permanence(csb)
    kiosk, _ = await join(csb, "pvp-murat")
    agent, agent_welcome = await join(csb, "agent.caf")
    assert status_of(agent_welcome, "CAF").state is ServiceState.CLOSED
    # Half a second before the start: the timer armed for 09:00 fires by itself.
    await set_clock(csb, paris("2025-12-02T09:00") - 0.5)
    opened = await next_status(kiosk, "CAF", ServiceState.OPEN)
    assert opened.closes_at == paris("2025-12-02T12:00") and opened.agents_signed_in == 1
    await next_status(agent, "CAF", ServiceState.OPEN)
    reply = await kiosk.request(QueueCall(service="CAF"))
    assert isinstance(reply, Queued) and reply.estimated_wait_s is not None

    # The last agent leaves: open, but no agent yet (and no estimate).
    await agent.close()
    await next_status(kiosk, "CAF", ServiceState.NO_AGENT_YET)
    riom, _ = await join(csb, "pvp-riom")
    second = await riom.request(QueueCall(service="CAF"))
    assert isinstance(second, Queued) and second.position == 2
    assert second.estimated_wait_s is None


async def test_after_the_end_the_queue_is_served_but_nobody_new_may_queue(
    csb, join: Joiner
) -> None:
    await add_permanence(csb)
    await set_clock(csb, paris("2025-12-02T11:59"))
    agent, _ = await join(csb, "agent.caf")
    murat, _ = await join(csb, "pvp-murat")
    riom, _ = await join(csb, "pvp-riom")
    assert isinstance(await murat.request(QueueCall(service="CAF")), Queued)
    assert isinstance(await riom.request(QueueCall(service="CAF")), Queued)

    await set_clock(csb, paris("2025-12-02T12:00"))
    last = await next_status(agent, "CAF", ServiceState.LAST_CALLS)
    assert last.waiting == 2 and last.next_opening == paris("2025-12-09T09:00")
    maurs, _ = await join(csb, "pvp-maurs")
    await maurs.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED)

    # Those already queued are still served, in order; then the service closes.
    for kiosk in (murat, riom):
        await agent.request(TakeCall())
        taken = await kiosk.next(CallUpdate, lambda m: m.call.state == "connecting")
        await agent.request({"type": "hangup", "call_id": taken.call.call_id})
        await agent.request({"type": "finish_wrap_up", "call_id": taken.call.call_id})
    closed = await next_status(agent, "CAF", ServiceState.CLOSED)
    assert closed.waiting == 0


async def test_closing_early_empties_the_queue_and_tells_each_kiosk_the_next_opening(
    csb, join: Joiner
) -> None:
    await add_permanence(csb)
    await set_clock(csb, paris("2025-12-02T10:00"))
    murat, _ = await join(csb, "pvp-murat")
    queued = await murat.request(QueueCall(service="CAF"))
    assert isinstance(queued, Queued)
    status, body = await api(csb, "POST", "/api/v1/services/CAF/close-now")
    assert status == 200 and body["state"] == "closed", body
    update = await murat.next(CallUpdate, lambda m: m.call.state == "abandoned")
    assert update.end_reason is EndReason.SERVICE_CLOSED
    assert update.next_opening == paris("2025-12-09T09:00")
    await next_status(murat, "CAF", ServiceState.CLOSED)
    await murat.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED)
    # An agent of another agency may not close it.
    status, _ = await api(csb, "POST", "/api/v1/services/CAF/close-now", "sup.msa")
    assert status == 403


async def test_a_checked_in_appointment_goes_first_to_its_own_agent(csb, join: Joiner) -> None:
    await add_permanence(csb)
    booked = await book(csb, agent_login="agent2.caf")
    assert len(booked["code"]) == 6 and booked["state"] == "booked"
    await set_clock(csb, paris("2025-12-02T09:50"))

    # agent.caf has been idle longest: a walk-in would go to them.
    first, _ = await join(csb, "agent.caf")
    await first.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    own, _ = await join(csb, "agent2.caf")
    plan = await own.next(DayPlan)
    assert plan.date == "2025-12-02"
    assert [a.appointment_id for a in plan.appointments] == [booked["appointment_id"]]
    assert [s.starts_at for s in plan.slots] == [paris("2025-12-02T09:00")]
    # Every kiosk of the network by name: what the agent's views show for an id.
    assert {k.kiosk_id for k in plan.kiosks} == {k[0] for k in KIOSKS}
    murat = next(k for k in plan.kiosks if k.kiosk_id == "pvp-murat")
    assert (murat.name, murat.commune, murat.label) == ("PVP Murat", "Murat", "PVP Murat")
    await own.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))

    early, _ = await join(csb, "pvp-riom")
    walk_in = await early.request(QueueCall(service="CAF"))
    assert isinstance(walk_in, Queued)
    assert (await first.next(Offered)).call.call_id == walk_in.call.call_id

    kiosk, _ = await join(csb, "pvp-murat")
    listing = await kiosk.request(ListAppointments())
    assert isinstance(listing, AppointmentList)
    assert [(a.first_name, a.starts_at) for a in listing.appointments] == [
        ("Marie", paris("2025-12-02T10:00"))
    ]
    await kiosk.expect_error(QueueCall(service="CAF", appointment_code="000000"), "not_found")
    wrong = QueueCall(service="CPAM", appointment_code=booked["code"])
    assert "with CAF, not CPAM" in (await kiosk.expect_error(wrong, ErrorCode.CONFLICT)).message
    # Another kiosk does not know this code.
    other, _ = await join(csb, "pvp-maurs")
    await other.expect_error(QueueCall(service="CAF", appointment_code=booked["code"]), "not_found")
    queued = await kiosk.request(QueueCall(service="CAF", appointment_code=booked["code"]))
    assert isinstance(queued, Queued) and queued.call.appointment_due
    offer = await own.next(Offered)
    assert offer.call.appointment_id == booked["appointment_id"]
    checked = await own.next(
        DayPlan, lambda m: m.appointments and m.appointments[0].state == "checked_in"
    )
    assert checked.appointments[0].call_id == queued.call.call_id
    await own.request(AcceptOffer(call_id=offer.call.call_id))
    # Used: a second check-in with the same code is refused.
    await kiosk.expect_error(
        QueueCall(service="CAF", appointment_code=booked["code"]), ErrorCode.CONFLICT
    )
    status, body = await api(csb, "GET", "/api/v1/appointments?day=2025-12-02")
    assert status == 200 and body["appointments"][0]["state"] == "served"


async def test_an_appointments_priority_survives_a_transfer(csb, join: Joiner) -> None:
    await add_permanence(csb)
    booked = await book(csb)
    await set_clock(csb, paris("2025-12-02T09:58"))
    cpam, _ = await join(csb, "agent.cpam")
    riom, _ = await join(csb, "pvp-riom")
    walk_in = await riom.request(QueueCall(service="CPAM"))
    assert isinstance(walk_in, Queued) and walk_in.position == 1
    agent, _ = await join(csb, "agent.caf")
    kiosk, _ = await join(csb, "pvp-murat")
    queued = await kiosk.request(QueueCall(service="CAF", appointment_id=booked["appointment_id"]))
    assert isinstance(queued, Queued)
    call_id = queued.call.call_id
    await agent.request(TakeCall(call_id=call_id))
    await agent.request({"type": "media_connected", "call_id": call_id})
    await kiosk.next(CallUpdate, lambda m: m.call.state == "connected")
    await agent.request({"type": "transfer", "call_id": call_id, "service": "CPAM"})
    moved = await kiosk.next(Queued, lambda m: m.call.service == "CPAM")
    # Ahead of the walk-in who was waiting in CPAM before.
    assert moved.position == 1 and moved.call.appointment_due
    await riom.next(Queued, lambda m: m.position == 2)
    del cpam


async def test_an_appointment_not_checked_in_within_15_minutes_is_a_no_show(
    csb, join: Joiner
) -> None:
    await add_permanence(csb)
    agent, _ = await join(csb, "agent.caf")
    assert (await agent.next(DayPlan)).appointments == []
    booked = await book(csb)
    await agent.next(DayPlan, lambda m: bool(m.appointments))
    # Moved, then cancelled: neither is a no-show.
    moved = await book(csb, starts_at=paris("2025-12-02T09:00"), resident_name="Paul Roux")
    status, body = await api(
        csb, "PUT", f"/api/v1/appointments/{moved['appointment_id']}",
        body={"starts_at": paris("2025-12-02T11:00")},
    )  # fmt: skip
    assert status == 200 and body["starts_at"] == paris("2025-12-02T11:00")
    status, body = await api(csb, "DELETE", f"/api/v1/appointments/{moved['appointment_id']}")
    assert status == 200 and body["state"] == "cancelled"
    status, _ = await api(csb, "DELETE", f"/api/v1/appointments/{moved['appointment_id']}")
    assert status == 409
    await set_clock(csb, paris("2025-12-02T10:15") + 1)
    plan = await agent.next(
        DayPlan, lambda m: m.appointments and m.appointments[0].state == "no_show"
    )
    assert plan.appointments[0].appointment_id == booked["appointment_id"]
    kiosk, _ = await join(csb, "pvp-murat")
    await kiosk.expect_error(
        QueueCall(service="CAF", appointment_code=booked["code"]), ErrorCode.CONFLICT
    )
    day = f"since={paris('2025-12-01T00:00')}&until={paris('2025-12-08T00:00')}"
    status, figures = await api(csb, "GET", f"/api/v1/figures?{day}")
    assert status == 200
    assert figures["appointments"] == [
        {"service": "CAF", "kiosk_id": "pvp-murat", "kiosk_name": "PVP Murat", "booked": 1,
         "kept": 0, "late": 0, "no_show": 1, "cancelled": 1}
    ]  # fmt: skip
    # One slot (at two kiosks at once) of 3 hours; agent.caf signed in from 08:00
    # (switchboard time) to now, 10:15: staffed from 09:00.
    assert figures["hours_scheduled"] == 3.0
    assert 1.25 <= figures["hours_staffed"] < 1.26


async def test_slots_keep_their_wall_clock_hours_in_the_week_summer_time_ends(
    csb, join: Joiner
) -> None:
    # Sunday 26 October 2025, 03:00 summer time becomes 02:00.
    await add_permanence(csb, weekday=6)
    week = f"since={paris('2025-10-20T00:00')}&until={paris('2025-11-03T00:00')}"
    status, body = await api(csb, "GET", f"/api/v1/slots?{week}")
    assert status == 200
    starts = [s["starts_at"] for s in body["slots"]]
    assert starts == [
        dt.datetime(2025, 10, 26, 8, 0, tzinfo=dt.UTC).timestamp(),  # 09:00 winter time
        dt.datetime(2025, 11, 2, 8, 0, tzinfo=dt.UTC).timestamp(),
    ]
    assert all(s["ends_at"] - s["starts_at"] == 3 * 3600 for s in body["slots"])
    await set_clock(csb, paris("2025-10-26T09:30"))
    _, welcome = await join(csb, "pvp-murat")
    caf = status_of(welcome, "CAF")
    assert caf.state is ServiceState.NO_AGENT_YET
    assert caf.closes_at == dt.datetime(2025, 10, 26, 11, 0, tzinfo=dt.UTC).timestamp()


async def test_a_public_holiday_closes_the_service_and_refuses_bookings(csb, join: Joiner) -> None:
    # Tuesday 11 November 2025 is Armistice day.
    await add_permanence(csb)
    await set_clock(csb, paris("2025-11-11T10:00"))
    kiosk, welcome = await join(csb, "pvp-murat")
    caf = status_of(welcome, "CAF")
    assert caf.state is ServiceState.CLOSED and caf.closure == "Armistice"
    assert caf.next_opening == paris("2025-11-18T09:00")
    await kiosk.expect_error(QueueCall(service="CAF"), ErrorCode.CLOSED)
    status, body = await api(
        csb, "POST", "/api/v1/appointments",
        body={"service": "CAF", "kiosk_id": "pvp-murat", "starts_at": paris("2025-11-11T10:00"),
              "resident_name": "Jean Martin"},
    )  # fmt: skip
    assert status == 400 and body["message"] == "CAF is closed on 2025-11-11 (Armistice)"
    status, body = await api(csb, "GET", "/api/v1/closures")
    assert status == 200
    holidays = {c["date_from"]: c["label"] for c in body["closures"] if c.get("holiday")}
    assert holidays["2025-12-25"] == "Noël"


async def test_bad_permanences_and_bookings_get_a_sentence(csb, join: Joiner) -> None:
    first = await add_permanence(csb)
    status, body = await api(
        csb, "POST", "/api/v1/permanences", body={**CAF_TUESDAY, "start": "11:00", "end": "13:00"}
    )
    assert status == 400
    assert body["message"] == (
        f"this slot overlaps {first['permanence_id']} (CAF, Tuesday 09:00-12:00 at pvp-murat,"
        " pvp-riom)"
    )
    status, body = await api(
        csb, "POST", "/api/v1/permanences", body={**CAF_TUESDAY, "start": "12:00", "end": "10:00"}
    )
    assert status == 400 and "must come after the start" in body["message"]
    status, body = await api(
        csb, "POST", "/api/v1/permanences", body={**CAF_TUESDAY, "kiosk_ids": ["pvp-nowhere"]}
    )
    assert status == 404 and body["message"] == "no kiosk pvp-nowhere"
    status, _ = await api(csb, "POST", "/api/v1/permanences", "agent.caf", CAF_TUESDAY)
    assert status == 403
    status, _ = await api(csb, "POST", "/api/v1/permanences", "sup.msa", CAF_TUESDAY)
    assert status == 403
    status, body = await api(
        csb, "POST", "/api/v1/appointments", "agent.caf",
        {"service": "CAF", "kiosk_id": "pvp-murat", "starts_at": paris("2025-12-02T11:50"),
         "duration_min": 20, "resident_name": "Jean Martin"},
    )  # fmt: skip
    assert status == 400
    assert body["message"] == (
        "the appointment must fit within a permanence: CAF is open at pvp-murat"
        " on 2025-12-02 09:00-12:00"
    )
    # Nothing was stored by the refusals.
    status, body = await api(csb, "GET", "/api/v1/permanences")
    assert [p["permanence_id"] for p in body["permanences"]] == [first["permanence_id"]]


async def test_edit_copy_and_remove_permanences_and_closures(csb, join: Joiner) -> None:
    weekly = await add_permanence(csb)
    once = await add_permanence(csb, weekday=None, date="2025-12-04", start="14:00", end="16:00")
    status, body = await api(
        csb, "PUT", f"/api/v1/permanences/{weekly['permanence_id']}",
        body={**CAF_TUESDAY, "end": "12:30"},
    )  # fmt: skip
    assert status == 200 and body["end"] == "12:30"
    status, body = await api(
        csb, "POST", "/api/v1/permanences/copy-week",
        body={"from_week": "2025-W49", "to_week": "2025-W51"},
    )  # fmt: skip
    assert status == 201 and [p["date"] for p in body["permanences"]] == ["2025-12-18"]
    status, closure = await api(
        csb, "POST", "/api/v1/closures",
        body={"date_from": "2025-12-09", "date_to": "2025-12-09", "label": "Formation"},
    )  # fmt: skip
    assert status == 201
    week = f"since={paris('2025-12-08T00:00')}&until={paris('2025-12-22T00:00')}"
    status, body = await api(csb, "GET", f"/api/v1/slots?{week}&kiosk=pvp-murat")
    assert [s["starts_at"] for s in body["slots"]] == [
        paris("2025-12-16T09:00"),
        paris("2025-12-18T14:00"),
    ]
    assert (await api(csb, "DELETE", f"/api/v1/closures/{closure['closure_id']}"))[0] == 200
    assert (await api(csb, "DELETE", f"/api/v1/permanences/{once['permanence_id']}"))[0] == 200
    status, body = await api(csb, "DELETE", f"/api/v1/permanences/{once['permanence_id']}")
    assert status == 404


async def test_the_agents_calendar_exports_as_ics(csb) -> None:
    await add_permanence(csb)
    booked = await book(csb, agent_login="agent.caf")
    token = (await login(csb, "agent.caf"))["access_token"]
    import aiohttp

    async with (
        aiohttp.ClientSession() as session,
        session.get(
            csb.http + f"/api/v1/calendar.ics?since={paris('2025-12-01T00:00')}"
            f"&until={paris('2025-12-08T00:00')}",
            headers={"Authorization": f"Bearer {token}"},
        ) as response,
    ):
        assert response.status == 200
        assert response.content_type == "text/calendar"
        parsed = icalendar.Calendar.from_ical(await response.read())
    events = {str(e["summary"]): e for e in parsed.walk("VEVENT")}
    assert set(events) == {"Permanence CAF", "Rendez-vous CAF : Marie"}
    assert events["Permanence CAF"].decoded("dtstart").timestamp() == paris("2025-12-02T09:00")
    assert events["Rendez-vous CAF : Marie"].decoded("dtend").timestamp() == (
        booked["starts_at"] + 1800
    )
    status, _ = await api(csb, "GET", "/api/v1/calendar.ics?agent=agent2.caf", "agent.caf")
    assert status == 403


async def test_a_restart_keeps_permanences_appointments_and_check_ins(
    csb, start: Starter, join: Joiner
) -> None:
    perm = await add_permanence(csb)
    booked = await book(csb)
    later = await book(csb, starts_at=paris("2025-12-02T11:00"), resident_name="Paul Roux")
    await set_clock(csb, paris("2025-12-02T09:55"))
    kiosk, _ = await join(csb, "pvp-murat")
    queued = await kiosk.request(QueueCall(service="CAF", appointment_id=booked["appointment_id"]))
    assert isinstance(queued, Queued)
    await kiosk.close()
    csb.kill()
    await csb.proc.wait()

    again = await start("--test-clock")
    await set_clock(again, paris("2025-12-02T09:56"))
    status, body = await api(again, "GET", "/api/v1/permanences")
    assert [p["permanence_id"] for p in body["permanences"]] == [perm["permanence_id"]]
    status, body = await api(again, "GET", "/api/v1/appointments?day=2025-12-02")
    assert status == 200
    states = {a["appointment_id"]: (a["state"], a.get("call_id")) for a in body["appointments"]}
    assert states == {
        booked["appointment_id"]: (AppointmentState.CHECKED_IN, queued.call.call_id),
        later["appointment_id"]: (AppointmentState.BOOKED, None),
    }
    kiosk, welcome = await join(again, "pvp-murat")
    assert welcome.active_call is not None and welcome.active_call.appointment_due
    assert status_of(welcome, "CAF").state is ServiceState.NO_AGENT_YET


async def test_the_test_clock_exists_only_when_asked_for(sb) -> None:
    status, body = await http_json(sb, "PUT", "/api/v1/test/clock", {"now": 0})
    assert status == 404, body
    assert isinstance(body, dict) and body["code"] == "not_found"
    error = Error(code="x", message="y")
    assert error.next_opening is None


async def test_a_new_day_and_an_edit_made_with_the_cli_reach_the_running_switchboard(
    csb, join: Joiner
) -> None:
    import asyncio
    import sys

    await add_permanence(csb)
    await set_clock(csb, paris("2025-12-02T10:00"))
    agent, _ = await join(csb, "agent.caf")
    kiosk, _ = await join(csb, "pvp-murat")
    await agent.next(DayPlan, lambda m: m.date == "2025-12-02" and bool(m.slots))
    # The operator closes today from the command line, on the same file.
    done = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agentdesk", "switchboard", "add-closure", "--agency", "caf",
        "--from", "2025-12-02", "--label", "Panne réseau", "--db", str(csb.db),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, stderr = await asyncio.wait_for(done.communicate(), 60)
    assert done.returncode == 0, stderr
    # The switchboard notices the file changed: the clock does not move.
    closed = await next_status(kiosk, "CAF", ServiceState.CLOSED)
    assert closed.closure == "Panne réseau"
    assert closed.next_opening == paris("2025-12-09T09:00")
    # Past midnight the agent gets the new day's plan.
    await set_clock(csb, paris("2025-12-03T00:00") - 0.5)
    plan = await agent.next(DayPlan, lambda m: m.date == "2025-12-03")
    assert plan.slots == [] and plan.appointments == []
