"""What the kiosk reports: one typed event per step, for people or for scripts (--json)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import TextIO
from zoneinfo import ZoneInfo

import msgspec

PARIS = ZoneInfo("Europe/Paris")


class KioskEvent(msgspec.Struct, tag_field="event", kw_only=True, omit_defaults=True):
    at: float = msgspec.field(default_factory=time.time)


class QueueJoined(KioskEvent, tag="queued", kw_only=True):
    call_id: str
    service: str
    position: int
    estimated_wait_s: float | None = None
    """None: no agent signed in yet, so no estimate."""


class Position(KioskEvent, tag="position", kw_only=True):
    call_id: str
    position: int
    estimated_wait_s: float | None = None
    """None: no agent signed in yet, so no estimate."""


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
    state: str = "ready"
    """The printer's state when the job ended (``out_of_paper``…): why it failed."""


class ScanRequested(KioskEvent, tag="scan_requested", kw_only=True):
    call_id: str


class LinkQuality(KioskEvent, tag="link_quality", kw_only=True):
    """The connection's quality changed (good, weak, bad): told in words on screen."""

    call_id: str
    level: str


class FramesReceived(KioskEvent, tag="frames", kw_only=True):
    call_id: str
    video: int
    audio: int


class LineQuality(KioskEvent, tag="quality", kw_only=True):
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
    voice_caught_up: int = 0
    """Quiet frames skipped to bring the voice's delay back after a burst."""


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


class KioskServiceStatus(KioskEvent, tag="service_status", kw_only=True):
    """A service at this kiosk: open, the agent on their way, last calls, or closed."""

    service: str
    state: str
    closes_at: float | None = None
    next_opening: float | None = None
    closure: str | None = None


class Closed(KioskEvent, tag="closed", kw_only=True):
    """``queue_call`` refused: the service is closed.  The kiosk does not try
    again on its own clock; it queues when the switchboard says it opened
    (with ``--wait-open``) or stops."""

    service: str
    next_opening: float | None = None
    message: str = ""


class TodaysAppointment(msgspec.Struct, kw_only=True):
    appointment_id: str
    first_name: str
    starts_at: float
    service: str


class Appointments(KioskEvent, tag="appointments", kw_only=True):
    """Today's appointments at this kiosk still to check in: what the screen
    may show (first name and time only)."""

    appointments: list[TodaysAppointment]


class CheckedIn(KioskEvent, tag="checked_in", kw_only=True):
    """The resident's appointment code was accepted: their call goes first."""

    call_id: str
    appointment_id: str | None = None


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


def _wait_text(wait: float | None) -> str:
    if wait is None:
        return "l'agent arrive"
    return f"environ {wait / 60:.0f} min d'attente"


_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def opening_text(ts: float | None) -> str:
    """« mardi 01/12 à 09:00 » in Paris time (the kiosk's residents read French)."""
    if ts is None:
        return "pas de prochaine ouverture connue"
    when = dt.datetime.fromtimestamp(ts, PARIS)
    return f"{_WEEKDAYS[when.weekday()]} {when:%d/%m} à {when:%H:%M}"


def _status_text(event: KioskServiceStatus) -> str:
    match event.state:
        case "open":
            until = opening_text(event.closes_at).split(" à ")[-1] if event.closes_at else ""
            return f"{event.service} : ouvert" + (f" jusqu'à {until}" if until else "")
        case "no_agent_yet":
            return f"{event.service} : ouvert, l'agent arrive"
        case "last_calls":
            return f"{event.service} : derniers appels, plus de nouvelle arrivée"
        case _:
            closure = f" ({event.closure})" if event.closure else ""
            return (
                f"{event.service} : fermé{closure}, prochaine ouverture "
                f"{opening_text(event.next_opening)}"
            )


def describe(event: KioskEvent) -> str:
    match event:
        case KioskServiceStatus():
            return _status_text(event)
        case Closed(service=service, next_opening=opening):
            return f"{service} est fermé : prochaine ouverture {opening_text(opening)}"
        case Appointments(appointments=found):
            if not found:
                return "Pas de rendez-vous aujourd'hui à cette borne"
            return "Rendez-vous du jour : " + ", ".join(
                f"{opening_text(a.starts_at).split(' à ')[-1]} {a.first_name} ({a.service})"
                for a in found
            )
        case CheckedIn():
            return "Rendez-vous enregistré : vous passez en premier"
        case QueueJoined(position=position, estimated_wait_s=wait, service=service):
            return f"En file d'attente {service} : position {position}, {_wait_text(wait)}"
        case Position(position=position, estimated_wait_s=wait):
            return f"Position {position}, {_wait_text(wait)}"
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
        case LinkQuality(level=level):
            return f"Qualité de la liaison : {level}"
        case FramesReceived(video=video, audio=audio):
            return f"Images reçues : {video}, trames audio : {audio}"
        case LineQuality(fps_in=fps, voice_concealed=concealed, loss_in_pct=loss):
            return f"Qualité : {fps:.0f} images/s, perte {loss:.1f} %, voix masquée {concealed}"
        case MediaResumed(kind=kind):
            return "Son rétabli" if kind == "audio" else "Image rétablie"
        case Ended(state=state, end_reason=reason):
            return f"Appel terminé ({state}{', ' + reason if reason else ''})"
        case Failed(problem=problem):
            return f"Erreur : {problem}"
    return type(event).__name__
