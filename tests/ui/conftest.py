"""Qt runs headless here; set before anything imports Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import keyring
import pytest
from keyring.backends import fail

from agentdesk.desk import Desk, Language, SettingsStore
from agentdesk.ui.i18n_runtime import LanguageSwitcher

from .helpers import Harness

if TYPE_CHECKING:
    from tests.support.switchboard import Provisioned

    from .real_app import Body, OnASwitchboard

T = TypeVar("T")


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """This machine has no keyring backend; the fail backend makes it explicit."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def french(languages: LanguageSwitcher) -> Iterator[LanguageSwitcher]:
    assert languages.use(Language.FRENCH)
    yield languages
    languages.use(Language.ENGLISH)


@pytest.fixture
def harness(
    qtbot: Any,
    loop: asyncio.AbstractEventLoop,
    tmp_path: Path,
    french: LanguageSwitcher,
    no_keyring: None,
) -> Iterator[Harness]:
    h = Harness(qtbot, tmp_path, french)
    yield h
    loop.run_until_complete(h.close())


@pytest.fixture
def scenario(
    loop: asyncio.AbstractEventLoop, qtbot: Any, french: LanguageSwitcher, no_keyring: None
) -> Iterator[Callable[[Callable[..., Coroutine[Any, Any, None]]], None]]:
    """Runs an async scenario on the app's own kind of loop (qasync)."""

    def play(body: Callable[..., Coroutine[Any, Any, None]]) -> None:
        loop.run_until_complete(asyncio.wait_for(body(), 150))

    yield play


@pytest.fixture
def on_a_switchboard(
    scenario: Callable[[Callable[..., Coroutine[Any, Any, None]]], None],
    db: Path,
    accounts: Provisioned,
    tmp_path: Path,
    qtbot: Any,
    french: LanguageSwitcher,
) -> OnASwitchboard:
    """Plays ``body(sb, app)``: the app, in French, on a real switchboard process."""
    from .real_app import app_on_a_switchboard

    def play(body: Body, *extra: str, **options: Any) -> None:
        async def run() -> None:
            async with app_on_a_switchboard(db, tmp_path, french, qtbot, *extra, **options) as (
                sb,
                app,
            ):
                await body(sb, app)

        scenario(run)

    return play


__all__ = ["Desk", "SettingsStore"]
