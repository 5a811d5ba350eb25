"""Call quality, from the engine's round-trip time and packet loss."""

from __future__ import annotations

import dataclasses
import enum


class Quality(enum.Enum):
    GOOD = "good"
    WEAK = "weak"
    BAD = "bad"
    UNKNOWN = "unknown"


# Thresholds where a conversation starts to suffer (talk-over, frozen picture).
WEAK_RTT_MS = 250.0
BAD_RTT_MS = 600.0
WEAK_LOSS_PCT = 2.0
BAD_LOSS_PCT = 8.0


@dataclasses.dataclass(frozen=True, slots=True)
class QualitySample:
    rtt_ms: float | None
    loss_pct: float | None

    @property
    def quality(self) -> Quality:
        if self.rtt_ms is None and self.loss_pct is None:
            return Quality.UNKNOWN
        rtt = self.rtt_ms or 0.0
        loss = self.loss_pct or 0.0
        if rtt >= BAD_RTT_MS or loss >= BAD_LOSS_PCT:
            return Quality.BAD
        if rtt >= WEAK_RTT_MS or loss >= WEAK_LOSS_PCT:
            return Quality.WEAK
        return Quality.GOOD
