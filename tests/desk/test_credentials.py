"""'Stay signed in' with the keyring.

This machine has no keyring backend (headless Linux), so the tests install
their own: a small in-memory backend, the fail backend, and a locked one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from agentdesk.desk import CredentialProblem, CredentialStore

SERVER = "wss://standard.cantal.fr/api/v1/ws"


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError(username)
        del self.items[(service, username)]


class LockedKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_stores_and_loads_the_token(restore_keyring: None, tmp_path: Path) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    store = CredentialStore()
    assert store.available()
    result = store.store(SERVER, "agent.dupont", "refresh-123")
    assert result.stored and result.problem is None
    assert store.load(SERVER, "agent.dupont") == "refresh-123"
    store.forget(SERVER, "agent.dupont")
    assert store.load(SERVER, "agent.dupont") is None
    store.forget(SERVER, "agent.dupont")  # twice is harmless


def test_fail_backend_is_reported(restore_keyring: None) -> None:
    keyring.set_keyring(fail.Keyring())
    store = CredentialStore()
    assert not store.available()
    result = store.store(SERVER, "agent.dupont", "refresh-123")
    assert not result.stored and result.problem is CredentialProblem.NO_KEYRING
    assert store.load(SERVER, "agent.dupont") is None


def test_locked_backend_is_reported(restore_keyring: None) -> None:
    keyring.set_keyring(LockedKeyring())
    result = CredentialStore().store(SERVER, "agent.dupont", "refresh-123")
    assert not result.stored and result.problem is CredentialProblem.KEYRING_REFUSED
