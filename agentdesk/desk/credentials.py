"""'Stay signed in': the refresh token in the system keyring, never in a file.

Where no usable keyring exists (headless Linux, a locked or null backend) the
store says so, and the app asks for the password each time.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from typing import Any

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "agentdesk"


class CredentialProblem(enum.Enum):
    NO_KEYRING = "no_keyring"
    """No usable backend is installed (fail or null backend)."""
    KEYRING_REFUSED = "keyring_refused"
    """The backend refused or failed (locked, denied)."""


@dataclasses.dataclass(frozen=True, slots=True)
class StoreResult:
    stored: bool
    problem: CredentialProblem | None = None
    detail: str = ""


def _unusable(backend: Any) -> bool:
    from keyring.backends import fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    # A chainer with nothing in it behaves like the fail backend.
    backends = getattr(backend, "backends", None)
    return isinstance(backends, list) and not backends


class CredentialStore:
    """Refresh tokens per (server, login) in the keyring."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service

    @staticmethod
    def _user(server_url: str, login: str) -> str:
        return f"{login}@{server_url}"

    def available(self) -> bool:
        return not _unusable(keyring.get_keyring())

    def store(self, server_url: str, login: str, refresh_token: str) -> StoreResult:
        backend = keyring.get_keyring()
        if _unusable(backend):
            return StoreResult(False, CredentialProblem.NO_KEYRING, type(backend).__module__)
        try:
            backend.set_password(self._service, self._user(server_url, login), refresh_token)
        except Exception as exc:
            # Never say what the token was; only that storing failed.
            log.warning("keyring refused the token: %s", type(exc).__name__)
            return StoreResult(False, CredentialProblem.KEYRING_REFUSED, type(exc).__name__)
        return StoreResult(True)

    def load(self, server_url: str, login: str) -> str | None:
        backend = keyring.get_keyring()
        if _unusable(backend):
            return None
        try:
            token = backend.get_password(self._service, self._user(server_url, login))
        except Exception as exc:
            log.warning("keyring could not be read: %s", type(exc).__name__)
            return None
        return token or None

    def forget(self, server_url: str, login: str) -> None:
        backend = keyring.get_keyring()
        if _unusable(backend):
            return
        try:
            backend.delete_password(self._service, self._user(server_url, login))
        except keyring.errors.PasswordDeleteError:
            pass
        except Exception as exc:
            log.warning("keyring could not forget the token: %s", type(exc).__name__)
