#!/usr/bin/python3
"""Prints the colour space of each image XObject, read with qpdf --json
(not shiryo): `Im0: ICCBased N=3 Alternate=/DeviceRGB same-profile` (the
profile stream's decoded bytes equal the profile PIL reads from the FILE
given as `Im0 FILE` after the PDF), `Im1: Indexed ICCBased …`, or
`Im2: /DeviceRGB`; /Decode when set.
"""
import base64
import json
import subprocess
import sys

from PIL import Image


def main():
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", sys.argv[1]],
                         check=True, capture_output=True).stdout
    objects = json.loads(out)["qpdf"][1]
    files = dict(zip(sys.argv[2::2], sys.argv[3::2]))

    def get(ref):
        return objects["obj:" + ref] if isinstance(ref, str) and ref.endswith(" R") else ref

    names = {}
    for o in objects.values():
        res = o.get("value", {}) if isinstance(o, dict) else {}
        if isinstance(res, dict) and res.get("/Type") == "/Page":
            xo = get(get(res.get("/Resources", {})).get("/XObject", {})) if res.get("/Resources") else {}
            xo = xo.get("value", xo)
            for name, ref in xo.items():
                names[ref] = name[1:]
    for ref, name in sorted(names.items(), key=lambda kv: kv[1]):
        stream = objects["obj:" + ref]["stream"]["dict"]
        if stream.get("/Subtype") != "/Image":
            continue
        space = stream.get("/ColorSpace")
        words = []
        if isinstance(space, list) and space[0] == "/Indexed":
            words.append("Indexed")
            space = space[1]
        if isinstance(space, list) and space[0] == "/ICCBased":
            icc = objects["obj:" + space[1]]["stream"]
            words.append(f"ICCBased N={icc['dict']['/N']} Alternate={icc['dict'].get('/Alternate')}")
            if name in files:
                want = Image.open(files[name]).info.get("icc_profile")
                words.append("same-profile" if base64.b64decode(icc["data"]) == want else "other-profile")
        else:
            words.append(str(space))
        if "/Decode" in stream:
            words.append("Decode=" + " ".join(str(v) for v in stream["/Decode"]))
        print(f"{name}: " + " ".join(words))


if __name__ == "__main__":
    main()
