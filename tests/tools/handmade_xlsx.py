#!/usr/bin/python3
"""Writes a workbook by hand, part by part, the way Excel does and openpyxl
does not: inline strings, a shared string with a phonetic reading (rPh),
a 17-digit number, a merged range and a date-formatted cell.

usage: handmade_xlsx.py OUT.xlsx [--date]
"""
import sys
import zipfile

out = sys.argv[1]
with_date = "--date" in sys.argv[2:]

# 実績 with the reading Japanese Excel stores beside it.
sst = "<si><t>id</t></si><si><t>実績</t><rPh sb=\"0\" eb=\"2\"><t>ジッセキ</t></rPh></si>" \
      "<si><t>達成</t></si><si><t>実施済み</t></si>"


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


rows = [
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
    '<row r="2">%s<c r="B2"><v>7</v></c></row>' % inline("A2", "i1"),
    '<row r="3">%s</row>' % inline("A3", "i2"),
    '<row r="4">%s<c r="B4" t="s"><v>3</v></c><c r="C4" t="s"><v>2</v></c></row>' % inline("A4", "i3"),
    '<row r="5">%s<c r="B5"%s><v>%s</v></c></row>' % (inline("A5", "i4"), ' s="1"' if with_date else "",
                                                         "45382" if with_date else "84.400000000000006"),
]
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData>%s</sheetData><mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells></worksheet>'
         % "".join(rows))
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                       '<sheets><sheet name="職員課" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % sst,
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
                     '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml": sheet,
}
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
