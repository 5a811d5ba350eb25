"""Translation catalogues: agentdesk_<lang>.ts (sources, committed) and .qm (built, committed).

Run ``python -m agentdesk.ui.i18n.build`` after changing visible strings: it
extracts them into the .ts files (lupdate) and compiles the .qm (lrelease).
"""

from __future__ import annotations

from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent
LANGUAGES = ("fr", "en")


def ts_path(language: str) -> Path:
    return CATALOGUE_DIR / f"agentdesk_{language}.ts"


def qm_path(language: str) -> Path:
    return CATALOGUE_DIR / f"agentdesk_{language}.qm"
