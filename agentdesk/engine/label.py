"""Burns a caption ("PAS DE CAMÉRA") into yuv420p frames.

The FFmpeg bundled with PyAV may lack ``drawtext`` (it has no FreeType here),
so the "no camera" pattern carries its own caption: a small bitmap font,
rendered once into a black band, copied into each frame's planes.  Copying
about 60 rows costs a few microseconds per frame.
"""

from __future__ import annotations

from typing import Any

# 5 columns x 9 rows; the top two rows hold accents.
_GLYPHS: dict[str, tuple[str, ...]] = {
    " ": ("00000",) * 9,
    "A": ("00000", "00000", "01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "C": ("00000", "00000", "01111", "10000", "10000", "10000", "10000", "10000", "01111"),
    "D": ("00000", "00000", "11110", "10001", "10001", "10001", "10001", "10001", "11110"),
    "E": ("00000", "00000", "11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "É": ("00010", "00100", "11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "M": ("00000", "00000", "10001", "11011", "10101", "10101", "10001", "10001", "10001"),
    "P": ("00000", "00000", "11110", "10001", "10001", "11110", "10000", "10000", "10000"),
    "R": ("00000", "00000", "11110", "10001", "10001", "11110", "10100", "10010", "10001"),
    "S": ("00000", "00000", "01111", "10000", "10000", "01110", "00001", "00001", "11110"),
}
_ROWS = 9
_COLS = 5

NO_CAMERA_TEXT = "PAS DE CAMÉRA"

_BLACK_Y, _WHITE_Y, _GREY_UV = 16, 235, 128


class Caption:
    """A caption band for frames of one size, centred vertically."""

    def __init__(self, text: str, width: int, height: int) -> None:
        chars = [c if c in _GLYPHS else " " for c in text.upper()]
        scale = max(1, min(width // ((_COLS + 1) * len(chars) + 2), height // (_ROWS * 4)))
        text_w = (_COLS + 1) * len(chars) * scale
        band_h = (_ROWS + 4) * scale
        band_h += band_h % 2
        self.width = width
        self.height = height
        self.top = max(0, (height - band_h) // 2) // 2 * 2
        self.rows = min(band_h, height - self.top)
        left = max(0, (width - text_w) // 2)
        luma = [bytearray([_BLACK_Y]) * width for _ in range(self.rows)]
        for index, char in enumerate(chars):
            glyph = _GLYPHS[char]
            for gy in range(_ROWS):
                for gx in range(_COLS):
                    if glyph[gy][gx] != "1":
                        continue
                    for dy in range(scale):
                        y = 2 * scale + gy * scale + dy
                        if y >= self.rows:
                            continue
                        x0 = left + (index * (_COLS + 1) + gx) * scale
                        row = luma[y]
                        for x in range(x0, min(width, x0 + scale)):
                            row[x] = _WHITE_Y
        self._luma = [bytes(row) for row in luma]
        self._chroma = bytes([_GREY_UV]) * (width // 2)

    def apply(self, frame: Any) -> None:
        """Writes the band into ``frame`` (yuv420p, same size) in place."""
        if frame.width != self.width or frame.height != self.height:
            return
        planes = frame.planes
        stride = planes[0].line_size
        luma = memoryview(planes[0])
        for r, row in enumerate(self._luma):
            start = (self.top + r) * stride
            luma[start : start + self.width] = row
        half = self.width // 2
        for plane in (planes[1], planes[2]):
            view = memoryview(plane)
            cstride = plane.line_size
            for r in range(self.top // 2, (self.top + self.rows) // 2):
                start = r * cstride
                view[start : start + half] = self._chroma
