"""ICE candidates restricted to allowed addresses, and ICE servers from the switchboard.

aioice picks host candidates itself (``aioice.ice.get_host_addresses``): every
address of every interface except 127.0.0.1, with no setting to change it.
Tests, benchmarks and the demo must talk to 127.0.0.1 only, and an agent's PC
with a VPN interface should not offer that interface.  So the engine wraps
that function once (:func:`install`, idempotent): inside
:func:`allowed_addresses` the wrapper returns exactly the configured
addresses; outside it (or with ``None``) aioice's own choice is kept.

The restriction lives in a context variable, so two peer connections in one
process (a session and a bare aiortc benchmark, say) each get their own.
Gathering runs inside ``setLocalDescription``, which is where the session
enters the scope.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
from collections.abc import Callable, Iterator, Sequence

import aioice.ice
from aiortc import RTCIceServer

from agentdesk.protocol import IceServer

LOOPBACK: tuple[str, ...] = ("127.0.0.1",)

_allowed: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "agentdesk_ice_allowed_addresses", default=None
)
_MARK = "_agentdesk_restricted"


def validate_addresses(addresses: Sequence[str] | None) -> tuple[str, ...] | None:
    """Checks a configured allow-list; raises ValueError with a readable sentence."""
    if addresses is None:
        return None
    if isinstance(addresses, str):
        raise ValueError("allowed ICE addresses must be a list of IP addresses, not one string")
    checked = []
    for address in addresses:
        try:
            checked.append(str(ipaddress.ip_address(address)))
        except ValueError:
            raise ValueError(f"allowed ICE address {address!r} is not an IP address") from None
    if not checked:
        raise ValueError("the allowed ICE address list is empty: no candidate could be offered")
    return tuple(checked)


def install() -> None:
    """Wraps aioice's host-address lookup once per process; later calls do nothing."""
    current = aioice.ice.get_host_addresses
    if getattr(current, _MARK, False):
        return
    original: Callable[[bool, bool], list[str]] = current

    def host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        allowed = _allowed.get()
        if allowed is None:
            return original(use_ipv4, use_ipv6)
        result = []
        for address in allowed:
            version = ipaddress.ip_address(address).version
            if (version == 4 and use_ipv4) or (version == 6 and use_ipv6):
                result.append(address)
        return result

    setattr(host_addresses, _MARK, True)
    aioice.ice.get_host_addresses = host_addresses


@contextlib.contextmanager
def allowed_addresses(addresses: Sequence[str] | None) -> Iterator[None]:
    """Host candidates gathered inside this block use only ``addresses`` (None: aioice's)."""
    install()
    token = _allowed.set(validate_addresses(addresses))
    try:
        yield
    finally:
        _allowed.reset(token)


def rtc_ice_servers(servers: Sequence[IceServer | RTCIceServer]) -> list[RTCIceServer]:
    """The switchboard's ICE servers as aiortc wants them.

    An empty list stays empty: aiortc would otherwise fall back to a public
    STUN server, and traffic must stay where it is configured to go.
    """
    result = []
    for server in servers:
        if isinstance(server, RTCIceServer):
            result.append(server)
        else:
            result.append(
                RTCIceServer(
                    urls=server.urls, username=server.username, credential=server.credential
                )
            )
    return result


def candidate_addresses(sdp: str) -> list[str]:
    """Connection addresses of every ``a=candidate`` line of an SDP (for checks and tests)."""
    found = []
    for line in sdp.splitlines():
        if line.startswith("a=candidate:"):
            parts = line.split()
            if len(parts) > 4:
                found.append(parts[4])
    return found
