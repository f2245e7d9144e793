#!/usr/bin/python3
"""Fills the workbook `shiryo figures --xlsx` exported with a packet's own
results for one fiscal year, as a department would, through openpyxl (a
writer independent of shiryo), and writes the packet with those results
taken out and a <results-data> naming the filled file in their place.

usage: fill_results.py PACKET.xml EXPORTED.xlsx FY PERIOD OUT.(xlsx|csv) OUT-PACKET.xml [--cp932]

Results with parts stay typed in the packet (a sheet has no parts); an
indicator on two departments' sheets is filled on the first only.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET

import openpyxl


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def main():
    packet, exported, fy, period_id, out, out_packet = sys.argv[1:7]
    cp932 = "--cp932" in sys.argv[7:]
    root = ET.parse(packet).getroot()
    results = {}
    for period in root.iter("period"):
        if period.get("id") != period_id:
            continue
        for ind in period.iter("indicator"):
            row = {}
            for el in ind:
                if el.get("fy") != fy:
                    continue
                if el.tag == "actual":
                    if el.find("part") is not None:
                        row = None
                        break
                    row["actual"] = el
                elif el.tag in ("reason", "next"):
                    row[el.tag] = text_of(el)
            if row:
                results[ind.get("id")] = row

    wb = openpyxl.load_workbook(exported)
    filled = set()
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        col = {name: i + 1 for i, name in enumerate(header)}
        for r in range(2, ws.max_row + 1):
            ind = ws.cell(r, col["id"]).value
            if ind not in results or ind in filled:
                continue
            filled.add(ind)
            row = results[ind]
            actual = row.get("actual")
            if actual is not None:
                if actual.get("pending") is not None:
                    ws.cell(r, col["達成"]).value = "未定"
                    if actual.get("pending"):
                        ws.cell(r, col["未定"]).value = actual.get("pending")
                else:
                    if actual.get("value") is not None:
                        v = actual.get("value")
                        ws.cell(r, col["実績"]).value = float(v) if "." in v else int(v)
                    elif text_of(actual):
                        ws.cell(r, col["実績"]).value = text_of(actual)
                    if actual.get("achieved") is not None:
                        ws.cell(r, col["達成"]).value = "達成" if actual.get("achieved") == "yes" else "未達成"
            if "reason" in row:
                ws.cell(r, col["未達成の理由"]).value = row["reason"]
            if "next" in row:
                ws.cell(r, col["今後の対応策"]).value = row["next"]

    if out.endswith(".csv"):
        with open(out, "w", encoding="cp932" if cp932 else "utf-8-sig", newline="") as f:
            w = csv.writer(f)
            first = True
            for ws in wb.worksheets:
                for i, values in enumerate(ws.iter_rows(values_only=True)):
                    if i == 0 and not first:
                        continue
                    w.writerow(["" if v is None else v for v in values])
                first = False
    else:
        wb.save(out)

    text = open(packet, encoding="utf-8").read()

    def strip(match):
        block = match.group(0)
        ind = re.search(r'id="([^"]*)"', block).group(1)
        if ind not in filled:
            return block
        for tag in ("actual", "reason", "next"):
            block = re.sub(r'\s*<%s fy="%s"[^>]*/>' % (tag, fy), "", block)
            block = re.sub(r'\s*<%s fy="%s"[^>]*>.*?</%s>' % (tag, fy, tag), "", block, flags=re.S)
        return block

    text = re.sub(r"<indicator .*?</indicator>", strip, text, flags=re.S)
    name = out.rsplit("/", 1)[-1]
    text = re.sub(r"(\n\s*)<period ", r'\1<results-data period="%s" fy="%s" href="%s"/>\1<period ' % (period_id, fy, name),
                  text, count=1)
    open(out_packet, "w", encoding="utf-8").write(text)


main()
