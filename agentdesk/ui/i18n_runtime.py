"""Installing the app's and Qt's own translations, and switching language live."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from agentdesk.desk import Language

from .i18n import qm_path

log = logging.getLogger(__name__)


class LanguageSwitcher:
    """Owns the installed translators; ``use`` swaps them, and Qt sends every
    widget a LanguageChange event so panels re-translate themselves."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language: Language | None = None

    def use(self, language: Language) -> bool:
        """True when the app's catalogue for ``language`` was found (English
        needs none: it is the source language)."""
        self.remove()
        self.language = language
        QLocale.setDefault(QLocale(language.value))
        ok = True
        app_qm = qm_path(language.value)
        if app_qm.exists():
            ok = self._install(str(app_qm.parent), app_qm.stem)
        elif language is not Language.ENGLISH:
            log.error("translation catalogue %s is missing", app_qm.name)
            ok = False
        # Qt's own words (Cancel, Yes, No in standard dialogs).
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        self._install(qt_dir, f"qtbase_{language.value}")
        return ok

    def remove(self) -> None:
        for translator in self._translators:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._translators.clear()
        self.language = None

    def _install(self, directory: str, name: str) -> bool:
        translator = QTranslator(self._app)
        if not translator.load(name, directory):
            return False
        self._app.installTranslator(translator)
        self._translators.append(translator)
        return True
