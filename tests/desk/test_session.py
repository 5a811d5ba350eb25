"""Signing in: the flow around the authenticator, settings and keyring.

The authenticator here stands in for the switchboard's HTTP sign-in API (built
in parallel); it raises the same kinds of failure the lead's client raises.
The keyring is an in-memory backend: this machine has none.
"""

from __future__ import annotations

import dataclasses
import enum
import ssl
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from agentdesk.desk import (
    CredentialProblem,
    CredentialStore,
    SettingsStore,
    SignInError,
    SignInFlow,
    SignInProblem,
)

from .test_credentials import MemoryKeyring

SERVER = "wss://standard.cantal.fr/api/v1/ws"


@dataclasses.dataclass
class FakeTokens:
    access_token: str
    refresh_token: str
    expires_in: float = 900.0
    role: str = "agent"


class Failure(enum.Enum):  # same values as agentdesk.client.auth.AuthFailure
    BAD_CREDENTIALS = "bad_credentials"
    EXPIRED = "expired"


class AuthError(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.value)
        self.failure = failure


class Authenticator:
    def __init__(self) -> None:
        self.refresh_ok = True
        self.raise_on_sign_in: Exception | None = None

    async def sign_in(self, server_url: str, login: str, password: str) -> FakeTokens:
        if self.raise_on_sign_in is not None:
            raise self.raise_on_sign_in
        if password != "secret":
            raise AuthError(Failure.BAD_CREDENTIALS)
        return FakeTokens("access-1", "refresh-1")

    async def resume(self, server_url: str, refresh_token: str) -> FakeTokens:
        if not self.refresh_ok or refresh_token != "refresh-1":
            raise AuthError(Failure.BAD_CREDENTIALS)
        return FakeTokens("access-2", "refresh-2")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def make_flow(tmp_path: Path, auth: Authenticator) -> SignInFlow:
    store = SettingsStore(tmp_path)
    return SignInFlow(auth, CredentialStore(), store, store.load().settings)


async def test_sign_in_remembers_and_resumes(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    auth = Authenticator()
    signed = await make_flow(tmp_path, auth).sign_in(SERVER, "agent.dupont", "secret", True)
    assert signed.remembered is not None and signed.remembered.stored
    # Never in a file: the settings file has no token.
    assert "refresh-1" not in (tmp_path / "settings.json").read_text()
    again = make_flow(tmp_path, auth)
    assert again.settings.last_login == "agent.dupont"
    resumed = await again.resume()
    assert resumed is not None and resumed.tokens.access_token == "access-2"
    assert CredentialStore().load(SERVER, "agent.dupont") == "refresh-2"


async def test_wrong_password(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(SignInError) as info:
        await make_flow(tmp_path, Authenticator()).sign_in(SERVER, "agent.dupont", "nope", True)
    assert info.value.problem is SignInProblem.WRONG_PASSWORD


async def test_expired_saved_session_is_forgotten(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    auth = Authenticator()
    await make_flow(tmp_path, auth).sign_in(SERVER, "agent.dupont", "secret", True)
    auth.refresh_ok = False
    with pytest.raises(SignInError) as info:
        await make_flow(tmp_path, auth).resume()
    assert info.value.problem is SignInProblem.EXPIRED_SESSION
    assert CredentialStore().load(SERVER, "agent.dupont") is None


@pytest.mark.parametrize(
    ("exc", "problem"),
    [
        (ConnectionRefusedError(111, "refused"), SignInProblem.UNREACHABLE),
        (TimeoutError(), SignInProblem.UNREACHABLE),
        (ssl.SSLCertVerificationError("self-signed"), SignInProblem.CERTIFICATE),
    ],
)
async def test_network_problems_are_named(
    tmp_path: Path, memory_keyring: MemoryKeyring, exc: Exception, problem: SignInProblem
) -> None:
    auth = Authenticator()
    auth.raise_on_sign_in = exc
    with pytest.raises(SignInError) as info:
        await make_flow(tmp_path, auth).sign_in(SERVER, "agent.dupont", "secret", False)
    assert info.value.problem is problem


async def test_bad_input_is_refused_before_any_request(tmp_path: Path) -> None:
    flow = make_flow(tmp_path, Authenticator())
    with pytest.raises(SignInError) as info:
        await flow.sign_in("", "agent.dupont", "secret", False)
    assert info.value.problem is SignInProblem.MISSING_FIELDS
    with pytest.raises(SignInError) as info:
        await flow.sign_in("standard.cantal.fr", "agent.dupont", "secret", False)
    assert info.value.problem is SignInProblem.BAD_ADDRESS


async def test_no_keyring_says_it_did_not_remember(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        flow = make_flow(tmp_path, Authenticator())
        assert not flow.can_remember
        signed = await flow.sign_in(SERVER, "agent.dupont", "secret", True)
        assert signed.remembered is not None and not signed.remembered.stored
        assert signed.remembered.problem is CredentialProblem.NO_KEYRING
        assert await make_flow(tmp_path, Authenticator()).resume() is None
    finally:
        keyring.set_keyring(previous)
