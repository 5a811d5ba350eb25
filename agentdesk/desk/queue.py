"""The waiting calls of the agent's services, as the switchboard last described them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from agentdesk.protocol import CallInfo, CallState, ServiceQueue


@dataclasses.dataclass(frozen=True, slots=True)
class QueueEntry:
    call: CallInfo
    received_at: float
    """Local clock reading when the snapshot carrying this call arrived."""

    @property
    def call_id(self) -> str:
        return self.call.call_id

    @property
    def ringing_elsewhere(self) -> bool:
        return self.call.state is CallState.OFFERED

    def waited_s(self, now: float) -> float:
        # The server's figure plus our own elapsed time: correct even when the
        # agent's PC clock is off, since no absolute time is compared.
        return max(0.0, self.call.waited_s + (now - self.received_at))


class QueueModel:
    """Calls waiting in the services the agent serves, oldest arrival first."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._entries: list[QueueEntry] = []
        self.seen_services: set[str] = set()
        """Every service named in a snapshot, served by the agent or not."""

    def replace(self, queues: Iterable[ServiceQueue], services: set[str]) -> None:
        now = self._clock()
        queues = list(queues)
        self.seen_services.update(q.service for q in queues)
        entries = [
            QueueEntry(call, now)
            for queue in queues
            if not services or queue.service in services
            for call in queue.waiting
            if call.state.is_waiting
        ]
        # Checked-in appointments come first, as the switchboard serves them first.
        entries.sort(
            key=lambda e: (
                not (e.call.appointment_due or e.call.appointment_id),
                e.call.queued_at,
            )
        )
        self._entries = entries

    def clear(self) -> None:
        self._entries = []

    @property
    def entries(self) -> list[QueueEntry]:
        return list(self._entries)

    def find(self, call_id: str) -> QueueEntry | None:
        return next((e for e in self._entries if e.call_id == call_id), None)

    def waited_s(self, entry: QueueEntry) -> float:
        return entry.waited_s(self._clock())

    def __len__(self) -> int:
        return len(self._entries)
