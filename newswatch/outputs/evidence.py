"""Evidence of what a server sent: raw responses hashed (SHA-256) and compressed, their chain, WARC files."""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from typing import IO

CODEC = "zlib"  # level 9: 24 KB for a 173 KB page in 4 ms (lzma: 20 KB in 37 ms), see bench/bench_evidence.py
# Headers that described the bytes on the wire, not the body as kept (Scrapy has already decoded it).
_WIRE_HEADERS = {"content-length", "content-encoding", "transfer-encoding"}


@dataclass(frozen=True)
class RawResponse:
    """One HTTP response as received: the request URL, where it ended, status, headers, body, when."""

    url: str
    final_url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    # the body already packed (`pack`) by the extraction worker that read it, when it may match: kept as it is
    packed: bytes | None = field(default=None, compare=False, repr=False)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_sha256(title: str, text: str) -> str:
    """The hash of an extracted version (title and text), to tell which capture gave which text."""
    return sha256_hex(f"{title}\n\n{text}".encode())


def pack(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def unpack(codec: str, data: bytes) -> bytes:
    if codec != CODEC:
        raise ValueError(f"unknown codec {codec!r}")
    return zlib.decompress(data)


def scrapy_headers(headers) -> list[tuple[str, str]]:
    """Scrapy's response headers as (name, value) pairs, every value of a repeated header kept, in order."""
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() for value in values]


def warc_headers(headers: list[tuple[str, str]], body_size: int) -> list[tuple[str, str]]:
    """The headers for a WARC response record: those of the wire encoding replaced by the body's true length."""
    kept = [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS]
    return kept + [("Content-Length", str(body_size))]


def write_warc(records, out: IO[bytes], software: str = "newswatch") -> int:
    """Write (capture, body) pairs as WARC/1.1 response records (gzipped per record) after a warcinfo record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record("newswatch-evidence.warc.gz", {
        "software": software, "format": "WARC File Format 1.1",
        "description": "raw responses of archived articles and documents, as fetched by newswatch"}))
    count = 0
    for capture, body in records:
        try:
            reason = HTTPStatus(capture.http_status).phrase
        except ValueError:
            reason = ""
        http = StatusAndHeaders(f"{capture.http_status} {reason}".strip(), warc_headers(capture.headers, len(body)),
                                protocol="HTTP/1.1")
        record = writer.create_warc_record(capture.final_url, "response", payload=io.BytesIO(body), length=len(body),
                                           http_headers=http,
                                           warc_headers_dict={
                                               "WARC-Date": capture.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                                               "WARC-Newswatch-Article": str(capture.article_id),
                                               "WARC-Newswatch-SHA256": capture.sha256})
        writer.write_record(record)
        count += 1
    return count


def capture_fields(raw: RawResponse, title: str, text: str, change: str, keep_raw: bool) -> dict:
    """What store.evidence.record_capture needs for one response: hashes always, the packed body if kept."""
    return dict(url=raw.url, final_url=raw.final_url, http_status=raw.status, headers=raw.headers,
                fetched_at=raw.fetched_at, sha256=sha256_hex(raw.body), size=len(raw.body),
                text_sha256=text_sha256(title, text), change=change,
                codec=CODEC if keep_raw else None,
                packed=(pack(raw.body) if raw.packed is None else raw.packed) if keep_raw else None)


def body_of(session, capture) -> bytes | None:
    """The body a capture recorded, read back from the archive (None when it was not kept)."""
    from store.evidence import blob

    stored = blob(session, capture.sha256)
    return None if stored is None else unpack(stored.codec, stored.data)


def evidence_chain(session, article_id: int) -> list[dict]:
    """Each capture of an article, oldest first, with its body's hash checked against the bytes kept."""
    from store.evidence import captures_of

    chain = []
    for capture in captures_of(session, article_id):
        body = body_of(session, capture)
        if body is None:
            check = "raw copy not kept"
        else:
            check = "verified" if sha256_hex(body) == capture.sha256 else "MISMATCH: the stored bytes have another hash"
        chain.append({"capture": capture.id, "fetched_at": capture.fetched_at.isoformat(), "url": capture.url,
                      "final_url": capture.final_url, "http_status": capture.http_status, "sha256": capture.sha256,
                      "size": capture.size, "text_sha256": capture.text_sha256, "change": capture.change,
                      "check": check})
    return chain


def warc_records(session, since: datetime | None = None):
    """(capture, body) for every capture since a time whose body was kept, oldest first."""
    from store.evidence import captures_since

    for capture in captures_since(session, since):
        body = body_of(session, capture)
        if body is not None:
            yield capture, body
