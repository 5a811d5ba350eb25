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
    ConnectionState,
    CredentialProblem,
    DeskState,
    NextPresence,
    PauseReason,
    PrintFailed,
    PrintProblem,
    Quality,
    SignInError,
    SignInProblem,
    StepError,
)
from agentdesk.desk.day import DayModel, clock_text
from agentdesk.device_problems import DeviceFault, DeviceProblem
from agentdesk.protocol import AgentState, CallInfo, EndReason, ErrorReason, OfferWithdrawnReason

from .refusals import refusal_reason_text, refusal_text, too_many_attempts_text

_SYMBOLS = {
    DeskState.SIGNED_OUT: "○",
    DeskState.OFFLINE: "○",
    DeskState.AVAILABLE: "●",
    DeskState.PAUSED: "❚❚",
    DeskState.OFFERED: "☎",
    DeskState.IN_CALL: "◉",
    DeskState.WRAP_UP: "✎",
}


def state_text(state: DeskState) -> str:
    # Each state has a symbol as well as a colour: colour is never the only sign.
    return f"{_SYMBOLS[state]} {state_word(state)}"


def state_word(state: DeskState) -> str:
    match state:
        case DeskState.SIGNED_OUT:
            return QCoreApplication.translate("Texts", "Signed out")
        case DeskState.OFFLINE:
            return QCoreApplication.translate("Texts", "Offline")
        case DeskState.AVAILABLE:
            return QCoreApplication.translate("Texts", "Available")
        case DeskState.PAUSED:
            return QCoreApplication.translate("Texts", "On a break")
        case DeskState.OFFERED:
            return QCoreApplication.translate("Texts", "Ringing")
        case DeskState.IN_CALL:
            return QCoreApplication.translate("Texts", "In a call")
        case DeskState.WRAP_UP:
            return QCoreApplication.translate("Texts", "Wrap-up")


def agent_state_text(state: AgentState) -> str:
    """The same words for the supervisor as for the agent."""
    return state_text(DeskState.of_agent(state))


def reason_text(reason: str | None) -> str:
    """A pause reason in words; a reason typed by hand is shown as typed."""
    match PauseReason.of(reason):
        case PauseReason.BREAK:
            return QCoreApplication.translate("Texts", "Short break")
        case PauseReason.MEETING:
            return QCoreApplication.translate("Texts", "Meeting")
        case PauseReason.BACK_OFFICE:
            return QCoreApplication.translate("Texts", "Case work")
        case PauseReason.LUNCH:
            return QCoreApplication.translate("Texts", "Lunch")
        case PauseReason.TRAINING:
            return QCoreApplication.translate("Texts", "Training")
        case PauseReason.MISSED_OFFER:
            return QCoreApplication.translate("Texts", "A call rang unanswered")
        case None:
            return reason or ""


def presence_detail(state: DeskState, reason: str | None, after: NextPresence | None) -> str:
    """The line beside the badge: why on a break, or what comes after the call."""
    if state is DeskState.PAUSED and reason:
        if PauseReason.of(reason) is PauseReason.MISSED_OFFER:
            return QCoreApplication.translate(
                "Texts", "Break: a call rang unanswered. Press “Available” to take calls again."
            )
        return QCoreApplication.translate("Texts", "Reason: %1").replace("%1", reason_text(reason))
    if state is DeskState.AVAILABLE:
        return QCoreApplication.translate("Texts", "Calls ring here as residents ask for them.")
    if state in (DeskState.OFFLINE, DeskState.PAUSED):
        return QCoreApplication.translate("Texts", "No call rings here for now.")
    if not state.busy:
        return ""
    if after is None or after.state is AgentState.AVAILABLE:
        return QCoreApplication.translate("Texts", "After this call: available")
    if after.state is AgentState.OFFLINE:
        return QCoreApplication.translate("Texts", "After this call: offline")
    if after.reason:
        return QCoreApplication.translate("Texts", "After this call: break (%1)").replace(
            "%1", reason_text(after.reason)
        )
    return QCoreApplication.translate("Texts", "After this call: break")


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


def link_text(status: ConnectionState) -> str:
    match status:
        case ConnectionState.CONNECTED:
            return QCoreApplication.translate("Texts", "Connected to the switchboard")
        case ConnectionState.CONNECTING | ConnectionState.IDLE:
            return QCoreApplication.translate("Texts", "Connecting to the switchboard…")
        case ConnectionState.WAITING_RETRY:
            return QCoreApplication.translate("Texts", "⚠ Connection lost: trying again…")
        case ConnectionState.UNAUTHORIZED:
            return QCoreApplication.translate(
                "Texts", "⚠ The switchboard closed your session: please sign in again."
            )
        case ConnectionState.REPLACED:
            return QCoreApplication.translate(
                "Texts", "⚠ You signed in from another window or computer: this one stopped."
            )
        case ConnectionState.CLOSED:
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
        case SignInProblem.ACCOUNT_DISABLED:
            return refusal_reason_text(ErrorReason.ACCOUNT_DISABLED)
        case SignInProblem.TOO_MANY_ATTEMPTS:
            return too_many_attempts_text(None)
        case SignInProblem.SESSION_ENDED:
            return QCoreApplication.translate(
                "Texts", "Your session was closed by the switchboard: please sign in again."
            )


def sign_in_error_text(error: SignInError) -> str:
    """The problem, with what the switchboard said of it: when to try again,
    why a session was closed."""
    match error.problem:
        case SignInProblem.TOO_MANY_ATTEMPTS:
            return too_many_attempts_text(error.retry_after_s)
        case SignInProblem.SESSION_ENDED:
            text = sign_in_problem(error.problem)
            why = _session_end_reason(error.reason)
            return f"{text} {why}" if why else text
    return sign_in_problem(error.problem)


def _session_end_reason(reason: str | None) -> str:
    match reason:
        case ErrorReason.ACCOUNT_DISABLED:
            return QCoreApplication.translate(
                "Texts", "Your account was disabled: ask your supervisor or your support."
            )
        case ErrorReason.ACCOUNT_CHANGED:
            return QCoreApplication.translate("Texts", "Your account was changed (role or agency).")
        case ErrorReason.SIGNED_OUT:
            return QCoreApplication.translate(
                "Texts",
                "You were signed out from another computer, or your password was changed.",
            )
    return ""


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


def ended_text(reason: EndReason | None, transferred_to: str | None = None) -> str:
    """How a call ended for the agent: « Transféré vers CPAM » once it is known
    where it went (the wrap-up, the day's calls)."""
    if transferred_to:
        return QCoreApplication.translate("Texts", "Transferred to %1").replace(
            "%1", transferred_to
        )
    return end_reason_text(reason)


def withdrawn_text(reason: OfferWithdrawnReason) -> str:
    match reason:
        case OfferWithdrawnReason.TIMEOUT:
            return QCoreApplication.translate(
                "Texts",
                "The call was not answered in time: it went back to the queue, and you "
                "were put on a break. Press “Available” to take calls again.",
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
            return QCoreApplication.translate("Texts", "●●● Good connection")
        case Quality.WEAK:
            return QCoreApplication.translate("Texts", "●●○ Weak connection")
        case Quality.BAD:
            return QCoreApplication.translate("Texts", "●○○ Bad connection")
        case Quality.UNKNOWN:
            return QCoreApplication.translate("Texts", "○○○ Measuring quality…")


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
        # The action's internal name means nothing to an agent: the state does.
        return QCoreApplication.translate(
            "Texts", "This cannot be done now: you are “%1”."
        ).replace("%1", _state_word_of(exc.state))
    if isinstance(exc, ActionRejected):
        return refusal_text(exc.code.value, exc.reason)
    if isinstance(exc, ConnectionLost):
        return QCoreApplication.translate(
            "Texts", "The switchboard cannot be reached right now; the app keeps trying."
        )
    if isinstance(exc, SignInError):
        return sign_in_error_text(exc)
    if isinstance(exc, PrintFailed):
        return print_failed_text(exc)
    # An exception's class name helps nobody at the desk; the log has it.
    return QCoreApplication.translate(
        "Texts",
        "Something went wrong and this was not done. Try again; if it happens again, "
        "tell your support (the details are in the log).",
    )


def print_failed_text(exc: PrintFailed) -> str:
    """Why a print did not come out, and what to do (the kiosk's words are codes)."""
    match exc.problem:
        case PrintProblem.NOT_CONFIRMED:
            return QCoreApplication.translate(
                "Texts", "The kiosk did not confirm the print: ask the resident if it came out."
            )
        case PrintProblem.PRINTER_FAILED:
            match exc.printer_state:
                case "out_of_paper":
                    return QCoreApplication.translate(
                        "Texts",
                        "The kiosk's printer is out of paper: nothing was printed. Ask the "
                        "town hall's staff to refill it, then print again.",
                    )
                case "paper_jam":
                    return QCoreApplication.translate(
                        "Texts",
                        "Paper is jammed in the kiosk's printer: nothing was printed. Ask the "
                        "town hall's staff to clear it, then print again.",
                    )
                case "offline":
                    return QCoreApplication.translate(
                        "Texts",
                        "The kiosk's printer does not respond: nothing was printed. Send the "
                        "document by post or e-mail instead.",
                    )
            return QCoreApplication.translate(
                "Texts",
                "The kiosk's printer failed: nothing was printed. Send the document by post "
                "or e-mail instead.",
            )
        case PrintProblem.REFUSED:
            match exc.detail:
                case "too_large" | "too_many_pages" | "too_many_pixels":
                    return QCoreApplication.translate(
                        "Texts", "The kiosk refused this document: it is too large to print."
                    )
                case "unsupported_type" | "wrong_type" | "unreadable" | "encrypted" | "empty":
                    return QCoreApplication.translate(
                        "Texts",
                        "The kiosk could not read this document: choose a PDF or an image "
                        "(PNG, JPEG), not protected by a password.",
                    )
                case "busy":
                    return QCoreApplication.translate(
                        "Texts", "The kiosk is busy with another document: print again in a moment."
                    )
                case "interrupted" | "closed" | "cancelled" | "timeout":
                    return QCoreApplication.translate(
                        "Texts",
                        "The connection to the kiosk was interrupted during the sending: print "
                        "again.",
                    )
            return QCoreApplication.translate(
                "Texts", "The kiosk refused this document: nothing was printed."
            )


def call_heading(call: CallInfo, day: DayModel | None = None) -> str:
    """Who and why, the same in the ring, the call and the wrap-up: the
    reason the resident chose stays in sight once the call is accepted."""
    where = f"{call.commune} · {call.kiosk_name} · {call.service}"
    why = call_why(call, day)
    return f"{where}\n{why}" if why else where


def call_why(call: CallInfo, day: DayModel | None) -> str:
    """A booked resident's appointment, once: its time, their name and the
    purpose booked, as the queue shows them (the kiosk's reason for such a
    call is only « Rendez-vous »); else the reason chosen at the kiosk."""
    if call.appointment_id:
        booked = day.appointment(call.appointment_id) if day is not None else None
        if booked is not None:
            parts = [
                QCoreApplication.translate("Texts", "Appointment at %1").replace(
                    "%1", clock_text(booked.starts_at)
                ),
                booked.resident_name,
                booked.purpose,
            ]
            return " · ".join(part for part in parts if part)
        word = QCoreApplication.translate("Texts", "Appointment")
        if call.reason and call.reason.casefold() != word.casefold():
            return f"✔ {word} · {call.reason}"
        return f"✔ {word}"
    if call.reason:
        return QCoreApplication.translate("Texts", "Reason: %1").replace("%1", call.reason)
    return ""


def _state_word_of(value: str) -> str:
    try:
        return state_word(DeskState(value))
    except ValueError:
        return value


def duration(seconds: float) -> str:
    total = int(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def device_problem_text(problem: DeviceProblem) -> str:
    """The engine's device problem, in the agent's language (the technical
    detail stays in the log)."""
    cause = sound_fault_cause(problem)
    if cause is not None:
        return _sound_in_a_call(problem.fault, cause)
    # A kiosk's report may not name its camera: then the sentence names none.
    named = problem.device is not None
    match problem.fault:
        case DeviceFault.NO_CAMERA_FOUND:
            text = QCoreApplication.translate("Texts", "No camera was found on this computer.")
        case DeviceFault.CAMERA_NOT_PLUGGED if named:
            text = QCoreApplication.translate("Texts", "The camera %1 is not plugged in.")
        case DeviceFault.CAMERA_NOT_PLUGGED:
            text = QCoreApplication.translate("Texts", "The camera is not plugged in.")
        case DeviceFault.CAMERA_WONT_OPEN if named:
            text = QCoreApplication.translate(
                "Texts", "The camera %1 does not open: another program may be using it."
            )
        case DeviceFault.CAMERA_WONT_OPEN:
            text = QCoreApplication.translate(
                "Texts", "The camera does not open: another program may be using it."
            )
        case DeviceFault.CAMERA_NO_PICTURE if named:
            text = QCoreApplication.translate("Texts", "The camera %1 gives no picture.")
        case DeviceFault.CAMERA_NO_PICTURE:
            text = QCoreApplication.translate("Texts", "The camera gives no picture.")
        case DeviceFault.CAMERA_STOPPED if named:
            text = QCoreApplication.translate("Texts", "The camera %1 stopped responding.")
        case DeviceFault.CAMERA_STOPPED:
            text = QCoreApplication.translate("Texts", "The camera stopped responding.")
        case DeviceFault.CAMERA_UNSUPPORTED:
            text = QCoreApplication.translate(
                "Texts", "Cameras cannot be read on this computer (FFmpeg is missing)."
            )
        case _:
            text = problem.fault.value  # a sound fault: worded by sound_fault_cause
    return text.replace("%1", problem.device or "")


def sound_fault_cause(problem: DeviceProblem) -> str | None:
    """Why the sound fails, as words set inside a sentence (no capital, no
    full stop): the one wording of the cause, which a call follows with what
    it does about it (« du silence est envoyé ») and the hardware test with
    what to check.  None for a camera's fault: its sentence is whole."""
    device = problem.device
    match problem.fault:
        case DeviceFault.NO_PORTAUDIO | DeviceFault.NO_SOUNDDEVICE:
            return QCoreApplication.translate(
                "Texts", "sound is not installed on this computer (PortAudio)"
            )
        case DeviceFault.NO_AUDIO_SYSTEM:
            return QCoreApplication.translate("Texts", "no sound system answers")
        case DeviceFault.NO_AUDIO_DEVICE:
            return QCoreApplication.translate("Texts", "no sound device was found on this computer")
        case DeviceFault.AUDIO_WONT_OPEN if device is None:
            return QCoreApplication.translate("Texts", "the default sound device does not open")
        case DeviceFault.AUDIO_WONT_OPEN:
            text = QCoreApplication.translate("Texts", "the sound device %1 does not open")
        case DeviceFault.AUDIO_STOPPED if device is None:
            return QCoreApplication.translate(
                "Texts", "the default sound device stopped responding"
            )
        case DeviceFault.AUDIO_STOPPED:
            text = QCoreApplication.translate("Texts", "the sound device %1 stopped responding")
        # The engine names the chosen device here; a kiosk's wire text may not.
        case DeviceFault.AUDIO_MISSING_DEFAULT_USED if device is None:
            return QCoreApplication.translate("Texts", "the chosen sound device is absent")
        case DeviceFault.AUDIO_MISSING_DEFAULT_USED:
            text = QCoreApplication.translate("Texts", "the sound device %1 is absent")
        case DeviceFault.AUDIO_LOST_DEFAULT_USED if device is None:
            return QCoreApplication.translate("Texts", "the chosen sound device was lost")
        case DeviceFault.AUDIO_LOST_DEFAULT_USED:
            text = QCoreApplication.translate("Texts", "the sound device %1 was lost")
        case _:
            return None
    return text.replace("%1", device or "")


def _sound_in_a_call(fault: DeviceFault, cause: str) -> str:
    """The cause, then what the call does about it."""
    match fault:
        case DeviceFault.AUDIO_MISSING_DEFAULT_USED | DeviceFault.AUDIO_LOST_DEFAULT_USED:
            text = QCoreApplication.translate("Texts", "%1: the default one is used.")
        case DeviceFault.AUDIO_STOPPED:
            text = "%1."
        case _:
            text = QCoreApplication.translate("Texts", "%1: silence is sent.")
    return text.replace("%1", cause[:1].upper() + cause[1:])
