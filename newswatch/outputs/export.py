"""Archive records in the export contract, written as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO

from store import queries

FIELDS = ["id", "url", "canonical_url", "source", "found_via", "title", "author", "published_at", "date_source",
          "language", "text", "text_status", "text_missing_reason", "outlet", "topics", "first_seen", "fetched_at",
          "story_id", "duplicate_of", "urls", "revisions", "updated_at", "mark", "kind", "deadlines"]


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_record(article, sightings) -> dict:
    """One article as the export contract describes it."""
    via = []
    for s in sightings:
        entry = {"channel": s.channel, "via": s.via, "source": s.source}
        if entry not in via:
            via.append(entry)
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "source": article.source,
        "found_via": via,
        "title": article.title,
        "author": article.author,
        "published_at": iso(article.published_at),
        "date_source": article.date_source,
        "language": article.language,
        "text": article.text,
        "text_status": article.text_status,  # full, teaser (paywalled: the free part), headline (no page text) or
                                             # no_text (a document fetched whole, without a text layer: a scan),
                                             # ocr (a scan whose text OCR read)
        "text_missing_reason": article.text_missing_reason,
        "outlet": article.outlet or article.site_name,
        "topics": [{"name": m.topic, "terms": m.terms, "snippet": m.snippet} for m in article.matches],
        "first_seen": iso(article.first_seen),
        "fetched_at": iso(article.fetched_at),
        "story_id": article.story_id,
        "duplicate_of": article.duplicate_of,
        "urls": seen_urls(article, sightings),
        "revisions": article.revisions,
        "updated_at": iso(article.updated_at),
        "mark": mark_record(article.mark),
        "kind": article.kind,
        "deadlines": [{"starts": d.starts.isoformat() if d.starts else None, "ends": d.ends.isoformat(),
                       "until": d.until, "phrase": d.phrase, "page": d.page} for d in article.deadlines],
    }


def mark_record(mark) -> dict | None:
    """The group's triage mark of an article (`newswatch mark`, or the browser), or None."""
    if mark is None:
        return None
    return {"mark": mark.mark, "note": mark.note, "marked_by": mark.marked_by, "marked_at": iso(mark.marked_at)}


def seen_urls(article, sightings) -> list[str]:
    """Every URL the article was seen under, raw ones (tracking parameters, AMP) included; canonical first."""
    others = {u.url for u in article.urls} | {s.raw_url for s in sightings} | {article.url}
    return [article.canonical_url, *sorted(others - {article.canonical_url})]


def export_records(session, matched_only: bool = True, since: datetime | None = None) -> Iterator[dict]:
    for article in queries.iter_articles(session, matched_only=matched_only, since=since):
        urls = [u.url for u in article.urls] + [article.canonical_url]
        yield article_record(article, queries.provenance(session, urls))


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict], out: IO[str]) -> int:
    """CSV with one row per article; list fields (found_via, topics, …) are JSON in their cell."""
    writer = None
    count = 0
    for record in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record))
            writer.writeheader()
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                         for k, v in record.items()})
        count += 1
    if writer is None:
        csv.writer(out).writerow(FIELDS)
    return count
