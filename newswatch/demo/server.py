"""Serve the sample press site: four outlets, each its own ThreadingHTTPServer on 127.0.0.1."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple
from urllib.parse import urlsplit

from newswatch.demo import official
from newswatch.demo.leads import leads_sources_toml
from newswatch.demo.model import LEAD_OUTLETS, OUTLETS, DemoArticle
from newswatch.demo.pdfmaker import huge_pdf_chunks
from newswatch.demo.site import Resource, article_url, build_site

SOURCE_NAMES = {"courrier": "courrier-drome", "echo": "echo-eco", "nuages": "nuages-bas", "dcw": "datacentre-weekly",
                official.OUTLET: official.SOURCE_NAME}
NOT_FOUND = b"<!DOCTYPE html><html><head><title>404</title></head><body><h1>Page introuvable</h1></body></html>"


class Request(NamedTuple):
    outlet: str
    method: str
    path: str
    status: int


class _Served(NamedTuple):
    resource: Resource
    etag: str


class _OutletServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: DemoSite, outlet: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site, self.outlet = site, outlet


class _Handler(BaseHTTPRequestHandler):
    server: _OutletServer
    server_version = "DemoPress/1.0"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: tests read site.requests
        pass

    def _respond(self, send_body: bool) -> None:
        site, outlet = self.server.site, self.server.outlet
        if outlet == official.OUTLET and urlsplit(self.path).path == official.HUGE_PATH:
            site.record(Request(outlet, self.command, self.path, 200))
            return self._stream_huge(send_body)
        served = site.lookup(outlet, self.path)
        if served is None:
            status, body, headers = 404, NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}
        elif served.resource.status != 200:
            res = served.resource
            status, body = res.status, res.body
            headers = {"Content-Type": res.content_type, **dict(res.headers)}
        else:
            res = served.resource
            headers = {"Content-Type": res.content_type, "ETag": served.etag,
                       "Last-Modified": format_datetime(res.last_modified, usegmt=True),
                       "Cache-Control": "public, max-age=60", **dict(res.headers)}
            status = 304 if not_modified(self.headers, served.etag, res.last_modified) else 200
            body = b"" if status == 304 else res.body
        site.record(Request(outlet, self.command, self.path, status))
        if served is not None and served.resource.delay:
            time.sleep(served.resource.delay)
        send_answer(self, status, headers, body, send_body)

    def _stream_huge(self, send_body: bool) -> None:
        """A 50 MB PDF made on the fly, chunk by chunk, until it is all sent or the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(official.HUGE_SIZE))
        self.end_headers()
        try:
            for chunk in huge_pdf_chunks(official.HUGE_SIZE) if send_body else ():
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def send_answer(handler: BaseHTTPRequestHandler, status: int, headers: dict, body: bytes, send_body: bool) -> None:
    """Status, headers, Content-Length (none on a 304) and, unless it answers a HEAD, the body."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    if status != 304:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if send_body and body:
        handler.wfile.write(body)


def not_modified(headers, etag: str, last_modified: datetime) -> bool:
    """True when If-None-Match names the current ETag, or (without it) If-Modified-Since is not older."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    since = since.replace(tzinfo=timezone.utc) if since.tzinfo is None else since
    return last_modified.replace(microsecond=0) <= since  # HTTP dates have whole seconds


class DemoSite:
    """The four outlets, and the hard cases of newswatch.demo.leads, served on 127.0.0.1 (port 0 each); use as a
    context manager."""

    def __init__(self, now: datetime | None = None):
        self.now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
        self.version = 1
        self.base_urls: dict[str, str] = {}
        self._servers: dict[str, _OutletServer] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._resources: dict[str, dict[str, _Served]] = {}
        self._requests: list[Request] = []

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> DemoSite:
        """Bind the four servers, render version 1 and serve in daemon threads."""
        for outlet in (*OUTLETS, *LEAD_OUTLETS, official.OUTLET):
            server = _OutletServer(self, outlet)
            self._servers[outlet] = server
            self.base_urls[outlet] = f"http://127.0.0.1:{server.server_address[1]}"
        self.set_version(self.version)
        for outlet, server in self._servers.items():
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                      name=f"demo-site-{outlet}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def set_version(self, version: int) -> None:
        """Switch every outlet to this version of the site (2: the edited article changes)."""
        built = build_site(self.base_urls, self.now, version)
        prefecture = official.build_official(self.now, self.base_urls[official.OUTLET])
        built[official.OUTLET] = {path: Resource(body, kind, self.now - timedelta(days=2))
                                  for path, (body, kind) in prefecture.items()}
        served = {outlet: {path: _Served(res, _etag(res.body)) for path, res in paths.items()}
                  for outlet, paths in built.items()}
        with self._lock:
            self._resources, self.version = served, version

    def replace(self, outlet: str, path: str, resource: Resource | None) -> None:
        """Serve `resource` at `path` from now on (None: stop serving it): a site that changes between crawls."""
        with self._lock:
            served = dict(self._resources[outlet])
            if resource is None:
                served.pop(path, None)
            else:
                served[path] = _Served(resource, _etag(resource.body))
            self._resources = {**self._resources, outlet: served}

    def lookup(self, outlet: str, path: str) -> _Served | None:
        """The resource for a request path: exact (with query) first, then without the query."""
        with self._lock:
            resources = self._resources.get(outlet, {})
            return resources.get(path) or resources.get(urlsplit(path).path) or resources.get("*")

    def record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)

    @property
    def requests(self) -> list[Request]:
        """A snapshot of every request served so far: (outlet, method, path, status)."""
        with self._lock:
            return list(self._requests)

    def reset_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def url(self, outlet: str, path: str = "/") -> str:
        return self.base_urls[outlet] + path

    def article_url(self, article: DemoArticle) -> str:
        return article_url(self.base_urls, article)

    def sources_toml(self, documents: bool = False, leads: bool = False) -> str:
        """The [[sources]] blocks that crawl the four outlets the way a real config would (and, with `documents`,
        the prefecture's listing of official documents; with `leads`, the search feeds, the walled daily and
        the paywalled weekly)."""
        def block(outlet: str, **lists: list[str]) -> str:
            lines = ["[[sources]]", f'name = "{SOURCE_NAMES[outlet]}"']
            lines += [f"{key} = [" + ", ".join(f'"{self.url(outlet, p)}"' for p in paths) + "]"
                      for key, paths in lists.items()]
            return "\n".join(lines) + "\n"

        return "\n".join([
            block("courrier", feeds=["/rss.xml"], sitemaps=["/sitemap_news.xml"]),
            block("echo", sitemaps=["/sitemap_index.xml"]),
            block("nuages", feeds=["/atom.xml"]),
            block("dcw", pages=["/news/", "/tag/france/"]),
            *([block(official.OUTLET, documents=[official.LISTING])] if documents else []),
            leads_sources_toml(self.url) if leads else "",
        ])


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def main() -> None:
    """Run the site in the foreground and print its base URLs and sources."""
    with DemoSite() as site:
        for outlet, url in site.base_urls.items():
            print(f"{outlet:9} {url}/")
        print("\n" + site.sources_toml())
        print("serving; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
