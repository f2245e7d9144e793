#!/usr/bin/python3
"""A loopback CRL and OCSP server for the tests.

revocation_server.py DIR PORTFILE: serves on 127.0.0.1 (a free port, written
to PORTFILE once listening) the PKI of tests/tools/test_pki.sh in DIR:
GET /MODE/CA.crl answers DIR/CA.crl, POST /MODE/ocsp/CA answers the OCSP
request with `openssl ocsp` from CA's database (the intermediate through
its delegated responder ocsp.pem, the root itself). MODE is how it answers:
  ok         as said
  error      HTTP status 500
  html       an HTML page
  hang       reads the request and never answers
  garbage    bytes that are neither a CRL nor an OCSP response, labelled as one
  other      OCSP: a response for the TSA's certificate; CRL: the root's
  stale      OCSP: status 500; CRL: DIR/stale-CA.crl
  revoked    OCSP: status 500; CRL: DIR/revoked-CA.crl
  ocsp-down  OCSP: status 500; CRL as ok
  delegated  OCSP: the intermediate's answers signed by ocsp-checked.pem, a
             delegated responder without id-pkix-ocsp-nocheck; CRL as ok
"""
import os
import subprocess
import sys
import tempfile
import threading
import time

import loopback

DIR, PORTFILE = sys.argv[1], sys.argv[2]
LOCK = threading.Lock()
RESPONDER = {"intermediate": "ocsp", "root": "root"}


def ocsp(ca: str, request: bytes, mode: str) -> bytes:
    with LOCK, tempfile.TemporaryDirectory() as tmp:
        qfile = os.path.join(tmp, "q.der")
        rfile = os.path.join(tmp, "r.der")
        with open(qfile, "wb") as f:
            f.write(request)
        signer = "ocsp-checked" if mode == "delegated" and ca == "intermediate" else RESPONDER[ca]
        asked = ["-issuer", "intermediate.pem", "-cert", "tsa.pem", "-no_nonce"] if mode == "other" else ["-reqin", qfile]
        subprocess.run(["openssl", "ocsp", "-index", ca + ".db/index.txt", "-CA", ca + ".pem", "-rsigner",
                        signer + ".pem", "-rkey", signer + ".key", "-ndays", "1", "-respout", rfile] + asked,
                       check=True, cwd=DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(rfile, "rb") as f:
            return f.read()


class Handler(loopback.Handler):
    def common(self, kind):
        """The mode and the rest of the path; True when the mode answered already."""
        parts = self.path.strip("/").split("/")
        mode, rest = parts[0], parts[1:]
        if mode == "hang":
            time.sleep(600)
            return mode, rest, True
        if mode == "error":
            self.answer(500, "text/plain", b"internal error")
            return mode, rest, True
        if mode == "html":
            self.answer(200, "text/html", b"<html><body>Not here</body></html>")
            return mode, rest, True
        if mode == "garbage":
            self.answer(200, kind, b"garbage")
            return mode, rest, True
        return mode, rest, False

    def do_GET(self):
        mode, rest, done = self.common("application/pkix-crl")
        if done:
            return
        name = os.path.basename(rest[-1])
        if mode in ("stale", "revoked"):
            name = mode + "-" + name
        elif mode == "other":
            name = "root.crl"
        with open(os.path.join(DIR, name), "rb") as f:
            self.answer(200, "application/pkix-crl", f.read())

    def do_POST(self):
        request = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        mode, rest, done = self.common("application/ocsp-response")
        if done:
            return
        if mode in ("stale", "revoked", "ocsp-down"):
            self.answer(500, "text/plain", b"responder down")
            return
        self.answer(200, "application/ocsp-response", ocsp(rest[-1], request, mode))


loopback.serve(Handler, PORTFILE)
