"""Sample "scanned" documents for the demo: generated, fictitious, no personal data."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

A4_AT_100_DPI = (827, 1169)

SAMPLES = {
    "avis-imposition-exemple.pdf": (
        "AVIS D'IMPOSITION — EXEMPLE",
        [
            "Document fictif généré pour la démonstration d'AgentDesk.",
            "Revenu fiscal de référence : 00 000 €",
            "Nombre de parts : 0",
            "Aucune donnée personnelle.",
        ],
    ),
    "attestation-employeur-exemple.jpg": (
        "ATTESTATION EMPLOYEUR — EXEMPLE",
        [
            "Document fictif généré pour la démonstration.",
            "Période : 01/01 au 31/12",
            "Salaire brut : 0,00 €",
        ],
    ),
    "quittance-loyer-exemple.png": (
        "QUITTANCE DE LOYER — EXEMPLE",
        ["Document fictif.", "Loyer : 000,00 €", "Charges : 00,00 €"],
    ),
}


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "C:/Windows/Fonts/arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def render_page(title: str, lines: list[str]) -> Image.Image:
    """A page that looks like a scan: off-white paper, a header band, text lines."""
    page = Image.new("RGB", A4_AT_100_DPI, (250, 248, 240))
    draw = ImageDraw.Draw(page)
    draw.rectangle((40, 40, A4_AT_100_DPI[0] - 40, 130), fill=(30, 60, 120))
    draw.text((60, 70), title, fill="white", font=_font(30))
    y = 190
    for line in lines:
        draw.text((60, y), line, fill=(20, 20, 20), font=_font(22))
        y += 50
    draw.text(
        (60, A4_AT_100_DPI[1] - 80), "EXEMPLE — SANS VALEUR", fill=(180, 0, 0), font=_font(26)
    )
    return page


def sample_bytes(name: str) -> bytes:
    title, lines = SAMPLES[name]
    page = render_page(title, lines)
    buffer = io.BytesIO()
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        page.save(buffer, format="PDF", resolution=100.0)
    elif suffix in (".jpg", ".jpeg"):
        page.save(buffer, format="JPEG", quality=80)
    else:
        page.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SAMPLES:
        path = folder / name
        path.write_bytes(sample_bytes(name))
        written.append(path)
    return written
