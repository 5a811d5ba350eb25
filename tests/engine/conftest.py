"""Helpers for engine tests: real aiortc calls on 127.0.0.1.

The machine has no camera: the camera is FFmpeg's lavfi ``testsrc2`` read
through PyAV (the real capture path).  It has no sound card either: sessions
send aiortc silence or use a stand-in backend (see fake_audio.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from agentdesk.engine import (
    TESTSRC,
    CallSession,
    CameraConfig,
    CameraSource,
    SessionConfig,
    SessionState,
    SignalPipe,
)
from agentdesk.protocol import Role, Signal

LOOPBACK_ONLY = ("127.0.0.1",)


@dataclass
class Call:
    agent: CallSession
    kiosk: CallSession
    pipe: SignalPipe
    agent_states: list[SessionState] = field(default_factory=list)
    kiosk_states: list[SessionState] = field(default_factory=list)

    async def start(self) -> None:
        await self.kiosk.start()
        await self.agent.start()

    async def until(self, predicate: Callable[[], bool], within: float = 30.0) -> None:
        """Waits, state change after state change, until ``predicate()`` holds."""
        changed = asyncio.Event()
        unsubscribe = [
            s.state_changes.subscribe(lambda _: changed.set()) for s in (self.agent, self.kiosk)
        ]

        async def wait() -> None:
            while not predicate():
                changed.clear()
                await changed.wait()

        try:
            await asyncio.wait_for(wait(), within)
        finally:
            for stop in unsubscribe:
                stop()

    async def connected(self, within: float = 20.0) -> None:
        await self.agent.wait_for_state(SessionState.CONNECTED, timeout_s=within)
        await self.kiosk.wait_for_state(SessionState.CONNECTED, timeout_s=within)


@pytest.fixture
async def camera() -> AsyncIterator[CameraSource]:
    source = CameraSource(CameraConfig(device=TESTSRC, width=320, height=240, fps=30))
    source.start()
    yield source
    source.stop()


@pytest.fixture
async def make_call(camera: CameraSource) -> AsyncIterator[Callable[..., Call]]:
    calls: list[Call] = []

    def make(
        tamper: Callable[[Signal], Signal] | None = None,
        microphones: tuple[Any, Any] = (None, None),
        **config: Any,
    ) -> Call:
        """``microphones``: the agent's and the kiosk's sound (None: aiortc's silence)."""
        config.setdefault("allowed_addresses", LOOPBACK_ONLY)
        cfg = SessionConfig(**config)
        pipe = SignalPipe(tamper)
        agent, kiosk = (
            CallSession(
                "call-1", role, pipe.sender(role), camera=camera, microphone=mic, config=cfg
            )
            for role, mic in zip((Role.AGENT, Role.KIOSK), microphones, strict=True)
        )
        pipe.attach(Role.AGENT, agent.handle_signal)
        pipe.attach(Role.KIOSK, kiosk.handle_signal)
        call = Call(agent, kiosk, pipe)
        agent.state_changes.subscribe(call.agent_states.append)
        kiosk.state_changes.subscribe(call.kiosk_states.append)
        calls.append(call)
        return call

    yield make
    for call in calls:
        await asyncio.gather(call.agent.close(), call.kiosk.close())
        await call.pipe.close()


async def count_frames(sink: Any, n: int, within: float = 20.0) -> list[Any]:
    """Reads ``n`` frames from ``sink`` (failing after ``within`` seconds)."""

    async def read() -> list[Any]:
        return [await sink.get() for _ in range(n)]

    return await asyncio.wait_for(read(), within)
