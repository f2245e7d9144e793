#!/usr/bin/python3
"""Reads every object of a PDF with qpdf --json (not shiryo) and prints what
PDF/A-3 under one output intent asks of them:

  OutputIntents K N   K dictionaries with an /OutputIntents entry, holding N
                      intents in all (a valid packet: 1 1)
  SMask K I           K /SMask entries, I of them on an image XObject and
                      naming an image XObject (a valid packet: I = K)
  forbidden NAME in obj:N 0 R
                      a /DeviceCMYK, /JavaScript, /JS, /Launch or /AA name,
                      as a key or a value, in an object's dictionary

Only dictionaries are searched: stream data is not read, so no bytes of a
font program or an image can look like a name.
"""
import json
import subprocess
import sys

FORBIDDEN = {"/DeviceCMYK", "/JavaScript", "/JS", "/Launch", "/AA"}


def main():
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=none", sys.argv[1]], check=True,
                         capture_output=True).stdout
    objects = {k: v for k, v in json.loads(out)["qpdf"][1].items() if k.startswith("obj:")}

    def dictionary(obj):
        return obj["stream"]["dict"] if "stream" in obj else obj.get("value")

    def is_image(d):
        return isinstance(d, dict) and d.get("/Subtype") == "/Image"

    intents = [0, 0]
    smasks = [0, 0]
    found = []

    def walk(value, owner, holder):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in FORBIDDEN:
                    found.append((key, owner))
                if key == "/OutputIntents":
                    intents[0] += 1
                    target = dictionary(objects[item]) if isinstance(item, str) and item.endswith(" R") else item
                    intents[1] += len(target) if isinstance(target, list) else 0
                if key == "/SMask":
                    smasks[0] += 1
                    named = objects.get("obj:" + item) if isinstance(item, str) and item.endswith(" R") else None
                    if is_image(value) and value is holder and named is not None and is_image(dictionary(named)):
                        smasks[1] += 1
                walk(item, owner, holder)
        elif isinstance(value, list):
            for item in value:
                walk(item, owner, holder)
        elif isinstance(value, str) and value in FORBIDDEN:
            found.append((value, owner))

    for name, obj in objects.items():
        d = dictionary(obj)
        walk(d, name, d)
    print(f"OutputIntents {intents[0]} {intents[1]}")
    print(f"SMask {smasks[0]} {smasks[1]}")
    for key, owner in found:
        print(f"forbidden {key} in {owner}")


if __name__ == "__main__":
    main()
