"""The agency's calendar over HTTP: permanences, closures, slots, appointments.

Used by the agent's app (booking) and the supervisor's calendar editor; the
records are the protocol's (agentdesk.protocol.schedule).  Failures raise
``RestError`` with the switchboard's sentence.
"""

from __future__ import annotations

from agentdesk.protocol.http import OkResponse
from agentdesk.protocol.schedule import (
    Appointment,
    AppointmentChange,
    AppointmentDraft,
    AppointmentsResponse,
    Closure,
    ClosureDraft,
    ClosuresResponse,
    CopyWeekRequest,
    Permanence,
    PermanenceDraft,
    PermanencesResponse,
    ServiceStatus,
    Slot,
    SlotsResponse,
)

from .rest import RestClient, TokenKeeper


def _params(**values: str | float | None) -> dict[str, str]:
    return {
        name: value if isinstance(value, str) else repr(value)
        for name, value in values.items()
        if value is not None and value != ""
    }


class CalendarClient:
    def __init__(self, tokens: TokenKeeper, rest: RestClient | None = None) -> None:
        self.rest = rest or RestClient(tokens)
        self._owns_rest = rest is None

    # -- permanences -----------------------------------------------------

    async def permanences(self, service: str | None = None) -> list[Permanence]:
        reply = await self.rest.call(
            "GET", "/api/v1/permanences", PermanencesResponse, _params(service=service)
        )
        return reply.permanences

    async def add_permanence(self, draft: PermanenceDraft) -> Permanence:
        return await self.rest.call("POST", "/api/v1/permanences", Permanence, body=draft)

    async def update_permanence(self, permanence_id: str, draft: PermanenceDraft) -> Permanence:
        path = f"/api/v1/permanences/{permanence_id}"
        return await self.rest.call("PUT", path, Permanence, body=draft)

    async def remove_permanence(self, permanence_id: str) -> None:
        await self.rest.call("DELETE", f"/api/v1/permanences/{permanence_id}", OkResponse)

    async def copy_week(self, from_week: str, to_week: str) -> list[Permanence]:
        reply = await self.rest.call(
            "POST",
            "/api/v1/permanences/copy-week",
            PermanencesResponse,
            body=CopyWeekRequest(from_week=from_week, to_week=to_week),
        )
        return reply.permanences

    # -- closures and slots ------------------------------------------------

    async def closures(self, since: str | None = None, until: str | None = None) -> list[Closure]:
        reply = await self.rest.call(
            "GET", "/api/v1/closures", ClosuresResponse, _params(since=since, until=until)
        )
        return reply.closures

    async def add_closure(self, draft: ClosureDraft) -> Closure:
        return await self.rest.call("POST", "/api/v1/closures", Closure, body=draft)

    async def remove_closure(self, closure_id: str) -> None:
        await self.rest.call("DELETE", f"/api/v1/closures/{closure_id}", OkResponse)

    async def slots(
        self,
        since: float,
        until: float,
        *,
        service: str | None = None,
        kiosk: str | None = None,
        agent: str | None = None,
    ) -> list[Slot]:
        params = _params(since=since, until=until, service=service, kiosk=kiosk, agent=agent)
        reply = await self.rest.call("GET", "/api/v1/slots", SlotsResponse, params)
        return reply.slots

    # -- appointments ------------------------------------------------------

    async def appointments(
        self, day: str, *, agent: str | None = None, kiosk: str | None = None
    ) -> list[Appointment]:
        params = _params(day=day, agent=agent, kiosk=kiosk)
        reply = await self.rest.call("GET", "/api/v1/appointments", AppointmentsResponse, params)
        return reply.appointments

    async def book(self, draft: AppointmentDraft) -> Appointment:
        return await self.rest.call("POST", "/api/v1/appointments", Appointment, body=draft)

    async def change(self, appointment_id: str, change: AppointmentChange) -> Appointment:
        path = f"/api/v1/appointments/{appointment_id}"
        return await self.rest.call("PUT", path, Appointment, body=change)

    async def cancel(self, appointment_id: str) -> Appointment:
        path = f"/api/v1/appointments/{appointment_id}"
        return await self.rest.call("DELETE", path, Appointment)

    async def close_now(self, service: str) -> ServiceStatus:
        path = f"/api/v1/services/{service}/close-now"
        return await self.rest.call("POST", path, ServiceStatus)

    async def aclose(self) -> None:
        if self._owns_rest:
            await self.rest.aclose()
