"""A headless kiosk: signs in, queues the resident, takes the call when an agent does.

The kiosk owns one camera and one microphone for its whole life (a kiosk's
camera stays open between residents, as the agent's does) and one
:class:`~agentdesk.kiosk.call.KioskCall` at a time.  The switchboard's
messages drive it; when the connection drops it keeps its call id and the
``welcome`` it gets on coming back says where that call stands.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agentdesk.client import Backoff, ConnectionState, NotConnected, SwitchboardClient
from agentdesk.client.steps import OrderedSteps
from agentdesk.engine import CameraConfig, CameraSource, SessionConfig
from agentdesk.engine.adaptation import AdaptationConfig
from agentdesk.engine.audio import Microphone, load_backend
from agentdesk.engine.callconfig import video_cap_kbps
from agentdesk.engine.testvoice import TESTVOICE, TestVoice
from agentdesk.events import Listeners, Unsubscribe
from agentdesk.memory import release_free_memory
from agentdesk.protocol import (
    AppointmentList,
    Base,
    CallInfo,
    CallState,
    CallUpdate,
    EndReason,
    ErrorCode,
    Hangup,
    Hello,
    LeaveQueue,
    ListAppointments,
    MediaConnected,
    ProtocolError,
    QueueCall,
    Queued,
    Role,
    ServiceStatus,
    ServiceStatusChanged,
    Signal,
    Welcome,
)

from . import events
from .call import Emit, KioskCall
from .devices import DeviceMonitor
from .peripherals import Printer, ScanFolderWatcher
from .scanner import SaneScanner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KioskConfig:
    server: str
    kiosk_id: str
    token: str
    service: str
    reason: str | None = None
    appointment_id: str | None = None
    appointment_code: str | None = None
    """The six-digit check-in code the resident was given when booking."""
    list_appointments: bool = False
    """Only print today's appointments at this kiosk, then stop."""
    wait_open: bool = False
    """A closed service: wait for the switchboard to say it opened, then queue
    (else stop, having said when it opens)."""
    camera: str | None = None
    """A camera device, "testsrc" for the test pattern, None for the first one found."""
    microphone: str | None = None
    scan_dir: Path | None = None
    print_dir: Path | None = None
    printer: str | None = None
    """A CUPS printer name; print jobs go there instead of ``print_dir``."""
    cups_server: str | None = None
    """The CUPS server (host[:port] or socket path); None: CUPS_SERVER or the system's."""
    send: tuple[Path, ...] = ()
    scan_on_request: Path | None = None
    """Sent when the agent asks for a scan (demo and tests: stands in for a person)."""
    calls: int = 1
    """Calls to place one after the other; 0: forever."""
    interval_s: float = 0.0
    hangup_after_s: float | None = None
    """The resident hangs up after this long connected (None: the agent does)."""
    allowed_addresses: Sequence[str] | None = None
    video_kbps: int = 600
    adaptation: AdaptationConfig = field(default_factory=AdaptationConfig)
    backoff: Backoff = field(default_factory=Backoff)


class KioskEndpoint:
    def __init__(self, config: KioskConfig, emit: Emit, scanner: SaneScanner | None = None) -> None:
        self.config = config
        self._events: Listeners[events.KioskEvent] = Listeners("kiosk events")
        self._events.subscribe(emit)
        self.on_call_start: list[Callable[[KioskCall], None]] = []
        """Run when a call's media are set up, before they start (the screen's video)."""
        self.on_call_end: list[Callable[[], Awaitable[None]]] = []
        """Run after the media of every call are closed: the screen's privacy
        wipe of scans and prints."""
        self.client = SwitchboardClient(
            config.server, self._hello, backoff=config.backoff, name=config.kiosk_id
        )
        self.camera = CameraSource(CameraConfig(device=config.camera))
        self.microphone: Microphone | TestVoice
        if config.microphone == TESTVOICE:
            self.microphone = TestVoice()
        else:
            backend, problem = load_backend()
            self.microphone = Microphone(backend, config.microphone, backend_problem=problem)
        self.printer = Printer(config.print_dir, config.printer, config.cups_server)
        self.scanner = scanner
        self.devices = DeviceMonitor(
            self.camera,
            self.microphone,
            scanner,
            self.printer,
            lambda report: self.client.request(report, timeout_s=5),
            scan_folder=config.scan_dir,
        )
        self.call_info: CallInfo | None = None
        self.call: KioskCall | None = None
        self.completed: list[events.Ended] = []
        self._ended = asyncio.Event()
        self._hangup_task: asyncio.Task[None] | None = None
        self._steps = OrderedSteps(config.kiosk_id)
        self._was_lost = False
        self.service_status: dict[str, ServiceStatus] = {}
        """Each service at this kiosk, as the switchboard last said."""
        self.closed_service = False
        """The last ``queue_call`` was refused because the service is closed."""
        self._opened = asyncio.Event()
        self._service = config.service
        self._scans: ScanFolderWatcher | None = None
        """Scans of the current resident: files that appear from the moment
        they queued (they may scan while they wait) are sent once connected."""
        self.client.add_listener(self._on_message)
        self.client.add_state_listener(self._on_connection)

    async def _hello(self) -> Hello:
        return Hello(
            role=Role.KIOSK,
            kiosk_id=self.config.kiosk_id,
            token=self.config.token,
            client="agentdesk-kiosk",
        )

    # ------------------------------------------------------------------ life

    def start(self) -> None:
        """Opens the camera and the microphone (they stay open between
        residents) and connects to the switchboard."""
        self.camera.start()
        self.microphone.start()
        self.client.start()
        self.devices.start()

    def add_listener(self, listener: Emit) -> Unsubscribe:
        """Also hands every event to ``listener`` (the touch screen's model)."""
        return self._events.subscribe(listener)

    def _emit(self, event: events.KioskEvent) -> None:
        self._events.emit(event)
        if isinstance(event, events.PrintReceived) and not event.ok:
            self.devices.poke()  # the fleet learns of the printer's fault now

    async def run(self) -> int:
        """Places the configured calls; returns a process exit status."""
        self.start()
        try:
            placed = 0
            while self.config.calls == 0 or placed < self.config.calls:
                if placed and self.config.interval_s:
                    await asyncio.sleep(self.config.interval_s)
                welcome = await self._connected()
                if welcome is None:
                    return 1
                if self.config.list_appointments:
                    return await self._list_appointments()
                if self.call_info is None and not await self._queue():
                    # 3: closed, nobody to talk to (the next opening was printed).
                    return 3 if self.closed_service else 1
                await self._ended.wait()
                self._ended.clear()
                placed += 1
            return 0
        finally:
            await self.close()

    async def close(self) -> None:
        """Leaves the queue or hangs up (the resident is gone), releases the devices."""
        if self.client.state is ConnectionState.CONNECTED:
            await self.leave(timeout_s=3, tell=False)
        await self._steps.close()
        await self.devices.close()
        await self._end_call_media()
        await self.client.close()
        await self.microphone.stop()
        await asyncio.to_thread(self.camera.stop)

    async def _connected(self) -> Welcome | None:
        while True:
            if self.client.state in (ConnectionState.UNAUTHORIZED, ConnectionState.REPLACED):
                self._emit(events.Failed(problem=self.client.last_problem or "refused"))
                return None
            try:
                return await self.client.wait_connected(timeout_s=1.0)
            except TimeoutError:
                continue

    async def _list_appointments(self) -> int:
        try:
            reply = await self.client.request(ListAppointments())
        except (ProtocolError, NotConnected, TimeoutError) as exc:
            self._emit(events.Failed(problem=str(exc)))
            return 1
        found = reply.appointments if isinstance(reply, AppointmentList) else []
        self._emit(
            events.Appointments(
                appointments=[
                    events.TodaysAppointment(
                        appointment_id=a.appointment_id,
                        first_name=a.first_name,
                        starts_at=a.starts_at,
                        service=a.service,
                    )
                    for a in found
                ]
            )
        )
        return 0

    async def _queue(self) -> bool:
        """Asks for a place in the queue; the ``queued`` reply itself is handled
        with the other messages, in order (a ``call_update`` may follow it at once)."""
        request = QueueCall(
            service=self.config.service,
            reason=self.config.reason,
            appointment_id=self.config.appointment_id,
            appointment_code=self.config.appointment_code,
        )
        return await self._queue_with(request, wait_open=self.config.wait_open)

    async def queue(
        self,
        service: str,
        *,
        reason: str | None = None,
        appointment_id: str | None = None,
        appointment_code: str | None = None,
    ) -> bool:
        """One resident asks for ``service`` (the touch screen): False when
        refused (closed, unknown code: a ``closed`` or ``failed`` event says why)."""
        if self.call_info is not None:
            return True
        self._service = service
        request = QueueCall(
            service=service,
            reason=reason,
            appointment_id=appointment_id,
            appointment_code=appointment_code,
        )
        return await self._queue_with(request, wait_open=False)

    async def leave(self, timeout_s: float = 5.0, *, tell: bool = True) -> None:
        """The resident leaves the queue, or hangs up the call they are in
        (``tell``: a refusal is an event, for the screen)."""
        info = self.call_info
        if info is None:
            return
        message: Base = (
            LeaveQueue(call_id=info.call_id)
            if info.state.is_waiting
            else Hangup(call_id=info.call_id)
        )
        try:
            await self.client.request(message, timeout_s=timeout_s)
        except (ProtocolError, NotConnected, TimeoutError) as exc:
            log.info("could not tell the switchboard we left: %s", exc)
            if tell:
                self._emit(events.Failed(problem=str(exc)))

    async def _queue_with(self, request: QueueCall, *, wait_open: bool) -> bool:
        while True:
            self._opened.clear()
            try:
                await self.client.request(request)
            except ProtocolError as exc:
                if exc.code is not ErrorCode.CLOSED:
                    self._emit(events.Failed(problem=f"{exc.code}: {exc.message}"))
                    return False
                self.closed_service = True
                self._emit(
                    events.Closed(
                        service=request.service,
                        next_opening=exc.next_opening,
                        message=exc.message,
                    )
                )
                if not wait_open:
                    return False
                # No blind retries: the switchboard pushes the opening.
                await self._opened.wait()
                continue
            except (NotConnected, TimeoutError):
                pass  # the welcome on reconnection tells whether the call exists
            self.closed_service = False
            return True

    # ----------------------------------------------------- switchboard events

    def _on_connection(self, state: ConnectionState, problem: str | None) -> None:
        if state is ConnectionState.CONNECTED:
            self.devices.poke()  # the switchboard's record may be older than the cut
        if state is ConnectionState.WAITING_RETRY:
            self._was_lost = True
            info = self.call_info
            self._emit(events.Reconnecting(call_id=info.call_id if info else None, problem=problem))

    def _on_message(self, message: Base) -> None:
        match message:
            case Welcome(active_call=active):
                for status in message.service_status:
                    self._on_status(status)
                self._steps.run(self._resume(active))
            case ServiceStatusChanged(status=status):
                self._on_status(status)
            case Queued():
                self._steps.run(self._on_queued(message))
            case CallUpdate(call=call, end_reason=reason):
                if reason is EndReason.SERVICE_CLOSED and self._is_mine(call):
                    self._emit(
                        events.Closed(service=call.service, next_opening=message.next_opening)
                    )
                self._steps.run(self._on_call_update(call, reason))
            case Signal() if self.call is not None and message.call_id == self.call.call_id:
                self._steps.run(self.call.handle_signal(message))

    def _is_mine(self, call: CallInfo) -> bool:
        return self.call_info is not None and self.call_info.call_id == call.call_id

    def _on_status(self, status: ServiceStatus) -> None:
        if self.service_status.get(status.service) == status:
            return
        self.service_status[status.service] = status
        self._emit(
            events.KioskServiceStatus(
                service=status.service,
                state=status.state.value,
                closes_at=status.closes_at,
                next_opening=status.next_opening,
                closure=status.closure,
            )
        )
        if status.service == self._service and status.state.accepts_callers:
            self._opened.set()

    async def _on_queued(self, queued: Queued) -> None:
        call = queued.call
        if self.call_info is None:
            self.call_info = call
            if self.config.scan_dir is not None:
                self._scans = ScanFolderWatcher(self.config.scan_dir)
            self._emit(
                events.QueueJoined(
                    call_id=call.call_id,
                    service=call.service,
                    position=queued.position,
                    estimated_wait_s=queued.estimated_wait_s,
                )
            )
            if call.appointment_id is not None:
                self._emit(
                    events.CheckedIn(call_id=call.call_id, appointment_id=call.appointment_id)
                )
        elif call.call_id == self.call_info.call_id:
            self.call_info = call
            self._emit(
                events.Position(
                    call_id=call.call_id,
                    position=queued.position,
                    estimated_wait_s=queued.estimated_wait_s,
                )
            )

    async def _resume(self, active: CallInfo | None) -> None:
        mine = self.call_info
        if mine is None:
            return
        if active is None or active.call_id != mine.call_id:
            # The call ended while we were away.
            await self._finish(mine, None)
            return
        if self._was_lost:
            self._emit(events.Resumed(call_id=active.call_id, state=active.state.value))
        await self._apply(active, None)

    async def _on_call_update(self, call: CallInfo, reason: object) -> None:
        if self.call_info is None or call.call_id != self.call_info.call_id:
            return
        await self._apply(call, str(reason) if reason is not None else None)

    async def _apply(self, call: CallInfo, end_reason: str | None) -> None:
        self.call_info = call
        if call.state is CallState.CONNECTING and self.call is None:
            self._emit(events.Connecting(call_id=call.call_id, agent_name=call.agent_name))
            await self._start_call_media(call)
        elif call.state is CallState.QUEUED and self.call is not None:
            # Back in the queue: the agent was lost, or transferred us.
            await self._end_call_media()
        elif call.state in (CallState.WRAP_UP, CallState.DONE, CallState.ABANDONED):
            await self._finish(call, end_reason)

    async def _finish(self, call: CallInfo, end_reason: str | None) -> None:
        await self._end_call_media()
        ended = events.Ended(call_id=call.call_id, state=call.state.value, end_reason=end_reason)
        self.completed.append(ended)
        self._emit(ended)
        self.call_info = None
        for hook in self.on_call_end:
            try:
                await hook()
            except Exception:  # one failing hook must not keep the kiosk stuck in the call
                log.exception("end-of-call step failed")
        self._ended.set()

    # ------------------------------------------------------------ call media

    async def _start_call_media(self, call: CallInfo) -> None:
        welcome = self.client.welcome
        config = SessionConfig(
            ice_servers=welcome.ice_servers if welcome else (),
            allowed_addresses=self.config.allowed_addresses,
            max_video_kbps=video_cap_kbps(self.config.video_kbps, call.line, kiosk_sends=True),
            adaptation=self.config.adaptation,
        )
        self.call = KioskCall(
            call.call_id,
            self.client.send,
            camera=self.camera,
            microphone=self.microphone,
            session_config=config,
            printer=self.printer,
            emit=self._emit,
            on_media_connected=lambda: self._report_media(call.call_id),
            scans=self._scans,
            to_send=self.config.send,
            scan_on_request=self.config.scan_on_request,
            devices=lambda: self.devices.last,
        )
        for hook in self.on_call_start:
            hook(self.call)
        await self.call.start()

    async def _report_media(self, call_id: str) -> None:
        try:
            await self.client.request(MediaConnected(call_id=call_id))
        except (ProtocolError, NotConnected, TimeoutError) as exc:
            log.info("media_connected not recorded: %s", exc)
        if self.config.hangup_after_s is not None:
            self._hangup_task = asyncio.create_task(self._hang_up_later(call_id))

    async def _hang_up_later(self, call_id: str) -> None:
        assert self.config.hangup_after_s is not None
        await asyncio.sleep(self.config.hangup_after_s)
        try:
            await self.client.request(Hangup(call_id=call_id))
        except (ProtocolError, NotConnected, TimeoutError) as exc:
            log.info("hang-up refused: %s", exc)

    async def _end_call_media(self) -> None:
        if self._hangup_task is not None:
            self._hangup_task.cancel()
            self._hangup_task = None
        call, self.call = self.call, None
        if call is None:
            return
        self._emit(
            events.FramesReceived(
                call_id=call.call_id, video=call.video_frames, audio=call.audio_frames
            )
        )
        await call.close()
        release_free_memory()
