"""Qt's own words that Qt's French catalogue lacks.

PySide6's wheel ships ``qtbase_fr.qm`` (installed by ``i18n_runtime``), but
it was made for older Qt sources: Qt 6's file dialog asks for « &Look in: »
and « Files of &type: » (Qt 5 had no Alt letters there) and names a folder
« Folder » with a disambiguation the catalogue does not have, so the print
and save dialogs mixed English into French.  Listed here, these strings go
into the app's own catalogues (the build's lupdate reads this file), whose
translator Qt asks once its own has no answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_words() -> list[str]:
    """The strings, translated (what the dialogs show once the app's
    catalogue is installed)."""
    translate = QCoreApplication.translate
    return [
        translate("QFileDialog", "&Look in:"),
        translate("QFileDialog", "Files of &type:"),
        translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        translate("QAbstractFileIconProvider", "Drive"),
    ]
