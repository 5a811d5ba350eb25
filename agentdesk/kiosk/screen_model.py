"""What the kiosk's touch screen shows, as plain types: the widgets
(agentdesk/ui/kiosk) see these and :class:`ResidentScreen`, never the engine."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from agentdesk.desk.quality import Quality
from agentdesk.protocol import ServiceState
from agentdesk.protocol.messages import Satisfaction
from agentdesk.protocol.schedule import KioskAppointment


class ScreenStep(enum.Enum):
    HOME = "home"
    """The services, open or closed; « J'ai un rendez-vous »."""
    APPOINTMENT = "appointment"
    """The check-in code pad."""
    CLOSED = "closed"
    """The chosen service is closed: when it opens next."""
    WAITING = "waiting"
    CALL = "call"
    RATING = "rating"
    """Three faces."""
    THANKS = "thanks"


class ScanStep(enum.Enum):
    NONE = "none"
    ASKED = "asked"
    """The agent asks for a document: guidance and a « Scanner » button."""
    SCANNING = "scanning"
    PREVIEW = "preview"
    """The page as scanned: send it, or scan again."""
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class ServiceLine:
    code: str
    name: str
    state: ServiceState
    agents: int = 0
    closes_at: float | None = None
    next_opening: float | None = None
    closure: str | None = None


@dataclass
class CallView:
    agent_name: str | None = None
    connected: bool = False
    muted: bool = False
    quality: Quality = Quality.UNKNOWN
    scan: ScanStep = ScanStep.NONE
    scan_problem: str = ""
    """The scanner's own words when a scan failed (``paper_jam``…)."""
    preview: Path | None = None
    scan_quality: tuple[str, ...] = ()
    """What the kiosk's checks found wrong with the preview (``blurred``…)."""
    printed: list[str] = field(default_factory=list)
    print_failed: str | None = None
    """The printer's state when a print did not come out (``out_of_paper``)."""


class ResidentScreen(Protocol):
    """The resident's kiosk as the screen drives it (resident.py implements it)."""

    step: ScreenStep
    service: str | None
    closed_next_opening: float | None
    position: int | None
    estimated_wait_s: float | None
    call: CallView
    problem: str | None

    def subscribe(self, callback: Callable[[ScreenStep], None]) -> Callable[[], None]: ...
    def services(self) -> list[ServiceLine]: ...
    async def choose(self, service: str) -> None: ...
    async def appointments(self) -> list[KioskAppointment]: ...
    async def check_in(self, appointment: KioskAppointment) -> None: ...
    async def check_in_code(self, code: str) -> None: ...
    def open_appointment(self) -> None: ...
    async def leave(self) -> None: ...
    def set_muted(self, muted: bool) -> None: ...
    async def scan(self) -> None: ...
    async def send_scan(self) -> None: ...
    def cancel_scan(self) -> None: ...
    async def rate(self, rating: Satisfaction) -> None: ...
    def go_home(self) -> None: ...
