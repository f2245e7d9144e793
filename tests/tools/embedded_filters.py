#!/usr/bin/python3
"""Prints each embedded file of a PDF with the filter its stream is stored
with and its MIME type, read through qpdf's JSON (not through shiryo): one
line per file, `NAME FILTER MIME` (`none` when stored as it is), in name
order.

Usage: embedded_filters.py PDF
"""
import json
import subprocess
import sys


def text(value):
    # qpdf's JSON v2 writes strings as "u:TEXT" (or "b:HEX" for bytes).
    if value.startswith("u:"):
        return value[2:]
    if value.startswith("b:"):
        return bytes.fromhex(value[2:]).decode("latin-1")
    return value


def main():
    out = subprocess.run(["qpdf", "--json", "--json-key=qpdf", sys.argv[1]], check=True, capture_output=True).stdout
    objects = json.loads(out)["qpdf"][1]

    def get(ref):
        return objects.get("obj:" + ref, {})

    lines = []
    for value in objects.values():
        spec = value.get("value")
        if not isinstance(spec, dict) or spec.get("/Type") != "/Filespec" or "/EF" not in spec:
            continue
        stream = get(spec["/EF"]["/F"]).get("stream", {}).get("dict", {})
        lines.append(f"{text(spec['/UF'])} {stream.get('/Filter', 'none')} {stream.get('/Subtype', 'none')}")
    print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main()
