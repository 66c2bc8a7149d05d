"""Draw the diagram used by the example posts (``docs/images/tree-angle.png``).

Pure Python (``zlib`` + ``struct``), no network and no imaging library:
``python docs/_ext/example_image.py`` rewrites the file.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 240, 150
SKY, GROUND, TRUNK, CROWN, SIGHT = (
    (232, 242, 252),
    (120, 170, 90),
    (110, 75, 45),
    (40, 120, 60),
    (200, 40, 40),
)


def _draw() -> list[list[tuple[int, int, int]]]:
    pixels = [[SKY] * WIDTH for _ in range(HEIGHT)]
    for y in range(120, HEIGHT):
        pixels[y] = [GROUND] * WIDTH
    for y in range(60, 120):  # trunk
        for x in range(186, 194):
            pixels[y][x] = TRUNK
    for y in range(20, 75):  # crown: a disc
        for x in range(160, 220):
            if (x - 190) ** 2 + (y - 45) ** 2 <= 28**2:
                pixels[y][x] = CROWN
    x0, y0, x1, y1 = 30, 118, 190, 20  # line of sight, observer to tree top
    for step in range(400):
        x = round(x0 + (x1 - x0) * step / 399)
        y = round(y0 + (y1 - y0) * step / 399)
        for dy in (0, 1):
            pixels[min(y + dy, HEIGHT - 1)][x] = SIGHT
    return pixels


def png_bytes() -> bytes:
    """The diagram as a PNG file."""
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in _draw())

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "images" / "tree-angle.png"
    target.write_bytes(png_bytes())
    print(f"wrote {target}")
