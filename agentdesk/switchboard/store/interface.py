"""What the switchboard asks of its store, one protocol per concern.

The engine, the handlers and the HTTP side depend on ``Storage`` only, never
on SQLite: a second engine (PostgreSQL, for networks that run several
switchboards on one database) implements these protocols beside
``SqliteStore``.  The promises every engine keeps:

- writes made inside ``batch()`` are committed together when the outermost
  ``batch`` ends, and a committed write survives the process being killed;
- outside ``batch()``, each write method is one transaction;
- reads see the writes of the same store at once, committed or not;
- bad administrative requests raise ``StoreError`` (nothing is half-done).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from agentdesk.protocol import AgentState, CallEvent, LineCaps, Role
from agentdesk.protocol.figures import (
    AgencySettings,
    AgencySettingsUpdate,
    FiguresResponse,
    Office,
)
from agentdesk.protocol.schedule import (
    Appointment,
    Closure,
    ClosureDraft,
    Permanence,
    PermanenceDraft,
)

from .records import (
    Agency,
    Agent,
    CallRow,
    EventRow,
    Hold,
    Kiosk,
    KioskHealth,
    RatingRefusal,
    Service,
)


class Transactions(Protocol):
    def batch(self) -> AbstractContextManager[None]:
        """Groups the writes of one step of the switchboard into one commit."""

    def close(self) -> None: ...

    def changed_elsewhere(self) -> bool:
        """Whether another process (an admin command) changed the store since
        the last call."""


class Secrets(Protocol):
    def secret(self) -> bytes:
        """The token-signing key, generated on first use, shared by every
        switchboard on the same store."""


class Directory(Protocol):
    """Agencies, services, accounts and kiosks: written by the admin CLI, read
    at every login and ``hello``."""

    def add_agency(self, agency_id: str, name: str) -> None: ...

    def add_service(self, code: str, name: str, agency_id: str) -> None: ...

    def add_agent(
        self,
        login: str,
        display_name: str,
        agency_id: str,
        services: list[str],
        password: str,
        role: Role = Role.AGENT,
        *,
        password_hash: str | None = None,
    ) -> None: ...

    def set_password(self, login: str, password: str) -> None:
        """Also signs the account out everywhere."""

    def set_disabled(self, login: str, disabled: bool) -> None:
        """Disabling also signs the account out everywhere."""

    def set_role(self, login: str, role: Role) -> None:
        """Also signs the account out everywhere."""

    def delete_agent(self, login: str) -> str:
        """Deletes the account, keeps its calls' history under a pseudonym
        (returned)."""

    def add_kiosk(
        self, kiosk_id: str, display_name: str, commune: str, lat: float, lon: float
    ) -> str:
        """Registers a kiosk and returns its device token (stored hashed)."""

    def set_kiosk_line(self, kiosk_id: str, down_kbps: int, up_kbps: int) -> None:
        """The kiosk's line (kbit/s each way): both ends of its calls fit their video to it."""

    def kiosk_line(self, kiosk_id: str) -> LineCaps | None: ...

    def renew_kiosk_token(self, kiosk_id: str) -> str: ...

    def agencies(self) -> list[Agency]: ...

    def services(self) -> list[Service]: ...

    def agent(self, login: str) -> Agent | None: ...

    def agents(self, agency_id: str | None = None) -> list[Agent]: ...

    def save_presence(
        self, login: str, state: AgentState, reason: str | None, auto_answer: bool, call: str | None
    ) -> None:
        """What the agent chose, restored at their next sign-in."""

    def kiosk(self, kiosk_id: str) -> Kiosk | None: ...

    def kiosks(self) -> list[Kiosk]: ...


class Calendars(Protocol):
    """Permanences, closures, appointments, early closings, and what the
    calendar's figures count.  Calendar records are those of the protocol
    (agentdesk/protocol/schedule.py)."""

    def permanences(self) -> list[Permanence]: ...

    def permanence(self, permanence_id: str) -> Permanence | None: ...

    def save_permanence(
        self, draft: PermanenceDraft, at: float, permanence_id: str | None = None
    ) -> Permanence:
        """Adds a permanence (its id chosen here), or replaces ``permanence_id``'s."""

    def remove_permanence(self, permanence_id: str) -> None: ...

    def closures(self, agency: str | None = None) -> list[Closure]: ...

    def add_closure(self, draft: ClosureDraft, agency: str) -> Closure: ...

    def remove_closure(self, closure_id: str) -> None: ...

    def early_closings(self) -> dict[str, float]:
        """Service -> until when a supervisor closed it early."""

    def close_early(self, service: str, at: float, until: float, login: str) -> None: ...

    def add_appointment(
        self, service: str, kiosk_id: str, due_at: float, appointment_id: str | None = None
    ) -> str:
        """A bare appointment (no name, no check against permanences); its id."""

    def appointments(
        self, since: float | None = None, until: float | None = None, kiosk_id: str | None = None
    ) -> list[Appointment]:
        """Appointments starting in [since, until), by time."""

    def appointment(self, appointment_id: str) -> Appointment | None: ...

    def appointment_by_code(self, kiosk_id: str, code: str) -> Appointment | None: ...

    def book(self, appointment: Appointment) -> Appointment:
        """Stores a new appointment; returns it with its id and check-in code."""

    def save_appointment(self, appointment: Appointment) -> None: ...

    def refused(self, at: float, service: str, kiosk_id: str) -> None:
        """A ``queue_call`` refused because the service was closed."""

    def refusals(self, since: float, until: float, services: list[str]) -> int: ...

    def session_started(self, login: str, at: float) -> None: ...

    def session_ended(self, login: str, at: float) -> None: ...

    def end_all_sessions(self, at: float) -> None:
        """At start-up: sessions a stopped switchboard left open end now."""

    def sessions(self, since: float, until: float) -> list[tuple[str, float, float | None]]:
        """(login, started_at, ended_at or None) of sessions meeting [since, until)."""


class RefreshTokens(Protocol):
    """Refresh tokens by family: one family per sign-in, rotated at each use."""

    def add_refresh_token(self, token: str, login: str, ttl_s: float, family: str) -> None: ...

    def use_refresh_token(self, token: str) -> tuple[str, str] | None:
        """Revokes a valid refresh token and returns its (login, family)
        (rotation); a revoked token used again revokes its whole family."""

    def revoke_family(self, token: str) -> str | None:
        """Signs out the sign-in of this refresh token; returns its family."""

    def family_alive(self, family: str) -> bool: ...


class CallHistory(Protocol):
    """Calls as they now are, and the history of each (append-only)."""

    def create_call(
        self,
        call_id: str,
        service: str,
        kiosk_id: str,
        reason: str | None,
        appointment_id: str | None,
        appointment_due: bool,
        queued_at: float,
        rank: int,
        detail: dict[str, str],
    ) -> CallRow:
        """Stores a new queued call (and its first event) and returns it with
        its sequence number: calls arriving at the same instant keep this order."""

    def record(
        self,
        call: CallRow,
        event: CallEvent,
        at: float,
        agent_login: str | None,
        detail: dict[str, str] | None = None,
        wrap_up: tuple[str, str | None, str | None] | None = None,
    ) -> None:
        """Saves the call as it now is and appends the event, in one transaction."""

    def save_rank(self, call_id: str, rank: int, appointment_due: bool) -> None:
        """A waiting call's place changed without an event of its own (an
        early check-in's appointment fell due)."""

    def save_hold(self, call_id: str, hold: Hold | None) -> None:
        """The call's first offer is held for one agent (None: for nobody any
        more); ``live_calls`` returns it in ``CallRow.hold``."""

    def save_wrap_up(
        self, call_id: str, login: str, at: float, outcome: str | None, note: str | None
    ) -> None: ...

    def live_calls(self) -> list[CallRow]:
        """Calls not over (neither done nor abandoned), in arrival order, with
        their transfer note and hold."""

    def calls_between(self, since: float, until: float, services: list[str]) -> list[CallRow]:
        """Calls that arrived in [since, until) and that were, or are, in one of
        these services."""

    def events_of(self, call_ids: list[str]) -> dict[str, list[EventRow]]: ...

    def recent_handle_times(self, service: str, limit: int = 20) -> list[tuple[str | None, float]]:
        """(agent, seconds from answer to hang-up) of the service's last calls, newest first."""


class Supervision(Protocol):
    """An agency's offices and settings, and the figures of a period."""

    def add_office(
        self,
        office_id: str,
        agency_id: str,
        name: str,
        address: str,
        commune: str,
        lat: float,
        lon: float,
    ) -> None: ...

    def offices(self, agency_id: str) -> list[Office]: ...

    def agency_settings(self, agency_id: str) -> AgencySettings: ...

    def set_agency_settings(
        self, agency_id: str, update: AgencySettingsUpdate
    ) -> AgencySettings: ...

    def period_figures(
        self,
        agency: str,
        services: list[str],
        since: float,
        until: float,
        settings: AgencySettings,
        offices: list[Office],
        agent_names: dict[str, str],
    ) -> FiguresResponse:
        """Figures of the calls that arrived in [since, until).  Called from a
        worker thread: it must not use the event loop's connection."""


class Fleet(Protocol):
    """Kiosks' connection and devices (the fleet view), residents' ratings."""

    def kiosk_seen(self, kiosk_id: str, at: float, *, online: bool) -> None: ...

    def all_kiosks_gone(self, at: float) -> None:
        """At start: every kiosk recorded online is offline since ``at``."""

    def save_devices(self, kiosk_id: str, at: float, devices: list[dict[str, str]]) -> None: ...

    def kiosk_health(self) -> list[KioskHealth]: ...

    def rate_call(
        self, call_id: str, kiosk_id: str, rating: str, at: float
    ) -> RatingRefusal | None: ...

    def satisfaction(self, since: float, until: float, services: list[str]) -> dict[str, int]: ...


class Storage(
    Fleet,
    Transactions,
    Secrets,
    Directory,
    Calendars,
    RefreshTokens,
    CallHistory,
    Supervision,
    Protocol,
):
    """Everything the running switchboard asks of its store."""
