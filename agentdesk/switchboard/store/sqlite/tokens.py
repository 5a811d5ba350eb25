"""Refresh tokens, stored hashed, each in the family of one sign-in.

Each refresh gives a new token of the same family and revokes the one used.
A revoked token used again means it was copied: the whole family is revoked,
which also ends the sessions opened with the family's access tokens.
"""

from __future__ import annotations

import time

from ...auth import hash_token
from .base import SqliteBase


class SqliteTokens(SqliteBase):
    def add_refresh_token(self, token: str, login: str, ttl_s: float, family: str) -> None:
        now = time.time()
        with self.tx() as db:
            db.execute("DELETE FROM refresh_tokens WHERE expires_at < ?", (now,))
            db.execute(
                "INSERT INTO refresh_tokens VALUES (?, ?, ?, ?, 0, ?)",
                (hash_token(token), login, now, now + ttl_s, family),
            )

    def use_refresh_token(self, token: str) -> tuple[str, str] | None:
        """Revokes a valid refresh token and returns its (login, family), for
        the next one (rotation).  Reusing a revoked one revokes its family."""
        with self.tx() as db:
            row = db.execute(
                "SELECT login, expires_at, revoked, family FROM refresh_tokens"
                " WHERE token_sha256=?",
                (hash_token(token),),
            ).fetchone()
            if row is None or row["expires_at"] < time.time():
                return None
            family = row["family"] or hash_token(token)
            if row["revoked"]:
                db.execute("UPDATE refresh_tokens SET revoked=1 WHERE family=?", (family,))
                return None
            db.execute(
                "UPDATE refresh_tokens SET revoked=1 WHERE token_sha256=?", (hash_token(token),)
            )
            return str(row["login"]), str(family)

    def revoke_family(self, token: str) -> str | None:
        """Signs out the sign-in this refresh token belongs to; returns its family."""
        with self.tx() as db:
            row = db.execute(
                "SELECT family FROM refresh_tokens WHERE token_sha256=?", (hash_token(token),)
            ).fetchone()
            if row is None:
                return None
            family = row["family"] or hash_token(token)
            db.execute("UPDATE refresh_tokens SET revoked=1 WHERE family=?", (family,))
            db.execute(
                "UPDATE refresh_tokens SET revoked=1 WHERE token_sha256=?", (hash_token(token),)
            )
            return str(family)

    def family_alive(self, family: str) -> bool:
        """Whether a sign-in still holds an unrevoked, unexpired refresh token."""
        row = self._db.execute(
            "SELECT 1 FROM refresh_tokens WHERE family=? AND revoked=0 AND expires_at>=?",
            (family, time.time()),
        ).fetchone()
        return row is not None
