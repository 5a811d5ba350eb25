"""Retry delays for clients that must come back by themselves."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Exponential backoff with full jitter, so a switchboard restart is not
    met by every kiosk of a département at the same instant."""

    initial_s: float = 0.5
    maximum_s: float = 30.0
    factor: float = 2.0
    jitter: float = 0.5
    _attempt: int = field(default=0, init=False)

    def next_delay(self) -> float:
        base = min(self.maximum_s, self.initial_s * self.factor**self._attempt)
        self._attempt += 1
        return base * (1 - self.jitter * random.random())

    def reset(self) -> None:
        self._attempt = 0
