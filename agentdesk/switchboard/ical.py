"""An agent's permanences and appointments as an iCalendar file (RFC 5545),
for Outlook or Thunderbird.  Times are written in UTC, which every client
shows in its own zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import icalendar

from agentdesk.protocol.schedule import Appointment, Slot

PRODID = "-//AgentDesk//Switchboard calendar//FR"


def _utc(moment: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(moment, dt.UTC)


def calendar_ics(
    name: str,
    slots: Sequence[Slot],
    appointments: Sequence[Appointment],
    kiosk_names: Mapping[str, str],
    stamp: float,
) -> bytes:
    """``name`` titles the calendar; ``stamp`` is when it was made (DTSTAMP)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for slot in slots:
        where = ", ".join(kiosk_names.get(k, k) for k in slot.kiosk_ids) or "toutes les bornes"
        event = icalendar.Event()
        event.add("uid", f"{slot.permanence_id}-{int(slot.starts_at)}@agentdesk")
        event.add("dtstamp", _utc(stamp))
        event.add("dtstart", _utc(slot.starts_at))
        event.add("dtend", _utc(slot.ends_at))
        event.add("summary", f"Permanence {slot.service}")
        event.add("location", where)
        cal.add_component(event)
    for appointment in appointments:
        # The first name only: the file leaves the switchboard for mail clients.
        first_name = appointment.resident_name.split()[0]
        event = icalendar.Event()
        event.add("uid", f"{appointment.appointment_id}@agentdesk")
        event.add("dtstamp", _utc(stamp))
        event.add("dtstart", _utc(appointment.starts_at))
        event.add("dtend", _utc(appointment.starts_at + appointment.duration_min * 60))
        event.add("summary", f"Rendez-vous {appointment.service} : {first_name}")
        event.add("location", kiosk_names.get(appointment.kiosk_id, appointment.kiosk_id))
        if appointment.purpose:
            event.add("description", appointment.purpose)
        event.add("status", "CANCELLED" if appointment.state == "cancelled" else "CONFIRMED")
        cal.add_component(event)
    return bytes(cal.to_ical())
