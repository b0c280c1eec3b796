"""Extraction on our own recorded pages with their expected output, and the killable extraction pool."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path

import pytest

from newswatch.extraction import decode_html, declared_charset, extract, guess_language
from newswatch.workers import ExtractorPool, ExtractTimeout

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(p.stem for p in PAGES.glob("*.json"))


@pytest.mark.parametrize("name", CASES)
def test_recorded_page(name):
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    body = (PAGES / f"{name}.html").read_bytes()
    html = decode_html(body, expected.get("declared") or declared_charset(None, body[:4096]))
    got = extract(html, expected["url"])
    assert got.title == expected["title"]
    assert got.author == expected["author"]
    assert got.published == (datetime.fromisoformat(expected["published"]) if expected["published"] else None)
    assert got.date_source == expected["date_source"]
    assert got.language == expected["language"]
    assert got.canonical_url == expected["canonical_url"]
    assert got.site_name == expected["site_name"]
    for fragment in expected["text_contains"]:
        assert fragment in got.text
    for fragment in expected["text_excludes"]:
        assert fragment not in got.text
    assert not got.text.startswith(got.title), "the title is not repeated as the first line of the text"


def test_at_least_three_recorded_pages():
    assert len(CASES) >= 3


def test_decode_falls_back_when_declared_charset_lies():
    assert decode_html("Données".encode("cp1252"), "utf-8") == "Données"
    assert decode_html("Données".encode("utf-8"), None) == "Données"
    assert decode_html("Données".encode("latin-1"), "bogus-charset") == "Données"


def test_declared_charset_from_header_or_meta():
    assert declared_charset("text/html; charset=ISO-8859-1", b"") == "ISO-8859-1"
    assert declared_charset("text/html", b'<meta charset="windows-1252">') == "windows-1252"
    assert declared_charset(None, b"<html>") is None


def test_guess_language():
    assert guess_language("Le centre de données est dans la Drôme et il est très grand pour la région.") == "fr"
    assert guess_language("The data center is in the Drome and it is very large for the region.") == "en"
    assert guess_language("GPU") is None


def test_pool_extracts_in_child_processes_and_kills_a_page_past_its_time_limit():
    html = (PAGES / "fr_article_with_comments.html").read_text(encoding="utf-8")

    async def scenario():
        pool = ExtractorPool(size=2, timeout=0.001)
        try:
            with pytest.raises(ExtractTimeout):
                await pool.extract(html, "https://courrier.example/a")
            pool.timeout = 30
            results = await asyncio.gather(*(pool.extract(html, "https://courrier.example/a") for _ in range(4)))
            assert len(pool._all) == 2, "the killed worker was replaced"
            return results
        finally:
            pool.close()

    results = asyncio.run(scenario())
    assert all("quarante mille processeurs" in r.text for r in results)
