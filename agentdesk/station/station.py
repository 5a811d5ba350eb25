"""The agent's station: the switchboard connection, the camera, and the call of the moment.

Qt-free, so the desktop app, the tests and the benchmarks drive calls the
same way.  The station follows the switchboard: a call it is told is
``connecting`` for this agent gets media (never before: nothing leaves the
agent's camera until the agent took the call); a call that leaves the agent
(wrap-up, back to the queue, ended) loses them at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from agentdesk.client import SwitchboardClient
from agentdesk.client.steps import OrderedSteps
from agentdesk.engine import SessionConfig, TrackSource
from agentdesk.engine.adaptation import AdaptationConfig
from agentdesk.engine.callconfig import video_cap_kbps
from agentdesk.events import Listeners
from agentdesk.memory import release_free_memory
from agentdesk.protocol import (
    AcceptOffer,
    Base,
    CallInfo,
    CallState,
    CallUpdate,
    Offered,
    Signal,
    Welcome,
)

from .call import AgentCall

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StationConfig:
    allowed_addresses: Sequence[str] | None = None
    """ICE host candidates allowed (["127.0.0.1"] on one machine; None: all)."""
    video_kbps: int = 600
    opus_kbps: int = 40
    auto_accept: bool = False
    """Accept offers as they ring (the Cantal's "walk straight in")."""
    adaptation: AdaptationConfig = field(default_factory=AdaptationConfig)
    """How outgoing video steps down (benchmarks loosen it for a test pattern)."""


class Station:
    def __init__(
        self,
        client: SwitchboardClient,
        *,
        camera: TrackSource | None,
        microphone: TrackSource | None,
        config: StationConfig | None = None,
    ) -> None:
        self.client = client
        self.camera = camera
        self.microphone = microphone
        self.config = config or StationConfig()
        self.current: AgentCall | None = None
        self.call_changes: Listeners[AgentCall | None] = Listeners()
        """The call with media changed: a new AgentCall, or None when it ended."""
        self._steps = OrderedSteps("station")
        self._unsubscribe = client.add_listener(self._on_message)

    async def close(self) -> None:
        self._unsubscribe()
        await self._steps.close()
        await self._end_call()

    # ------------------------------------------------------------------

    def _on_message(self, message: Base) -> None:
        match message:
            case Offered(call=call) if self.config.auto_accept:
                self._steps.run(self._accept(call))
            case CallUpdate(call=call):
                self._steps.run(self._follow(call))
            case Welcome(active_call=active) if self.current is not None:
                # Back after a switchboard restart: drop media of a call that
                # ended meanwhile; a call still up goes on untouched.
                if active is None or active.call_id != self.current.call_id:
                    self._steps.run(self._end_call())
            case Signal() if self.current is not None and message.call_id == self.current.call_id:
                self._steps.run(self.current.handle_signal(message))

    async def _accept(self, call: CallInfo) -> None:
        try:
            await self.client.request(AcceptOffer(call_id=call.call_id))
        except Exception as exc:  # the desk shows the refusal; the station goes on
            log.info("auto-accept of %s failed: %s", call.call_id, exc)

    async def _follow(self, call: CallInfo) -> None:
        if call.state in (CallState.CONNECTING, CallState.CONNECTED):
            if self.current is None or self.current.call_id != call.call_id:
                await self._end_call()
                await self._start_call(call)
        elif self.current is not None and self.current.call_id == call.call_id:
            await self._end_call()

    async def _start_call(self, call: CallInfo) -> None:
        welcome = self.client.welcome
        session_config = SessionConfig(
            ice_servers=welcome.ice_servers if welcome else (),
            allowed_addresses=self.config.allowed_addresses,
            max_video_kbps=video_cap_kbps(self.config.video_kbps, call.line, kiosk_sends=False),
            opus_kbps=self.config.opus_kbps,
            adaptation=self.config.adaptation,
        )
        agent_call = AgentCall(
            call.call_id,
            self.client.send,
            camera=self.camera,
            microphone=self.microphone,
            session_config=session_config,
        )
        self.current = agent_call
        self.call_changes.emit(agent_call)
        await agent_call.start()

    async def _end_call(self) -> None:
        agent_call, self.current = self.current, None
        if agent_call is not None:
            self.call_changes.emit(None)
            await agent_call.close()
            release_free_memory()
