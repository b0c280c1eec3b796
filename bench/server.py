"""Serve a SyntheticSite on 127.0.0.1 with a threaded HTTP/1.1 server: ETag, Last-Modified, 304, request log."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from datetime import UTC
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from bench.site import PLACEHOLDER, SyntheticSite
from newswatch.demo.server import not_modified, send_answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, served: SiteServer):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.served = served

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up between two requests (the crawl's preflight closes after its 304) is no error
        of the bench: no traceback in its report."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "SyntheticPress/1.0"

    def do_GET(self) -> None:
        self._respond(True)

    def do_HEAD(self) -> None:
        self._respond(False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the bench reads the request log instead
        pass

    def _respond(self, send_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        resource = self.server.served.site.resources.get(path)
        if resource is None:
            status, body, headers = 404, b"not found", {"Content-Type": "text/plain"}
        else:
            headers = {"Content-Type": resource.content_type, "ETag": resource.etag,
                       "Last-Modified": format_datetime(resource.last_modified.astimezone(UTC), usegmt=True)}
            status = 304 if not_modified(self.headers, resource.etag, resource.last_modified) else 200
            body = b"" if status == 304 else resource.body
            if body is None:
                body = resource.file.read_bytes().replace(PLACEHOLDER.encode(), self.server.served.base.encode())
        self.server.served.record(path, status)
        send_answer(self, status, headers, body, send_body)


class SiteServer:
    """Serve `site` in a daemon thread; `requests` counts (path, status) since the last `reset()`."""

    def __init__(self, site: SyntheticSite):
        self.site = site
        self.requests: Counter[tuple[str, int]] = Counter()
        self._lock = threading.Lock()
        self._server = _Server(self)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="bench-site", daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def record(self, path: str, status: int) -> None:
        with self._lock:
            self.requests[(path, status)] += 1

    def reset(self) -> Counter[tuple[str, int]]:
        """Return the request counts so far and start counting anew."""
        with self._lock:
            seen, self.requests = self.requests, Counter()
        return seen
