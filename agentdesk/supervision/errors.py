"""Why a supervision request failed, so a person can be told what to do."""

from __future__ import annotations

import enum


class Problem(enum.Enum):
    FORBIDDEN = "forbidden"
    """The switchboard says this account may not see that (not a supervisor,
    another agency)."""
    UNAUTHORIZED = "unauthorized"
    """The session expired: sign in again."""
    UNREACHABLE = "unreachable"
    REFUSED = "refused"
    """The switchboard refused the request (bad input); ``detail`` says why."""
    BAD_REPLY = "bad_reply"


class SupervisionError(Exception):
    def __init__(
        self, problem: Problem, detail: str, *, code: str = "", reason: str | None = None
    ) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail
        self.code = code
        """The switchboard's error code and reason, when it refused."""
        self.reason = reason
