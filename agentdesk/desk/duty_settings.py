"""What the duty keeper needs of the agent's settings (kept apart so the
settings record and the keeper do not import each other)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True, slots=True)
class DutySettings:
    auto_available: bool = True
    warm_up_s: float = 300.0
    reminder_s: float = 300.0
