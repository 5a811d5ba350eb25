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
import dataclasses
from collections.abc import Callable

from aiohttp import web

from agentdesk.protocol import ErrorCode, ErrorReason, ProtocolError, Role

from .auth import Claims, TokenSigner
from .background import Background
from .live import Peer
from .store import Agent, Storage

# Close code of a session whose account or device token changed.
CLOSE_REVOKED = 4003


@dataclasses.dataclass(frozen=True, slots=True)
class Revoked:
    """Why a credential no longer stands: the error's reason, and a sentence for logs."""

    reason: ErrorReason
    message: str


class Credentials:
    def __init__(self, signer: TokenSigner, store: Storage) -> None:
        self.signer = signer
        self.store = store

    def staff(self, token: str) -> tuple[Claims, Agent]:
        """The claims and current account of an access token; unauthorized if
        either no longer stands."""
        claims = self.signer.verify(token)
        if claims is None:
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED,
                "invalid or expired access token",
                reason=ErrorReason.TOKEN_EXPIRED,
            )
        refused = self._refused(claims)
        if isinstance(refused, Revoked):
            raise ProtocolError(ErrorCode.UNAUTHORIZED, refused.message, reason=refused.reason)
        return claims, refused

    def _refused(self, claims: Claims) -> Agent | Revoked:
        agent = self.store.agent(claims.sub)
        if agent is None or agent.disabled:
            return Revoked(
                ErrorReason.ACCOUNT_DISABLED, "this account is disabled or no longer exists"
            )
        if agent.role is not claims.role or agent.agency_id != claims.agency:
            return Revoked(ErrorReason.ACCOUNT_CHANGED, "this account changed: sign in again")
        if claims.fam is not None and not self.store.family_alive(claims.fam):
            return Revoked(ErrorReason.SIGNED_OUT, "signed out: sign in again")
        return agent

    def bearer(self, request: web.Request) -> tuple[Claims, Agent]:
        """A request's ``Authorization: Bearer`` token, checked like ``staff``."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ProtocolError(
                ErrorCode.UNAUTHORIZED,
                "send Authorization: Bearer <access token>",
                reason=ErrorReason.TOKEN_EXPIRED,
            )
        return self.staff(token.strip())

    def supervisor(self, request: web.Request) -> Claims:
        """A request's ``Authorization: Bearer`` token, if a supervisor's."""
        claims, agent = self.bearer(request)
        if agent.role is not Role.SUPERVISOR:
            raise ProtocolError(
                ErrorCode.FORBIDDEN, "supervisors only", reason=ErrorReason.WRONG_ROLE
            )
        return claims

    def revoked(self, peer: Peer) -> Revoked | None:
        """Why an open session no longer stands, or None."""
        if peer.role is Role.KIOSK:
            kiosk = self.store.kiosk(peer.identity)
            if kiosk is None or kiosk.token_sha256 != peer.credential:
                return Revoked(
                    ErrorReason.DEVICE_TOKEN_RENEWED,
                    "this kiosk's device token was renewed or revoked",
                )
            return None
        if peer.claims is None:
            return None
        refused = self._refused(peer.claims)
        return refused if isinstance(refused, Revoked) else None


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
