"""What can go wrong at the desk, as kinds the interface turns into sentences.

The core never builds user-facing text: it names the problem with an Enum and
the UI translates it, so French and English come from one catalogue.
"""

from __future__ import annotations

import enum
import ssl

from agentdesk.protocol import ErrorCode, ProtocolError


class DeskError(Exception):
    """Base of every error the desk reports to the agent."""


class StepError(DeskError):
    """An action that does not fit the current state; nothing was sent."""

    def __init__(self, action: str, state: str, detail: str = "") -> None:
        suffix = f": {detail}" if detail else ""
        super().__init__(f"{action} is not possible while {state}{suffix}")
        self.action = action
        self.state = state
        self.detail = detail


class ActionRejected(DeskError):
    """The switchboard answered with an error code."""

    def __init__(self, code: ErrorCode, message: str, reason: str | None = None) -> None:
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message
        self.reason = reason
        """The error's ``reason`` (an ``ErrorReason`` value, or one this version does not know)."""


class ConnectionLost(DeskError):
    """The request could not reach the switchboard (the client keeps retrying)."""


class PrintProblem(enum.Enum):
    REFUSED = "refused"
    """The kiosk refused the document; ``detail`` is its refusal reason (doc_refused)."""
    NOT_CONFIRMED = "not_confirmed"
    """No word of the job from the kiosk in time."""
    PRINTER_FAILED = "printer_failed"
    """The kiosk's printer failed; ``detail`` is its report (``out_of_paper: …``)."""


class PrintFailed(DeskError):
    """A print job did not come out at the kiosk."""

    def __init__(self, problem: PrintProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail

    @property
    def printer_state(self) -> str:
        """The printer's state code, as in device_status (``out_of_paper``…)."""
        return self.detail.split(":", 1)[0].strip()


class SignInProblem(enum.Enum):
    WRONG_PASSWORD = "wrong_password"
    UNREACHABLE = "unreachable"
    CERTIFICATE = "certificate"
    EXPIRED_SESSION = "expired_session"
    SERVER_ERROR = "server_error"
    BAD_ADDRESS = "bad_address"
    MISSING_FIELDS = "missing_fields"
    NOT_AVAILABLE = "not_available"
    """The app was built without a switchboard client (a wiring problem)."""
    ACCOUNT_DISABLED = "account_disabled"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    """Failed logins from here: ``retry_after_s`` says when to try again."""
    SESSION_ENDED = "session_ended"
    """The switchboard closed the session (close 4003): ``reason`` says why if known."""


class SignInError(DeskError):
    def __init__(
        self,
        problem: SignInProblem,
        detail: str = "",
        *,
        reason: str | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
        self.reason = reason
        self.retry_after_s = retry_after_s


# The client's failure kinds (``agentdesk.client.auth.AuthFailure``) by value, so
# the core does not import the client (it depends on aiohttp).
_FAILURE_VALUES = {
    "bad_credentials": SignInProblem.WRONG_PASSWORD,
    "expired": SignInProblem.EXPIRED_SESSION,
    "unreachable": SignInProblem.UNREACHABLE,
    "certificate": SignInProblem.CERTIFICATE,
    "server_error": SignInProblem.SERVER_ERROR,
    "account_disabled": SignInProblem.ACCOUNT_DISABLED,
    "rate_limited": SignInProblem.TOO_MANY_ATTEMPTS,
}


def classify_sign_in(exc: BaseException, *, resuming: bool = False) -> SignInError:
    """Name the problem behind any exception raised while signing in.

    ``resuming`` tells a refused saved session (expired) from a refused password.
    """
    if isinstance(exc, SignInError):
        return exc
    failure = getattr(exc, "failure", None)
    value = getattr(failure, "value", None)
    if isinstance(value, str) and value in _FAILURE_VALUES:
        problem = _FAILURE_VALUES[value]
        if resuming and problem is SignInProblem.WRONG_PASSWORD:
            problem = SignInProblem.EXPIRED_SESSION
        retry = getattr(exc, "retry_after_s", None)
        return SignInError(
            problem,
            str(exc),
            reason=getattr(exc, "reason", None),
            retry_after_s=retry if isinstance(retry, float | int) else None,
        )
    if isinstance(exc, ProtocolError) and exc.code in (ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN):
        return SignInError(
            SignInProblem.EXPIRED_SESSION if resuming else SignInProblem.WRONG_PASSWORD, str(exc)
        )
    if isinstance(exc, ssl.SSLCertVerificationError | ssl.CertificateError):
        return SignInError(SignInProblem.CERTIFICATE, str(exc))
    if isinstance(exc, ssl.SSLError):
        return SignInError(SignInProblem.CERTIFICATE, str(exc))
    if isinstance(exc, TimeoutError | ConnectionError | OSError):
        return SignInError(SignInProblem.UNREACHABLE, str(exc) or type(exc).__name__)
    if isinstance(exc, ValueError):
        return SignInError(SignInProblem.BAD_ADDRESS, str(exc))
    return SignInError(SignInProblem.SERVER_ERROR, f"{type(exc).__name__}: {exc}")
