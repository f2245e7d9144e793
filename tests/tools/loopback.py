"""What the tests' loopback servers (tsa_server.py, revocation_server.py) share.

serve(Handler, PORTFILE) serves on 127.0.0.1, a free port, and writes the port
to PORTFILE once it listens (through a temporary file, so that a reader never
sees part of it). Handler derives from Handler here: answer() sends one reply,
and requests are not logged.
"""
import http.server
import os


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(handler, portfile):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()
