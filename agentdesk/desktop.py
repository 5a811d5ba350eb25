"""``agentdesk`` / ``agentdesk app``: the agent's desktop app with its real parts.

The composition root: the widgets (agentdesk.ui) get the switchboard client,
the camera and the call engine through the station's DeskBackend, so that no
widget imports a network or media library.
"""

from __future__ import annotations

import argparse
import ssl
from collections.abc import Sequence
from pathlib import Path

from agentdesk.client.health import check_switchboard
from agentdesk.client.tls import trust_context
from agentdesk.desk import DeskSettings
from agentdesk.desk.machine import MachineProblem, MachineSetup, load_machine_config
from agentdesk.memory import limit_malloc_arenas
from agentdesk.station.backend import DeskBackend
from agentdesk.ui import app


def backend_factory(
    allowed_addresses: Sequence[str] | None,
    camera: str | None,
    ssl_context: ssl.SSLContext | None = None,
) -> app.BackendFactory:
    def build(settings: DeskSettings) -> app.Backend:
        return DeskBackend(
            settings,
            allowed_addresses=allowed_addresses,
            camera_device=camera,
            ssl_context=ssl_context,
        )

    return build


def trust(machine: MachineSetup) -> tuple[ssl.SSLContext, MachineSetup]:
    """The TLS trust the machine configuration asks for; an authority file that
    does not load is reported, and the public ones still apply."""
    ca_file = machine.config.ca_file
    try:
        return trust_context(Path(ca_file) if ca_file else None), machine
    except (OSError, ssl.SSLError) as exc:
        reported = MachineSetup(machine.config, machine.path, MachineProblem.CA_FILE, str(exc))
        return trust_context(None), reported


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
    context, machine = trust(load_machine_config())

    async def check_server(url: str) -> None:
        await check_switchboard(url, context)

    return app.main(
        rest,
        backend_factory=build_backend or backend_factory(ours.ice_address, ours.camera, context),
        auto_sign_in=auto_sign_in,
        machine=machine,
        check_server=None if auto_sign_in else check_server,
        ssl_context=context,
    )
