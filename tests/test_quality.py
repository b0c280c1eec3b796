"""Extraction quality on our evaluation pages (bench/quality): newswatch at least trafilatura alone on every class
of page, better overall, dates right; and the committed pages are exactly what their authoring code writes."""

from __future__ import annotations

import pytest

from bench.quality.author import all_pages, write
from bench.quality.evaluate import PAGES_DIR, evaluate, load_cases, summary, text_f1


def test_committed_pages_are_what_the_authoring_code_writes(tmp_path):
    write(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in PAGES_DIR.iterdir() if p.suffix in (".html", ".json"))
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (PAGES_DIR / name).read_text(encoding="utf-8"), name


def test_the_set_covers_the_kinds_of_pages_the_issue_names():
    pages = all_pages()
    assert len(pages) >= 60
    assert {p.cls for p in pages} >= {"regional", "national", "trade", "blog", "wire", "tables", "dates", "teaser",
                                      "languages"}
    assert len({p.lang for p in pages}) >= 5


def test_text_f1_is_a_bag_of_words_score():
    assert text_f1("le chat dort", "le chat dort") == 1.0
    assert text_f1("", "le chat") == 0.0
    assert text_f1("le chat", "le chat dort au soleil") == pytest.approx(2 * 1.0 * 0.4 / 1.4)
    assert text_f1("東京の会議", "東京の会議") == 1.0


@pytest.fixture(scope="module")
def table():
    return summary(evaluate(load_cases()))


def test_newswatch_at_least_trafilatura_alone_on_every_class(table):
    for name, row in table.items():
        assert row["nw_f1"] >= row["tr_f1"], f"{name}: text F1 {row['nw_f1']:.3f} < {row['tr_f1']:.3f}"
        assert row["nw_date"] >= row["tr_date"], f"{name}: dates {row['nw_date']:.3f} < {row['tr_date']:.3f}"
        assert row["nw_lang"] >= row["tr_lang"], name


def test_newswatch_better_overall_and_dates_right(table):
    overall = table["ALL"]
    assert overall["nw_f1"] >= overall["tr_f1"] + 0.01
    assert overall["nw_f1"] >= overall["tr_f1u"] + 0.01, "better even once trafilatura's title line is dropped"
    assert overall["nw_date"] >= 0.95
    assert overall["nw_lang"] >= 0.95
    assert overall["nw_title"] >= 0.95
