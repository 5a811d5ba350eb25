"""What the app was doing when it stopped: so that after a crash in a call,
the agent is told what became of the resident.

One small file in the settings folder, present only while a call is up.  It
holds the call's id, commune and service: no name, no document, nothing
personal."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import msgspec

from .state import CurrentCall

JOURNAL_NAME = "call-in-progress.json"


class UnfinishedCall(msgspec.Struct, kw_only=True):
    call_id: str
    commune: str
    service: str
    started_at: float


class CallJournal:
    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL_NAME

    def follow(self, current: CurrentCall | None) -> None:
        """Connect to the desk's ``call_changed``: written when a call starts,
        removed when it ends (wrap-up included: the resident has left)."""
        if current is None or current.ended:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        record = UnfinishedCall(
            call_id=current.call_id,
            commune=current.call.commune,
            service=current.call.service,
            started_at=current.started_at,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False) as handle:
            handle.write(msgspec.json.encode(record))
        os.replace(handle.name, self.path)

    def take_unfinished(self) -> UnfinishedCall | None:
        """The call the app was in when it last stopped without ending it, once."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        finally:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        try:
            return msgspec.json.decode(raw, type=UnfinishedCall)
        except msgspec.MsgspecError:
            return None  # damaged: nothing we can tell
