"""Passwords, device tokens and signed access tokens.

Access tokens are stateless: ``v1.<payload>.<HMAC-SHA256>`` (base64url), with
the login, role, agency and expiry inside.  The signing key lives in the
database (generated at first start), so tokens survive a restart and every
process sharing the file accepts them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

import msgspec

from agentdesk.protocol import Role

# scrypt cost: about 16 MiB and a few tens of ms per hash here; logins run it
# in a worker thread so the event loop never waits for it.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(stored: str, password: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        computed = hashlib.scrypt(
            password.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest) // 2,
            maxmem=256 * 1024 * 1024,
        )
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def hash_token(token: str) -> str:
    """Device and refresh tokens are 32 random bytes: a plain SHA-256 is enough."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(stored_sha256: str, token: str) -> bool:
    return hmac.compare_digest(stored_sha256, hash_token(token))


class Claims(msgspec.Struct, kw_only=True):
    sub: str
    role: Role
    agency: str
    iat: float
    exp: float
    fam: str | None = None
    """The sign-in (refresh token family) the token came with: signing out
    ends it.  None only for tokens issued without one (the load benchmark)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSigner:
    def __init__(self, secret: bytes, access_ttl_s: float = 900.0) -> None:
        self._secret = secret
        self.access_ttl_s = access_ttl_s
        self._decoder = msgspec.json.Decoder(Claims)

    def issue(
        self,
        login: str,
        role: Role,
        agency: str,
        now: float | None = None,
        family: str | None = None,
    ) -> str:
        now = time.time() if now is None else now
        claims = Claims(
            sub=login, role=role, agency=agency, iat=now, exp=now + self.access_ttl_s, fam=family
        )
        payload = _b64(msgspec.json.encode(claims))
        return f"v1.{payload}.{self._sign(payload)}"

    def verify(self, token: str, now: float | None = None) -> Claims | None:
        """The token's claims if it is ours and not expired, else None."""
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != "v1":
            return None
        if not hmac.compare_digest(self._sign(parts[1]), parts[2]):
            return None
        try:
            claims = self._decoder.decode(_unb64(parts[1]))
        except (ValueError, msgspec.DecodeError):
            return None
        if claims.exp < (time.time() if now is None else now):
            return None
        return claims

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._secret, payload.encode(), hashlib.sha256).digest())
