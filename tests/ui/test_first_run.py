"""First start: preconfigured by the IT team (straight to sign-in), or the
first-run page that checks the address against a real switchboard."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from agentdesk.client.health import check_switchboard
from agentdesk.desk import DeskSettings, SettingsStore
from agentdesk.desk.machine import MachineConfig, MachineProblem, MachineSetup
from agentdesk.ui import app
from agentdesk.ui.first_run import FirstRunDialog
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.main_window import MainWindow
from tests.support.switchboard import start_switchboard
from tests.ui.real_app import Backends, look_then_close


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _until(predicate: Any, within: float = 20.0) -> None:
    async with asyncio.timeout(within):
        while not predicate():  # noqa: ASYNC110 - widget text has no awaitable event
            await asyncio.sleep(0.02)


def test_first_run_checks_the_address_before_accepting_it(
    loop: asyncio.AbstractEventLoop, qtbot: Any, db: Path, accounts: Any,
    french: LanguageSwitcher,
) -> None:  # fmt: skip
    # As in the app: the dialog closing is not the app quitting.
    QApplication.setQuitOnLastWindowClosed(False)

    async def body() -> None:
        dialog = FirstRunDialog(lambda url: check_switchboard(url))
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.save.text() == "&Vérifier et enregistrer"

        dialog.address.setText("standard.caf.fr")
        dialog.save.click()
        assert "adresse du serveur n'est pas valide" in dialog.error.text()

        dialog.address.setText(f"ws://127.0.0.1:{_free_port()}/api/v1/ws")  # nobody there
        dialog.save.click()
        await _until(lambda: "Le serveur est injoignable" in dialog.error.text())
        assert dialog.server_url == "" and dialog.isVisible()

        sb = await start_switchboard(db)
        try:
            dialog.address.setText(sb.url)
            dialog.save.click()
            await _until(lambda: not dialog.isVisible())
            assert dialog.server_url == sb.url
        finally:
            await sb.stop()
            await dialog.aclose()

    loop.run_until_complete(asyncio.wait_for(body(), 60))


def test_a_preconfigured_machine_goes_straight_to_sign_in(
    qapp: QApplication, tmp_path: Path, no_keyring: None
) -> None:
    seen: dict[str, Any] = {}
    checked: list[str] = []

    async def check(url: str) -> None:
        checked.append(url)

    machine = MachineSetup(
        MachineConfig(server_url="wss://standard.caf15.fr/api/v1/ws"),
        tmp_path / "agentdesk.toml", MachineProblem.CA_FILE, "/etc/agentdesk/ca.pem",
    )  # fmt: skip

    def look(window: MainWindow) -> None:
        seen["server"] = window.sign_in_panel.server.text()
        seen["message"] = window.last_message

    argv = ["--config-dir", str(tmp_path / "cfg"), "--log-dir", str(tmp_path / "logs")]
    timer = look_then_close(look)
    result = app.main(argv, backend_factory=Backends(), machine=machine, check_server=check)
    timer.stop()
    assert result == 0
    assert checked == []  # no first-run page
    assert seen["server"] == "wss://standard.caf15.fr/api/v1/ws"
    # The authority that could not be read is reported, in French.
    assert "/etc/agentdesk/ca.pem" in seen["message"] and "support" in seen["message"]
    # The preset is not copied into the agent's own settings.
    assert not SettingsStore(tmp_path / "cfg").path.exists() or (
        SettingsStore(tmp_path / "cfg").load().settings.server_url == DeskSettings().server_url
    )
