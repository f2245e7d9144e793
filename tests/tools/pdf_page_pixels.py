#!/usr/bin/python3
"""Compares an imported PDF page with its source, pixel by pixel.

  pdf_page_pixels.py PACKET.pdf PAGE SOURCE.pdf SOURCE_PAGE

PAGE of the packet must hold that one figure and nothing else above its
footer. Both are rendered by pdftoppm at 144 dpi (the source at its crop box,
as viewers show it, turned by its /Rotate); the figure is found as the box of
non-white pixels above the footer, the source render is scaled to that box,
and their mean difference per channel is printed, inside a 3-pixel margin
(the figure's edges are anti-aliased against what lies outside its box).
Exit status 1 when the boxes differ in shape or the mean difference is over
6 of 255 in any channel.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageStat


def render(pdf, page, folder, name):
    prefix = str(Path(folder) / name)
    subprocess.run(["pdftoppm", "-cropbox", "-r", "144", "-png", "-singlefile", "-f", str(page), "-l", str(page), pdf, prefix],
                   check=True)
    return Image.open(prefix + ".png").convert("RGB")


def main():
    packet, page, source, source_page = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    with tempfile.TemporaryDirectory() as folder:
        out = render(packet, page, folder, "packet")
        src = render(source, source_page, folder, "source")
    # Above the footer: the top 85% of the page.
    body = out.crop((0, 0, out.width, int(out.height * 0.85)))
    inverted = ImageChops.invert(body.convert("L")).point(lambda v: 255 if v > 16 else 0)
    box = inverted.getbbox()
    if not box:
        print("WRONG: no figure on the page")
        return 1
    w, h = box[2] - box[0], box[3] - box[1]
    shape = (w / h) / (src.width / src.height)
    print(f"figure {w} x {h} px, source {src.width} x {src.height} px, shape ratio {shape:.3f}")
    if abs(shape - 1) > 0.03:
        print("WRONG: the figure's proportions differ from the source page's")
        return 1
    figure = out.crop(box)
    scaled = src.resize((w, h), Image.LANCZOS)
    inner = (3, 3, w - 3, h - 3)
    diff = ImageChops.difference(figure.crop(inner), scaled.crop(inner))
    means = ImageStat.Stat(diff).mean
    print("mean difference per channel: " + " ".join(f"{m:.2f}" for m in means))
    if max(means) > 6:
        print("WRONG: the figure does not show the source page")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
