"""The call's documents: progress, unsaved warning, saving, wiping."""

from __future__ import annotations

from pathlib import Path

from agentdesk.desk import DocumentsModel, DocumentStatus


def test_arrival_progress_and_save(tmp_path: Path) -> None:
    docs = DocumentsModel()
    changes: list[str] = []
    docs.changed.subscribe(lambda r: changes.append(r.status.value if r else "wiped"))
    docs.begin("d1", "../../etc/avis d'imposition.pdf", "application/pdf", 1000)
    docs.progress("d1", 400)
    assert docs.get("d1") is not None and docs.get("d1").progress == 0.4  # type: ignore[union-attr]
    docs.complete("d1", b"%PDF" + b"x" * 996)
    assert [r.doc_id for r in docs.unsaved_documents()] == ["d1"]
    (tmp_path / "avis d_imposition.pdf").write_bytes(b"old")
    written = docs.save_all(tmp_path)
    assert [p.name for p in written] == ["avis d_imposition (2).pdf"]
    assert written[0].parent == tmp_path and written[0].read_bytes().startswith(b"%PDF")
    assert (tmp_path / "avis d_imposition.pdf").read_bytes() == b"old"
    assert docs.unsaved_documents() == []
    docs.wipe()
    assert len(docs) == 0 and changes[-1] == "wiped"


def test_failed_document_holds_no_bytes() -> None:
    docs = DocumentsModel()
    docs.begin("d1", "scan.png", "image/png", 10)
    docs.fail("d1", "checksum mismatch")
    record = docs.get("d1")
    assert record is not None and record.status is DocumentStatus.FAILED and record.data is None
    assert docs.unsaved_documents() == []
