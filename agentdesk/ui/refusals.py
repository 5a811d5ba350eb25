"""The switchboard's refusals in words the agent can act on.

The switchboard answers a refusal with a ``code`` and, under it, a ``reason``
(docs/protocol.md, « Reasons »); its ``message`` is English for the logs and
is never shown.  A reason this version does not know falls back to its code,
and a code it does not know to a general sentence: no code, and no
exception's name, ever reaches the screen.
"""

# Every sentence is a literal QCoreApplication.translate("Refusals", ...) call:
# the form lupdate recognises.

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from agentdesk.protocol import ErrorCode, ErrorReason


def refusal_text(code: str, reason: str | None, retry_after_s: float | None = None) -> str:
    """One sentence for an ``error`` of the switchboard."""
    try:
        known = ErrorReason(reason) if reason else None
    except ValueError:
        known = None
    if known is not None:
        return refusal_reason_text(known, retry_after_s)
    return code_text(code)


def refusal_reason_text(reason: ErrorReason, retry_after_s: float | None = None) -> str:
    match reason:
        case ErrorReason.WRONG_PASSWORD:
            return QCoreApplication.translate(
                "Refusals", "Wrong login or password. Check them and try again."
            )
        case ErrorReason.ACCOUNT_DISABLED:
            return QCoreApplication.translate(
                "Refusals",
                "Your account is disabled. Ask your supervisor or your support to enable it.",
            )
        case ErrorReason.ACCOUNT_CHANGED:
            return QCoreApplication.translate(
                "Refusals", "Your account was changed (role or agency). Please sign in again."
            )
        case ErrorReason.SIGNED_OUT:
            return QCoreApplication.translate(
                "Refusals",
                "You were signed out (from this or another computer, or your password was "
                "changed). Please sign in again.",
            )
        case ErrorReason.TOKEN_EXPIRED:
            return QCoreApplication.translate(
                "Refusals", "Your session has expired. Please sign in again."
            )
        case ErrorReason.DEVICE_TOKEN_RENEWED:
            return QCoreApplication.translate(
                "Refusals", "This kiosk's access was renewed: it needs its new device token."
            )
        case ErrorReason.TOO_MANY_ATTEMPTS:
            return too_many_attempts_text(retry_after_s)
        case ErrorReason.WRONG_ROLE:
            return QCoreApplication.translate("Refusals", "Your account is not allowed to do this.")
        case ErrorReason.CALL_RINGING:
            return QCoreApplication.translate(
                "Refusals", "A call is ringing: accept or decline it first."
            )
        case ErrorReason.CALL_GONE:
            return QCoreApplication.translate(
                "Refusals", "This call no longer exists: the resident may have left."
            )
        case ErrorReason.NOT_YOUR_SERVICE:
            return QCoreApplication.translate("Refusals", "This is for a service you do not serve.")
        case ErrorReason.CALL_NOT_WAITING:
            return QCoreApplication.translate(
                "Refusals", "Too late: another agent took this call, or it is ringing elsewhere."
            )
        case ErrorReason.KIOSK_AWAY:
            return QCoreApplication.translate(
                "Refusals",
                "The resident's kiosk has just lost its connection; the resident keeps their "
                "place. Try again in a moment.",
            )
        case ErrorReason.QUEUE_EMPTY:
            return QCoreApplication.translate("Refusals", "Nobody is waiting right now.")
        case ErrorReason.AGENT_BUSY:
            return QCoreApplication.translate(
                "Refusals", "Finish your current call and its wrap-up first."
            )
        case ErrorReason.NOT_RINGING:
            return QCoreApplication.translate(
                "Refusals",
                "Too late: this call stopped ringing for you and went back to the queue.",
            )
        case ErrorReason.NOT_IN_CALL:
            return QCoreApplication.translate("Refusals", "This call is no longer in progress.")
        case ErrorReason.NOT_IN_WRAP_UP:
            return QCoreApplication.translate("Refusals", "This wrap-up is already closed.")
        case ErrorReason.UNKNOWN_SERVICE:
            return QCoreApplication.translate(
                "Refusals", "This service does not exist on the switchboard (any more)."
            )
        case ErrorReason.SAME_SERVICE:
            return QCoreApplication.translate(
                "Refusals", "The call is already in this service: choose another one."
            )
        case ErrorReason.SAME_AGENT:
            return QCoreApplication.translate(
                "Refusals", "This call is already yours: choose a colleague or another service."
            )
        case ErrorReason.TOO_MANY_MESSAGES:
            return QCoreApplication.translate(
                "Refusals", "Too many requests at once. Wait a moment and try again."
            )
        case ErrorReason.OUTSIDE_PERMANENCE:
            return QCoreApplication.translate(
                "Refusals", "The service holds no permanence at this kiosk at that time."
            )
        case ErrorReason.APPOINTMENT_NOT_BOOKED:
            return QCoreApplication.translate(
                "Refusals",
                "This appointment is no longer booked (cancelled, checked in or missed): "
                "it cannot be changed.",
            )
        case ErrorReason.UNKNOWN_APPOINTMENT:
            return QCoreApplication.translate("Refusals", "This appointment no longer exists.")
        case ErrorReason.UNKNOWN_KIOSK:
            return QCoreApplication.translate(
                "Refusals", "This kiosk does not exist on the switchboard (any more)."
            )
        case ErrorReason.UNKNOWN_AGENT:
            return QCoreApplication.translate(
                "Refusals", "This agent does not exist on the switchboard (any more)."
            )
        case ErrorReason.AGENT_NOT_IN_SERVICE:
            return QCoreApplication.translate("Refusals", "This agent does not serve this service.")
        case ErrorReason.SLOT_OVERLAP:
            return QCoreApplication.translate(
                "Refusals",
                "This slot overlaps another permanence of the same service at the same kiosk.",
            )
        case ErrorReason.BAD_PERIOD:
            return QCoreApplication.translate(
                "Refusals", "The end of the period must come after its start, within 400 days."
            )


def too_many_attempts_text(retry_after_s: float | None) -> str:
    if retry_after_s is None:
        return QCoreApplication.translate(
            "Refusals", "Too many failed attempts from this computer. Try again in a few minutes."
        )
    minutes = max(1, math.ceil(retry_after_s / 60))
    return QCoreApplication.translate(
        "Refusals", "Too many failed attempts from this computer. Try again in %1 min."
    ).replace("%1", str(minutes))


def code_text(code: str) -> str:
    """A refusal with no reason this version knows: what its code says."""
    match code:
        case ErrorCode.CONFLICT:
            return QCoreApplication.translate(
                "Refusals", "Too late: the situation changed in the meantime. Please look again."
            )
        case ErrorCode.NOT_FOUND:
            return QCoreApplication.translate(
                "Refusals", "This no longer exists: it may have ended in the meantime."
            )
        case ErrorCode.FORBIDDEN:
            return QCoreApplication.translate("Refusals", "Your account is not allowed to do this.")
        case ErrorCode.UNAUTHORIZED:
            return QCoreApplication.translate(
                "Refusals", "Your session has expired. Please sign in again."
            )
        case ErrorCode.RATE_LIMITED:
            return QCoreApplication.translate(
                "Refusals", "Too many requests at once. Wait a moment and try again."
            )
        case ErrorCode.BAD_MESSAGE | ErrorCode.TOO_LARGE:
            return QCoreApplication.translate(
                "Refusals",
                "The switchboard did not accept this request. Check what you entered and try "
                "again.",
            )
        case ErrorCode.AGENT_OFFLINE:
            return QCoreApplication.translate(
                "Refusals",
                "This colleague is no longer signed in: choose another colleague, "
                "or the service's queue.",
            )
        case ErrorCode.CLOSED:
            return QCoreApplication.translate(
                "Refusals", "This service is closed at this kiosk now."
            )
    return QCoreApplication.translate(
        "Refusals",
        "The switchboard could not do this. Try again; if it happens again, tell your support.",
    )
