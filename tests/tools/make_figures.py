#!/usr/bin/python3
"""Writes one test image per kind a <figure> draws into a folder.

Every image shows the same picture, 120 × 80 pixels as displayed: four
quadrants of known colours (top left red, top right green, bottom left
blue, bottom right yellow), so that a rendering of the PDF can be sampled
at each quadrant's centre. Grey images use the levels 0, 85, 170, 255 in
the same order. Where an image has transparency, its bottom right quadrant
is transparent (the page's white shows through).

PIL writes most of them; 16-bit RGB and interlaced PNGs are written by the
small encoder below, which PIL cannot do.
"""
import io
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image

W, H = 120, 80
COLOURS = [(220, 30, 30), (30, 180, 60), (40, 60, 200), (240, 220, 40)]
GREYS = [0, 85, 170, 255]


def quadrant(x, y):
    return (0 if x < W // 2 else 1) + (0 if y < H // 2 else 2)


def canonical(mode="RGB"):
    img = Image.new("RGB", (W, H))
    for y in range(H):
        for x in range(W):
            img.putpixel((x, y), COLOURS[quadrant(x, y)])
    if mode == "L":
        img = Image.new("L", (W, H))
        for y in range(H):
            for x in range(W):
                img.putpixel((x, y), GREYS[quadrant(x, y)])
    return img


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# Adam7: (x start, y start, x step, y step) of each pass.
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def raw_png(path, pixel, colour_type, depth, interlace):
    """pixel(x, y) -> tuple of samples; each sample fits in `depth` bits (8 or 16)."""
    width = 2 if depth == 16 else 1

    def row(xs, y):
        out = bytearray([0])
        for x in xs:
            for s in pixel(x, y):
                out += s.to_bytes(width, "big")
        return bytes(out)

    raw = b""
    if interlace:
        for x0, y0, dx, dy in ADAM7:
            xs = list(range(x0, W, dx))
            if not xs:
                continue
            for y in range(y0, H, dy):
                raw += row(xs, y)
    else:
        for y in range(H):
            raw += row(range(W), y)
    ihdr = struct.pack(">IIBBBBB", W, H, depth, colour_type, 0, 0, 1 if interlace else 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    Path(path).write_bytes(data)


def rgb16(x, y):
    return tuple(c * 257 for c in COLOURS[quadrant(x, y)])


def rgba8(x, y):
    return COLOURS[quadrant(x, y)] + ((0,) if quadrant(x, y) == 3 else (255,))


# PIL's Image.transpose methods that undo EXIF orientations 1-8: the stored
# pixels are the canonical picture turned by the inverse of what the tag says.
STORED_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def main(folder):
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rgb = canonical()
    grey = canonical("L")
    rgb.save(out / "rgb.png")
    grey.save(out / "grey.png")
    rgb.quantize(colors=4).save(out / "palette.png")
    rgba = rgb.copy().convert("RGBA")
    for y in range(H // 2, H):
        for x in range(W // 2, W):
            rgba.putpixel((x, y), (0, 0, 0, 0))
    rgba.save(out / "alpha.png")
    pal = rgb.quantize(colors=4)
    # The palette entry of the bottom right quadrant is made transparent by tRNS.
    pal.save(out / "trns.png", transparency=pal.getpixel((W - 1, H - 1)))
    grey16 = Image.new("I;16", (W, H))
    for y in range(H):
        for x in range(W):
            grey16.putpixel((x, y), GREYS[quadrant(x, y)] * 257)
    grey16.save(out / "grey16.png")
    raw_png(out / "rgb16.png", rgb16, 2, 16, False)
    raw_png(out / "interlaced.png", lambda x, y: COLOURS[quadrant(x, y)], 2, 8, True)
    raw_png(out / "interlaced-alpha.png", rgba8, 6, 8, True)
    rgb.save(out / "baseline.jpg", quality=95)
    rgb.save(out / "progressive.jpg", quality=95, progressive=True)
    grey.save(out / "grey.jpg", quality=95)
    rgb.convert("CMYK").save(out / "cmyk.jpg", quality=95)
    for o, method in STORED_FOR_ORIENTATION.items():
        exif = Image.Exif()
        exif[0x0112] = o
        rgb.transpose(method).save(out / f"exif{o}.jpg", quality=95, exif=exif.tobytes())
    # A large photo with a stated resolution: 2400 × 1600 at 300 dpi is 8 in wide.
    Image.new("RGB", (2400, 1600), (90, 120, 150)).save(out / "photo300.jpg", quality=80, dpi=(300, 300))
    # Taller than any page at the text width: 40 × 400, mid grey.
    Image.new("L", (40, 400), 128).save(out / "tall.png")
    # Damaged files.
    whole = (out / "rgb.png").read_bytes()
    (out / "truncated.png").write_bytes(whole[: len(whole) // 2])
    jpeg = (out / "baseline.jpg").read_bytes()
    (out / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    # A PNG that declares 20000 × 20000 pixels (400 million) in a tiny file.
    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    (out / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                                   chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    (out / "passwd.png").write_text("root:x:0:0:root:/root:/bin/bash\n")


if __name__ == "__main__":
    main(sys.argv[1])
