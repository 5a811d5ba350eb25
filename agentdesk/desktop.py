"""``agentdesk`` / ``agentdesk app``: the agent's desktop app with its real parts.

The composition root: the widgets (agentdesk.ui) get the switchboard client,
the camera and the call engine through the station's DeskBackend, so that no
widget imports a network or media library.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from agentdesk.desk import Settings
from agentdesk.memory import limit_malloc_arenas
from agentdesk.station.backend import DeskBackend
from agentdesk.ui import app


def backend_factory(
    allowed_addresses: Sequence[str] | None, camera: str | None
) -> app.BackendFactory:
    def build(settings: Settings) -> app.Backend:
        return DeskBackend(settings, allowed_addresses=allowed_addresses, camera_device=camera)

    return build


def main(
    argv: list[str],
    *,
    auto_sign_in: app.AutoSignIn | None = None,
    build_backend: app.BackendFactory | None = None,
) -> int:
    """``build_backend`` replaces the real backend (bench/desk.py wraps it)."""
    parser = argparse.ArgumentParser(prog="agentdesk app", add_help=False)
    parser.add_argument(
        "--ice-address",
        action="append",
        help="offer only this local address to the kiosks for media (repeatable); "
        "for a PC with a VPN interface that must not carry calls",
    )
    parser.add_argument("--camera", help='camera device, or "testsrc" for the test pattern')
    ours, rest = parser.parse_known_args(argv)
    limit_malloc_arenas()
    if "-h" in rest or "--help" in rest:
        parser.print_help()
    return app.main(
        rest,
        backend_factory=build_backend or backend_factory(ours.ice_address, ours.camera),
        auto_sign_in=auto_sign_in,
    )
