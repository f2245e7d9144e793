#!/usr/bin/python3
"""Edits a workbook through openpyxl, as a clerk would in Excel.

usage: edit_sheet.py IN.xlsx OUT.xlsx EDIT...
  SHEET!CELL=VALUE   set a cell (a number when VALUE parses as one, prefix
                     with ' to keep it text)
  -SHEET!ROW         delete a row
  +SHEET!A,B,...     append a row
  ~SHEET!A1:B2       merge a range
"""
import sys

import openpyxl


def value(v):
    if v.startswith("'"):
        return v[1:]
    for kind in (int, float):
        try:
            return kind(v)
        except ValueError:
            pass
    return v if v else None


def main():
    src, out, *edits = sys.argv[1:]
    wb = openpyxl.load_workbook(src)
    for e in edits:
        op = e[0] if e[0] in "-+~" else "="
        body = e[1:] if op != "=" else e
        sheet, rest = body.split("!", 1)
        ws = wb[sheet]
        if op == "-":
            ws.delete_rows(int(rest))
        elif op == "+":
            ws.append([value(v) for v in rest.split(",")])
        elif op == "~":
            ws.merge_cells(rest)
        else:
            cell, v = rest.split("=", 1)
            ws[cell] = value(v)
    wb.save(out)


main()
