"""Settings load/save in a config folder given by the test (tmp_path)."""

from __future__ import annotations

import json
from pathlib import Path

from agentdesk.desk import DeskSettings, Language, SettingsStore


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    result = SettingsStore(tmp_path).load()
    assert result.settings == DeskSettings() and result.problems == []
    assert result.settings.language is Language.FRENCH
    assert result.settings.auto_accept is False


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "nested")
    settings = DeskSettings(
        server_url="wss://standard.cantal.fr/api/v1/ws",
        camera="USB Camera",
        language=Language.ENGLISH,
        auto_accept=True,
        preview_fps=3,
        wrap_up_outcomes=["Traité", "À rappeler"],
        last_login="agent.dupont",
    )
    store.save(settings)
    assert store.load().settings == settings
    assert json.loads(store.path.read_text())["language"] == "en"


def test_corrupted_file_gives_defaults_and_keeps_a_copy(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_bytes(b'{"language": "fr", "auto_acc')
    result = store.load()
    assert result.settings == DeskSettings()
    assert len(result.problems) == 1 and result.problems[0].field is None
    assert "JSON" in result.problems[0].detail
    assert result.backup is not None
    assert result.backup.read_bytes() == b'{"language": "fr", "auto_acc'


def test_one_bad_setting_only_resets_that_one(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(
        json.dumps(
            {
                "language": "en",
                "preview_fps": 500,
                "server_url": "wss://standard.cantal.fr/ws",
                "wrap_up_outcomes": [],
                "some_future_setting": 1,
            }
        )
    )
    result = store.load()
    assert result.settings.language is Language.ENGLISH
    assert result.settings.server_url == "wss://standard.cantal.fr/ws"
    assert result.settings.preview_fps == DeskSettings().preview_fps
    assert result.settings.wrap_up_outcomes == DeskSettings().wrap_up_outcomes
    assert sorted(p.field or "" for p in result.problems) == ["preview_fps", "wrap_up_outcomes"]
    assert result.backup is not None and result.backup.exists()


def test_not_an_object(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text("[1, 2]")
    result = store.load()
    assert result.settings == DeskSettings() and result.problems[0].field is None
