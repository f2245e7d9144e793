#!/usr/bin/python3
"""A loopback RFC 3161 time-stamping authority for the tests.

tsa_server.py DIR MODE PORTFILE: serves on 127.0.0.1 (a free port, written
to PORTFILE once listening), answering each POSTed TimeStampReq with
`openssl ts -reply -config DIR/ts.cnf`. MODE is how it answers:
  granted       the reply to the query as sent
  rejection     a TimeStampResp with status rejection (2) and no token
  wrong-nonce   a reply to another query for the same digest (a fresh nonce)
  wrong-digest  a reply to the query with the last byte of its digest changed
  hang          reads the query and never answers
"""
import os
import subprocess
import sys
import tempfile
import threading
import time

import loopback

DIR, MODE, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]
LOCK = threading.Lock()


def reply(query: bytes) -> bytes:
    with LOCK, tempfile.TemporaryDirectory() as tmp:
        qfile = os.path.join(tmp, "q.der")
        rfile = os.path.join(tmp, "r.der")
        if MODE == "wrong-digest":
            # The imprint's OCTET STRING (04 len) follows the algorithm's NULL (05 00).
            at = query.index(b"\x05\x00\x04") + 3
            end = at + 1 + query[at]
            query = query[: end - 1] + bytes([query[end - 1] ^ 1]) + query[end:]
        if MODE == "wrong-nonce":
            subprocess.run(["openssl", "ts", "-query", "-data", "/dev/null", "-sha256", "-cert", "-out", qfile],
                           check=True, stderr=subprocess.DEVNULL)
            with open(qfile, "rb") as f:
                other = f.read()
            # Keep the digest of the real query: only the nonce differs.
            at = query.index(b"\x05\x00\x04") + 3
            digest = query[at : at + 1 + query[at]]
            oat = other.index(b"\x05\x00\x04") + 3
            query = other[:oat] + digest + other[oat + 1 + other[oat] :]
        with open(qfile, "wb") as f:
            f.write(query)
        subprocess.run(["openssl", "ts", "-reply", "-config", os.path.join(DIR, "ts.cnf"), "-queryfile", qfile,
                        "-out", rfile], check=True, cwd=DIR, stderr=subprocess.DEVNULL)
        with open(rfile, "rb") as f:
            return f.read()


class Handler(loopback.Handler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if MODE == "hang":
            time.sleep(600)
            return
        if MODE == "rejection":
            # TimeStampResp { PKIStatusInfo { status 2, failInfo badAlg } }
            body = bytes.fromhex("3009300702010203020780")
        else:
            body = reply(query)
        self.answer(200, "application/timestamp-reply", body)


loopback.serve(Handler, PORTFILE)
