"""What the duty keeper needs of the agent's settings (kept apart so the
settings record and the keeper do not import each other)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True, slots=True)
class DutySettings:
    auto_available: bool | None = True
    """Go available at the start of a permanence; None: not answered yet, so
    not by oneself (the question is open; its answer is acted on when given)."""
    warm_up_s: float = 300.0
    reminder_s: float = 300.0
