"""Machine-wide settings an IT team pushes (installers/agentdesk.toml.example).

Read from ``platformdirs.site_config_dir("agentdesk")`` (``/etc/xdg/agentdesk``
on Linux, ``C:\\ProgramData\\agentdesk`` on Windows, ``/Library/Application
Support/agentdesk`` on macOS), or from the file ``AGENTDESK_MACHINE_CONFIG``
names.  They preset the server and the trusted authority, so an agent's first
start goes straight to sign-in.  A damaged file is reported and ignored: the
app still opens.
"""

from __future__ import annotations

import enum
import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import msgspec

from .settings import APP_NAME, DeskSettings, Language, ServerUrl

log = logging.getLogger(__name__)

FILE_NAME = "agentdesk.toml"
ENV_VAR = "AGENTDESK_MACHINE_CONFIG"


class MachineConfig(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    server_url: ServerUrl = ""
    ca_file: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)] | None = None
    """PEM file of the authority that signed the switchboard's certificate."""
    language: Language | None = None
    """The interface language at the first start."""


class MachineProblem(enum.Enum):
    UNREADABLE = "unreadable"
    INVALID = "invalid"
    CA_FILE = "ca_file"


@dataclass(frozen=True)
class MachineSetup:
    config: MachineConfig
    path: Path | None
    """The file read, if there was one."""
    problem: MachineProblem | None = None
    detail: str = ""


def machine_config_paths() -> list[Path]:
    named = os.environ.get(ENV_VAR)
    if named:
        return [Path(named)]
    import platformdirs

    folders = platformdirs.site_config_dir(APP_NAME, appauthor=False, multipath=True)
    return [Path(folder) / FILE_NAME for folder in folders.split(os.pathsep)]


def load_machine_config(paths: list[Path] | None = None) -> MachineSetup:
    for path in paths if paths is not None else machine_config_paths():
        if not path.exists():
            continue
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            return _problem(path, MachineProblem.UNREADABLE, str(exc))
        except tomllib.TOMLDecodeError as exc:
            return _problem(path, MachineProblem.INVALID, str(exc))
        # The Windows installer writes its keys through the MSI IniFile table,
        # which always puts them under a section: [agentdesk].
        if set(raw) == {"agentdesk"} and isinstance(raw["agentdesk"], dict):
            raw = raw["agentdesk"]
        try:
            config = msgspec.convert(raw, MachineConfig)
        except msgspec.ValidationError as exc:
            return _problem(path, MachineProblem.INVALID, str(exc))
        if config.ca_file is not None and not Path(config.ca_file).is_file():
            return MachineSetup(
                msgspec.structs.replace(config, ca_file=None), path, MachineProblem.CA_FILE,
                config.ca_file,
            )  # fmt: skip
        log.info("machine configuration read from %s", path)
        return MachineSetup(config, path)
    return MachineSetup(MachineConfig(), None)


def _problem(path: Path, problem: MachineProblem, detail: str) -> MachineSetup:
    log.warning("machine configuration %s ignored: %s", path, detail)
    return MachineSetup(MachineConfig(), path, problem, detail)


def with_machine_defaults(
    settings: DeskSettings, machine: MachineConfig, first_start: bool
) -> DeskSettings:
    """The agent's own choices win; the machine fills what they left empty."""
    changes: dict[str, object] = {}
    if not settings.server_url and machine.server_url:
        changes["server_url"] = machine.server_url
    if first_start and machine.language is not None:
        changes["language"] = machine.language
    return msgspec.structs.replace(settings, **changes) if changes else settings
