"""Alt+letter reaches one control: no letter given twice in any dialog, in
French or in English; the settings dialog's buttons are our own words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from agentdesk.desk import DeskSettings, Language
from agentdesk.desk.booking import BookingDefaults
from agentdesk.desk.staffing import ColleagueChoice, TransferTarget
from agentdesk.protocol import AgentState
from agentdesk.ui.appointments_dialog import AppointmentsDialog
from agentdesk.ui.booking_dialog import BookingDialog
from agentdesk.ui.device_check import DeviceCheckDialog
from agentdesk.ui.first_run import FirstRunDialog
from agentdesk.ui.i18n_runtime import LanguageSwitcher
from agentdesk.ui.settings_dialog import SettingsDialog
from agentdesk.ui.supervision.calendar_dialogs import ClosureDialog, PermanenceDialog
from agentdesk.ui.transfer_dialog import TransferDialog
from tests.support.layout import duplicate_mnemonics, mnemonic


class NoBookings:
    """The dialogs only keep it until a button is pressed; none is here."""


class NoDevices:
    """The device check's hold on the devices: only the letters matter here
    (tests/ui/test_device_check.py tries the real backend's)."""

    def choose(self, camera: str | None, microphone: str | None, speaker: str | None) -> None:
        pass

    def microphone_level(self) -> float:
        return 0.0

    def microphone_found(self) -> bool:
        return True

    def test_speaker(self, volume: int) -> None:
        pass

    def close(self) -> None:
        pass


async def never(_url: str) -> None:
    raise AssertionError("not asked")


def transfer_dialog() -> TransferDialog:
    dialog = TransferDialog()
    colleague = ColleagueChoice("a-1", "Luc Roux", AgentState.AVAILABLE)
    dialog.show_targets(
        [TransferTarget("CPAM", "CPAM", None, (colleague,)), TransferTarget("MSA", "MSA", None)],
        staffing_known=True,
    )
    return dialog


DIALOGS: dict[str, Callable[[], QDialog]] = {
    "settings": lambda: SettingsDialog(
        DeskSettings(),
        ["Caméra USB"],
        ["Micro-casque"],
        ["Casque", "Haut-parleurs"],
        device_check=lambda _sink: NoDevices(),
    ),
    "device check": lambda: DeviceCheckDialog(
        DeskSettings(),
        (["Caméra USB"], ["Micro-casque"], ["Casque", "Haut-parleurs"]),
        lambda _sink: NoDevices(),
    ),
    "booking": lambda: BookingDialog(
        NoBookings(),  # type: ignore[arg-type]
        BookingDefaults(service="CAF", kiosk_id="pvp-murat"),
        ["CAF", "CPAM"],
        [("pvp-murat", "Murat")],
        lambda: 1_764_000_000.0,
    ),
    "appointments": lambda: AppointmentsDialog(
        NoBookings(),  # type: ignore[arg-type]
        "agent.caf",
        [("pvp-murat", "Murat")],
        dt.date(2026, 11, 26),
        lambda _defaults: None,
        lambda _parent, _title, _text: False,
    ),
    "transfer": lambda: transfer_dialog(),
    "first run": lambda: FirstRunDialog(never),
    "permanence": lambda: PermanenceDialog(["CAF", "CPAM"], dt.date(2026, 11, 26)),
    "closure": lambda: ClosureDialog(["CAF", "CPAM"], dt.date(2026, 11, 26)),
}


@pytest.fixture(params=[Language.FRENCH, Language.ENGLISH], ids=["fr", "en"])
def language(request: Any, languages: LanguageSwitcher) -> Iterator[Language]:
    assert languages.use(request.param)
    yield request.param
    languages.use(Language.ENGLISH)


def test_the_mnemonic_of_a_text() -> None:
    assert mnemonic("Te&xt size:") == "x"
    assert mnemonic("Save && close") is None
    assert mnemonic("R&&D &budget") == "b"


def test_no_dialog_gives_a_letter_twice(language: Language, qtbot: Any) -> None:
    found = {}
    for name, build in DIALOGS.items():
        dialog = build()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        duplicates = duplicate_mnemonics(dialog)
        if duplicates:
            found[name] = duplicates
        dialog.reject()
    assert found == {}


def test_settings_buttons_are_words_without_stock_icons(language: Language, qtbot: Any) -> None:
    dialog = SettingsDialog(DeskSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    buttons = [dialog.save_button, dialog.cancel_button, dialog.ring_test]
    assert all(button.icon().isNull() for button in buttons)
    words = [button.text() for button in buttons]
    if language is Language.FRENCH:
        assert words == ["Enre&gistrer", "Annuler", "&Tester"]
    else:
        assert words == ["&Save", "Cancel", "&Test"]
