"""What goes into the PyInstaller bundle, and what is kept out (read by
pyinstaller.spec; checked by tests/packaging/test_spec_inputs.py without a build).

Kept out, measured on a naive build (355 MB, 481 files): Qt Quick, QML and
the virtual keyboard (pulled in by the virtual-keyboard input-context plugin),
host GTK libraries (pulled in by the gtk3 platform theme), and every Qt plugin
family the app never loads (3D, sensors, multimedia, SQL, TLS: the app's TLS
is Python's ssl with certifi's CA bundle; QtNetwork's library stays only
because QtPdf links to it).
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "agentdesk"

ENTRY = PACKAGE / "__main__.py"
NAME = "agentdesk"

QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtPdf")
"""Every PySide6 module agentdesk imports (the test greps the sources)."""

QT_MODULES_EXCLUDED = (
    "QtQml", "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtVirtualKeyboard",
    "QtMultimedia", "QtMultimediaWidgets", "QtSvg", "QtSvgWidgets",
    "QtOpenGL", "QtOpenGLWidgets", "QtWebEngineCore", "QtWebEngineWidgets",
    "QtWebChannel", "QtWebSockets", "Qt3DCore", "QtCharts", "QtDataVisualization",
    "QtSql", "QtTest", "QtBluetooth", "QtPositioning", "QtSensors",
    "QtSerialPort", "QtTextToSpeech", "QtDesigner", "QtHelp", "QtUiTools", "QtXml",
    "QtConcurrent", "QtPrintSupport", "QtScxml", "QtStateMachine", "QtRemoteObjects",
    "QtSpatialAudio", "QtLocation", "QtNfc", "QtGraphs", "QtHttpServer",
)  # fmt: skip

QT_PLUGINS_KEPT = (
    # the windowing systems: X11, Wayland, Windows, macOS, and offscreen (the self-test)
    "platforms/*qxcb*", "platforms/*qwayland*", "platforms/*qoffscreen*",
    "platforms/*qwindows*", "platforms/*qcocoa*",
    # Wayland: the standard shell and the plain decorations; the widgets draw
    # in shared memory, so no GL integration (it needs QtOpenGL; adwaita needs QtSvg)
    "xcbglintegrations/*", "wayland-shell-integration/*xdg-shell*",
    "wayland-decoration-client/*bradient*",
    # typing accents: compose key and IBus (not the virtual keyboard: it brings Qt Quick)
    "platforminputcontexts/*compose*", "platforminputcontexts/*ibus*",
    # native file dialogs through the desktop portal (not gtk3: it brings host GTK)
    "platformthemes/*xdgdesktopportal*",
    # scans arrive as JPEG, PNG (built in) or TIFF
    "imageformats/*qjpeg*", "imageformats/*qtiff*",
    # the native look on Windows
    "styles/*",
)  # fmt: skip

QT_TRANSLATIONS_KEPT = ("qtbase_fr.qm", "qtbase_en.qm")
"""Qt's own words (standard buttons) in the app's two languages; not the 97 others."""

OTHER_EXCLUDES = (
    "tkinter", "_tkinter", "pytest", "hypothesis", "mypy", "ruff", "IPython",
    "agentdesk.ui.i18n.build",
)  # fmt: skip


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def hidden_imports() -> list[str]:
    """Every module of agentdesk.  Sub-commands are imported by name
    (importlib), so the analysis cannot see them, and ``collect_submodules``
    walks packages only: ``agentdesk/kiosk`` has no ``__init__.py``."""
    modules = {_module(p) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    return sorted(m for m in modules if m not in OTHER_EXCLUDES)


HOLIDAY_CATALOGUES = ("fr/LC_MESSAGES/FR.mo",)
"""The switchboard names France's public holidays in French (switchboard/schedule.py):
holidays refuses to start without that catalogue, and the other 1,000-odd stay out."""


def datas() -> list[tuple[str, str]]:
    """(source, folder in the bundle): the app's files that are not Python."""
    import holidays

    found = [(str(ROOT / "resources" / sub), f"resources/{sub}") for sub in ("icons", "sounds")]
    found += [(str(q), "agentdesk/ui/i18n") for q in sorted(PACKAGE.glob("ui/i18n/*.qm"))]
    locale = Path(holidays.__file__).with_name("locale")
    for catalogue in HOLIDAY_CATALOGUES:
        found.append((str(locale / catalogue), str(Path("holidays/locale", catalogue).parent)))
    return found


def qt_excludes() -> list[str]:
    return [f"PySide6.{m}" for m in QT_MODULES_EXCLUDED]


def plugin_of(dest: str) -> str | None:
    """``platforms/libqxcb.so`` for a bundle path inside PySide6's plugins, else None."""
    marker = "/plugins/"
    path = dest.replace("\\", "/")
    return path.split(marker, 1)[1] if marker in path else None


def keep_plugin(dest: str) -> bool:
    plugin = plugin_of(dest)
    return plugin is None or any(fnmatch.fnmatch(plugin, p) for p in QT_PLUGINS_KEPT)


def keep_library(dest: str) -> bool:
    """Qt libraries of the excluded modules, when a plugin or module dragged them in."""
    name = Path(dest.replace("\\", "/")).name
    for module in QT_MODULES_EXCLUDED:
        lib = module.replace("Qt", "Qt6", 1)
        if name.startswith((f"lib{lib}", lib, f"{module}.")):
            return False
        if sys.platform == "darwin" and f"{module}.framework" in dest:
            return False
    return not name.startswith(("libgtk-3", "libgdk-3", "libatk-", "libcairo-gobject"))


def keep_translation(dest: str) -> bool:
    path = dest.replace("\\", "/")
    if "/translations/" not in path or not path.endswith(".qm"):
        return True
    return Path(path).name in QT_TRANSLATIONS_KEPT


def keep(dest: str) -> bool:
    return keep_plugin(dest) and keep_library(dest) and keep_translation(dest)
