"""The agent's side of one call: the peer connection it offers, and its documents.

The agent's station (the desktop app, the benchmarks) makes one
:class:`AgentCall` per call and closes it when the call leaves the agent;
everything the call started ends with it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from agentdesk.desk.errors import PrintFailed, PrintProblem
from agentdesk.engine import CallSession, SendSignal, SessionConfig, TrackSource
from agentdesk.engine.documents import (
    CommandReceived,
    DocumentChannel,
    DocumentEvent,
    DocumentLimits,
    PrintOutcome,
    PrintResult,
    Purpose,
    TransferActivity,
)
from agentdesk.events import Listeners
from agentdesk.protocol import Role, Signal

log = logging.getLogger(__name__)

PRINT_CONFIRM_TIMEOUT_S = 120.0


class AgentCall:
    def __init__(
        self,
        call_id: str,
        send_signal: SendSignal,
        *,
        camera: TrackSource | None,
        microphone: TrackSource | None,
        session_config: SessionConfig,
        limits: DocumentLimits | None = None,
    ) -> None:
        self.call_id = call_id
        self.session = CallSession(
            call_id,
            Role.AGENT,
            send_signal,
            camera=camera,
            microphone=microphone,
            config=session_config,
        )
        # The agent receives scans only: print jobs go the other way.
        self.documents = DocumentChannel(limits=limits, accept=(Purpose.SCAN,))
        self.document_events: Listeners[DocumentEvent] = self.documents.events
        self._print_results: dict[str, asyncio.Future[PrintResult]] = {}
        self.session.data_channels.subscribe(self.documents.attach)
        self.documents.events.subscribe(self._on_document_event)

    async def start(self) -> None:
        """Sends the first offer; media flow once the kiosk answers."""
        await self.session.start()

    async def handle_signal(self, signal: Signal) -> None:
        await self.session.handle_signal(signal)

    def request_scan(self, prompt: str | None = None) -> str:
        return self.documents.request_scan(prompt)

    async def print_document(self, name: str, data: bytes) -> None:
        """Sends a print job and returns once the kiosk says it printed it;
        raises PrintFailed with a reason otherwise."""
        transfer = self.documents.offer(data, name=name, purpose=Purpose.PRINT)
        printed: asyncio.Future[PrintResult] = asyncio.get_running_loop().create_future()
        self._print_results[transfer.doc_id] = printed
        try:
            outcome = await transfer.result()
            if not outcome.delivered:
                assert outcome.refusal is not None
                raise PrintFailed(PrintProblem.REFUSED, outcome.refusal.reason.value)
            async with asyncio.timeout(PRINT_CONFIRM_TIMEOUT_S):
                result = await printed
        except TimeoutError:
            raise PrintFailed(PrintProblem.NOT_CONFIRMED) from None
        finally:
            self._print_results.pop(transfer.doc_id, None)
        if result.outcome is not PrintOutcome.PRINTED:
            raise PrintFailed(PrintProblem.PRINTER_FAILED, result.detail or "error")

    async def close(self) -> None:
        for waiter in self._print_results.values():
            if not waiter.done():
                waiter.cancel()
        await self.documents.close()
        await self.session.close()

    def _on_document_event(self, event: Any) -> None:
        match event:
            case CommandReceived(command=PrintResult(doc=doc_id) as result):
                waiter = self._print_results.get(doc_id)
                if waiter is not None and not waiter.done():
                    waiter.set_result(result)
            case TransferActivity(active=active):
                self.session.documents_in_flight(active)
