"""French by default, complete; English from the settings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from agentdesk.desk import Language
from agentdesk.protocol import AgentState, CallState, CallUpdate, EndReason, Offered
from agentdesk.ui.i18n import build, ts_path
from agentdesk.ui.i18n_runtime import LanguageSwitcher

from .helpers import Harness, call, feed, snapshot, status


def test_catalogues_are_complete_and_built() -> None:
    """lupdate over the sources finds no string without a French translation,
    and the committed .ts and .qm match what the sources and lrelease give."""
    assert build.check() == []


def _english_only() -> set[str]:
    """Source strings whose French differs: seeing one in the French UI is a bug."""
    found: set[str] = set()
    for message in ET.parse(ts_path("fr")).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = "" if translation is None else (translation.text or "")
        if "%" not in source and text != source:
            found.add(source.replace("&", ""))
    return found


def _visible_texts(root: QWidget) -> set[str]:
    texts: set[str] = {root.windowTitle()}
    for widget in [root, *root.findChildren(QWidget)]:
        texts.add(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.add(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.add(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts.update(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTabWidget):
            texts.update(widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(column)
                if item is not None:
                    texts.add(item.text())
    return {t.replace("&", "") for t in texts if t}


def test_no_english_string_in_the_french_window(harness: Harness) -> None:
    english = _english_only()
    seen: set[str] = set()
    seen |= _visible_texts(harness.window)  # sign-in page
    harness.signed_in()
    feed(harness.desk, snapshot(call("c1", "Murat", appointment_id="r1")))
    feed(harness.desk, Offered(call=call("c1", state=CallState.OFFERED), expires_in_s=30))
    seen |= _visible_texts(harness.window)
    harness.in_call()
    harness.desk.update_quality(40, 0.5)
    seen |= _visible_texts(harness.window)
    feed(
        harness.desk,
        CallUpdate(call=call("c1", state=CallState.WRAP_UP), end_reason=EndReason.AGENT_HUNG_UP),
    )
    feed(harness.desk, status(AgentState.WRAP_UP, call_id="c1"))
    seen |= _visible_texts(harness.window)
    leftovers = sorted(seen & english)
    assert leftovers == []
    assert "Prendre l'appel suivant" in seen


def test_switching_to_english(harness: Harness, qtbot: Any) -> None:
    harness.signed_in()
    feed(harness.desk, snapshot(call("c1"), call("c2", "Salers")))
    window = harness.window
    assert window.queue_panel.count_label.text() == "2 appels en attente"
    settings = msgspec.structs.replace(harness.flow.settings, language=Language.ENGLISH)
    window.apply_settings(settings)
    # Qt posts LanguageChange to every widget; each panel re-translates itself.
    qtbot.waitUntil(
        lambda: window.queue_panel.next_button.text() == "Take the &next call", timeout=5000
    )
    assert window.queue_panel.count_label.text() == "2 calls waiting"
    assert window.presence.state_label.text() == "● Available"
    assert window.tabs.tabText(1) == "&Queue"
    assert harness.store.load().settings.language is Language.ENGLISH
    window.apply_settings(msgspec.structs.replace(settings, language=Language.FRENCH))
    qtbot.waitUntil(lambda: window.presence.state_label.text() == "● Disponible", timeout=5000)


def installed_translators(app: QCoreApplication) -> list[QTranslator]:
    """The translators living on the app: a switcher deletes those it removes
    (later: flushed here first), so the rest are the installed ones."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return app.findChildren(QTranslator)


@pytest.mark.parametrize("turn", range(3))
def test_one_set_of_translations_however_many_tests_came_before(
    french: LanguageSwitcher, qapp: QApplication, turn: int
) -> None:
    """Each test in French goes back to English after: the French set is
    replaced, not joined by one more English set per test on the shared app."""
    # The app's French catalogue and Qt's own (Cancel, Yes, No).
    assert len(installed_translators(qapp)) == 2
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
