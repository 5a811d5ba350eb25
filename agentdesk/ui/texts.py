"""Sentences for the core's states and problems, translated when shown.

The core names things with Enums; this is the one place that turns them into
words, so a language switch re-renders everything from the same names.
"""

# Every sentence is a literal QCoreApplication.translate("Texts", ...) call: the
# form lupdate recognises.

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agentdesk.desk import (
    ActionRejected,
    ConnectionLost,
    CredentialProblem,
    DeskError,
    DeskState,
    LinkStatus,
    Quality,
    SignInProblem,
    StepError,
)
from agentdesk.protocol import EndReason, ErrorCode, OfferWithdrawnReason


def state_text(state: DeskState) -> str:
    # Each state has a symbol as well as a colour: colour is never the only sign.
    match state:
        case DeskState.SIGNED_OUT:
            return QCoreApplication.translate("Texts", "○ Signed out")
        case DeskState.OFFLINE:
            return QCoreApplication.translate("Texts", "○ Offline")
        case DeskState.AVAILABLE:
            return QCoreApplication.translate("Texts", "● Available")
        case DeskState.PAUSED:
            return QCoreApplication.translate("Texts", "❚❚ On a break")
        case DeskState.OFFERED:
            return QCoreApplication.translate("Texts", "☎ Incoming call")
        case DeskState.IN_CALL:
            return QCoreApplication.translate("Texts", "◉ In a call")
        case DeskState.WRAP_UP:
            return QCoreApplication.translate("Texts", "✎ Wrap-up")


def state_colour(state: DeskState) -> str:
    return {
        DeskState.SIGNED_OUT: "#6b6b6b",
        DeskState.OFFLINE: "#6b6b6b",
        DeskState.AVAILABLE: "#1e7b34",
        DeskState.PAUSED: "#a15c00",
        DeskState.OFFERED: "#0b5cad",
        DeskState.IN_CALL: "#b3261e",
        DeskState.WRAP_UP: "#6a3fa0",
    }[state]


def link_text(status: LinkStatus) -> str:
    match status:
        case LinkStatus.CONNECTED:
            return QCoreApplication.translate("Texts", "Connected to the switchboard")
        case LinkStatus.CONNECTING | LinkStatus.IDLE:
            return QCoreApplication.translate("Texts", "Connecting to the switchboard…")
        case LinkStatus.WAITING_RETRY:
            return QCoreApplication.translate("Texts", "⚠ Connection lost: trying again…")
        case LinkStatus.UNAUTHORIZED:
            return QCoreApplication.translate(
                "Texts", "⚠ Your session has expired: please sign in again."
            )
        case LinkStatus.REPLACED:
            return QCoreApplication.translate(
                "Texts", "⚠ You signed in from another window or computer: this one stopped."
            )
        case LinkStatus.CLOSED:
            return QCoreApplication.translate("Texts", "Disconnected")


def sign_in_problem(problem: SignInProblem) -> str:
    match problem:
        case SignInProblem.WRONG_PASSWORD:
            return QCoreApplication.translate(
                "Texts", "Wrong login or password. Check them and try again."
            )
        case SignInProblem.UNREACHABLE:
            return QCoreApplication.translate(
                "Texts",
                "The server cannot be reached. Check the address and your network "
                "connection; if the problem persists, call your support.",
            )
        case SignInProblem.CERTIFICATE:
            return QCoreApplication.translate(
                "Texts",
                "The server's security certificate is not valid: the connection was "
                "stopped for your safety. Call your support.",
            )
        case SignInProblem.EXPIRED_SESSION:
            return QCoreApplication.translate(
                "Texts", "Your session has expired. Please enter your password again."
            )
        case SignInProblem.SERVER_ERROR:
            return QCoreApplication.translate(
                "Texts", "The server could not sign you in (server error). Try again later."
            )
        case SignInProblem.BAD_ADDRESS:
            return QCoreApplication.translate(
                "Texts",
                "The server address is not valid. It should look like "
                "wss://standard.example.fr/api/v1/ws",
            )
        case SignInProblem.MISSING_FIELDS:
            return QCoreApplication.translate(
                "Texts", "Fill in the server address, your login and your password."
            )
        case SignInProblem.NOT_AVAILABLE:
            return QCoreApplication.translate(
                "Texts", "This copy of the app cannot connect to a switchboard."
            )


def credential_problem(problem: CredentialProblem) -> str:
    match problem:
        case CredentialProblem.NO_KEYRING:
            return QCoreApplication.translate(
                "Texts",
                "This computer has no password safe (keyring): you will be asked for "
                "your password at each start.",
            )
        case CredentialProblem.KEYRING_REFUSED:
            return QCoreApplication.translate(
                "Texts",
                "The password safe (keyring) is locked or refused to keep your session: "
                "you will be asked for your password at each start.",
            )


def end_reason_text(reason: EndReason | None) -> str:
    if reason is None:
        return QCoreApplication.translate("Texts", "Ended")
    match reason:
        case EndReason.AGENT_HUNG_UP:
            return QCoreApplication.translate("Texts", "You hung up")
        case EndReason.KIOSK_HUNG_UP:
            return QCoreApplication.translate("Texts", "The resident hung up")
        case EndReason.AGENT_LOST:
            return QCoreApplication.translate(
                "Texts", "Interrupted: the call went back to the queue"
            )
        case EndReason.TRANSFERRED:
            return QCoreApplication.translate("Texts", "Transferred")
    # A reason added to the protocol later still gets a sentence.
    return QCoreApplication.translate("Texts", "Ended")


def withdrawn_text(reason: OfferWithdrawnReason) -> str:
    match reason:
        case OfferWithdrawnReason.TIMEOUT:
            return QCoreApplication.translate(
                "Texts", "The call was not answered in time: it went back to the queue."
            )
        case OfferWithdrawnReason.ABANDONED:
            return QCoreApplication.translate(
                "Texts", "The resident left before the call was answered."
            )
        case OfferWithdrawnReason.DECLINED:
            return QCoreApplication.translate("Texts", "Call declined: it went back to the queue.")


def quality_text(quality: Quality) -> str:
    match quality:
        case Quality.GOOD:
            return QCoreApplication.translate("Texts", "▮▮▮ Good connection")
        case Quality.WEAK:
            return QCoreApplication.translate("Texts", "▮▮▯ Weak connection")
        case Quality.BAD:
            return QCoreApplication.translate("Texts", "▮▯▯ Bad connection")
        case Quality.UNKNOWN:
            return QCoreApplication.translate("Texts", "▯▯▯ Measuring quality…")


def quality_details(rtt_ms: float | None, loss_pct: float | None) -> str:
    rtt = "—" if rtt_ms is None else f"{rtt_ms:.0f}"
    loss = "—" if loss_pct is None else f"{loss_pct:.1f}"
    return (
        QCoreApplication.translate("Texts", "Round trip: %1 ms · Packet loss: %2 %")
        .replace("%1", rtt)
        .replace("%2", loss)
    )


def error_text(exc: BaseException) -> str:
    if isinstance(exc, StepError):
        return QCoreApplication.translate("Texts", "This cannot be done now (%1).").replace(
            "%1", exc.action
        )
    if isinstance(exc, ActionRejected):
        match exc.code:
            case ErrorCode.CONFLICT:
                return QCoreApplication.translate(
                    "Texts", "Too late: the situation changed in the meantime. Please look again."
                )
            case ErrorCode.NOT_FOUND:
                return QCoreApplication.translate(
                    "Texts", "This call no longer exists (the resident may have left)."
                )
            case ErrorCode.FORBIDDEN:
                return QCoreApplication.translate(
                    "Texts", "Your account is not allowed to do this."
                )
            case ErrorCode.UNAUTHORIZED:
                return QCoreApplication.translate(
                    "Texts", "Your session has expired: please sign in again."
                )
            case _:
                return QCoreApplication.translate("Texts", "The switchboard refused: %1").replace(
                    "%1", exc.message
                )
    if isinstance(exc, ConnectionLost):
        return QCoreApplication.translate(
            "Texts", "The switchboard cannot be reached right now; the app keeps trying."
        )
    if isinstance(exc, DeskError):
        return str(exc)
    return QCoreApplication.translate("Texts", "Something went wrong: %1").replace(
        "%1", type(exc).__name__
    )


def duration(seconds: float) -> str:
    total = int(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
