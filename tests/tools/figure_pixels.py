#!/usr/bin/python3
"""Checks the figures a PDF draws against the picture make_figures.py writes.

Usage: figure_pixels.py PDF WIDTH_MM KIND... — page N of the PDF holds one
figure, alone, with no caption; KIND names what it should show: `colour`
(the four colours), `grey` (the four levels), `colour-clear` (the four
colours, the bottom right one transparent, so white), `swop` (the four
colours as PIL writes them into a CMYK JPEG without a profile, read back
through Ghostscript's default CMYK profile by PIL's ImageCms, within 16 per
channel), or `skip` (a page not checked). `--extent PDF PAGE` prints the rows a mid-grey figure spans. Each page is rendered
by pdftoppm at 100 dpi; the figure is the box of pixels that are not white,
which must be WIDTH_MM wide and two thirds as high (within 2 pixels, the
bottom right of a clear one excepted), and the centre of each quadrant must
show its colour within a tolerance of 40 per channel. Prints one line per
page; exits 1 when any page is wrong.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageCms

COLOURS = [(220, 30, 30), (30, 180, 60), (40, 60, 200), (240, 220, 40)]
GREYS = [(v, v, v) for v in (0, 85, 170, 255)]
WHITE = (255, 255, 255)
DPI = 100
CMYK_PROFILE = "/usr/share/color/icc/ghostscript/default_cmyk.icc"


def swop():
    row = Image.new("RGB", (len(COLOURS), 1))
    for i, c in enumerate(COLOURS):
        row.putpixel((i, 0), c)
    rgb = ImageCms.profileToProfile(row.convert("CMYK"), ImageCms.getOpenProfile(CMYK_PROFILE),
                                    ImageCms.createProfile("sRGB"), renderingIntent=0, outputMode="RGB")
    return [rgb.getpixel((i, 0)) for i in range(len(COLOURS))]


def expected(kind):
    if kind == "colour":
        return COLOURS
    if kind == "grey":
        return GREYS
    if kind == "colour-clear":
        return COLOURS[:3] + [WHITE]
    if kind == "swop":
        return swop()
    raise SystemExit("unknown kind " + kind)


def skip(kind):
    return kind == "skip"


def box(img):
    px = img.load()
    xs, ys = [], []
    for y in range(img.height):
        for x in range(img.width):
            if sum(px[x, y]) < 3 * 245:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def extent(pdf, page):
    """Prints the first and last row of page `page` that hold mid grey, and the page's height in pixels."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = str(Path(tmp) / "p")
        subprocess.run(["pdftoppm", "-r", str(DPI), "-f", page, "-l", page, "-singlefile", "-png", pdf, stem], check=True)
        img = Image.open(stem + ".png").convert("RGB")
        px = img.load()
        rows = [y for y in range(img.height) if any(abs(px[x, y][0] - 128) <= 8 and px[x, y][0] == px[x, y][2]
                                                    for x in range(0, img.width, 2))]
        print(rows[0], rows[-1], img.height)


def main():
    if sys.argv[1] == "--extent":
        extent(sys.argv[2], sys.argv[3])
        return
    pdf, width_mm, kinds = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    want_w = width_mm / 25.4 * DPI
    want_h = want_w * 2 / 3
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, kind in enumerate(kinds, start=1):
            if skip(kind):
                continue
            stem = str(Path(tmp) / f"p{n}")
            subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(n), "-l", str(n), "-singlefile", "-png", pdf, stem],
                           check=True)
            img = Image.open(stem + ".png").convert("RGB")
            # The figure sits above the page foot (its page number).
            img = img.crop((0, 0, img.width, img.height * 4 // 5))
            x0, y0, x1, y1 = box(img)
            # A grey figure's last quadrant is white, and a clear one's too: the
            # other three still span the whole box.
            size_ok = abs((x1 - x0) - want_w) <= 2 and abs((y1 - y0) - want_h) <= 2
            samples = [img.getpixel((int(x0 + (x1 - x0) * fx), int(y0 + (y1 - y0) * fy)))
                       for fx, fy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75))]
            tolerance = 16 if kind == "swop" else 40
            colours_ok = all(max(abs(a - b) for a, b in zip(s, e)) <= tolerance for s, e in zip(samples, expected(kind)))
            ok = size_ok and colours_ok
            bad += not ok
            print(f"page {n} {kind}: {'ok' if ok else 'WRONG'} box {x1 - x0}x{y1 - y0} "
                  f"(want {want_w:.0f}x{want_h:.0f}) samples {samples}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
