#!/usr/bin/python3
"""Writes the PDF files the figure tests import as pages, into the folder
given: each object written out by hand, so that nothing of shiryo made them.

  pages.pdf        two pages; page 2 is 400 x 300 pt with a 200 x 100 pt
                   /CropBox, its inside drawn in blue and green bands and its
                   outside in red (which must never show)
  rotated.pdf      one page with /Rotate 90, the pages.pdf page 2 picture
  transparent.pdf  a page in a transparency group, a half-transparent band
  cmyk.pdf         a page painted with `k` (DeviceCMYK)
  helvetica.pdf    a page of text in Helvetica, not embedded
  lzw.pdf          a page whose content is LZWDecode
  deep.pdf         a page whose resources nest arrays 200 deep
  loop.pdf         a page tree whose /Kids refer back to the root

and for the PDF/A checks of an imported page:

  winansi.pdf      text in an embedded TrueType font (BIZ UD Gothic) with
                   /WinAnsiEncoding and no /ToUnicode (its codes are Unicode
                   by the encoding: allowed)
  differences.pdf  the same font with a /Differences encoding of its own
                   glyph names and no /ToUnicode (refused)
  spot-rgb.pdf     a Separation colour whose alternate is DeviceRGB (kept)
  spot-cmyk.pdf    a Separation colour whose alternate is DeviceCMYK
  devicen-cmyk.pdf a DeviceN colour whose alternate is DeviceCMYK
  cs-cmyk.pdf      `/DeviceCMYK cs` in the content
  inline-cmyk.pdf  an inline image with /CS /CMYK
  type3-cmyk.pdf   a Type 3 font whose glyph paints with `k`
  group-nocs.pdf   a transparency group without a blending colour space
                   (/CS), a half-transparent band (kept: the packet's output
                   intent gives the blending space)
  page-intent.pdf  a page with an output intent of its own and a page-open
                   JavaScript action (/AA): neither is part of what is drawn,
                   both are left out
  javascript.pdf   a JavaScript action inside the page's resources (refused)
"""
import sys
import zlib
from pathlib import Path


def pdf(objects, root=1):
    """A PDF from object bodies (bytes), numbered from 1, with an exact xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data, extra=b"", compress=True):
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


# Page 2's picture: red outside the crop box (100..300 x 100..200), inside a
# blue band over a green one and a black frame of lines.
PICTURE = (b"1 0 0 rg 0 0 400 300 re f\n"
           b"0 0 1 rg 100 150 200 50 re f\n"
           b"0 0.6 0 rg 100 100 200 50 re f\n"
           b"1 1 0 rg 150 120 100 60 re f\n"
           b"0 0 0 RG 4 w 120 110 m 280 190 l S\n")
CROP = b"/CropBox [100 100 300 200]"


def single_page(content, resources=b"<< >>", page_extra=b"", compress=True):
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] " + page_extra +
        b" /Resources " + resources + b" /Contents 4 0 R >>",
        stream(content, compress=compress),
    ])


FONT = Path("/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf")


def text_page(encoding):
    """A page of Latin text in an embedded TrueType font, no /ToUnicode."""
    program = FONT.read_bytes()
    packed = zlib.compress(program)
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"0.85 0.9 1 rg 0 0 400 300 re f 0 0 0 rg BT /F1 36 Tf 20 150 Td (PDF FIGURE) Tj ET\n"),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /BIZUDGothic-Regular /FirstChar 32 /LastChar 90 /Widths [" +
        b" 500" * 59 + b"] /Encoding " + encoding + b" /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /BIZUDGothic-Regular /Flags 32 /FontBBox [0 -250 1000 900] /ItalicAngle 0"
        b" /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
        b"<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n" % (len(packed), len(program)) + packed + b"\nendstream",
    ])


def main():
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pages.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 400 300] >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << >> /Contents 5 0 R >>",
        b"<< /Type /Page /Parent 2 0 R " + CROP + b" /Resources << >> /Contents 6 0 R >>",
        stream(b"0 0 0 rg 0 0 400 300 re f\n"),
        stream(PICTURE),
    ]))
    (folder / "rotated.pdf").write_bytes(single_page(PICTURE, page_extra=CROP + b" /Rotate 90"))
    (folder / "transparent.pdf").write_bytes(single_page(
        PICTURE + b"/Half gs 1 1 1 rg 100 140 200 20 re f\n",
        resources=b"<< /ExtGState << /Half << /Type /ExtGState /ca 0.5 /CA 0.5 >> >> >>",
        page_extra=CROP + b" /Group << /Type /Group /S /Transparency /CS /DeviceRGB >>"))
    (folder / "cmyk.pdf").write_bytes(single_page(b"0 0 0 1 k 0 0 400 300 re f\n"))
    (folder / "helvetica.pdf").write_bytes(single_page(
        b"BT /F1 24 Tf 20 150 Td (Helvetica) Tj ET\n",
        resources=b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"))
    lzw = b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"  # LZW data; refused before it is read
    (folder / "lzw.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /LZWDecode >>\nstream\n" % len(lzw) + lzw + b"\nendstream",
    ]))
    deep = b"[" * 200 + b"]" * 200
    (folder / "deep.pdf").write_bytes(single_page(PICTURE, resources=b"<< /Properties << /P " + deep + b" >> >>"))
    (folder / "winansi.pdf").write_bytes(text_page(b"/WinAnsiEncoding"))
    (folder / "differences.pdf").write_bytes(text_page(b"<< /Type /Encoding /Differences [65 /g36 /g37 /g38] >>"))
    gold = b"<< /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [0.8 0.6 0.1] /N 1 >>"
    (folder / "spot-rgb.pdf").write_bytes(single_page(
        PICTURE + b"/Gold cs 1 scn 100 140 200 20 re f\n",
        resources=b"<< /ColorSpace << /Gold [/Separation /Gold /DeviceRGB " + gold + b"] >> >>", page_extra=CROP))
    cmyk_tint = b"<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0.3 0.9 0.1] /N 1 >>"
    (folder / "spot-cmyk.pdf").write_bytes(single_page(
        b"/Gold cs 1 scn 0 0 400 300 re f\n",
        resources=b"<< /ColorSpace << /Gold [/Separation /Gold /DeviceCMYK " + cmyk_tint + b"] >> >>"))
    (folder / "devicen-cmyk.pdf").write_bytes(single_page(
        b"/Inks cs 1 scn 0 0 400 300 re f\n",
        resources=b"<< /ColorSpace << /Inks [/DeviceN [/Gold] /DeviceCMYK " + cmyk_tint + b"] >> >>"))
    (folder / "cs-cmyk.pdf").write_bytes(single_page(b"/DeviceCMYK cs 0 0 0 1 sc 0 0 400 300 re f\n"))
    (folder / "inline-cmyk.pdf").write_bytes(single_page(
        b"q 400 0 0 300 0 0 cm BI /W 1 /H 1 /CS /CMYK /BPC 8 ID \x00\x00\x00\xff EI Q\n", compress=False))
    (folder / "type3-cmyk.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Resources << /Font << /T3 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"BT /T3 100 Tf 20 100 Td (A) Tj ET\n"),
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << /square 6 0 R >>"
        b" /Encoding << /Type /Encoding /Differences [65 /square] >> /FirstChar 65 /LastChar 65 /Widths [1]"
        b" /ToUnicode 7 0 R >>",
        stream(b"1 0 0 0 0 1 d1 0 0 0 1 k 0 0 1 1 re f\n"),
        stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def 1 begincodespacerange"
               b" <00> <FF> endcodespacerange 1 beginbfchar <41> <25A0> endbfchar endcmap end end\n"),
    ]))
    (folder / "group-nocs.pdf").write_bytes(single_page(
        PICTURE + b"/Half gs 1 1 1 rg 100 140 200 20 re f\n",
        resources=b"<< /ExtGState << /Half << /Type /ExtGState /ca 0.5 /CA 0.5 >> >> >>",
        page_extra=CROP + b" /Group << /Type /Group /S /Transparency >>"))
    (folder / "page-intent.pdf").write_bytes(single_page(
        PICTURE, page_extra=CROP + b" /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"
        b" /OutputConditionIdentifier (FOGRA39) >>] /AA << /O << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"))
    (folder / "javascript.pdf").write_bytes(single_page(
        PICTURE, resources=b"<< /Properties << /P << /S /JavaScript /JS (app.alert\\(1\\)) >> >> >>"))
    (folder / "loop.pdf").write_bytes(pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
    ]))


if __name__ == "__main__":
    main()
