"""The agent's settings: a typed record stored as JSON in the user's config folder.

A damaged file never stops the app: what can be read is kept, the rest falls
back to defaults, the file is copied aside (nothing lost) and the caller gets
the problems to show.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Annotated, Any

import msgspec

from .duty_settings import DutySettings

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
APP_NAME = "agentdesk"

DeviceName = Annotated[str, msgspec.Meta(max_length=200)]
ServerUrl = Annotated[
    str, msgspec.Meta(max_length=500, pattern=r"^$|^(wss?|https?)://[^\s/]+(/\S*)?$")
]
ServiceName = Annotated[str, msgspec.Meta(min_length=1, max_length=32, pattern=r"^[A-Z0-9_-]+$")]
Outcome = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class Language(enum.StrEnum):
    FRENCH = "fr"
    ENGLISH = "en"


# Agency data rather than interface text: sent as-is to the switchboard and
# counted in the figures, so it is not translated.
DEFAULT_OUTCOMES = [
    "Demande traitée",
    "Rendez-vous fixé",
    "Dossier à compléter",
    "Orienté vers un autre organisme",
    "Sans suite",
]


class DeskSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    server_url: ServerUrl = ""
    camera: DeviceName | None = None
    """None: the system's default device."""
    microphone: DeviceName | None = None
    speaker: DeviceName | None = None
    language: Language = Language.FRENCH
    auto_accept: bool = False
    preview_fps: Annotated[int, msgspec.Meta(ge=1, le=30)] = 5
    ring_volume: Annotated[int, msgspec.Meta(ge=0, le=100)] = 80
    """Percent: the ringtone's and the chime's volume on the chosen speaker."""
    text_size: Annotated[int, msgspec.Meta(ge=80, le=200)] = 100
    """Percent of the system's text size, for the whole app."""
    """Frame rate of the camera preview while no call is in progress."""
    wrap_up_outcomes: Annotated[list[Outcome], msgspec.Meta(min_length=1, max_length=50)] = (
        msgspec.field(default_factory=lambda: list(DEFAULT_OUTCOMES))
    )
    transfer_services: Annotated[list[ServiceName], msgspec.Meta(max_length=100)] = msgspec.field(
        default_factory=list
    )
    """Services of the agency a call may be transferred to, besides those the
    switchboard names in queue snapshots."""
    last_login: Annotated[str, msgspec.Meta(max_length=64)] = ""
    stay_signed_in: bool = False
    auto_available: bool | None = None
    """Go available by oneself at the start of each permanence.  None: not
    chosen yet; the app asks at the first sign-in and, until the answer, the
    desk does not go available by itself (nothing rings while the question is
    open).  Volunteers usually prefer the button (no)."""
    devices_checked: bool = False
    """The device check (camera, microphone, speaker) was shown at a first
    sign-in: it is not shown again (it stays in the settings)."""
    warm_up_min: Annotated[int, msgspec.Meta(ge=0, le=30)] = 5
    """Minutes before a permanence when the camera opens."""
    reminder_min: Annotated[int, msgspec.Meta(ge=0, le=120)] = 10
    """Minutes before an appointment when the agent is reminded of it."""

    def duty(self) -> DutySettings:
        return DutySettings(
            auto_available=self.auto_available,
            warm_up_s=self.warm_up_min * 60.0,
            reminder_s=self.reminder_min * 60.0,
        )


FIELDS = tuple(f.name for f in msgspec.structs.fields(DeskSettings))


@dataclasses.dataclass(frozen=True, slots=True)
class SettingsProblem:
    field: str | None
    """The setting that was reset, or None when the whole file was unreadable."""
    detail: str


@dataclasses.dataclass(frozen=True, slots=True)
class LoadResult:
    settings: DeskSettings
    problems: list[SettingsProblem]
    backup: Path | None
    """Where the damaged file was copied, if it was."""


class SettingsStore:
    def __init__(self, config_dir: Path) -> None:
        self.config_dir = config_dir
        self.path = config_dir / FILE_NAME

    @classmethod
    def default_dir(cls) -> Path:
        import platformdirs

        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))

    def load(self) -> LoadResult:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult(DeskSettings(), [], None)
        except OSError as exc:
            return LoadResult(DeskSettings(), [SettingsProblem(None, f"cannot read: {exc}")], None)
        settings, problems = _parse(raw)
        backup = self._keep_copy() if problems else None
        for problem in problems:
            log.warning("settings: %s: %s", problem.field or "file", problem.detail)
        return LoadResult(settings, problems, backup)

    def save(self, settings: DeskSettings) -> None:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        data = msgspec.json.format(msgspec.json.encode(settings), indent=2)
        # Write then rename, so a crash mid-write never leaves half a file.
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.path)

    def _keep_copy(self) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{FILE_NAME}.bad-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{FILE_NAME}.bad-{stamp}-{n}")
        try:
            shutil.copy2(self.path, target)
        except OSError as exc:
            log.warning("settings: could not keep a copy of the damaged file: %s", exc)
            return None
        return target


def _parse(raw: bytes) -> tuple[DeskSettings, list[SettingsProblem]]:
    try:
        obj: Any = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        return DeskSettings(), [SettingsProblem(None, f"not valid JSON: {exc}")]
    if not isinstance(obj, dict):
        return DeskSettings(), [SettingsProblem(None, "not a JSON object")]
    try:
        return msgspec.convert(obj, DeskSettings), []
    except msgspec.ValidationError:
        pass
    # Keep every setting that is fine on its own; reset only the bad ones.
    good: dict[str, Any] = {}
    problems: list[SettingsProblem] = []
    for name, value in obj.items():
        if name not in FIELDS:
            continue
        try:
            msgspec.convert({name: value}, DeskSettings)
        except msgspec.ValidationError as exc:
            problems.append(SettingsProblem(name, str(exc)))
        else:
            good[name] = value
    return msgspec.convert(good, DeskSettings), problems
