"""What the kiosk reports: one typed event per step, for people or for scripts (--json)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

import msgspec


class KioskEvent(msgspec.Struct, tag_field="event", kw_only=True, omit_defaults=True):
    at: float = msgspec.field(default_factory=time.time)


class Queued(KioskEvent, tag="queued", kw_only=True):
    call_id: str
    service: str
    position: int
    estimated_wait_s: float


class Position(KioskEvent, tag="position", kw_only=True):
    call_id: str
    position: int
    estimated_wait_s: float


class Connecting(KioskEvent, tag="connecting", kw_only=True):
    call_id: str
    agent_name: str | None = None


class Connected(KioskEvent, tag="connected", kw_only=True):
    call_id: str
    generation: int = 0


class FirstFrame(KioskEvent, tag="first_frame", kw_only=True):
    """The first picture from the agent was decoded: what the resident sees first."""

    call_id: str


class Reconnecting(KioskEvent, tag="reconnecting", kw_only=True):
    call_id: str | None = None
    problem: str | None = None


class Resumed(KioskEvent, tag="resumed", kw_only=True):
    """Back on the switchboard after losing it, and the call is still ours."""

    call_id: str
    state: str


class DocumentSent(KioskEvent, tag="document_sent", kw_only=True):
    call_id: str
    name: str
    size: int
    sha256: str
    seconds: float


class DocumentFailed(KioskEvent, tag="document_failed", kw_only=True):
    call_id: str
    name: str
    reason: str


class PrintReceived(KioskEvent, tag="print_received", kw_only=True):
    call_id: str
    name: str
    size: int
    where: str
    ok: bool
    detail: str = ""


class ScanRequested(KioskEvent, tag="scan_requested", kw_only=True):
    call_id: str


class FramesReceived(KioskEvent, tag="frames", kw_only=True):
    call_id: str
    video: int
    audio: int


class Quality(KioskEvent, tag="quality", kw_only=True):
    """The call's statistics sample (every second): what the line does to it.

    Voice counters are cumulative 20 ms frames of the agent's voice: decoded
    as sent, rebuilt from FEC, concealed, missing (a hole too long to
    conceal), and packets that came too late.
    """

    call_id: str
    generation: int
    fps_in: float
    video_size_in: tuple[int, int]
    kbps_in: float
    kbps_out: float
    video_kbps_out: float
    video_level: str
    loss_in_pct: float
    rtt_ms: float | None = None
    estimate_kbps: float | None = None
    """The agent's estimate of the bandwidth for the kiosk's video (REMB)."""
    voice_decoded: int = 0
    voice_recovered: int = 0
    voice_concealed: int = 0
    voice_missing: int = 0
    voice_late: int = 0


class MediaResumed(KioskEvent, tag="media_resumed", kw_only=True):
    """Sound or picture from the agent again after half a second without any (a cut line)."""

    call_id: str
    kind: str
    """``audio`` or ``video``."""


class Ended(KioskEvent, tag="ended", kw_only=True):
    call_id: str
    state: str
    end_reason: str | None = None


class Failed(KioskEvent, tag="failed", kw_only=True):
    problem: str


class EventPrinter:
    """Prints events as JSON lines, or as short French sentences for a person
    watching a headless kiosk."""

    def __init__(self, json_lines: bool, stream: TextIO | None = None) -> None:
        self._json = json_lines
        self._stream = stream or sys.stdout
        self._encoder = msgspec.json.Encoder()

    def __call__(self, event: KioskEvent) -> None:
        line = self._encoder.encode(event).decode() if self._json else describe(event)
        print(line, file=self._stream, flush=True)


def describe(event: KioskEvent) -> str:
    match event:
        case Queued(position=position, estimated_wait_s=wait, service=service):
            return f"En file d'attente {service} : position {position}, environ {wait / 60:.0f} min"
        case Position(position=position, estimated_wait_s=wait):
            return f"Position {position}, environ {wait / 60:.0f} min d'attente"
        case Connecting(agent_name=name):
            return f"Un agent prend l'appel{f' ({name})' if name else ''}…"
        case Connected():
            return "En communication"
        case FirstFrame():
            return "Image de l'agent reçue"
        case Reconnecting(problem=problem):
            return f"Connexion perdue, nouvelle tentative… ({problem or ''})"
        case Resumed():
            return "Connexion rétablie, l'appel continue"
        case DocumentSent(name=name, size=size, seconds=seconds):
            return f"Document envoyé : {name} ({size / 1024:.0f} Kio en {seconds:.1f} s)"
        case DocumentFailed(name=name, reason=reason):
            return f"Document non transmis : {name} ({reason})"
        case PrintReceived(name=name, where=where, ok=ok, detail=detail):
            return (
                f"Impression reçue : {name} → {where}" if ok else f"Impression échouée : {detail}"
            )
        case ScanRequested():
            return "L'agent demande un scan"
        case FramesReceived(video=video, audio=audio):
            return f"Images reçues : {video}, trames audio : {audio}"
        case Quality(fps_in=fps, voice_concealed=concealed, loss_in_pct=loss):
            return f"Qualité : {fps:.0f} images/s, perte {loss:.1f} %, voix masquée {concealed}"
        case MediaResumed(kind=kind):
            return "Son rétabli" if kind == "audio" else "Image rétablie"
        case Ended(state=state, end_reason=reason):
            return f"Appel terminé ({state}{', ' + reason if reason else ''})"
        case Failed(problem=problem):
            return f"Erreur : {problem}"
    return type(event).__name__
