"""Today's calls, as the agent handled them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from agentdesk.protocol import CallInfo, EndReason

from .day import paris_date


@dataclasses.dataclass(slots=True)
class HistoryEntry:
    call_id: str
    commune: str
    kiosk_name: str
    service: str
    reason: str | None
    started_at: float
    ended_at: float | None = None
    end_reason: EndReason | None = None
    outcome: str | None = None
    note: str | None = None
    transferred_to: str | None = None

    @property
    def duration_s(self) -> float | None:
        return None if self.ended_at is None else max(0.0, self.ended_at - self.started_at)


class HistoryModel:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._entries: dict[str, HistoryEntry] = {}

    def start(self, call: CallInfo, at: float) -> HistoryEntry:
        entry = self._entries.get(call.call_id)
        if entry is None:
            entry = HistoryEntry(
                call.call_id, call.commune, call.kiosk_name, call.service, call.reason, at
            )
            self._entries[call.call_id] = entry
        return entry

    def get(self, call_id: str) -> HistoryEntry | None:
        return self._entries.get(call_id)

    def today(self) -> list[HistoryEntry]:
        """Newest first; an app left open overnight forgets yesterday (the
        day in Paris, as supervision counts it, whatever the PC's clock zone)."""
        today = paris_date(self._clock())
        return sorted(
            (e for e in self._entries.values() if paris_date(e.started_at) == today),
            key=lambda e: e.started_at,
            reverse=True,
        )

    def add(self, entry: HistoryEntry) -> None:
        """For a history loaded from the switchboard."""
        self._entries[entry.call_id] = entry
