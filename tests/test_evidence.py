"""Evidence: raw responses stored once by hash, compressed, verified, and written as WARC records that warcio reads."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta

from warcio.archiveiterator import ArchiveIterator

from newswatch.outputs.evidence import RawResponse, capture_fields, evidence_chain, warc_records, write_warc
from store.db import transaction
from store.evidence import record_capture, storage
from store.queries import insert_article

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
PAGE = "<html><body><h1>Sesterce à Rovaltain</h1><p>Un centre de données de 40 000 GPU.</p></body></html>".encode()


def _article(session) -> int:
    return insert_article(session, url="https://example.org/a", canonical_url="https://example.org/a", source="s",
                          title="t", date_source="first_seen", text="x", first_seen=T0, fetched_at=T0)


def _raw(body: bytes, when: datetime) -> RawResponse:
    return RawResponse(url="https://example.org/a?utm_source=rss", final_url="https://example.org/a", status=200,
                       headers=[("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "17"),
                                ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")], body=body, fetched_at=when)


def test_identical_bytes_are_stored_once_and_every_capture_verifies(archive):
    edited = PAGE.replace(b"40 000", b"80 000")
    with transaction(archive.sessions(writer=True)) as session:
        article = _article(session)
        for body, when, change in [(PAGE, T0, "first sight"), (PAGE, T0 + timedelta(hours=1), "unchanged"),
                                   (edited, T0 + timedelta(days=1), "a figure changed")]:
            record_capture(session, article, **capture_fields(_raw(body, when), "t", body.decode(), change, True))
    with archive.sessions()() as session:
        chain = evidence_chain(session, article)
        assert [c["sha256"] for c in chain] == [hashlib.sha256(b).hexdigest() for b in (PAGE, PAGE, edited)]
        assert [c["check"] for c in chain] == ["verified"] * 3
        assert [c["change"] for c in chain] == ["first sight", "unchanged", "a figure changed"]
        used = storage(session)
    assert used["captures"] == 3 and used["bodies"] == 2
    assert used["raw_bytes"] == len(PAGE) + len(edited)


def test_a_body_its_extraction_worker_packed_is_kept_as_it_came_and_verifies(archive):
    from dataclasses import replace

    from newswatch.outputs.evidence import pack

    packed = pack(PAGE)
    fields = capture_fields(replace(_raw(PAGE, T0), packed=packed), "t", PAGE.decode(), "first sight", True)
    assert fields["packed"] is packed, "not compressed a second time by the crawl's own process"
    assert capture_fields(replace(_raw(PAGE, T0), packed=packed), "t", "", "", False)["packed"] is None
    with transaction(archive.sessions(writer=True)) as session:
        article = _article(session)
        record_capture(session, article, **fields)
    with archive.sessions()() as session:
        assert [c["check"] for c in evidence_chain(session, article)] == ["verified"]


def test_a_tampered_body_is_reported(archive):
    with transaction(archive.sessions(writer=True)) as session:
        article = _article(session)
        record_capture(session, article, **capture_fields(_raw(PAGE, T0), "t", "x", "first sight", True))
    import sqlite3
    import zlib

    db = sqlite3.connect(archive.path)
    db.execute("UPDATE raw_blobs SET data = ?", (zlib.compress(b"something else"),))
    db.commit()
    db.close()
    with archive.sessions()() as session:
        assert evidence_chain(session, article)[0]["check"].startswith("MISMATCH")


def test_keep_raw_false_records_the_hash_but_no_bytes(archive):
    with transaction(archive.sessions(writer=True)) as session:
        article = _article(session)
        record_capture(session, article, **capture_fields(_raw(PAGE, T0), "t", "x", "first sight", False))
    with archive.sessions()() as session:
        (link,) = evidence_chain(session, article)
        assert link["sha256"] == hashlib.sha256(PAGE).hexdigest() and link["check"] == "raw copy not kept"
        assert storage(session)["bodies"] == 0
        assert list(warc_records(session)) == []


def test_the_warc_file_reads_back_with_warcio_and_its_digests_check(archive):
    with transaction(archive.sessions(writer=True)) as session:
        article = _article(session)
        record_capture(session, article, **capture_fields(_raw(PAGE, T0), "t", "x", "first sight", True))
    out = io.BytesIO()
    with archive.sessions()() as session:
        assert write_warc(warc_records(session), out) == 1
    out.seek(0)
    records = list(ArchiveIterator(out, check_digests="raise"))
    assert [r.rec_type for r in records] == ["warcinfo", "response"]
    response = records[1]
    assert response.rec_headers.get_header("WARC-Target-URI") == "https://example.org/a"
    assert response.rec_headers.get_header("WARC-Date").startswith("2026-01-05T08:00:00")
    assert response.http_headers.get_statuscode() == "200"
    assert response.http_headers.get_header("Content-Length") == str(len(PAGE))  # the body's, not the wire's
    assert [v for k, v in response.http_headers.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    out.seek(0)
    body = next(r for r in ArchiveIterator(out) if r.rec_type == "response").content_stream().read()
    assert body == PAGE
