"""What the resident goes through at the touch screen, without Qt.

One decision per screen: :class:`ScreenStep` says which screen is up, and the
screen (agentdesk/ui/kiosk) draws it from this model and calls its actions.
The model drives the same :class:`~agentdesk.kiosk.endpoint.KioskEndpoint`
as the headless kiosk, from its typed events.

Privacy: at the end of every call the kiosk's scan folder and print spool are
emptied and the preview forgotten (the endpoint's end-of-call hook), so the
next resident finds nothing of the previous one.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from pathlib import Path

from agentdesk.client import NotConnected
from agentdesk.desk.quality import Quality
from agentdesk.events import Listeners
from agentdesk.protocol import AppointmentList, ListAppointments, ProtocolError
from agentdesk.protocol.messages import RateCall, Satisfaction
from agentdesk.protocol.schedule import KioskAppointment

from . import events
from .endpoint import KioskEndpoint
from .peripherals import wipe_folder
from .scan_quality import check_file
from .scanner import SaneScanner
from .screen_model import CallView, ScanStep, ScreenStep, ServiceLine

log = logging.getLogger(__name__)


class ResidentKiosk:
    def __init__(
        self, endpoint: KioskEndpoint, scanner: SaneScanner | None, scan_dir: Path
    ) -> None:
        self.endpoint = endpoint
        self.scanner = scanner
        self.scan_dir = scan_dir
        self.step = ScreenStep.HOME
        self.changed: Listeners[ScreenStep] = Listeners()
        """After every change of what the screen shows."""
        self.service: str | None = None
        self.closed_next_opening: float | None = None
        self.position: int | None = None
        self.estimated_wait_s: float | None = None
        self.call = CallView()
        self.problem: str | None = None
        """A sentence-worthy failure (refused code, switchboard unreachable)."""
        self.last_call_id: str | None = None
        self.ratings_sent = 0
        self._scan_numbers = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()
        endpoint.add_listener(self._on_event)
        endpoint.on_call_end.append(self.wipe)

    # -- what the screen shows ------------------------------------------------

    def subscribe(self, callback: Callable[[ScreenStep], None]) -> Callable[[], None]:
        return self.changed.subscribe(callback)

    def services(self) -> list[ServiceLine]:
        welcome = self.endpoint.client.welcome
        names = {info.code: info.name for info in welcome.directory} if welcome else {}
        lines = []
        for code, status in sorted(self.endpoint.service_status.items()):
            lines.append(
                ServiceLine(
                    code=code,
                    name=names.get(code, code),
                    state=status.state,
                    agents=status.agents_signed_in,
                    closes_at=status.closes_at,
                    next_opening=status.next_opening,
                    closure=status.closure,
                )
            )
        return lines

    # -- actions (the resident's touches) ---------------------------------------

    async def choose(self, service: str) -> None:
        self.problem = None
        self.service = service
        queued = await self.endpoint.queue(service)
        if not queued and self.step is not ScreenStep.CLOSED:
            self.problem = self.problem or "refused"
            self._go(ScreenStep.HOME)

    async def appointments(self) -> list[KioskAppointment]:
        """Today's appointments at this kiosk still to check in (first names and times)."""
        try:
            reply = await self.endpoint.client.request(ListAppointments(), timeout_s=5)
        except (ProtocolError, NotConnected, TimeoutError) as exc:
            log.info("appointments not listed: %s", exc)
            return []
        return reply.appointments if isinstance(reply, AppointmentList) else []

    async def check_in(self, appointment: KioskAppointment) -> None:
        self.problem = None
        self.service = appointment.service
        if not await self.endpoint.queue(
            appointment.service, appointment_id=appointment.appointment_id
        ):
            self.problem = self.problem or "code"
            self._go(ScreenStep.APPOINTMENT)

    async def check_in_code(self, code: str) -> None:
        """A six-digit code: it names one appointment of one service here,
        so each service is asked in turn until one accepts it."""
        self.problem = None
        for line in self.services():
            if await self.endpoint.queue(line.code, appointment_code=code):
                self.service = line.code
                self.problem = None
                return
        self.problem = "code"
        self._go(ScreenStep.APPOINTMENT)

    def open_appointment(self) -> None:
        self.problem = None
        self._go(ScreenStep.APPOINTMENT)

    async def leave(self) -> None:
        """Leaves the queue, or hangs up."""
        await self.endpoint.leave()

    def set_muted(self, muted: bool) -> None:
        self.endpoint.microphone.set_muted(muted)
        self.call.muted = muted
        self._go(self.step)

    async def scan(self) -> None:
        """The resident put the page on the glass and pressed « Scanner »."""
        if self.scanner is None:
            self.call.scan, self.call.scan_problem = ScanStep.FAILED, "offline"
            self._go(self.step)
            return
        self._forget_preview()
        self.call.scan, self.call.scan_problem = ScanStep.SCANNING, ""
        self._go(self.step)
        self.scan_dir.mkdir(parents=True, exist_ok=True)
        target = self.scan_dir / f"document-{next(self._scan_numbers)}.png"
        result = await self.scanner.scan(target)
        if self.step is not ScreenStep.CALL:
            target.unlink(missing_ok=True)
            return
        if result.path is None:
            self.call.scan, self.call.scan_problem = ScanStep.FAILED, result.state.value
        else:
            # Checked before the resident decides: a blurred page is scanned
            # again here rather than asked for again by the agent.
            checked = await asyncio.to_thread(check_file, result.path)
            self.call.scan_quality = checked or ()
            self.call.scan, self.call.preview = ScanStep.PREVIEW, result.path
        self._go(self.step)

    async def send_scan(self) -> None:
        path, call = self.call.preview, self.endpoint.call
        if path is None or call is None:
            return
        self.call.scan = ScanStep.SENDING
        self._go(self.step)
        await call.send_file(path, quality=self.call.scan_quality)
        # The document_sent / document_failed event moves the step on.

    def cancel_scan(self) -> None:
        self._forget_preview()
        self.call.scan = ScanStep.NONE
        self._go(self.step)

    async def rate(self, rating: Satisfaction) -> None:
        call_id = self.last_call_id
        if call_id is not None:
            try:
                await self.endpoint.client.request(
                    RateCall(call_id=call_id, rating=rating), timeout_s=5
                )
                self.ratings_sent += 1
            except (ProtocolError, NotConnected, TimeoutError) as exc:
                # The resident is not told: their answer was a courtesy to us.
                log.info("rating not recorded: %s", exc)
        self.last_call_id = None
        self._go(ScreenStep.THANKS)

    def go_home(self) -> None:
        """Inactivity, « Accueil », the end of the thanks: back to the start.
        A resident in the queue or in a call is never sent home by a timer."""
        if self.step in (ScreenStep.WAITING, ScreenStep.CALL):
            return
        self.service = None
        self.problem = None
        self.last_call_id = None
        self._go(ScreenStep.HOME)

    # -- privacy ----------------------------------------------------------------

    async def wipe(self) -> None:
        """Nothing of the resident stays: scans, prints, the preview."""
        self.call.preview = None
        removed = await asyncio.to_thread(wipe_folder, self.scan_dir)
        removed += await self.endpoint.printer.wipe()
        log.info("end of call: %d file(s) of the resident removed", removed)

    def _forget_preview(self) -> None:
        self.call.scan_quality = ()
        if self.call.preview is not None:
            self.call.preview.unlink(missing_ok=True)
            self.call.preview = None

    # -- the endpoint's events ----------------------------------------------------

    def _on_event(self, event: events.KioskEvent) -> None:
        match event:
            case events.KioskServiceStatus():
                if self.step is ScreenStep.HOME:
                    self._go(ScreenStep.HOME)
            case events.Closed(next_opening=opening):
                self.closed_next_opening = opening
                self._go(ScreenStep.CLOSED)
            case events.QueueJoined(position=position, estimated_wait_s=wait, call_id=call_id):
                self.position, self.estimated_wait_s = position, wait
                self.last_call_id = call_id
                self.call = CallView()
                self._go(ScreenStep.WAITING)
            case events.Position(position=position, estimated_wait_s=wait):
                self.position, self.estimated_wait_s = position, wait
                self._go(self.step)
            case events.Connecting(agent_name=name):
                self.call = CallView(agent_name=name)
                self._go(ScreenStep.CALL)
            case events.Connected():
                self.call.connected = True
                self._go(ScreenStep.CALL)
            case events.LinkQuality(level=level):
                self.call.quality = Quality(level)
                self._go(self.step)
            case events.ScanRequested():
                if self.call.scan not in (ScanStep.SCANNING, ScanStep.PREVIEW):
                    self.call.scan = ScanStep.ASKED
                self._go(self.step)
            case events.DocumentSent():
                self._forget_preview()
                self.call.scan = ScanStep.SENT
                self._go(self.step)
            case events.DocumentFailed(reason=reason):
                self.call.scan, self.call.scan_problem = ScanStep.FAILED, reason
                self._go(self.step)
            case events.PrintReceived(name=name, ok=ok, state=state):
                if ok:
                    self.call.printed.append(name)
                    self.call.print_failed = None
                else:
                    self.call.print_failed = state
                self._go(self.step)
            case events.Ended(state=state, call_id=call_id):
                self.last_call_id = call_id
                self.call = CallView()
                self.position = None
                # Left the queue: nothing to rate; a call that took place: the faces.
                self._go(ScreenStep.HOME if state == "abandoned" else ScreenStep.RATING)
            case events.Failed(problem=problem):
                self.problem = problem
                self._go(self.step)

    def _go(self, step: ScreenStep) -> None:
        self.step = step
        self.changed.emit(step)
