"""The language identifier's model, mapped from its unpacked copy in the cache folder: same answers, made once,
mended when damaged, and the packaged model whenever the cache cannot be used."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from newswatch.demo.articles import ARTICLES
from newswatch.text.language import load_identifier
from tests.conftest import crawl_demo

SAMPLES = [
    "Le centre de données de Sesterce à Alixan consommera autant d'électricité qu'une ville moyenne.",
    "The Rovaltain data center will host 40,000 GPUs, according to the company.",
    "Das Rechenzentrum braucht viel Wasser für die Kühlung.",
    "El centro de datos de Alixan", "Il centro dati di Valence", "Центр обработки данных", "データセンター",
    "", " ", "a", "12 345", "data-center", "ÉCOTOX",
]


@pytest.fixture(scope="module")
def packaged():
    return load_identifier(None)


def _texts() -> list[str]:
    """Our sample articles (French and English) in pieces of up to the 1,000 characters the crawl identifies."""
    pieces = list(SAMPLES)
    for article in ARTICLES:
        text = "\n".join([article.title, *article.paragraphs])
        pieces += [text[i:i + 1000] for i in range(0, len(text), 1000)]
    return pieces


def _copies(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("py3langid-*") if not p.name.endswith(".tmp"))


def test_the_mapped_model_answers_exactly_as_the_packaged_one(tmp_path, packaged):
    mapped = load_identifier(tmp_path)
    assert isinstance(mapped.nb_ptc, np.memmap)  # mapped from the copy, not loaded
    texts = _texts()
    assert len(texts) > 100
    assert [mapped.classify(t) for t in texts] == [packaged.classify(t) for t in texts]
    assert mapped.classify(SAMPLES[0])[0] == "fr" and mapped.classify(SAMPLES[1])[0] == "en"


@settings(max_examples=150)
@given(text=st.text(max_size=300))
def test_mapped_and_packaged_agree_on_any_text(text, tmp_path_factory, packaged):
    folder = tmp_path_factory.getbasetemp() / "hypothesis-model"
    mapped = load_identifier(folder)
    assert mapped.classify(text) == packaged.classify(text)


def test_the_copy_is_made_once_and_then_only_mapped(tmp_path):
    started = time.process_time()
    load_identifier(tmp_path)
    made = time.process_time() - started
    [copy] = _copies(tmp_path)
    written = {p.name: p.stat().st_mtime_ns for p in copy.iterdir()}
    assert set(written) == {f"{name}.npy" for name in ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")}
    started = time.process_time()
    again = load_identifier(tmp_path)
    mapped = time.process_time() - started
    assert isinstance(again.nb_ptc, np.memmap)
    assert {p.name: p.stat().st_mtime_ns for p in copy.iterdir()} == written  # not written again
    assert mapped < made / 5, (mapped, made)


def test_a_damaged_copy_is_not_used_and_is_made_again(tmp_path, packaged):
    load_identifier(tmp_path)
    [copy] = _copies(tmp_path)
    nextmove = copy / "nextmove.npy"
    nextmove.write_bytes(nextmove.read_bytes()[: nextmove.stat().st_size // 2])  # a disk filled mid-write
    fallback = load_identifier(tmp_path)
    assert not isinstance(fallback.nb_ptc, np.memmap)
    assert fallback.classify(SAMPLES[0]) == packaged.classify(SAMPLES[0])
    assert not copy.exists()  # removed, so that the next process makes it again
    mended = load_identifier(tmp_path)
    assert isinstance(mended.nb_ptc, np.memmap) and mended.classify(SAMPLES[2]) == packaged.classify(SAMPLES[2])


def test_a_cache_folder_that_cannot_be_made_falls_back_to_the_packaged_model(tmp_path, packaged):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    identifier = load_identifier(blocker / "newswatch")
    assert not isinstance(identifier.nb_ptc, np.memmap)
    assert identifier.classify(SAMPLES[1]) == packaged.classify(SAMPLES[1])


def test_older_copies_and_abandoned_builds_are_removed_but_not_a_build_in_progress(tmp_path):
    old = tmp_path / "py3langid-123-456"
    abandoned = tmp_path / "py3langid-1-2-abcd.tmp"
    in_progress = tmp_path / "py3langid-1-2-efgh.tmp"
    for folder in (old, abandoned, in_progress):
        folder.mkdir()
        (folder / "ptc.npy").write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    load_identifier(tmp_path)
    assert not old.exists() and not abandoned.exists() and in_progress.exists()
    assert len(_copies(tmp_path)) == 1


def test_a_crawl_makes_the_copy_in_the_cache_folder_and_identifies_with_it(demo_site, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    crawl = crawl_demo(demo_site, tmp_path / "demo")
    [copy] = _copies(tmp_path / "cache" / "newswatch")  # made by the extraction fork server
    assert isinstance(load_identifier(tmp_path / "cache" / "newswatch").nb_ptc, np.memmap)
    with crawl.archive.sessions()() as session:
        languages = Counter(language for (language,) in session.execute(
            text("SELECT language FROM articles WHERE text_status = 'full' AND kind = 'article'")))
    expected = Counter(a.lang for a in ARTICLES if a.topics)
    assert set(languages) == {"fr", "en"} and languages["en"] >= 3 and languages["fr"] >= expected["fr"] // 2, languages
