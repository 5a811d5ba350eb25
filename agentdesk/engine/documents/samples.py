"""Synthetic documents for tests, benchmarks and demos: no personal data, built on the fly.

``pdf`` writes a small valid PDF by hand (any page count, padded to a chosen
size with incompressible bytes, like a scan), ``png``/``jpeg``/``tiff`` draw
with Pillow, and ``png_bomb`` writes a PNG that announces a huge image in a
few kilobytes, without ever holding its pixels.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import Image, ImageDraw


def pdf(pages: int = 1, size: int = 0, *, seed: int = 1) -> bytes:
    """A valid PDF of ``pages`` A4 pages, padded to at least ``size`` bytes."""
    if pages < 1:
        raise ValueError("a PDF needs at least one page")
    objects: list[bytes] = []
    first_page = 3
    content = first_page + pages
    padding = content + 1
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for _ in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Contents {content} 0 R /PieceInfo << /Pad {padding} 0 R >> >>".encode()
        )
    drawing = b"0.5 w 56 56 483 730 re S 56 700 m 539 700 l S"
    objects.append(_stream(drawing))
    overhead = 400 + 90 * pages
    filler = random.Random(seed).randbytes(max(0, size - overhead))
    objects.append(_stream(filler))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def _drawing(width: int, height: int, mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 10, height // 10, width * 9 // 10, height * 9 // 10), outline="black")
    for y in range(height // 5, height * 4 // 5, max(1, height // 20)):
        draw.line((width // 5, y, width * 4 // 5, y), fill="gray", width=2)
    return image


def png(width: int = 800, height: int = 600) -> bytes:
    out = io.BytesIO()
    _drawing(width, height).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 800, height: int = 600, quality: int = 85) -> bytes:
    out = io.BytesIO()
    _drawing(width, height).save(out, "JPEG", quality=quality)
    return out.getvalue()


def tiff(pages: int = 1, width: int = 400, height: int = 300) -> bytes:
    frames = [_drawing(width, height, "L") for _ in range(pages)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def png_bomb(width: int = 20000, height: int = 20000) -> bytes:
    """A 1-bit black PNG of ``width`` x ``height``: a few KiB that decode to gigabytes."""
    row = b"\x00" + bytes((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = bytearray()
    for _ in range(height):
        idat += packer.compress(row)
    idat += packer.flush()
    header = struct.pack("!IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", bytes(idat))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))
