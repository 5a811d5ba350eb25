"""Sentences about the permanence day: the duty keeper's notices, appointment
states, the day's title.  Literal translate() calls, for lupdate."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from agentdesk.desk import DeskState
from agentdesk.desk.day import AppointmentLike, DayModel, clock_text, paris_time, state_of
from agentdesk.desk.duty import Notice, NoticeKind
from agentdesk.protocol import AppointmentState, ServiceState, ServiceStatus


def notice_text(notice: Notice, day: DayModel, state: DeskState | None = None) -> str:
    """``state``: the agent's, once it changed after the notice: the start of
    the permanence then says what they are now (a break, a call), not what
    the notice said (None: as it said)."""
    span = notice.span
    until = clock_text(span.ends_at) if span else ""
    start = clock_text(span.starts_at) if span else ""
    match notice.kind:
        case NoticeKind.WARM_UP:
            return QCoreApplication.translate(
                "DayTexts", "Your permanence starts at %1: your camera is on."
            ).replace("%1", start)
        case NoticeKind.STARTED_AVAILABLE | NoticeKind.STARTED_BUTTON:
            if state is None:
                available = notice.kind is NoticeKind.STARTED_AVAILABLE
                state = DeskState.AVAILABLE if available else DeskState.OFFLINE
            return _started_text(state, until)
        case NoticeKind.LAST_CALLS:
            # No plural form: lupdate marks none for QCoreApplication.translate.
            return QCoreApplication.translate(
                "DayTexts", "Permanence over: no new caller. Last calls to serve: %1."
            ).replace("%1", str(notice.count))
        case NoticeKind.OFF_DUTY:
            return QCoreApplication.translate(
                "DayTexts",
                "Permanence over: you are offline and your camera is off until the next one.",
            )
        case NoticeKind.REMINDER:
            rdv = notice.appointment
            if rdv is None:
                return ""
            return (
                QCoreApplication.translate("DayTexts", "Appointment at %1: %2 at %3 (%4).")
                .replace("%1", clock_text(rdv.starts_at))
                .replace("%2", rdv.resident_name)
                .replace("%3", day.kiosk_label(rdv.kiosk_id))
                .replace("%4", rdv.purpose)
            )
        case NoticeKind.CHECKED_IN:
            rdv = notice.appointment
            if rdv is None:
                return ""
            return (
                QCoreApplication.translate(
                    "DayTexts", "%1 has arrived at %2 for their %3 appointment: first in the queue."
                )
                .replace("%1", rdv.resident_name)
                .replace("%2", day.kiosk_label(rdv.kiosk_id))
                .replace("%3", clock_text(rdv.starts_at))
            )


def _started_text(state: DeskState, until: str) -> str:
    if state is DeskState.AVAILABLE:
        return QCoreApplication.translate(
            "DayTexts", "Your permanence has started: you are available until %1."
        ).replace("%1", until)
    if state in (DeskState.OFFLINE, DeskState.PAUSED):
        return QCoreApplication.translate(
            "DayTexts",
            "Your permanence has started (until %1): press “Available” when you want to "
            "receive calls.",
        ).replace("%1", until)
    return QCoreApplication.translate(
        "DayTexts", "Your permanence has started (until %1)."
    ).replace("%1", until)


def service_status_text(status: ServiceStatus) -> str:
    match status.state:
        case ServiceState.OPEN:
            text = QCoreApplication.translate("DayTexts", "%1: open")
            if status.closes_at is not None:
                text = QCoreApplication.translate("DayTexts", "%1: open until %2").replace(
                    "%2", clock_text(status.closes_at)
                )
        case ServiceState.NO_AGENT_YET:
            # Counted by the switchboard: agents signed in and not offline.
            text = QCoreApplication.translate("DayTexts", "%1: open, no agent available yet")
        case ServiceState.LAST_CALLS:
            text = QCoreApplication.translate("DayTexts", "%1: last calls (%2 waiting)").replace(
                "%2", str(status.waiting)
            )
        case ServiceState.CLOSED:
            if status.next_opening is None:
                text = QCoreApplication.translate("DayTexts", "%1: closed")
            else:
                when = paris_time(status.next_opening)
                text = (
                    QCoreApplication.translate("DayTexts", "%1: closed, opens %2 at %3")
                    .replace("%2", date_text(when.date()))
                    .replace("%3", clock_text(status.next_opening))
                )
            if status.closure:
                text += f" ({status.closure})"
    return text.replace("%1", status.service)


def appointment_state_text(state: str) -> str:
    match state_of(state):
        case AppointmentState.BOOKED:
            return QCoreApplication.translate("DayTexts", "Booked")
        case AppointmentState.CHECKED_IN:
            return QCoreApplication.translate("DayTexts", "✔ Arrived")
        case AppointmentState.SERVED:
            return QCoreApplication.translate("DayTexts", "Served")
        case AppointmentState.NO_SHOW:
            return QCoreApplication.translate("DayTexts", "Did not come")
        case AppointmentState.CANCELLED:
            return QCoreApplication.translate("DayTexts", "Cancelled")


def weekday_name(weekday: int) -> str:
    # Literal calls so lupdate sees each name.
    names = (
        QCoreApplication.translate("DayTexts", "Monday"),
        QCoreApplication.translate("DayTexts", "Tuesday"),
        QCoreApplication.translate("DayTexts", "Wednesday"),
        QCoreApplication.translate("DayTexts", "Thursday"),
        QCoreApplication.translate("DayTexts", "Friday"),
        QCoreApplication.translate("DayTexts", "Saturday"),
        QCoreApplication.translate("DayTexts", "Sunday"),
    )
    return names[weekday]


def date_text(day: dt.date) -> str:
    """ "Tuesday 1/12/2026" (the month as a number: no month catalogue needed)."""
    return f"{weekday_name(day.weekday())} {day.strftime('%d/%m/%Y')}"


def slot_time(starts_at: float, ends_at: float) -> str:
    return f"{clock_text(starts_at)}–{clock_text(ends_at)}"


def appointment_line(rdv: AppointmentLike, day: DayModel) -> str:
    """ "10:00 · Mme Martin · Prime d'activité · Mairie de Murat"."""
    return " · ".join(
        (clock_text(rdv.starts_at), rdv.resident_name, rdv.purpose, day.kiosk_label(rdv.kiosk_id))
    )


def ts_date(ts: float) -> dt.date:
    return paris_time(ts).date()
