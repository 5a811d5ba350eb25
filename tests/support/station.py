"""The agent's side of a call in the test process: a real Station on a real
switchboard connection, the camera being FFmpeg's test pattern (no camera here)
and no microphone (no sound card here: the session sends silence)."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from agentdesk.client import Backoff, SwitchboardClient, http_base, login
from agentdesk.engine import TESTSRC, CameraConfig, CameraSource
from agentdesk.engine.documents import DocumentEvent, DocumentReceived
from agentdesk.protocol import AgentState, Hello, Role, SetPresence
from agentdesk.station import AgentCall, Station, StationConfig

from .switchboard import PASSWORD

LOOPBACK = ("127.0.0.1",)


@dataclass
class AgentSide:
    client: SwitchboardClient
    station: Station
    camera: CameraSource
    video_frames: int = 0
    audio_frames: int = 0
    received: list[DocumentReceived] = field(default_factory=list)
    document_events: list[DocumentEvent] = field(default_factory=list)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def _on_call(self, call: AgentCall | None) -> None:
        if call is None:
            return
        call.session.add_video_consumer(self._count_video)
        call.session.add_audio_consumer(self._count_audio)
        call.document_events.subscribe(self._on_document)
        self._changed.set()

    def _count_video(self, frame: Any) -> None:
        self.video_frames += 1
        self._changed.set()

    def _count_audio(self, frame: Any) -> None:
        self.audio_frames += 1

    def _on_document(self, event: DocumentEvent) -> None:
        self.document_events.append(event)
        if isinstance(event, DocumentReceived):
            self.received.append(event)
        self._changed.set()

    async def until(self, predicate: Any, within: float = 30.0) -> None:
        async def wait() -> None:
            while not predicate():
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 0.5)

        await asyncio.wait_for(wait(), within)

    @property
    def call(self) -> AgentCall:
        assert self.station.current is not None, "no call with media"
        return self.station.current

    async def close(self) -> None:
        await self.station.close()
        await self.client.close()
        await asyncio.to_thread(self.camera.stop)


async def start_agent(url: str, user: str, *, auto_accept: bool = True) -> AgentSide:
    tokens = await login(http_base(url), user, PASSWORD)

    async def hello() -> Hello:
        return Hello(role=Role.AGENT, token=tokens.access_token)

    client = SwitchboardClient(url, hello, backoff=Backoff(initial_s=0.1, maximum_s=0.5), name=user)
    camera = CameraSource(CameraConfig(device=TESTSRC))
    camera.start()
    station = Station(
        client,
        camera=camera,
        microphone=None,
        config=StationConfig(allowed_addresses=LOOPBACK, auto_accept=auto_accept),
    )
    side = AgentSide(client, station, camera)
    station.call_changes.subscribe(side._on_call)
    client.start()
    await client.wait_connected(20)
    await client.request(SetPresence(state=AgentState.AVAILABLE, auto_answer=True))
    return side
