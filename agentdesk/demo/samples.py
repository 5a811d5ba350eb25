"""Sample "scanned" documents for the demo: generated, fictitious, no personal data."""

from __future__ import annotations

import io
import random
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


SCAN_DPI = 300
_A4_SCAN = (round(8.27 * SCAN_DPI), round(11.69 * SCAN_DPI))
WORDS = (
    "allocation",
    "logement",
    "revenu",
    "foyer",
    "déclaration",
    "trimestrielle",
    "ressources",
    "montant",
    "droits",
    "période",
    "bénéficiaire",
    "référence",
    "dossier",
    "attestation",
    "employeur",
    "caisse",
    "paiement",
    "mensuel",
    "versement",
    "situation",
    "familiale",
    "enfants",
    "charge",
)


def render_scan(title: str, lines: list[str], seed: int) -> Image.Image:
    """A fictitious A4 page as a 300 dpi scan of it: title, the sample's lines,
    paragraphs of filler words within the margins, a table.  The set the
    kiosk's scan checks were measured on (bench/scan_quality.py)."""
    rng = random.Random(seed)
    page = Image.new("RGB", _A4_SCAN, (250, 249, 244))
    draw = ImageDraw.Draw(page)
    margin = round(0.8 * SCAN_DPI)
    draw.text((margin, margin), title, fill=(20, 30, 70), font=_font(70))
    y = margin + 160
    body = _font(40)
    for line in lines:
        draw.text((margin, y), line, fill=(15, 15, 15), font=body)
        y += 70
    y += 40
    while y < _A4_SCAN[1] - margin - 300:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 11))]
        # Within the margins, as printed documents are.
        while len(words) > 1 and draw.textlength(" ".join(words) + ".", font=body) > (
            _A4_SCAN[0] - 2 * margin
        ):
            words.pop()
        draw.text((margin, y), " ".join(words).capitalize() + ".", fill=(20, 20, 20), font=body)
        y += 62
        if rng.random() < 0.12:
            y += 50
    top = _A4_SCAN[1] - margin - 240
    for row in range(4):
        draw.rectangle(
            (margin, top + row * 60, _A4_SCAN[0] - margin, top + row * 60 + 60), outline=(0, 0, 0)
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
