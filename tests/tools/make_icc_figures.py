#!/usr/bin/python3
"""Writes test images that carry ICC colour profiles into a folder, each the
four-quadrant picture of make_figures.py:

  srgb-icc.png      RGB PNG with the sRGB profile (iCCP)
  grey-icc.png      grey PNG with a grey profile
  palette-icc.png   indexed PNG with the sRGB profile
  alpha-icc.png     RGBA PNG with the sRGB profile (decoded, /SMask)
  adobe-icc.jpg     RGB JPEG with an Adobe RGB (1998) compatible profile
  cmyk-icc.jpg      CMYK JPEG (Adobe, inverted) with a CMYK profile that
                    spans two APP2 markers
  grey-rgbicc.png   grey PNG with an RGB profile (a mismatch)
  broken-icc.png    RGB PNG whose iCCP inflates to bytes that are no profile

The CMYK profile is written here: an ICC v2 output profile whose A2B0 table
maps C, M, Y, K (11 points each) to the Lab of the RGB (1-C)(1-K),
(1-M)(1-K), (1-Y)(1-K), the inverse of PIL's RGB to CMYK conversion, so the
picture's colours come back when the profile is applied.
"""
import struct
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_figures import W, H, canonical, chunk  # noqa: E402

ICC = Path("/usr/share/color/icc")


def s15(v):
    return struct.pack(">i", round(v * 65536))


def lab_of_rgb(r, g, b):
    def lin(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = lin(r), lin(g), lin(b)
    # sRGB to XYZ, adapted to D50 (Bradford), and the D50 white.
    x = 0.4360747 * r + 0.3850649 * g + 0.1430804 * b
    y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b
    z = 0.0139322 * r + 0.0971045 * g + 0.7141733 * b
    wx, wy, wz = 0.96422, 1.0, 0.82521

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x / wx), f(y / wy), f(z / wz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab16(L, a, b):
    # ICC v2 16-bit Lab: L 0..100 to 0..0xFF00, a and b -128..127.996 to 0..0xFFFF.
    def ab(v):
        return max(0, min(65535, round((v + 128) * 256)))
    return [max(0, min(65280, round(L * 652.8))), ab(a), ab(b)]


def mft2(inputs, outputs, points, clut):
    out = b"mft2" + b"\0" * 4 + bytes([inputs, outputs, points, 0])
    for v in (1, 0, 0, 0, 1, 0, 0, 0, 1):
        out += s15(v)
    out += struct.pack(">HH", 2, 2)
    out += struct.pack(">HH", 0, 65535) * inputs
    out += struct.pack(f">{len(clut)}H", *clut)
    out += struct.pack(">HH", 0, 65535) * outputs
    return out


def cmyk_profile():
    n = 11
    grid = [i / (n - 1) for i in range(n)]
    a2b = []
    for c in grid:
        for m in grid:
            for y in grid:
                for k in grid:
                    a2b += lab16(*lab_of_rgb((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)))
    b2a = []
    for L in (0, 1):
        for a in (0, 1):
            for b in (0, 1):
                b2a += [0, 0, 0, 65535 * (1 - L)]
    desc_text = b"shiryo test CMYK\0"
    desc = (b"desc" + b"\0" * 4 + struct.pack(">I", len(desc_text)) + desc_text + struct.pack(">II", 0, 0) +
            struct.pack(">HB", 0, 0) + b"\0" * 67)
    tags = [(b"desc", desc), (b"cprt", b"text" + b"\0" * 4 + b"No copyright\0"),
            (b"wtpt", b"XYZ " + b"\0" * 4 + s15(0.96422) + s15(1.0) + s15(0.82521)),
            (b"A2B0", mft2(4, 3, n, a2b)), (b"B2A0", mft2(3, 4, 2, b2a))]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        while (offset + len(body)) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"prtrCMYKLab " + b"\0" * 12 +
              b"acsp" + b"\0" * 24 + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def png_with_iccp(path, raw_png, profile_zlib):
    """Inserts an iCCP chunk with the given zlib data after IHDR."""
    data = Path(raw_png).read_bytes()
    at = 8 + 8 + 13 + 4
    iccp = chunk(b"iCCP", b"broken\0\0" + profile_zlib)
    Path(path).write_bytes(data[:at] + iccp + data[at:])


def main(folder):
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    srgb = (ICC / "sRGB.icc").read_bytes()
    grey_icc = (ICC / "Gray.icc").read_bytes()
    rgb = canonical()
    grey = canonical("L")
    rgb.save(out / "srgb-icc.png", icc_profile=srgb)
    grey.save(out / "grey-icc.png", icc_profile=grey_icc)
    rgb.quantize(colors=4).save(out / "palette-icc.png", icc_profile=srgb)
    rgba = rgb.convert("RGBA")
    for y in range(H // 2, H):
        for x in range(W // 2, W):
            rgba.putpixel((x, y), (0, 0, 0, 0))
    rgba.save(out / "alpha-icc.png", icc_profile=srgb)
    rgb.save(out / "adobe-icc.jpg", quality=95, icc_profile=(ICC / "compatibleWithAdobeRGB1998.icc").read_bytes())
    profile = cmyk_profile()
    assert len(profile) > 65519  # more than one APP2 marker holds
    rgb.convert("CMYK").save(out / "cmyk-icc.jpg", quality=95, icc_profile=profile)
    (out / "cmyk.icc").write_bytes(profile)
    grey.save(out / "grey-rgbicc.png", icc_profile=srgb)
    rgb.save(out / "plain.png")
    png_with_iccp(out / "broken-icc.png", out / "plain.png", zlib.compress(b"not a colour profile" * 10))


if __name__ == "__main__":
    main(sys.argv[1])
