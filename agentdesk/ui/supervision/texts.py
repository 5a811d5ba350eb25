"""Words of the supervision view, translated when shown."""

# Every sentence is a literal QCoreApplication.translate("Supervision", ...)
# call: the form lupdate recognises.

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from agentdesk.protocol import AgentState
from agentdesk.supervision import FeedStatus, PeriodKind
from agentdesk.ui import texts
from agentdesk.ui.refusals import refusal_text
from agentdesk.ui.texts import duration, reason_text

__all__ = [
    "AGENT_COLOURS",
    "agent_state",
    "duration",
    "feed_status",
    "number",
    "percent",
    "period_name",
    "reason_text",
    "wait",
]


def agent_state(state: AgentState) -> str:
    # The agent's own words for their state: one vocabulary for both sides.
    return texts.agent_state_text(state)


AGENT_COLOURS = {
    AgentState.OFFLINE: "#6b6b6b",
    AgentState.AVAILABLE: "#1e7b34",
    AgentState.PAUSED: "#a15c00",
    AgentState.OFFERED: "#0b5cad",
    AgentState.IN_CALL: "#b3261e",
    AgentState.WRAP_UP: "#6a3fa0",
}


def feed_status(status: FeedStatus) -> str:
    match status:
        case FeedStatus.CONNECTING:
            return QCoreApplication.translate("Supervision", "Connecting to the switchboard…")
        case FeedStatus.LIVE:
            return QCoreApplication.translate("Supervision", "● Live")
        case FeedStatus.LOST:
            return QCoreApplication.translate(
                "Supervision", "⚠ Connection lost: showing the last known state, reconnecting…"
            )
        case FeedStatus.REFUSED:
            return QCoreApplication.translate(
                "Supervision",
                "⚠ The switchboard refused the live view: sign in again as a supervisor.",
            )


def period_name(kind: PeriodKind) -> str:
    match kind:
        case PeriodKind.DAY:
            return QCoreApplication.translate("Supervision", "Day")
        case PeriodKind.WEEK:
            return QCoreApplication.translate("Supervision", "Week")
        case PeriodKind.MONTH:
            return QCoreApplication.translate("Supervision", "Month")


def number(value: float | None, digits: int = 0) -> str:
    """In the language's format (decimal comma in French); "–" for no value."""
    if value is None:
        return "–"
    return QLocale().toString(float(value), "f", digits)


def percent(share: float | None) -> str:
    if share is None:
        return "–"
    return QLocale().toString(share * 100.0, "f", 0) + " %"


def wait(seconds: float | None) -> str:
    return "–" if seconds is None else duration(seconds)


def problem_text(exc: BaseException) -> str:
    from agentdesk.supervision import Problem, SupervisionError

    if not isinstance(exc, SupervisionError):
        # An exception's name helps nobody here; the log has it.
        return QCoreApplication.translate(
            "Supervision",
            "Something went wrong and this was not done. Try again; if it happens again, "
            "tell your support (the details are in the log).",
        )
    match exc.problem:
        case Problem.FORBIDDEN:
            return QCoreApplication.translate(
                "Supervision", "The switchboard refused: this account may not see these figures."
            )
        case Problem.UNAUTHORIZED:
            return QCoreApplication.translate(
                "Supervision", "Your session has expired: please sign in again."
            )
        case Problem.UNREACHABLE:
            return QCoreApplication.translate(
                "Supervision", "The switchboard cannot be reached. Try again in a moment."
            )
        case Problem.REFUSED:
            return refusal_text(exc.code, exc.reason)
        case Problem.BAD_REPLY:
            return QCoreApplication.translate(
                "Supervision",
                "The switchboard's answer could not be read: is the app up to date? "
                "Tell your support.",
            )


def assumptions(road_factor: float, emission: float) -> str:
    return (
        QCoreApplication.translate(
            "Supervision",
            "Each answered call counts as one round trip by car avoided, from the kiosk's "
            "commune to the agency's nearest office. Road distance = straight-line distance × "
            "%1 (road factor); emissions = %2 kg CO2e per km (ADEME Base Carbone, average car). "
            "Both factors are set by the agency.",
        )
        .replace("%1", number(road_factor, 2))
        .replace("%2", number(emission, 3))
    )
