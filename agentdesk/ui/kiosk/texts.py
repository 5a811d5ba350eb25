"""The kiosk's sentences that depend on a state: one place, translated."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from agentdesk.desk.quality import Quality
from agentdesk.kiosk.screen_model import ServiceLine
from agentdesk.protocol import ServiceState

PARIS = ZoneInfo("Europe/Paris")


def when(ts: float | None) -> str:
    """« mardi 1 décembre à 09:00 » in the interface's language, Paris time."""
    if ts is None:
        return QCoreApplication.translate("Kiosk", "no opening planned yet")
    moment = dt.datetime.fromtimestamp(ts, PARIS)
    locale = QLocale()
    day = locale.toString(QDate(moment.year, moment.month, moment.day), "dddd d MMMM")
    return (
        QCoreApplication.translate("Kiosk", "%1 at %2")
        .replace("%1", day)
        .replace("%2", moment.strftime("%H:%M"))
    )


def service_text(line: ServiceLine) -> str:
    match line.state:
        case ServiceState.OPEN:
            state = (
                QCoreApplication.translate("Kiosk", "Open — one agent connected")
                if line.agents == 1
                else QCoreApplication.translate("Kiosk", "Open — %1 agents connected").replace(
                    "%1", str(line.agents)
                )
            )
        case ServiceState.NO_AGENT_YET:
            state = QCoreApplication.translate("Kiosk", "Open — the agent is on their way")
        case ServiceState.LAST_CALLS:
            state = QCoreApplication.translate("Kiosk", "Closing — next opening %1").replace(
                "%1", when(line.next_opening)
            )
        case _:
            reason = f" ({line.closure})" if line.closure else ""
            state = (
                QCoreApplication.translate("Kiosk", "Closed%1 — next opening %2")
                .replace("%1", reason)
                .replace("%2", when(line.next_opening))
            )
    return f"{line.name}\n{state}"


def wait_text(position: int | None, wait_s: float | None) -> tuple[str, str]:
    """(« You are number 2 in the queue », « About 10 minutes »)."""
    place = (
        QCoreApplication.translate("Kiosk", "You are next")
        if position == 1
        else QCoreApplication.translate("Kiosk", "You are number %1 in the queue").replace(
            "%1", str(position or "?")
        )
    )
    if wait_s is None:
        estimate = QCoreApplication.translate(
            "Kiosk", "No estimate yet: the agent is on their way."
        )
    elif wait_s < 90:
        estimate = QCoreApplication.translate("Kiosk", "Waiting time: about one minute.")
    else:
        estimate = QCoreApplication.translate("Kiosk", "Waiting time: about %1 minutes.").replace(
            "%1", str(round(wait_s / 60))
        )
    return place, estimate


# What to have at hand, by service (what agents ask for first).
def prepare_text(service: str | None) -> str:
    match service:
        case "CAF":
            return QCoreApplication.translate(
                "Kiosk", "Have your tax notice (avis d'imposition) and your CAF number at hand."
            )
        case "CPAM":
            return QCoreApplication.translate(
                "Kiosk", "Have your carte Vitale and your latest statements at hand."
            )
        case "MSA":
            return QCoreApplication.translate(
                "Kiosk", "Have your MSA number and your latest statements at hand."
            )
        case _:
            return QCoreApplication.translate(
                "Kiosk", "Have your identity card and the letter that brings you at hand."
            )


def quality_text(quality: Quality) -> str:
    match quality:
        case Quality.GOOD:
            return QCoreApplication.translate("Kiosk", "Connection: good")
        case Quality.WEAK:
            return QCoreApplication.translate("Kiosk", "Connection: weak, the picture may freeze")
        case Quality.BAD:
            return QCoreApplication.translate(
                "Kiosk", "Connection: bad, the agent may hear you cut"
            )
        case _:
            return QCoreApplication.translate("Kiosk", "Connection: checking…")


def scanner_problem(state: str) -> str:
    """Why a scan failed, as the resident can act on it."""
    match state:
        case "paper_jam":
            return QCoreApplication.translate(
                "Kiosk", "The paper is jammed in the scanner. Please tell the reception desk."
            )
        case "out_of_paper":
            return QCoreApplication.translate(
                "Kiosk", "No page was found. Put your page in the scanner and try again."
            )
        case "offline":
            return QCoreApplication.translate(
                "Kiosk", "The scanner is not responding. Please tell the reception desk."
            )
        case "busy":
            return QCoreApplication.translate(
                "Kiosk", "The scanner is busy. Please try again in a moment."
            )
        case _:
            return QCoreApplication.translate(
                "Kiosk", "It did not work (%1). Please try again."
            ).replace("%1", state)


def printer_problem(state: str) -> str:
    """Why a print did not come out; the agent is told too (print_result)."""
    match state:
        case "paper_jam":
            return QCoreApplication.translate(
                "Kiosk", "The paper is jammed in the printer. The agent has been told."
            )
        case "out_of_paper":
            return QCoreApplication.translate(
                "Kiosk", "The printer has no paper left. The agent has been told."
            )
        case "offline":
            return QCoreApplication.translate(
                "Kiosk", "The printer is not responding. The agent has been told."
            )
        case _:
            return QCoreApplication.translate(
                "Kiosk", "Your document could not be printed. The agent has been told."
            )


def scan_quality_text(problems: tuple[str, ...]) -> str:
    """What the kiosk's checks found, and what to do about it, in one or two sentences."""
    advice = {
        "blurred": QCoreApplication.translate(
            "Kiosk", "The page looks blurred: press the lid down well and scan it again."
        ),
        "dark": QCoreApplication.translate(
            "Kiosk", "The page looks too dark: close the lid and scan it again."
        ),
        "washed_out": QCoreApplication.translate(
            "Kiosk", "The page looks too pale to read: scan it again."
        ),
        "skewed": QCoreApplication.translate(
            "Kiosk", "The page is crooked: lay it straight against the edge and scan it again."
        ),
        "cut_off": QCoreApplication.translate(
            "Kiosk", "Part of the page is missing: put it in the top left corner and scan again."
        ),
        "low_resolution": QCoreApplication.translate(
            "Kiosk", "The scan is not sharp enough to read small print."
        ),
    }
    return " ".join(advice[p] for p in problems if p in advice)
