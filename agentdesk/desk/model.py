"""The desk: everything the agent sees, derived from the switchboard's messages.

``apply`` takes every server message; the actions send protocol messages
through the injected ``request`` after checking that the step fits the
current state.  State only changes when the switchboard says so.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable

from agentdesk.device_problems import DeviceProblem
from agentdesk.events import Listeners
from agentdesk.protocol import (
    AcceptOffer,
    AgentInfo,
    AgentState,
    AgentStatus,
    Base,
    CallInfo,
    CallState,
    CallUpdate,
    ConnectionState,
    DayPlan,
    DeclineOffer,
    EndReason,
    Error,
    ErrorCode,
    FinishWrapUp,
    Hangup,
    Offered,
    OfferWithdrawn,
    OfferWithdrawnReason,
    QueueSnapshot,
    ServiceStatus,
    ServiceStatusChanged,
    SetPresence,
    TakeCall,
    Transfer,
    TransferResult,
    Welcome,
)

from .day import AppointmentLike, DayModel, SlotLike
from .documents import DocumentsModel
from .errors import ActionRejected, StepError
from .history import HistoryEntry, HistoryModel
from .quality import QualitySample
from .queue import QueueEntry, QueueModel
from .requests import Requests, error_code
from .services import MediaControls, NoMedia, RequestFn
from .staffing import TransferTarget, fetch_targets, known_targets
from .state import (
    ALLOWED,
    Action,
    CurrentCall,
    DeskState,
    MediaState,
    NextPresence,
    Offer,
)
from .tasks import TaskOwner

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class Identity:
    login: str
    display_name: str
    agency: str
    services: tuple[str, ...]


class DeskEvents:
    def __init__(self) -> None:
        self.state_changed: Listeners[DeskState] = Listeners("state_changed")
        self.identity_changed: Listeners[Identity | None] = Listeners("identity_changed")
        self.queue_changed: Listeners[list[QueueEntry]] = Listeners("queue_changed")
        self.offer_changed: Listeners[Offer | None] = Listeners("offer_changed")
        self.offer_withdrawn: Listeners[OfferWithdrawnReason] = Listeners("offer_withdrawn")
        self.call_changed: Listeners[CurrentCall | None] = Listeners("call_changed")
        self.call_interrupted: Listeners[CurrentCall] = Listeners("call_interrupted")
        """The connection dropped during a call and the switchboard put it back in the queue."""
        self.history_changed: Listeners[list[HistoryEntry]] = Listeners("history_changed")
        self.quality_changed: Listeners[QualitySample] = Listeners("quality_changed")
        self.link_changed: Listeners[ConnectionState] = Listeners("link_changed")
        self.media_changed: Listeners[MediaState] = Listeners("media_changed")
        self.server_error: Listeners[ActionRejected] = Listeners("server_error")
        """An ``error`` the switchboard sent outside of any request of ours."""
        self.day_changed: Listeners[DayModel] = Listeners("day_changed")
        """A new ``day_plan``: today's slots and appointments."""
        self.checked_in: Listeners[AppointmentLike] = Listeners("checked_in")
        """A booked resident has just checked in at their kiosk."""
        self.service_status_changed: Listeners[ServiceStatus] = Listeners("service_status_changed")
        """A service the agent serves opened, closed, or entered its last calls."""
        self.presence_changed: Listeners[DeskState] = Listeners("presence_changed")
        """The state, its reason or the choice for after the call changed."""
        self.transfer_result: Listeners[TransferResult] = Listeners("transfer_result")
        """How a transfer of ours to a named colleague ended."""


class Desk:
    def __init__(
        self,
        request: RequestFn,
        *,
        media: MediaControls | None = None,
        clock: Callable[[], float] = time.time,
        auto_accept: bool = False,
        on_task_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._request = request
        self._media: MediaControls = media or NoMedia()
        self._clock = clock
        self.auto_accept = auto_accept
        self.events = DeskEvents()
        self.queue = QueueModel(clock)
        self.documents = DocumentsModel()
        self.history = HistoryModel(clock)
        self.day = DayModel()
        self.service_status: dict[str, ServiceStatus] = {}
        self.directory: dict[str, str] = {}
        """Every service of the network, code → name as shown to people."""
        self._tasks = TaskOwner(on_task_error)
        self._requests: Requests[Action] = Requests(request)
        """Requests on their way, with their message: the same one asked again
        (a click and the duty keeper, at the start of a permanence) waits for it."""

        self.state = DeskState.SIGNED_OUT
        self.identity: Identity | None = None
        self.agent: AgentInfo | None = None
        self.offer: Offer | None = None
        self.call: CurrentCall | None = None
        self.quality = QualitySample(None, None)
        self.link = ConnectionState.IDLE
        self.link_reason: str | None = None
        """Why the switchboard refused or ended the session, when it said so."""
        self.media = MediaState()
        self.next_presence: NextPresence | None = None
        """Chosen during an offer, a call or a wrap-up: applies when it ends."""
        self._next_unsent = False
        """Chosen while ringing, which the switchboard refuses: sent once answered."""
        self._results_told: deque[tuple[str, str, str, str | None]] = deque(maxlen=16)
        """The switchboard sends a result again if the link dropped before it
        knew it was read (docs/protocol.md): told to the agent once."""

    def now(self) -> float:
        return self._clock()

    @property
    def services(self) -> tuple[str, ...]:
        return self.identity.services if self.identity else ()

    @property
    def pause_reason(self) -> str | None:
        return self.agent.reason if self.agent and self.state is DeskState.PAUSED else None

    def allowed(self, action: Action) -> bool:
        # A presence asked again while on its way joins it: the buttons stay
        # as the state says (not greyed while the first call rings).
        return self.state in ALLOWED[action] and (
            action in _PRESENCE or not self._requests.on_its_way(action)
        )

    # ======================================================= server messages

    def apply(self, message: Base) -> None:
        """Feed one message from the switchboard (replies are ignored)."""
        match message:
            case Welcome():
                self._on_welcome(message)
            case AgentStatus():
                self._on_agent(message.agent)
            case QueueSnapshot():
                self.queue.replace(message.queues, set(self.services))
                for c in (c for q in message.queues for c in q.waiting):
                    # The day plan's label (with the commune) wins over the call's.
                    self.day.kiosk_names.setdefault(c.kiosk_id, c.kiosk_name)
                self.events.queue_changed.emit(self.queue.entries)
            case Offered():
                self._on_offered(message)
            case OfferWithdrawn():
                if self.offer is not None and self.offer.call.call_id == message.call_id:
                    self._set_offer(None)
                    self.events.offer_withdrawn.emit(message.reason)
            case CallUpdate():
                self._on_call_update(message)
            case DayPlan():
                self.day.kiosk_names.update((k.kiosk_id, k.label) for k in message.kiosks)
                self.set_day_plan(message.date, message.slots, message.appointments)
            case ServiceStatusChanged():
                self._set_service_status(message.status)
            case TransferResult():
                told = (message.call_id, message.outcome, message.colleague, message.answered_by)
                if told not in self._results_told:
                    self._results_told.append(told)
                    self.events.transfer_result.emit(message)
            case Error() if message.ref is None and message.code == ErrorCode.UNAUTHORIZED:
                pass  # the session ends: the link's state tells it (set_link)
            case Error() if message.ref is None:
                self.events.server_error.emit(
                    ActionRejected(error_code(message.code), message.message, message.reason)
                )
            case _:
                pass

    def _on_welcome(self, welcome: Welcome) -> None:
        services = tuple(welcome.services or (welcome.agent.services if welcome.agent else []))
        # A switchboard with permanences sends the services' statuses, then
        # the day plan: until it comes, the desk waits instead of going on duty.
        self.day.expected = bool(welcome.service_status)
        for status in welcome.service_status:
            self._set_service_status(status)
        self.directory = {info.code: info.name for info in welcome.directory}
        self.identity = Identity(
            welcome.identity,
            welcome.display_name,
            welcome.agency_name or welcome.agency,
            services,
        )
        self.events.identity_changed.emit(self.identity)
        active = welcome.active_call
        call = self.call
        if (
            call is not None
            and not call.ended
            and (active is None or active.call_id != call.call_id)
        ):
            # We came back and our call is gone: the switchboard put it back
            # at the head of the queue while we were away.
            self._end_call(EndReason.AGENT_LOST)
            self.events.call_interrupted.emit(call)
        if active is not None:
            self._track_call(active, None)
        if welcome.agent is not None:
            self._on_agent(welcome.agent)

    def _on_agent(self, agent: AgentInfo) -> None:
        previous = self.agent
        self.agent = agent
        new_state = DeskState.of_agent(agent.state)
        if new_state is not DeskState.OFFERED and self.offer is not None:
            self._set_offer(None)
        if new_state in (DeskState.AVAILABLE, DeskState.PAUSED, DeskState.OFFLINE):
            self._leave_call()
        wish = self.next_presence
        if wish is not None and (self._next_unsent or not new_state.busy):
            if self._next_unsent and new_state is not DeskState.OFFERED:
                # The ring is over (answered, declined or missed): now it can go.
                self._next_unsent = False
                self._tasks.spawn(self._send_presence(wish), name="next-presence")
            elif not new_state.busy:
                self.next_presence = None
        changed = previous is None or (previous.state, previous.reason) != (
            agent.state,
            agent.reason,
        )
        self._set_state(new_state)
        if changed:
            self.events.presence_changed.emit(self.state)

    async def _send_presence(self, wish: NextPresence) -> None:
        try:
            await self._request(self._presence_message(wish))
        except Exception as exc:  # the agent can choose again; say it in the log
            log.warning("presence for after the call not sent: %s", exc)

    def _on_offered(self, offered: Offered) -> None:
        self._set_offer(
            Offer(
                offered.call,
                self._clock() + offered.expires_in_s,
                offered.note,
                offered.note_from,
            )
        )
        self._set_state(DeskState.OFFERED)
        if self.auto_accept:
            self._tasks.spawn(self._auto_accept(offered.call.call_id), name="auto-accept")

    async def _auto_accept(self, call_id: str) -> None:
        if self.offer is not None and self.offer.call.call_id == call_id:
            await self.accept()

    def _is_ours(self, call: CallInfo) -> bool:
        if self.call is not None and self.call.call_id == call.call_id:
            return True
        if self.offer is not None and self.offer.call.call_id == call.call_id:
            return True
        return self.identity is not None and call.agent_login == self.identity.login

    def _on_call_update(self, update: CallUpdate) -> None:
        if not self._is_ours(update.call):
            return
        self._track_call(update.call, update.end_reason)

    def _track_call(self, info: CallInfo, end_reason: EndReason | None) -> None:
        now = self._clock()
        state = info.state
        current = self.call
        if current is None or current.call_id != info.call_id:
            if state not in (CallState.CONNECTING, CallState.CONNECTED, CallState.WRAP_UP):
                return
            current = CurrentCall(info, started_at=now)
            self.call = current
            self.history.start(info, now)
            if self.offer is not None:
                self._set_offer(None)
        if state in (CallState.CONNECTING, CallState.CONNECTED, CallState.WRAP_UP):
            current.call = info
        elif end_reason is EndReason.TRANSFERRED and current.transferred_to is None:
            # The call went on in another queue: the wrap-up stays about the
            # call as this agent served it (their service), and says where it went.
            current.transferred_to = info.service
        if state is CallState.CONNECTED and current.connected_at is None:
            current.connected_at = now
        if state in (CallState.CONNECTING, CallState.CONNECTED):
            self._set_state(DeskState.IN_CALL)
        elif state is CallState.WRAP_UP:
            if current.ended_at is None:
                self._mark_ended(current, end_reason or EndReason.KIOSK_HUNG_UP)
            if current.wrap_up_started_at is None:
                current.wrap_up_started_at = now
            self._set_state(DeskState.WRAP_UP)
        else:
            # Back in the queue (transferred, agent lost) or over.
            if current.ended_at is None:
                self._mark_ended(current, end_reason)
        self.events.call_changed.emit(current)

    def _mark_ended(self, current: CurrentCall, reason: EndReason | None) -> None:
        current.ended_at = self._clock()
        current.end_reason = reason
        entry = self.history.start(current.call, current.started_at)
        entry.ended_at = current.ended_at
        entry.end_reason = reason
        entry.transferred_to = current.transferred_to
        self.events.history_changed.emit(self.history.today())

    def _end_call(self, reason: EndReason) -> None:
        if self.call is not None and self.call.ended_at is None:
            self._mark_ended(self.call, reason)
        self._leave_call()

    def _leave_call(self) -> None:
        """The agent is done with the call: forget it and wipe its documents."""
        if self.call is None:
            return
        if self.call.ended_at is None:
            self._mark_ended(self.call, self.call.end_reason)
        self.call = None
        self.documents.wipe()
        self.quality = QualitySample(None, None)
        self.events.call_changed.emit(None)

    def _set_state(self, state: DeskState) -> None:
        if state is not self.state:
            self.state = state
            self.events.state_changed.emit(state)

    def _set_offer(self, offer: Offer | None) -> None:
        self.offer = offer
        self.events.offer_changed.emit(offer)

    def _set_service_status(self, status: ServiceStatus) -> None:
        self.service_status[status.service] = status
        if status.state.accepts_callers and status.closes_at is None:
            self.day.unscheduled.add(status.service)
        else:
            self.day.unscheduled.discard(status.service)
        self.events.service_status_changed.emit(status)

    def set_day_plan(
        self, date: str, slots: Iterable[SlotLike], appointments: Iterable[AppointmentLike]
    ) -> None:
        arrived = self.day.replace(date, slots, appointments)
        self.events.day_changed.emit(self.day)
        for appointment in arrived:
            self.events.checked_in.emit(appointment)

    # ===================================================== local facts

    def set_link(self, status: ConnectionState, reason: str | None = None) -> None:
        """The connection's state, from the switchboard client; ``reason``: why
        the switchboard refused or ended the session, when it said so."""
        if status is self.link:
            return
        self.link = status
        self.link_reason = reason
        self.events.link_changed.emit(status)

    def signed_out(self) -> None:
        """The session ended (sign-out, refused token): back to the sign-in screen."""
        self._end_call(EndReason.AGENT_LOST)
        if self.offer is not None:
            self._set_offer(None)
        self.queue.clear()
        self.identity = None
        self.agent = None
        self.next_presence = None
        self._next_unsent = False
        self.day.clear()
        self.service_status.clear()
        self.directory = {}
        # Signed out first: a listener hearing of the empty day must not take
        # it for the end of a permanence (and go offline on a session gone).
        self._set_state(DeskState.SIGNED_OUT)
        self.events.queue_changed.emit([])
        self.events.day_changed.emit(self.day)
        self.events.identity_changed.emit(None)

    def update_quality(self, rtt_ms: float | None, loss_pct: float | None) -> None:
        """From the engine's stats samples (about once a second)."""
        self.quality = QualitySample(rtt_ms, loss_pct)
        self.events.quality_changed.emit(self.quality)

    def set_camera_on(self, on: bool) -> None:
        """The engine opened or released the camera."""
        self._set_media(dataclasses.replace(self.media, camera_on=on))

    def set_devices_health(
        self,
        *,
        camera_missing: bool | None = None,
        microphone_missing: bool | None = None,
        camera_problem: DeviceProblem | None = None,
        microphone_problem: DeviceProblem | None = None,
    ) -> None:
        """From the engine's device events: what the resident really gets.
        A device's problem is replaced with its health (None: no problem)."""
        media = self.media
        if camera_missing is not None:
            media = dataclasses.replace(
                media, camera_missing=camera_missing, camera_problem=camera_problem
            )
        if microphone_missing is not None:
            media = dataclasses.replace(
                media, microphone_missing=microphone_missing, microphone_problem=microphone_problem
            )
        self._set_media(media)

    def set_camera_covered(self, covered: bool) -> None:
        self._media.set_camera_covered(covered)
        self._set_media(dataclasses.replace(self.media, camera_covered=covered))

    def set_microphone_muted(self, muted: bool) -> None:
        self._media.set_microphone_muted(muted)
        self._set_media(dataclasses.replace(self.media, microphone_muted=muted))

    def _set_media(self, media: MediaState) -> None:
        if media != self.media:
            self.media = media
            self.events.media_changed.emit(media)

    def transfer_targets(self, known: Iterable[str] = ()) -> list[str]:
        """Services a call may be sent to: every one we know but its own."""
        own = self.call.call.service if self.call else None
        names = {*self.services, *known, *self.queue.seen_services, *self.directory}
        return sorted((n for n in names if n != own), key=self.service_name)

    def service_name(self, code: str) -> str:
        return self.directory.get(code, code)

    async def staffing(self, known: Iterable[str] = ()) -> tuple[list[TransferTarget], bool]:
        """Where the call may go, with who staffs each service now; False when
        the switchboard did not say (the other services known, without names)."""
        own = self.call.call.service if self.call else None
        found = await fetch_targets(self._request, self.call.call_id if self.call else None, own)
        if found is not None:
            return found, True
        others = self.transfer_targets(known)
        return known_targets(others, self.service_name, self.service_status.get), False

    # ============================================================ actions

    async def go_available(self) -> None:
        await self._choose(Action.GO_AVAILABLE, NextPresence(AgentState.AVAILABLE))

    async def pause(self, reason: str | None = None) -> None:
        reason = (reason or "").strip()[:200] or None
        await self._choose(Action.PAUSE, NextPresence(AgentState.PAUSED, reason))

    async def go_offline(self) -> None:
        await self._choose(Action.GO_OFFLINE, NextPresence(AgentState.OFFLINE))

    @staticmethod
    def _presence_message(wish: NextPresence) -> SetPresence:
        if wish.state is AgentState.AVAILABLE:
            # Calls are always pushed to an available agent, so they ring;
            # ``auto_accept`` only decides whether the desk answers by itself.
            return SetPresence(state=AgentState.AVAILABLE, auto_answer=True)
        return SetPresence(state=wish.state, reason=wish.reason)

    async def _choose(self, action: Action, wish: NextPresence) -> None:
        """Now, or for after the call when a resident is involved (the
        switchboard applies it when the wrap-up ends)."""
        if not self.state.busy:
            if self._reached(wish):
                return  # asked twice (a click, the duty keeper): already so
            await self._act(action, self._presence_message(wish))
            return
        if self.state is DeskState.OFFERED:
            if self.state not in ALLOWED[action]:
                raise StepError(action.value, self.state.value)
            self._next_unsent = wish.state is not AgentState.AVAILABLE
        else:
            await self._act(action, self._presence_message(wish))
        # Available after the call is what happens anyway: no choice to show.
        self.next_presence = None if wish.state is AgentState.AVAILABLE else wish
        self.events.presence_changed.emit(self.state)

    def _reached(self, wish: NextPresence) -> bool:
        agent = self.agent
        if agent is None or DeskState.of_agent(agent.state) is not self.state:
            return False
        return agent.state is wish.state and (
            wish.state is not AgentState.PAUSED or agent.reason == wish.reason
        )

    async def take_next(self, service: str | None = None) -> None:
        if not self.queue.entries:
            raise StepError(Action.TAKE.value, self.state.value, "no call is waiting")
        await self._act(Action.TAKE, TakeCall(service=service))

    async def take(self, call_id: str) -> None:
        if self.queue.find(call_id) is None:
            raise StepError(Action.TAKE.value, self.state.value, "that call is no longer waiting")
        await self._act(Action.TAKE, TakeCall(call_id=call_id))

    async def accept(self) -> None:
        offer = self._need_offer(Action.ACCEPT)
        await self._act(Action.ACCEPT, AcceptOffer(call_id=offer.call.call_id))

    async def decline(self) -> None:
        offer = self._need_offer(Action.DECLINE)
        await self._act(Action.DECLINE, DeclineOffer(call_id=offer.call.call_id))

    async def hang_up(self) -> None:
        call = self._need_call(Action.HANG_UP)
        await self._act(Action.HANG_UP, Hangup(call_id=call.call_id))

    async def transfer(
        self, service: str, note: str | None = None, colleague: str | None = None
    ) -> None:
        """To ``service``'s queue, or first to a ``colleague`` (their handle)."""
        call = self._need_call(Action.TRANSFER)
        if service == call.call.service and colleague is None:
            raise StepError(Action.TRANSFER.value, self.state.value, "the call is already there")
        note = (note or "").strip()[:200] or None
        message = Transfer(call_id=call.call_id, service=service, note=note, agent=colleague)
        await self._act(Action.TRANSFER, message)
        call.transferred_to = service
        entry = self.history.get(call.call_id)
        if entry is not None:
            entry.transferred_to = service
            self.events.history_changed.emit(self.history.today())

    async def finish_wrap_up(self, outcome: str | None, note: str | None = None) -> None:
        call = self._need_call(Action.FINISH_WRAP_UP)
        outcome = (outcome or "").strip()[:200] or None
        note = (note or "").strip()[:2000] or None
        await self._act(
            Action.FINISH_WRAP_UP, FinishWrapUp(call_id=call.call_id, outcome=outcome, note=note)
        )
        entry = self.history.get(call.call_id)
        if entry is not None:
            entry.outcome, entry.note = outcome, note
            self.events.history_changed.emit(self.history.today())

    def _need_offer(self, action: Action) -> Offer:
        if self.offer is None:
            raise StepError(action.value, self.state.value, "no call is ringing")
        return self.offer

    def _need_call(self, action: Action) -> CurrentCall:
        if self.call is None:
            raise StepError(action.value, self.state.value, "there is no call")
        return self.call

    async def _act(self, action: Action, message: Base) -> Base:
        if self.state not in ALLOWED[action]:
            raise StepError(action.value, self.state.value)
        return await self._requests.send(action, message, self.state.value)

    async def aclose(self) -> None:
        await self._tasks.aclose()


_PRESENCE = frozenset({Action.GO_AVAILABLE, Action.PAUSE, Action.GO_OFFLINE})
