"""Structured logs: one JSON object per line on stderr.

Only event names, ids and codes go in: never names, reasons, notes or any
other text a resident or an agent typed."""

from __future__ import annotations

import sys
import time
import traceback
from typing import IO

import msgspec

_encoder = msgspec.json.Encoder()

LogValue = str | int | float | bool | None


class EventLog:
    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream

    def event(self, event: str, **fields: LogValue) -> None:
        self._write({"at": round(time.time(), 3), "level": "info", "event": event, **fields})

    def warning(self, event: str, **fields: LogValue) -> None:
        self._write({"at": round(time.time(), 3), "level": "warning", "event": event, **fields})

    def exception(self, event: str, exc: BaseException, **fields: LogValue) -> None:
        """An unexpected failure, with its traceback (code locations, not data)."""
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self._write(
            {
                "at": round(time.time(), 3),
                "level": "error",
                "event": event,
                "error": type(exc).__name__,
                **fields,
                "traceback": trace,
            }
        )

    def _write(self, record: dict[str, LogValue]) -> None:
        stream = self._stream or sys.stderr
        stream.write(_encoder.encode(record).decode() + "\n")
        stream.flush()
