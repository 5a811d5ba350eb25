"""The app's own icons (resources/icons), as QIcons with every rendered size."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QIcon

from agentdesk.assets import (
    DocumentIcon,
    TrayState,
    app_icon_paths,
    document_icon_paths,
    tray_icon_paths,
)

log = logging.getLogger(__name__)


def _icon(paths: list[Path]) -> QIcon:
    icon = QIcon()
    for path in paths:
        if path.exists():
            icon.addFile(str(path))
    if icon.isNull():
        # A damaged install loses its icon, not the app.
        log.warning("icons missing: %s", ", ".join(p.name for p in paths))
    return icon


def app_icon() -> QIcon:
    return _icon(app_icon_paths())


def tray_icon(state: TrayState) -> QIcon:
    return _icon(tray_icon_paths(state))


def document_icon(kind: DocumentIcon) -> QIcon:
    return _icon(document_icon_paths(kind))
