"""Extract visible strings into the .ts catalogues and compile them to .qm.

    python -m agentdesk.ui.i18n.build           # lupdate + lrelease
    python -m agentdesk.ui.i18n.build --check   # exit 1 if anything is stale or untranslated

Uses the lupdate/lrelease shipped with PySide6 (pyside6-lupdate, pyside6-lrelease).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from . import CATALOGUE_DIR, LANGUAGES, qm_path, ts_path

UI_DIR = CATALOGUE_DIR.parent


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(
        f"pyside6-{name}", path=str(Path(sys.executable).parent)
    )
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (it ships it)")
    return found


SELFTEST_DIR = UI_DIR.parent / "selftest"
"""The hardware test reports in the app's languages too."""


def sources() -> list[Path]:
    found = [p for p in UI_DIR.rglob("*.py") if "i18n" not in p.parts]
    return sorted(found + list(SELFTEST_DIR.glob("*.py")))


def lupdate(ts: Path, language: str) -> None:
    """Refresh ``ts`` from the sources, keeping its translations."""
    locale = {"fr": "fr_FR", "en": "en_GB"}[language]
    cmd = [_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete"]
    cmd += ["-source-language", "en_GB", "-target-language", locale]
    cmd += [str(p) for p in sources()] + ["-ts", str(ts)]
    subprocess.run(cmd, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def untranslated(ts: Path) -> list[str]:
    """Source strings of ``ts`` that have no finished translation."""
    missing: list[str] = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if not all(t.strip() for t in texts):
            missing.append(source)
    return missing


def check() -> list[str]:
    """Every problem with the committed catalogues, as sentences."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            fresh = Path(tmp) / ts_path(language).name
            shutil.copy(ts_path(language), fresh)
            lupdate(fresh, language)
            if fresh.read_bytes() != ts_path(language).read_bytes():
                problems.append(f"{ts_path(language).name} is stale: run the build")
            if language == "fr":
                problems += [f"no French translation: {s!r}" for s in untranslated(fresh)]
            qm = Path(tmp) / qm_path(language).name
            lrelease(ts_path(language), qm)
            if not qm_path(language).exists() or qm.read_bytes() != qm_path(language).read_bytes():
                problems.append(f"{qm_path(language).name} is stale: run the build")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for language in LANGUAGES:
        lupdate(ts_path(language), language)
        lrelease(ts_path(language), qm_path(language))
        left = untranslated(ts_path(language)) if language == "fr" else []
        print(f"{ts_path(language).name}: {len(left)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
