"""CSV (both separator options) and PDF exports of the figures shown, read
back and checked against the call records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest

from agentdesk.supervision import PeriodKind, read_csv
from agentdesk.supervision.export import FRENCH_COLUMNS

from .conftest import Board, World
from .helpers import eventually, exporting_view, open_session
from .history import expected
from .test_figures_view import CAF_SERVICES, RATED, in_period, load


def test_csv_and_pdf_exports(
    qtbot: Any, run: Any, tmp_path: Path, world: World, switchboard: Board
) -> None:
    session = run(open_session(switchboard))
    targets: list[Path] = []
    view = exporting_view(session, targets)
    qtbot.addWidget(view)
    try:
        day = dt.date(2025, 3, 26)
        load(run, view, PeriodKind.WEEK, day)
        specs = in_period(world.specs, PeriodKind.WEEK, day, CAF_SERVICES)
        target = session.figures.report.figures.settings.target_wait_s
        total = expected(specs, target, "all")["all"]
        communes = expected(specs, target, "commune")
        services = expected(specs, target, "service")
        panel = view.figures

        for french in (False, True):
            folder = tmp_path / ("fr" if french else "en")
            folder.mkdir()
            targets.append(folder)
            panel.french.setChecked(french)
            panel.csv_button.click()
            path = panel.last_saved
            assert path is not None and path.parent == folder
            raw = path.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf") is french  # BOM for spreadsheets
            text = raw.decode("utf-8-sig")
            # Re-read with the csv module alone, as a third party would.
            rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if french else ","))
            # A French spreadsheet gets French column and section names.
            col = FRENCH_COLUMNS if french else {c: c for c in FRENCH_COLUMNS}
            first = rows[0]
            assert first[col["section"]] == ("ensemble" if french else "total")
            assert int(first[col["offered"]]) == total.offered
            assert int(first[col["answered"]]) == total.answered
            assert int(first[col["abandoned"]]) == total.abandoned
            if french:
                assert text.startswith("rubrique;clé;nom;présentés;décrochés")
            mean = first[col["mean_wait_s"]]
            assert ("," in mean) is french and ("." in mean) is not french
            assert float(mean.replace(",", ".")) == pytest.approx(
                statistics.fmean(total.waits), abs=0.051
            )
            shown = {r[col["key"]]: r for r in rows if r[col["section"]] == "commune"}
            assert {k: int(r[col["offered"]]) for k, r in shown.items()} == {
                k: e.offered for k, e in communes.items()
            }
            # The residents' answers, per commune and per service.
            assert {k: [int(r[col[f"rated_{a}"]]) for a in RATED] for k, r in shown.items()} == {
                k: [e.ratings.get(a, 0) for a in RATED] for k, e in communes.items()
            }
            per_service = {r[col["key"]]: r for r in rows if r[col["section"]] == "service"}
            assert {
                k: [int(r[col[f"rated_{a}"]]) for a in RATED] for k, r in per_service.items()
            } == {k: [e.ratings.get(a, 0) for a in RATED] for k, e in services.items()}
            # And with our reader, numbers come back as numbers.
            again = read_csv(path)
            assert again[0]["offered"] == total.offered
            assert again[0]["km_avoided"] == pytest.approx(
                session.figures.report.impact.km_avoided, abs=0.051
            )
            outcomes = {r["key"]: r["calls"] for r in again if r["section"] == "outcome"}
            assert sum(outcomes.values()) == total.answered  # type: ignore[arg-type]

        pdf_folder = tmp_path / "pdf"
        pdf_folder.mkdir()
        targets.append(pdf_folder)
        panel.pdf_button.click()
        run(eventually(lambda: panel.last_saved is not None and panel.last_saved.suffix == ".pdf"))
        pdf = panel.last_saved
        assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
        reader = pypdf.PdfReader(pdf)
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "CAF du Cantal" in text
        assert "Figures of the permanences" in text
        assert str(total.offered) in text
        for commune in communes:
            assert commune.split("-")[0] in text
        assert "ADEME" in text
        # NFKC: the PDF writes "fi" as a ligature.
        plain = unicodedata.normalize("NFKC", text)
        assert "Residents satisfied" in plain and "Rated so-so" in plain
        # The satisfaction line: share rated well, then well/so-so/badly.
        answers = "/".join(str(total.ratings.get(a, 0)) for a in RATED)
        assert f"({answers})" in plain
    finally:
        run(view.aclose())
        run(session.aclose())
