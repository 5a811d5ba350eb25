"""The self-test's records: what each step found, and how bad it is."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Verdict(enum.Enum):
    OK = "ok"
    WARNING = "warning"
    """Works in a lesser way (no camera: the test pattern goes out)."""
    FAILED = "failed"


class Step(enum.Enum):
    CAMERA = "camera"
    SPEAKER = "speaker"
    MICROPHONE = "microphone"
    CALL = "call"
    DISPLAY = "display"
    CATALOGUE = "catalogue"


@dataclass(frozen=True)
class StepResult:
    step: Step
    verdict: Verdict
    detail: str
    """A sentence in the report's language: what was found, what to do."""
    seconds: float = 0.0
