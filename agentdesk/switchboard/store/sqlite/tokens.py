"""Refresh tokens, stored hashed."""

from __future__ import annotations

import time

from ...auth import hash_token
from .base import SqliteBase


class SqliteTokens(SqliteBase):
    def add_refresh_token(self, token: str, login: str, ttl_s: float) -> None:
        now = time.time()
        with self.tx() as db:
            db.execute("DELETE FROM refresh_tokens WHERE expires_at < ?", (now,))
            db.execute(
                "INSERT INTO refresh_tokens VALUES (?, ?, ?, ?, 0)",
                (hash_token(token), login, now, now + ttl_s),
            )

    def use_refresh_token(self, token: str) -> str | None:
        """Revokes a valid refresh token and returns its login (rotation)."""
        with self.tx() as db:
            row = db.execute(
                "SELECT login, expires_at, revoked FROM refresh_tokens WHERE token_sha256=?",
                (hash_token(token),),
            ).fetchone()
            if row is None or row["revoked"] or row["expires_at"] < time.time():
                return None
            db.execute(
                "UPDATE refresh_tokens SET revoked=1 WHERE token_sha256=?", (hash_token(token),)
            )
            return str(row["login"])
