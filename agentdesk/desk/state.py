"""The agent's day as states, and which action fits which state."""

from __future__ import annotations

import dataclasses
import enum

from agentdesk.device_problems import DeviceProblem
from agentdesk.protocol import AgentState, CallInfo, EndReason


class DeskState(enum.Enum):
    SIGNED_OUT = "signed_out"
    OFFLINE = "offline"
    """Signed in but "Hors ligne": connected, receives no offers."""
    AVAILABLE = "available"
    PAUSED = "paused"
    OFFERED = "offered"
    IN_CALL = "in_call"
    WRAP_UP = "wrap_up"

    @classmethod
    def of_agent(cls, state: AgentState) -> DeskState:
        return _FROM_AGENT[state]

    @property
    def busy(self) -> bool:
        """A resident is involved: closing the app must ask first."""
        return self in (DeskState.OFFERED, DeskState.IN_CALL, DeskState.WRAP_UP)


_FROM_AGENT = {
    AgentState.OFFLINE: DeskState.OFFLINE,
    AgentState.AVAILABLE: DeskState.AVAILABLE,
    AgentState.PAUSED: DeskState.PAUSED,
    AgentState.OFFERED: DeskState.OFFERED,
    AgentState.IN_CALL: DeskState.IN_CALL,
    AgentState.WRAP_UP: DeskState.WRAP_UP,
}


class Action(enum.Enum):
    GO_AVAILABLE = "go_available"
    PAUSE = "pause"
    GO_OFFLINE = "go_offline"
    TAKE = "take"
    ACCEPT = "accept"
    DECLINE = "decline"
    HANG_UP = "hang_up"
    TRANSFER = "transfer"
    FINISH_WRAP_UP = "finish_wrap_up"


_BUSY = frozenset({DeskState.OFFERED, DeskState.IN_CALL, DeskState.WRAP_UP})

ALLOWED: dict[Action, frozenset[DeskState]] = {
    # While a resident is involved, presence actions choose the state the
    # agent returns to after the call ("pause after this call").
    Action.GO_AVAILABLE: frozenset({DeskState.OFFLINE, DeskState.PAUSED}) | _BUSY,
    Action.PAUSE: frozenset({DeskState.OFFLINE, DeskState.AVAILABLE, DeskState.PAUSED}) | _BUSY,
    Action.GO_OFFLINE: frozenset({DeskState.AVAILABLE, DeskState.PAUSED}) | _BUSY,
    # An agent on a break may still take a chosen call (an appointment, say).
    Action.TAKE: frozenset({DeskState.AVAILABLE, DeskState.PAUSED}),
    Action.ACCEPT: frozenset({DeskState.OFFERED}),
    Action.DECLINE: frozenset({DeskState.OFFERED}),
    Action.HANG_UP: frozenset({DeskState.IN_CALL}),
    Action.TRANSFER: frozenset({DeskState.IN_CALL}),
    Action.FINISH_WRAP_UP: frozenset({DeskState.WRAP_UP}),
}


class PauseReason(enum.StrEnum):
    """The reasons offered in the list, sent as these codes and put into words
    on display, so agent and supervisor read the same words in their language.
    Any other text an agent types is shown as typed."""

    BREAK = "break"
    MEETING = "meeting"
    BACK_OFFICE = "back_office"
    LUNCH = "lunch"
    TRAINING = "training"
    MISSED_OFFER = "missed_offer"
    """Set by the switchboard: a call rang out unanswered."""

    @classmethod
    def of(cls, reason: str | None) -> PauseReason | None:
        try:
            return cls(reason) if reason else None
        except ValueError:
            return None


@dataclasses.dataclass(frozen=True, slots=True)
class NextPresence:
    """What the agent chose to become once the current call is over."""

    state: AgentState
    reason: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Offer:
    call: CallInfo
    expires_at: float
    note: str | None = None
    """A transferred call: what the previous agent wrote for us."""
    note_from: str | None = None

    def remaining_s(self, now: float) -> float:
        return max(0.0, self.expires_at - now)


@dataclasses.dataclass(slots=True)
class CurrentCall:
    call: CallInfo
    started_at: float
    connected_at: float | None = None
    ended_at: float | None = None
    end_reason: EndReason | None = None
    wrap_up_started_at: float | None = None
    transferred_to: str | None = None

    @property
    def call_id(self) -> str:
        return self.call.call_id

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    def elapsed_s(self, now: float) -> float:
        """The call timer: from media connected (else from taking the call)."""
        start = self.connected_at if self.connected_at is not None else self.started_at
        end = self.ended_at if self.ended_at is not None else now
        return max(0.0, end - start)

    def wrap_up_s(self, now: float) -> float:
        return 0.0 if self.wrap_up_started_at is None else max(0.0, now - self.wrap_up_started_at)


@dataclasses.dataclass(frozen=True, slots=True)
class MediaState:
    camera_on: bool = False
    camera_covered: bool = False
    microphone_muted: bool = False
    camera_missing: bool = False
    """No usable camera: the resident sees a test card saying so."""
    microphone_missing: bool = False
    """No usable microphone: the resident hears silence."""
    camera_problem: DeviceProblem | None = None
    """Why the camera does not work, as the engine reported it."""
    microphone_problem: DeviceProblem | None = None
    """Why the microphone does not work as chosen (missing, or another one used)."""
