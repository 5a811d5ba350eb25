"""Credentials that follow the account: every request and every open session
is checked against the account as it is now, not as it was when the access
token was signed.

An access token stands while its signature and expiry hold, the account
exists, is enabled, has the token's role and agency, and the sign-in (the
family of refresh tokens it came with) was not signed out.  A kiosk's
session stands while its device token is the kiosk's current one.  Admin
commands change the store from another process: ``AccountWatch`` notices
and ends the sessions that no longer stand, within ``every_s``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiohttp import web

from agentdesk.protocol import ErrorCode, ProtocolError, Role

from .auth import Claims, TokenSigner
from .background import Background
from .live import Peer
from .store import Agent, Storage

# Close code of a session whose account or device token changed.
CLOSE_REVOKED = 4003


class Credentials:
    def __init__(self, signer: TokenSigner, store: Storage) -> None:
        self.signer = signer
        self.store = store

    def staff(self, token: str) -> tuple[Claims, Agent]:
        """The claims and current account of an access token; unauthorized if
        either no longer stands."""
        claims = self.signer.verify(token)
        if claims is None:
            raise ProtocolError(ErrorCode.UNAUTHORIZED, "invalid or expired access token")
        reason = self._refused(claims)
        if isinstance(reason, str):
            raise ProtocolError(ErrorCode.UNAUTHORIZED, reason)
        return claims, reason

    def _refused(self, claims: Claims) -> Agent | str:
        agent = self.store.agent(claims.sub)
        if agent is None or agent.disabled:
            return "this account is disabled or no longer exists"
        if agent.role is not claims.role or agent.agency_id != claims.agency:
            return "this account changed: sign in again"
        if claims.fam is not None and not self.store.family_alive(claims.fam):
            return "signed out: sign in again"
        return agent

    def bearer(self, request: web.Request) -> tuple[Claims, Agent]:
        """A request's ``Authorization: Bearer`` token, checked like ``staff``."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ProtocolError(ErrorCode.UNAUTHORIZED, "send Authorization: Bearer <access token>")
        return self.staff(token.strip())

    def supervisor(self, request: web.Request) -> Claims:
        """A request's ``Authorization: Bearer`` token, if a supervisor's."""
        claims, agent = self.bearer(request)
        if agent.role is not Role.SUPERVISOR:
            raise ProtocolError(ErrorCode.FORBIDDEN, "supervisors only")
        return claims

    def revoked(self, peer: Peer) -> str | None:
        """Why an open session no longer stands, or None."""
        if peer.role is Role.KIOSK:
            kiosk = self.store.kiosk(peer.identity)
            if kiosk is None or kiosk.token_sha256 != peer.credential:
                return "this kiosk's device token was renewed or revoked"
            return None
        if peer.claims is None:
            return None
        reason = self._refused(peer.claims)
        return reason if isinstance(reason, str) else None


class AccountWatch:
    """Polls the store for changes made by admin commands, and then has the
    open sessions checked (``audit``)."""

    def __init__(self, store: Storage, audit: Callable[[], None], every_s: float = 0.5) -> None:
        self.store = store
        self.audit = audit
        self.every_s = every_s
        self._task = Background()

    def start(self) -> None:
        self.store.changed_elsewhere()
        self._task.start(self._run())

    async def stop(self) -> None:
        await self._task.stop()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every_s)
            if self.store.changed_elsewhere():
                self.audit()
