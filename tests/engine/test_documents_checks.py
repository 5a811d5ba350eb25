"""Document checks, wire format and saving, without a network.

The documents are generated here (agentdesk.engine.documents.samples):
hand-written PDFs, Pillow drawings, a hand-written PNG bomb.  No personal data.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from agentdesk.engine.documents import (
    DocumentCheckError,
    DocumentInfo,
    DocumentLimits,
    DocumentType,
    Purpose,
    ReceivedDocument,
    RefusalReason,
    SaveError,
    display_name,
    inspect,
    samples,
    save_document,
    sniff,
    wire,
)
from agentdesk.engine.documents.validation import verify

LIMITS = DocumentLimits()


def refusal(
    data: bytes, limits: DocumentLimits = LIMITS, announced: DocumentType | None = None
) -> DocumentCheckError:
    with pytest.raises(DocumentCheckError) as caught:
        inspect(data, limits, announced=announced)
    return caught.value


# --------------------------------------------------------------------------
# Type and content


def test_type_comes_from_the_content() -> None:
    assert sniff(samples.pdf()) is DocumentType.PDF
    assert sniff(samples.jpeg()) is DocumentType.JPEG
    assert sniff(samples.png()) is DocumentType.PNG
    assert sniff(samples.tiff()) is DocumentType.TIFF
    assert sniff(b"MZ\x90\x00" + bytes(100)) is None
    assert sniff(b"GIF89a" + bytes(100)) is None


def test_real_decoders_count_pages_and_pixels() -> None:
    assert inspect(samples.pdf(pages=7), LIMITS).pages == 7
    image = inspect(samples.png(640, 480), LIMITS)
    assert (image.mime, image.pages, image.width, image.height) == (DocumentType.PNG, 1, 640, 480)
    assert inspect(samples.tiff(pages=3), LIMITS).pages == 3
    assert inspect(samples.jpeg(), LIMITS).mime is DocumentType.JPEG


def test_executable_is_refused_whatever_its_name() -> None:
    error = refusal(b"MZ\x90\x00" + bytes(1000))
    assert error.reason is RefusalReason.UNSUPPORTED_TYPE
    assert "PDF, JPEG, PNG or TIFF" in error.message


def test_content_differing_from_the_announced_type_is_refused() -> None:
    error = refusal(samples.png(), announced=DocumentType.PDF)
    assert error.reason is RefusalReason.WRONG_TYPE
    assert error.message == (
        "The document was announced as a PDF document but its content is a PNG image."
    )


def test_pdf_with_too_many_pages_is_refused() -> None:
    error = refusal(samples.pdf(pages=51))
    assert error.reason is RefusalReason.TOO_MANY_PAGES
    assert "51 pages" in error.message and "50" in error.message
    assert inspect(samples.pdf(pages=50), LIMITS).pages == 50


def test_image_over_the_pixel_limit_is_refused_before_decoding() -> None:
    error = refusal(samples.png(800, 600), DocumentLimits(max_pixels=400_000))
    assert error.reason is RefusalReason.TOO_MANY_PIXELS
    assert "800 x 600" in error.message


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (8000, 8000)])
def test_decompression_bombs_are_refused(width: int, height: int) -> None:
    """20000x20000 trips Pillow's own guard; 8000x8000 (64 MP) only ours."""
    bomb = samples.png_bomb(width, height)
    assert len(bomb) < 100_000
    assert refusal(bomb).reason is RefusalReason.TOO_MANY_PIXELS


def test_multi_page_tiff_counts_against_the_page_limit() -> None:
    error = refusal(samples.tiff(pages=4), DocumentLimits(max_pages=3))
    assert error.reason is RefusalReason.TOO_MANY_PAGES


@pytest.mark.parametrize("make", [samples.jpeg, samples.png, samples.tiff])
def test_damaged_images_are_refused_as_unreadable(make: Callable[[], bytes]) -> None:
    data = make()
    damaged = data[: len(data) // 2]
    assert refusal(damaged).reason is RefusalReason.UNREADABLE


def test_damaged_pdf_is_refused_as_unreadable() -> None:
    assert refusal(b"%PDF-1.4\n" + os.urandom(5000)).reason is RefusalReason.UNREADABLE


def _encrypted_pdf(user_password: str) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password, "owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused() -> None:
    error = refusal(_encrypted_pdf("secret"))
    assert error.reason is RefusalReason.ENCRYPTED
    assert "password" in error.message


def test_pdf_protected_with_an_empty_password_opens() -> None:
    assert inspect(_encrypted_pdf(""), LIMITS).pages == 1


def test_empty_and_oversized_documents_are_refused() -> None:
    assert refusal(b"").reason is RefusalReason.EMPTY
    error = refusal(b"%PDF-" + bytes(3067), DocumentLimits(max_bytes=2048))
    assert error.reason is RefusalReason.TOO_LARGE
    assert error.message == "The document is 3.0 KiB; the limit is 2.0 KiB."


def test_hash_mismatch_is_refused_as_corrupted() -> None:
    data = samples.pdf()
    good = hashlib.sha256(data).hexdigest()
    assert verify(data, good, LIMITS, announced=DocumentType.PDF).pages == 1
    damaged = data[:-10] + b"X" + data[-9:]
    with pytest.raises(DocumentCheckError) as caught:
        verify(damaged, good, LIMITS, announced=DocumentType.PDF)
    assert caught.value.reason is RefusalReason.CORRUPTED


def test_limits_must_make_sense() -> None:
    with pytest.raises(ValueError):
        DocumentLimits(max_bytes=0)


# --------------------------------------------------------------------------
# Wire format


def test_offer_decodes_and_a_bad_one_names_its_document() -> None:
    doc = "ab" * 16
    offer = {
        "type": "doc_offer",
        "doc": doc,
        "name": "avis.pdf",
        "mime": "application/pdf",
        "size": 10,
        "sha256": "0" * 64,
        "purpose": "scan",
    }
    decoded = wire.decode(json.dumps(offer))
    assert isinstance(decoded, wire.DocOffer) and decoded.doc == doc

    offer["name"] = "../../etc/passwd"
    with pytest.raises(wire.WireError) as caught:
        wire.decode(json.dumps(offer))
    assert (caught.value.code, caught.value.doc, caught.value.tag) == (
        wire.ChannelErrorCode.BAD_MESSAGE,
        doc,
        "doc_offer",
    )


def test_unknown_version_and_oversized_text_are_refused() -> None:
    with pytest.raises(wire.WireError) as caught:
        wire.decode(json.dumps({"type": "request_scan", "id": "r1", "v": 2}))
    assert caught.value.code is wire.ChannelErrorCode.UNSUPPORTED_VERSION
    with pytest.raises(wire.WireError) as caught:
        wire.decode(json.dumps({"type": "request_scan", "id": "r1", "prompt": "x" * 70_000}))
    assert caught.value.code is wire.ChannelErrorCode.TOO_LARGE


def test_chunk_header_layout() -> None:
    doc = "0123456789abcdef" * 2
    raw = wire.encode_chunk(doc, 32768, b"payload")
    assert raw[:1] == b"\x01" and raw[1:17] == bytes.fromhex(doc)
    assert raw[17:25] == (32768).to_bytes(8, "big") and raw[25:] == b"payload"
    got_doc, offset, payload = wire.decode_chunk(raw)
    assert (got_doc, offset, bytes(payload)) == (doc, 32768, b"payload")
    with pytest.raises(wire.WireError):
        wire.decode_chunk(raw[:25])
    with pytest.raises(wire.WireError):
        wire.decode_chunk(b"\x02" + raw[1:])


def test_commands_encode_without_defaults() -> None:
    status = wire.DeviceStatus(device=wire.Device.PRINTER, state=wire.DeviceState.OUT_OF_PAPER)
    assert json.loads(wire.encode(status)) == {
        "type": "device_status",
        "device": "printer",
        "state": "out_of_paper",
    }


def test_display_name_keeps_only_the_file_name() -> None:
    assert display_name("C:\\Users\\x\\Scans\\avis.pdf") == "avis.pdf"
    assert display_name("/home/x/../scan\x00.png") == "scan.png"
    assert display_name("///") == "document"
    assert len(display_name("a" * 400 + ".pdf")) == 255
    assert display_name("a" * 400 + ".pdf").endswith(".pdf")


# --------------------------------------------------------------------------
# Saving


def _received(data: bytes, name: str, mime: DocumentType) -> ReceivedDocument:
    info = DocumentInfo(
        doc_id="cd" * 16,
        name=name,
        mime=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        purpose=Purpose.PRINT,
    )
    return ReceivedDocument(info=info, data=data, pages=1)


def test_save_never_overwrites_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    first = _received(samples.pdf(), "cerfa.pdf", DocumentType.PDF)
    (tmp_path / "cerfa.pdf").write_bytes(b"already here")
    path = save_document(first, tmp_path)
    assert path == tmp_path / "cerfa (2).pdf"
    assert path.read_bytes() == first.data
    assert (tmp_path / "cerfa.pdf").read_bytes() == b"already here"
    assert save_document(first, tmp_path) == tmp_path / "cerfa (3).pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cerfa (2).pdf",
        "cerfa (3).pdf",
        "cerfa.pdf",
    ]


def test_saved_name_is_safe_and_its_extension_follows_the_content(tmp_path: Path) -> None:
    image = _received(samples.png(), "..:evil?.pdf", DocumentType.PNG)
    path = save_document(image, tmp_path)
    assert path.parent == tmp_path
    assert path.name == "document.._evil_.png"
    reserved = _received(samples.png(), "CON.png", DocumentType.PNG)
    assert save_document(reserved, tmp_path).name == "_CON.png"


def test_saving_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="does not exist"):
        save_document(_received(samples.pdf(), "a.pdf", DocumentType.PDF), tmp_path / "nope")
