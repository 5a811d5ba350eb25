"""The agent's app as a process of its own, signed in at start-up.

``agentdesk.desktop.main``, as the ``agentdesk`` command and the demo start
it, offscreen, signed in as the demo signs its agent in (no keyring on this
machine to resume a session from), answering calls by itself (the agent's
« auto-accept » setting); FFmpeg's test pattern for a camera, ICE on
127.0.0.1.  Its settings and logs in ``folder``, its stderr in
``folder / "app.err"``."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from agentdesk.desk import DeskSettings, SettingsStore
from tests.support.processes import own_home
from tests.support.switchboard import PASSWORD, SwitchboardProcess

SIGNED_IN_APP = (
    "import sys\n"
    "from agentdesk import desktop\n"
    "from agentdesk.ui.app import AutoSignIn\n"
    "url, login, password, *argv = sys.argv[1:]\n"
    "sys.exit(desktop.main(argv, auto_sign_in=AutoSignIn(url, login, password)))\n"
)


async def start_signed_in_app(
    sb: SwitchboardProcess,
    folder: Path,
    *,
    login: str = "agent.caf",
    before: str = "",
    env: dict[str, str] | None = None,
) -> asyncio.subprocess.Process:
    """``before``: Python run in the app's process before the app (a test's
    hand on its widgets); ``env``: more environment for it."""
    config = folder / "app-config"
    SettingsStore(config).save(
        DeskSettings(server_url=sb.url, auto_accept=True, auto_available=True, devices_checked=True)
    )
    environment = own_home(
        folder, AGENTDESK_MACHINE_CONFIG=str(folder / "absent.toml"), **(env or {})
    )
    with open(folder / "app.err", "w") as stderr:  # noqa: ASYNC230 - opening is instant
        return await asyncio.create_subprocess_exec(
            sys.executable, "-c", before + SIGNED_IN_APP, sb.url, login, PASSWORD,
            "--config-dir", str(config), "--log-dir", str(folder / "app-logs"),
            "--camera", "testsrc", "--ice-address", "127.0.0.1",
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=stderr,
            env=environment,
        )  # fmt: skip
