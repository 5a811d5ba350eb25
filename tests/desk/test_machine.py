"""The machine-wide configuration an IT team pushes (installers/agentdesk.toml.example)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agentdesk.desk import DeskSettings, Language
from agentdesk.desk.machine import (
    ENV_VAR,
    MachineConfig,
    MachineProblem,
    load_machine_config,
    machine_config_paths,
    with_machine_defaults,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "installers" / "agentdesk.toml.example"


def test_the_documented_example_is_valid(tmp_path: Path) -> None:
    ca = tmp_path / "agency-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    text = EXAMPLE.read_text(encoding="utf-8").replace("/etc/agentdesk/agency-ca.pem", str(ca))
    path = tmp_path / "agentdesk.toml"
    path.write_text(text, encoding="utf-8")
    setup = load_machine_config([tmp_path / "missing.toml", path])
    assert setup.problem is None and setup.path == path
    assert setup.config == MachineConfig(
        server_url="wss://standard.caf-cantal.example.fr/api/v1/ws",
        ca_file=str(ca),
        language=Language.FRENCH,
    )


def test_the_windows_installers_section_form_is_read(tmp_path: Path) -> None:
    """What the MSI's IniFile entries write (installers/windows/agentdesk.wxs)."""
    path = tmp_path / "agentdesk.toml"
    path.write_text("[agentdesk]\nserver_url='wss://dsi.fr/api/v1/ws'\nlanguage='en'\n")
    setup = load_machine_config([path])
    assert setup.problem is None
    assert setup.config == MachineConfig(
        server_url="wss://dsi.fr/api/v1/ws", language=Language.ENGLISH
    )


def test_no_file_is_no_configuration(tmp_path: Path) -> None:
    setup = load_machine_config([tmp_path / "agentdesk.toml"])
    assert setup.config == MachineConfig() and setup.path is None and setup.problem is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("server_url = 'wss://x.fr/api/v1/ws", MachineProblem.INVALID),  # not TOML
        ("server_url = 'standard.caf.fr'", MachineProblem.INVALID),  # not an address
        ("serveur = 'wss://x.fr/api/v1/ws'", MachineProblem.INVALID),  # a misspelt key
        (
            "server_url = 'wss://x.fr/api/v1/ws'\nca_file = '/nowhere/ca.pem'",
            MachineProblem.CA_FILE,
        ),
    ],
)
def test_a_damaged_file_is_reported_and_the_rest_still_works(
    tmp_path: Path, text: str, problem: MachineProblem
) -> None:
    path = tmp_path / "agentdesk.toml"
    path.write_text(text, encoding="utf-8")
    setup = load_machine_config([path])
    assert setup.problem is problem and setup.path == path and setup.detail
    if problem is MachineProblem.CA_FILE:
        # The server is still preset; only the authority is dropped.
        assert setup.config.server_url == "wss://x.fr/api/v1/ws"
        assert setup.config.ca_file is None


def test_the_agents_own_choices_win() -> None:
    machine = MachineConfig(server_url="wss://dsi.fr/api/v1/ws", language=Language.ENGLISH)
    fresh = with_machine_defaults(DeskSettings(), machine, first_start=True)
    assert (fresh.server_url, fresh.language) == ("wss://dsi.fr/api/v1/ws", Language.ENGLISH)
    own = DeskSettings(server_url="wss://autre.fr/api/v1/ws", language=Language.FRENCH)
    assert with_machine_defaults(own, machine, first_start=False) == own


def test_environment_variable_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert machine_config_paths()[0].name == "agentdesk.toml"
    named = tmp_path / "elsewhere.toml"
    shutil.copy(EXAMPLE, named)
    monkeypatch.setenv(ENV_VAR, str(named))
    assert machine_config_paths() == [named]
