"""The desk's ``Bookings`` over the switchboard's HTTP calendar API."""

from __future__ import annotations

import dataclasses
from typing import Any

from agentdesk.client.calendar import CalendarClient
from agentdesk.client.rest import RestError
from agentdesk.desk.booking import BookingDraft, BookingError, BookingProblem
from agentdesk.protocol.schedule import Appointment, AppointmentChange, AppointmentDraft

DAY_S = 86400.0
LOOK_AHEAD_S = 60 * DAY_S
_BY_STATUS = {403: BookingProblem.FORBIDDEN, 404: BookingProblem.NOT_FOUND}


def booking_error(exc: RestError) -> BookingError:
    if exc.status is None:
        return BookingError(BookingProblem.UNREACHABLE, exc.message)
    if exc.code == "closed" or exc.next_opening is not None or exc.reason == "outside_permanence":
        return BookingError(BookingProblem.OUTSIDE_PERMANENCE, exc.message, exc.next_opening)
    return BookingError(
        _BY_STATUS.get(exc.status, BookingProblem.REFUSED),
        exc.message,
        code=exc.code,
        reason=exc.reason,
    )


def _fields(draft: BookingDraft) -> dict[str, Any]:
    return dataclasses.asdict(draft)


class ApiBookings:
    def __init__(self, api: CalendarClient) -> None:
        self.api = api

    async def book(self, draft: BookingDraft) -> Appointment:
        try:
            return await self.api.book(AppointmentDraft(**_fields(draft)))
        except RestError as exc:
            raise await self._explained(exc, draft) from exc

    async def change(self, appointment_id: str, draft: BookingDraft) -> Appointment:
        try:
            return await self.api.change(appointment_id, AppointmentChange(**_fields(draft)))
        except RestError as exc:
            raise await self._explained(exc, draft) from exc

    async def _explained(self, exc: RestError, draft: BookingDraft) -> BookingError:
        """A refused booking that falls outside the service's permanences is
        told as such, with the next opening, from the slots themselves (the
        agent reads French; the switchboard's sentence is for operators)."""
        error = booking_error(exc)
        if exc.status != 400:
            return error
        ends_at = draft.starts_at + draft.duration_min * 60
        try:
            slots = await self.api.slots(
                draft.starts_at - DAY_S,
                draft.starts_at + LOOK_AHEAD_S,
                service=draft.service,
                kiosk=draft.kiosk_id,
            )
        except RestError:
            return error
        if any(s.starts_at <= draft.starts_at and ends_at <= s.ends_at for s in slots):
            return error  # refused for another reason: the switchboard's words
        later = sorted(s.starts_at for s in slots if s.starts_at >= draft.starts_at)
        return BookingError(
            BookingProblem.OUTSIDE_PERMANENCE, exc.message, later[0] if later else None
        )

    async def cancel(self, appointment_id: str) -> Appointment:
        try:
            return await self.api.cancel(appointment_id)
        except RestError as exc:
            raise booking_error(exc) from exc

    async def appointments(
        self, day: str, *, agent: str | None = None, kiosk: str | None = None
    ) -> list[Appointment]:
        try:
            return await self.api.appointments(day, agent=agent, kiosk=kiosk)
        except RestError as exc:
            raise booking_error(exc) from exc
