"""Checks a document's bytes: type from content, size, pixels, pages, integrity.

Everything here blocks (hashing, decoding a 50-megapixel image, parsing a
PDF) and touches no shared state: the channel runs it in a worker thread
(``asyncio.to_thread``) so the event loop, and the call, never wait on it.
The same checks run on the sending side before a document is offered, so a
resident learns at the kiosk that a file cannot go, without sending it.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass

import pypdf
import pypdf.errors
from PIL import Image

from .model import DocumentLimits, DocumentType, RefusalReason, mib

log = logging.getLogger(__name__)

_MAGIC: tuple[tuple[bytes, DocumentType], ...] = (
    (b"%PDF-", DocumentType.PDF),
    (b"\xff\xd8\xff", DocumentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", DocumentType.PNG),
    (b"II*\x00", DocumentType.TIFF),
    (b"MM\x00*", DocumentType.TIFF),
)
_PIL_FORMAT = {DocumentType.JPEG: "JPEG", DocumentType.PNG: "PNG", DocumentType.TIFF: "TIFF"}


class DocumentCheckError(Exception):
    """A document that must be refused; ``message`` is the sentence both sides see."""

    def __init__(self, reason: RefusalReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class Inspection:
    mime: DocumentType
    pages: int
    width: int | None = None
    height: int | None = None


def sniff(data: bytes | memoryview) -> DocumentType | None:
    """The document's type from its first bytes, or None when not an accepted type."""
    head = bytes(data[:8])
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_size(size: int, limits: DocumentLimits) -> None:
    if size == 0:
        raise DocumentCheckError(RefusalReason.EMPTY, "The document is empty.")
    if size > limits.max_bytes:
        raise DocumentCheckError(
            RefusalReason.TOO_LARGE,
            f"The document is {mib(size)}; the limit is {mib(limits.max_bytes)}.",
        )


def inspect(
    data: bytes, limits: DocumentLimits, *, announced: DocumentType | None = None
) -> Inspection:
    """Detects the type and opens the document with its real decoder, within ``limits``.

    Raises DocumentCheckError.  ``announced`` is the type the sender claimed:
    a different real type is refused, whatever the file name said.
    """
    check_size(len(data), limits)
    kind = check_type(data, announced)
    if kind is DocumentType.PDF:
        return _inspect_pdf(data, limits)
    return _inspect_image(data, kind, limits)


def check_type(head: bytes | memoryview, announced: DocumentType | None) -> DocumentType:
    """The type the first bytes show; refused when unsupported or not the one announced."""
    kind = sniff(head)
    if kind is None:
        raise DocumentCheckError(
            RefusalReason.UNSUPPORTED_TYPE,
            "This file is not a PDF, JPEG, PNG or TIFF document "
            "(its content was checked, not its name).",
        )
    if announced is not None and kind is not announced:
        raise DocumentCheckError(
            RefusalReason.WRONG_TYPE,
            f"The document was announced as {announced.label} but its content is {kind.label}.",
        )
    return kind


def verify(
    data: bytes, sha256: str, limits: DocumentLimits, *, announced: DocumentType | None
) -> Inspection:
    """The receiver's whole check: integrity first, then type and content."""
    if sha256_hex(data) != sha256:
        raise DocumentCheckError(
            RefusalReason.CORRUPTED,
            "The document was damaged on the way (its SHA-256 checksum does not match); "
            "please send it again.",
        )
    return inspect(data, limits, announced=announced)


def _inspect_image(data: bytes, kind: DocumentType, limits: DocumentLimits) -> Inspection:
    unreadable = DocumentCheckError(
        RefusalReason.UNREADABLE, f"The file is damaged: it cannot be opened as {kind.label}."
    )
    try:
        # Image.open reads the header only; the pixel count is checked
        # before anything is decoded.  Pillow's own bomb guard (about 179
        # megapixels by default) raises first for the biggest lies.
        with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[kind]]) as image:
            frames = getattr(image, "n_frames", 1) if kind is DocumentType.TIFF else 1
            if frames > limits.max_pages:
                raise DocumentCheckError(
                    RefusalReason.TOO_MANY_PAGES,
                    f"The image has {frames} pages; the limit is {limits.max_pages}.",
                )
            width, height = image.size
            for frame in range(frames):
                image.seek(frame)
                _check_pixels(*image.size, limits)
                image.load()
    except DocumentCheckError:
        raise
    except Image.DecompressionBombError:
        raise DocumentCheckError(
            RefusalReason.TOO_MANY_PIXELS,
            f"The image has far too many pixels; the limit is {_mp(limits.max_pixels)}.",
        ) from None
    except Exception as exc:  # any decoder failure on untrusted bytes means "damaged"
        log.info("%s refused by its decoder: %s", kind.name, type(exc).__name__)
        raise unreadable from None
    return Inspection(mime=kind, pages=frames, width=width, height=height)


def _check_pixels(width: int, height: int, limits: DocumentLimits) -> None:
    if width * height > limits.max_pixels:
        raise DocumentCheckError(
            RefusalReason.TOO_MANY_PIXELS,
            f"The image is {width} x {height} pixels ({_mp(width * height)}); "
            f"the limit is {_mp(limits.max_pixels)}.",
        )


def _mp(pixels: int) -> str:
    return f"{pixels / 1_000_000:g} megapixels"


def _inspect_pdf(data: bytes, limits: DocumentLimits) -> Inspection:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many scanners "protect" with an empty user password: those open.
            try:
                opened = reader.decrypt("") != pypdf.PasswordType.NOT_DECRYPTED
            except Exception:
                opened = False
            if not opened:
                raise DocumentCheckError(
                    RefusalReason.ENCRYPTED,
                    "The PDF is protected by a password and cannot be opened; "
                    "send it without protection.",
                )
        pages = len(reader.pages)
    except DocumentCheckError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        log.info("PDF refused by its parser: %s", type(exc).__name__)
        raise DocumentCheckError(
            RefusalReason.UNREADABLE, "The file is damaged: it cannot be opened as a PDF document."
        ) from None
    if pages == 0:
        raise DocumentCheckError(RefusalReason.UNREADABLE, "The PDF document has no page.")
    if pages > limits.max_pages:
        raise DocumentCheckError(
            RefusalReason.TOO_MANY_PAGES,
            f"The PDF document has {pages} pages; the limit is {limits.max_pages}.",
        )
    return Inspection(mime=DocumentType.PDF, pages=pages)
