"""Test-only plumbing between the Elasticsearch 8 client and osmem-server.

osmem-server speaks the OpenSearch dialect: it refuses the client's compatibility media type
(``application/vnd.elasticsearch+json; compatible-with=8``) and does not send the
``X-Elastic-Product`` header the client checks. A small loopback proxy rewrites both, so the
product code talks to it exactly as it would to a real cluster. Never used outside tests and bench.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from osmem_server import OsmemServer

_COMPAT = re.compile(r"application/vnd\.elasticsearch\+(x-ndjson|json)\s*;\s*compatible-with=\d+", re.IGNORECASE)
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


def plain_media_type(value: str) -> str:
    """``application/vnd.elasticsearch+json; compatible-with=8`` -> ``application/json`` (ndjson likewise)."""
    return _COMPAT.sub(lambda m: f"application/{m.group(1)}", value)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read their own output."""

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: plain_media_type(v) for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = self.server.upstream_connection()
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            resp = upstream.getresponse()
            payload = resp.read()
        except (OSError, http.client.HTTPException):
            self.server.drop_upstream_connection()
            self.send_error(502, "osmem-server unreachable")
            return
        self.send_response(resp.status)  # the client may have timed out meanwhile: handle_error stays quiet
        for key, value in resp.getheaders():
            if key.lower() not in _HOP_BY_HOP | {"date", "server", "x-elastic-product"}:
                self.send_header(key, value)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream: str, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self._local = threading.local()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (its timeout during an outage test) is expected: stay quiet."""

    def upstream_connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=300)
            self._local.conn = conn
        return conn

    def drop_upstream_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class CompatProxy:
    """A loopback proxy on a free port in front of ``upstream``; ``url`` is what the client uses."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self._start(0)
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"

    def _start(self, port: int) -> None:
        self._server = _ProxyServer(self.upstream, port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @contextmanager
    def down(self) -> Iterator[None]:
        """Stop listening (connections are refused), then listen again on the same port."""
        port = self._server.server_address[1]
        self.close()
        try:
            yield
        finally:
            self._start(port)


@contextmanager
def osmem_behind_proxy() -> Iterator[tuple[OsmemServer, CompatProxy]]:
    """Start osmem-server (empty, writable) and a compatibility proxy in front of it."""
    server = OsmemServer.start(freeze=False, japanese=False)
    proxy = CompatProxy(server.url)
    try:
        yield server, proxy
    finally:
        proxy.close()
        server.close()


@contextmanager
def paused(server: OsmemServer) -> Iterator[None]:
    """Stop the osmem-server process (SIGSTOP) and resume it afterwards: an outage with data kept."""
    os.kill(server.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(server.pid, signal.SIGCONT)
