"""What pyinstaller.spec puts in the bundle, checked without building it (the
build and the .deb are tested by ``./run package``: tests/packaging/test_bundle.py)."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

from agentdesk.__main__ import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[2]


def _inputs() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_inputs", ROOT / "installers" / "bundle_inputs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


inputs = _inputs()


def test_the_qt_modules_listed_are_those_the_app_imports() -> None:
    used = set()
    for path in (ROOT / "agentdesk").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used == set(inputs.QT_MODULES_USED)
    assert not used & set(inputs.QT_MODULES_EXCLUDED)


def test_every_module_is_bundled_even_those_imported_by_name() -> None:
    hidden = set(inputs.hidden_imports())
    # Sub-commands are imported with importlib: invisible to the analysis.
    assert {module for module, _ in SUBCOMMANDS.values()} <= hidden
    # agentdesk/kiosk has no __init__.py: collect_submodules would skip it.
    kiosk = {f"agentdesk.kiosk.{p.stem}" for p in (ROOT / "agentdesk" / "kiosk").glob("*.py")}
    assert {"agentdesk.kiosk.cli", "agentdesk.kiosk.endpoint"} <= kiosk <= hidden
    for module in hidden:
        assert importlib.util.find_spec(module) is not None, module
    assert "agentdesk.ui.i18n.build" not in hidden  # a developer's tool


def test_resources_and_catalogues_go_in() -> None:
    datas = inputs.datas()
    for source, _ in datas:
        assert Path(source).exists(), source
    dests = {dest for _, dest in datas}
    assert {"resources/icons", "resources/sounds", "agentdesk/ui/i18n"} <= dests
    catalogues = {Path(source).name for source, dest in datas if dest == "agentdesk/ui/i18n"}
    assert catalogues == {"agentdesk_fr.qm", "agentdesk_en.qm"}
    # The switchboard's calendar (the demo's too) cannot start without it.
    assert "holidays/locale/fr/LC_MESSAGES" in dests


def test_qt_plugins_that_drag_in_quick_or_gtk_stay_out() -> None:
    prefix = "PySide6/Qt/plugins/"
    kept = [
        "platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
        "platforms/qwindows.dll", "platforms/libqcocoa.dylib",
        "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "imageformats/libqjpeg.so", "imageformats/libqtiff.so",
        "wayland-shell-integration/libxdg-shell.so",
    ]  # fmt: skip
    dropped = [
        "platforminputcontexts/libqtvirtualkeyboardplugin.so", "platformthemes/libqgtk3.so",
        "platforms/libqeglfs.so", "platforms/libqvnc.so", "imageformats/libqsvg.so",
        "multimedia/libffmpegmediaplugin.so", "tls/libqopensslbackend.so",
        "sqldrivers/libqsqlite.so", "wayland-decoration-client/libadwaita.so",
    ]  # fmt: skip
    for plugin in kept:
        assert inputs.keep(prefix + plugin), plugin
    for plugin in dropped:
        assert not inputs.keep(prefix + plugin), plugin
    for library in ("libQt6Quick.so.6", "libQt6QmlMeta.so.6", "libQt6VirtualKeyboard.so.6",
                    "libgtk-3.so.0", "Qt6Quick.dll"):  # fmt: skip
        assert not inputs.keep(f"PySide6/Qt/lib/{library}"), library
    for library in ("libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Pdf.so.6",
                    "libQt6Network.so.6", "libQt6DBus.so.6", "av.libs/libavcodec.so"):  # fmt: skip
        assert inputs.keep(f"PySide6/Qt/lib/{library}"), library


def test_only_the_apps_languages_of_qts_own_catalogues() -> None:
    folder = "PySide6/Qt/translations/"
    assert inputs.keep(folder + "qtbase_fr.qm") and inputs.keep(folder + "qtbase_en.qm")
    assert not inputs.keep(folder + "qtbase_de.qm")
    assert not inputs.keep(folder + "qt_help_fr.qm")
    assert inputs.keep("agentdesk/ui/i18n/agentdesk_fr.qm")


def test_the_spec_reads_these_inputs() -> None:
    tree = ast.parse((ROOT / "pyinstaller.spec").read_text(encoding="utf-8"))
    names = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert {"hidden_imports", "datas", "qt_excludes", "keep", "keep_plugin"} <= names
