"""Signing in: password or saved session, and remembering the choice."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
from typing import Protocol

import msgspec

from agentdesk.protocol.http import TokenResponse

from .credentials import CredentialStore, StoreResult
from .errors import SignInError, SignInProblem, classify_sign_in
from .settings import DeskSettings, SettingsStore

log = logging.getLogger(__name__)

_URL = re.compile(r"^(wss?|https?)://[^\s/]+(/\S*)?$")


class Authenticator(Protocol):
    """The switchboard's sign-in API; exceptions are named by ``classify_sign_in``."""

    async def sign_in(self, server_url: str, login: str, password: str) -> TokenResponse: ...

    async def resume(self, server_url: str, refresh_token: str) -> TokenResponse: ...


@dataclasses.dataclass(frozen=True, slots=True)
class SignedIn:
    server_url: str
    login: str
    tokens: TokenResponse
    remembered: StoreResult | None
    """None when the agent did not ask to stay signed in."""


class SignInFlow:
    def __init__(
        self,
        authenticator: Authenticator,
        credentials: CredentialStore,
        settings_store: SettingsStore,
        settings: DeskSettings,
    ) -> None:
        self._auth = authenticator
        self._credentials = credentials
        self._store = settings_store
        self.settings = settings

    @property
    def can_remember(self) -> bool:
        return self._credentials.available()

    async def sign_in(
        self, server_url: str, login: str, password: str, stay_signed_in: bool
    ) -> SignedIn:
        server_url, login = server_url.strip(), login.strip()
        if not server_url or not login or not password:
            raise SignInError(SignInProblem.MISSING_FIELDS)
        if not _URL.match(server_url):
            raise SignInError(SignInProblem.BAD_ADDRESS, server_url)
        try:
            tokens = await self._auth.sign_in(server_url, login, password)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            raise classify_sign_in(exc) from exc
        remembered: StoreResult | None = None
        if stay_signed_in:
            remembered = self._credentials.store(server_url, login, tokens.refresh_token)
        else:
            self._credentials.forget(server_url, login)
        self._remember_settings(server_url, login, stay_signed_in)
        log.info("signed in as %s", login)
        return SignedIn(server_url, login, tokens, remembered)

    async def resume(self) -> SignedIn | None:
        """Sign in again with the saved session, if there is one.

        A refused session is forgotten and reported as EXPIRED_SESSION."""
        server_url, login = self.settings.server_url, self.settings.last_login
        if not (self.settings.stay_signed_in and server_url and login):
            return None
        token = self._credentials.load(server_url, login)
        if token is None:
            return None
        try:
            tokens = await self._auth.resume(server_url, token)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = classify_sign_in(exc, resuming=True)
            if error.problem is SignInProblem.EXPIRED_SESSION:
                self._credentials.forget(server_url, login)
            raise error from exc
        # Refresh tokens may rotate: keep the newest.
        remembered = self._credentials.store(server_url, login, tokens.refresh_token)
        return SignedIn(server_url, login, tokens, remembered)

    def sign_out(self) -> None:
        if self.settings.server_url and self.settings.last_login:
            self._credentials.forget(self.settings.server_url, self.settings.last_login)
        self.settings = msgspec.structs.replace(self.settings, stay_signed_in=False)
        self._save()

    def _remember_settings(self, server_url: str, login: str, stay: bool) -> None:
        self.settings = msgspec.structs.replace(
            self.settings, server_url=server_url, last_login=login, stay_signed_in=stay
        )
        self._save()

    def _save(self) -> None:
        try:
            self._store.save(self.settings)
        except OSError as exc:
            log.warning("settings could not be saved: %s", exc)
