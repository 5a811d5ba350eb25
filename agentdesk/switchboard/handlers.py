"""What each client message may do, and who may send it.

Each handler checks first (role, ownership, state) and raises ProtocolError
before changing anything, then asks the engine to apply the change.
Errors: not_found for an unknown call or service, forbidden for a call or
service outside the sender's reach, conflict for a step that does not fit the
call's or the agent's state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agentdesk.protocol import (
    AcceptOffer,
    Ack,
    AgentState,
    AgentStatus,
    AppointmentList,
    Base,
    CallEvent,
    CallState,
    DeclineOffer,
    EndReason,
    ErrorCode,
    ErrorReason,
    FinishWrapUp,
    Hangup,
    Hello,
    LeaveQueue,
    ListAppointments,
    ListStaffing,
    MediaConnected,
    Ping,
    ProtocolError,
    QueueCall,
    Role,
    SetPresence,
    Signal,
    SignalKind,
    Staffing,
    Subscribe,
    TakeCall,
    Transfer,
)
from agentdesk.protocol.messages import DeviceReport, RateCall

from .engine import Engine
from .fleet import FleetHandlers
from .live import LiveCall, Peer, Presence


def _fail(code: ErrorCode, message: str, reason: ErrorReason | None = None) -> ProtocolError:
    return ProtocolError(code, message, reason=reason)


class Handlers:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.fleet = FleetHandlers(engine.board)
        self._table: dict[type[Base], Callable[[Peer, Any], Base | None]] = {
            QueueCall: self.queue_call,
            ListAppointments: self.list_appointments,
            LeaveQueue: self.leave_queue,
            SetPresence: self.set_presence,
            TakeCall: self.take_call,
            AcceptOffer: self.accept_offer,
            DeclineOffer: self.decline_offer,
            FinishWrapUp: self.finish_wrap_up,
            Transfer: self.transfer,
            ListStaffing: self.list_staffing,
            Subscribe: self.subscribe,
            Signal: self.signal,
            MediaConnected: self.media_connected,
            Hangup: self.hangup,
            Ping: self.ping,
            RateCall: self.fleet.rate_call,
            DeviceReport: self.fleet.device_report,
        }

    def handle(self, peer: Peer, msg: Base) -> None:
        """Applies one message from an authenticated peer; raises ProtocolError."""
        if isinstance(msg, Hello):
            raise _fail(ErrorCode.CONFLICT, "already authenticated on this connection")
        handler = self._table[type(msg)]

        def apply() -> None:
            mark = self.engine.board.batch_mark()
            reply = handler(peer, msg)
            # The reply goes out before whatever the request caused.
            self.engine.board.reply(peer, reply or Ack(ref=msg.id), at=mark)

        self.engine.board.run(apply)

    # -- checks --------------------------------------------------------------

    def _call(self, call_id: str) -> LiveCall:
        call = self.engine.board.calls.get(call_id)
        if call is None:
            raise _fail(ErrorCode.NOT_FOUND, f"no live call {call_id}", ErrorReason.CALL_GONE)
        return call

    def _kiosk_only(self, peer: Peer) -> None:
        if peer.role is not Role.KIOSK:
            raise _fail(ErrorCode.FORBIDDEN, "only a kiosk may do that", ErrorReason.WRONG_ROLE)

    def _staff(self, peer: Peer) -> Presence:
        if not peer.is_staff:
            raise _fail(ErrorCode.FORBIDDEN, "a kiosk may not do that", ErrorReason.WRONG_ROLE)
        return self.engine.board.presence[peer.identity]

    def _served(self, peer: Peer, call: LiveCall) -> None:
        if call.row.service not in peer.services:
            raise _fail(
                ErrorCode.FORBIDDEN,
                f"you do not serve {call.row.service}",
                ErrorReason.NOT_YOUR_SERVICE,
            )

    def _own_kiosk_call(self, peer: Peer, call_id: str) -> LiveCall:
        self._kiosk_only(peer)
        call = self._call(call_id)
        if call.row.kiosk_id != peer.identity:
            raise _fail(ErrorCode.FORBIDDEN, "this call is not this kiosk's")
        return call

    def _end_of(self, peer: Peer, call: LiveCall) -> Role:
        """Which end of the call the peer is; forbidden for anyone else."""
        if peer.role is Role.KIOSK and call.row.kiosk_id == peer.identity:
            return Role.KIOSK
        if peer.is_staff and call.row.agent_login == peer.identity:
            return Role.AGENT
        raise _fail(ErrorCode.FORBIDDEN, "you are not an end of this call", ErrorReason.NOT_IN_CALL)

    # -- kiosks --------------------------------------------------------------

    def queue_call(self, peer: Peer, msg: QueueCall) -> Base | None:
        self._kiosk_only(peer)
        engine = self.engine
        if peer.identity in engine.board.by_kiosk:
            raise _fail(
                ErrorCode.CONFLICT,
                f"this kiosk already has call {engine.board.by_kiosk[peer.identity]}",
            )
        if engine.board.service_agency(msg.service) is None:
            raise _fail(
                ErrorCode.NOT_FOUND, f"no service {msg.service}", ErrorReason.UNKNOWN_SERVICE
            )
        hours = engine.hours
        appointment = None
        if msg.appointment_id is not None or msg.appointment_code is not None:
            appointment = hours.find_for_check_in(
                peer.identity, msg.service, msg.appointment_id, msg.appointment_code
            )
        hours.refuse_unless_open(msg.service, peer.identity, checking_in=appointment is not None)
        call = engine.lifecycle.new_call(
            peer,
            msg.service,
            msg.reason,
            appointment.appointment_id if appointment else None,
            appointment is not None and hours.is_due(appointment),
        )
        if appointment is not None:
            hours.checked_in(appointment, call)
            hours.reserve(call, appointment)
        return engine.fanout.queued_message(call, ref=msg.id)

    def list_appointments(self, peer: Peer, msg: ListAppointments) -> Base | None:
        self._kiosk_only(peer)
        return AppointmentList(ref=msg.id, appointments=self.engine.hours.kiosk_list(peer.identity))

    def leave_queue(self, peer: Peer, msg: LeaveQueue) -> Base | None:
        call = self._own_kiosk_call(peer, msg.call_id)
        if not call.state.is_waiting:
            raise _fail(ErrorCode.CONFLICT, f"call is {call.state}, not waiting: hang up instead")
        self.engine.lifecycle.abandon(call, "left_queue")
        return None

    # -- both ends -----------------------------------------------------------

    def signal(self, peer: Peer, msg: Signal) -> Base | None:
        call = self._call(msg.call_id)
        end = self._end_of(peer, call)
        if call.state not in (CallState.CONNECTING, CallState.CONNECTED):
            raise _fail(ErrorCode.CONFLICT, f"call is {call.state}: nothing to signal")
        if msg.kind is SignalKind.OFFER and end is not Role.AGENT:
            raise _fail(ErrorCode.CONFLICT, "the agent's side sends SDP offers")
        if msg.kind is SignalKind.ANSWER and end is not Role.KIOSK:
            raise _fail(ErrorCode.CONFLICT, "the kiosk's side sends SDP answers")
        if msg.generation < call.row.generation:
            raise _fail(
                ErrorCode.CONFLICT,
                f"stale generation {msg.generation}; the call is at {call.row.generation}",
            )
        engine = self.engine
        other = (
            engine.board.agents.get(call.row.agent_login or "")
            if end is Role.KIOSK
            else engine.board.kiosks.get(call.row.kiosk_id)
        )
        if other is None:
            raise _fail(ErrorCode.CONFLICT, "the other end is not connected; retry when it is back")
        call.row.generation = msg.generation
        relayed = Signal(
            call_id=call.id, kind=msg.kind, generation=msg.generation, sdp=msg.sdp, sender=end
        )
        engine.board.reply(other, relayed)
        engine.board.log.event(
            "signal_relayed", call_id=call.id, kind=msg.kind.value, sender=end.value
        )
        return None

    def media_connected(self, peer: Peer, msg: MediaConnected) -> Base | None:
        call = self._call(msg.call_id)
        self._end_of(peer, call)
        if call.state is CallState.CONNECTED:
            return None
        if call.state is not CallState.CONNECTING:
            raise _fail(ErrorCode.CONFLICT, f"call is {call.state}, not connecting")
        self.engine.lifecycle.media_connected(call)
        return None

    def hangup(self, peer: Peer, msg: Hangup) -> Base | None:
        call = self._call(msg.call_id)
        end = self._end_of(peer, call)
        if end is Role.KIOSK and call.state.is_waiting:
            self.engine.lifecycle.abandon(call, "kiosk_hung_up")
            return None
        if call.state not in (CallState.CONNECTING, CallState.CONNECTED):
            raise _fail(
                ErrorCode.CONFLICT,
                f"call is {call.state}: nothing to hang up",
                ErrorReason.NOT_IN_CALL,
            )
        reason = EndReason.KIOSK_HUNG_UP if end is Role.KIOSK else EndReason.AGENT_HUNG_UP
        self.engine.lifecycle.end_call(call, reason)
        return None

    # -- agents --------------------------------------------------------------

    def set_presence(self, peer: Peer, msg: SetPresence) -> Base | None:
        pres = self._staff(peer)
        if msg.state not in (AgentState.AVAILABLE, AgentState.PAUSED, AgentState.OFFLINE):
            raise _fail(ErrorCode.BAD_MESSAGE, "state must be available, paused or offline")
        if pres.state is AgentState.OFFERED:
            raise _fail(
                ErrorCode.CONFLICT,
                "a call is ringing: accept or decline it first",
                ErrorReason.CALL_RINGING,
            )
        if msg.auto_answer is not None:
            pres.auto_answer = msg.auto_answer
        pres.base = msg.state
        pres.base_reason = msg.reason if msg.state is AgentState.PAUSED else None
        engine = self.engine
        if pres.state in (AgentState.AVAILABLE, AgentState.PAUSED, AgentState.OFFLINE):
            engine.presence.return_to_base(pres)
        else:
            # In a call or wrap-up: applies when it ends; the status shows the choice.
            engine.presence.seat(pres)
            engine.board.reply(peer, AgentStatus(agent=pres.info()))
        engine.presence.save(pres)
        engine.board.log.event(
            "presence_set", login=pres.login, state=msg.state.value, auto_answer=pres.auto_answer
        )
        return None

    def take_call(self, peer: Peer, msg: TakeCall) -> Base | None:
        pres = self._staff(peer)
        engine = self.engine
        if msg.call_id is not None:
            call = self._call(msg.call_id)
            self._served(peer, call)
            entry = engine.board.acd.get(call.id)
            if entry is None or call.state is not CallState.QUEUED:
                raise _fail(
                    ErrorCode.CONFLICT,
                    f"call is {call.state}, not waiting for an agent",
                    ErrorReason.CALL_NOT_WAITING,
                )
            if entry.held:
                raise _fail(
                    ErrorCode.CONFLICT,
                    "the kiosk of this call is not connected right now",
                    ErrorReason.KIOSK_AWAY,
                )
        else:
            services = peer.services
            if msg.service is not None:
                if msg.service not in peer.services:
                    raise _fail(
                        ErrorCode.FORBIDDEN,
                        f"you do not serve {msg.service}",
                        ErrorReason.NOT_YOUR_SERVICE,
                    )
                services = frozenset({msg.service})
            found = engine.board.acd.next_for(sorted(services))
            if found is None:
                raise _fail(ErrorCode.NOT_FOUND, "no call is waiting", ErrorReason.QUEUE_EMPTY)
            call = engine.board.calls[found.call_id]
        if pres.state not in (AgentState.AVAILABLE, AgentState.PAUSED):
            raise _fail(
                ErrorCode.CONFLICT, f"you are {pres.state}: finish first", ErrorReason.AGENT_BUSY
            )
        engine.lifecycle.connect(call, peer.identity)
        return None

    def _my_offer(self, peer: Peer, call_id: str) -> tuple[LiveCall, Presence]:
        pres = self._staff(peer)
        call = self._call(call_id)
        self._served(peer, call)
        if call.state is not CallState.OFFERED or call.row.agent_login != peer.identity:
            raise _fail(
                ErrorCode.CONFLICT, "this call is not ringing for you", ErrorReason.NOT_RINGING
            )
        return call, pres

    def accept_offer(self, peer: Peer, msg: AcceptOffer) -> Base | None:
        call, _ = self._my_offer(peer, msg.call_id)
        self.engine.lifecycle.connect(call, peer.identity)
        return None

    def decline_offer(self, peer: Peer, msg: DeclineOffer) -> Base | None:
        call, pres = self._my_offer(peer, msg.call_id)
        engine = self.engine
        engine.lifecycle.requeue(call, CallEvent.DECLINED)
        engine.presence.return_to_base(pres)
        return None

    def finish_wrap_up(self, peer: Peer, msg: FinishWrapUp) -> Base | None:
        pres = self._staff(peer)
        if pres.state is not AgentState.WRAP_UP or pres.call_id != msg.call_id:
            raise _fail(
                ErrorCode.CONFLICT,
                "you are not in wrap-up of this call",
                ErrorReason.NOT_IN_WRAP_UP,
            )
        engine = self.engine
        call = engine.board.calls.get(msg.call_id)
        if (
            call is not None
            and call.state is CallState.WRAP_UP
            and call.row.agent_login == peer.identity
        ):
            engine.lifecycle.finish(call, peer.identity, msg.outcome, msg.note)
        else:
            # The call went on in another service (transferred).
            engine.board.store.save_wrap_up(
                msg.call_id, peer.identity, engine.board.clock(), msg.outcome, msg.note
            )
        engine.presence.return_to_base(pres)
        engine.presence.save(pres)
        return None

    def transfer(self, peer: Peer, msg: Transfer) -> Base | None:
        self._staff(peer)
        call = self._call(msg.call_id)
        self._end_of(peer, call)
        engine = self.engine
        if call.state is not CallState.CONNECTED:
            raise _fail(
                ErrorCode.CONFLICT,
                f"call is {call.state}: only a connected call moves",
                ErrorReason.NOT_IN_CALL,
            )
        if engine.board.service_agency(msg.service) is None:
            raise _fail(
                ErrorCode.NOT_FOUND, f"no service {msg.service}", ErrorReason.UNKNOWN_SERVICE
            )
        colleague = None
        if msg.agent is not None:
            colleague = engine.staffing.colleague(msg.agent)
            if colleague.login == peer.identity:
                raise _fail(ErrorCode.CONFLICT, "the call is already yours", ErrorReason.SAME_AGENT)
            if msg.service not in colleague.services:
                raise _fail(
                    ErrorCode.CONFLICT,
                    f"{colleague.display_name} does not serve {msg.service}",
                    ErrorReason.AGENT_NOT_IN_SERVICE,
                )
        elif msg.service == call.row.service:
            raise _fail(
                ErrorCode.CONFLICT,
                f"the call is already in {msg.service}",
                ErrorReason.SAME_SERVICE,
            )
        engine.lifecycle.transfer(call, msg.service, note=msg.note)
        if colleague is not None:
            engine.handovers.start(call, colleague, peer.identity)
        return None

    def list_staffing(self, peer: Peer, msg: ListStaffing) -> Base | None:
        self._staff(peer)
        kiosk_id = None
        if msg.call_id is not None:
            call = self._call(msg.call_id)
            self._end_of(peer, call)
            kiosk_id = call.row.kiosk_id
        return Staffing(ref=msg.id, services=self.engine.staffing.snapshot(peer.identity, kiosk_id))

    def ping(self, peer: Peer, msg: Ping) -> Base | None:
        return None

    def subscribe(self, peer: Peer, msg: Subscribe) -> Base | None:
        if peer.role is not Role.SUPERVISOR:
            raise _fail(
                ErrorCode.FORBIDDEN,
                "only supervisors subscribe to the feed",
                ErrorReason.WRONG_ROLE,
            )
        self.engine.fanout.subscribe(peer)
        return None
