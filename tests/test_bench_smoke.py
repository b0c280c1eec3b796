"""A tiny run of the benchmark code: the synthetic site, its server, and one comparison on a few dozen pages."""

from __future__ import annotations

import urllib.request
from urllib.error import HTTPError

import pytest

from bench.contenders import run_alone
from bench.report import table, verdict
from bench.scenarios import Bench, Sizes
from bench.server import SiteServer
from bench.site import BLOCK, SyntheticSite


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = SyntheticSite(tmp_path_factory.mktemp("site"), seed=3)
    site.write(range(60))
    return site


def test_pages_are_deterministic_realistic_and_five_percent_planted(site, tmp_path):
    again = SyntheticSite(tmp_path, seed=3)
    assert again.page(7) == site.page(7)
    assert SyntheticSite(tmp_path, seed=4).page(7) != site.page(7)
    sizes = [site.file(i).stat().st_size for i in range(60)]
    assert all(90_000 < size < 260_000 for size in sizes), sizes
    assert sum(site.info(i).planted for i in range(60)) == 60 // BLOCK
    html = site.page(next(i for i in range(60) if site.info(i).planted))
    assert "<script" in html and "<style>" in html and 'class="comment' in html and "mega-menu" in html


def test_realistic_pages_have_the_weight_and_variety_of_real_news_pages(tmp_path):
    site = SyntheticSite(tmp_path, seed=3, kind="realistic")
    pages = [site.page(i) for i in range(40)]
    sizes = sorted(len(page.encode()) for page in pages)
    assert 180_000 < sum(sizes) / len(sizes) < 300_000 and sizes[0] > 80_000, sizes  # mean ≈ 230 KB, long tail
    assert all('type="application/ld+json"' in page and "<style" in page for page in pages)
    skins = {"wp-block-paragraph": 0, "__NEXT_DATA__": 0, "drupal-settings-json": 0, "__PRELOADED_STATE__": 0}
    for page in pages:
        for marker in skins:
            skins[marker] += marker in page
    assert all(skins.values()), skins  # every CMS family appears
    assert SyntheticSite(tmp_path, seed=3, kind="realistic").page(5) == pages[5]
    with pytest.raises(ValueError, match="unknown kind"):
        SyntheticSite(tmp_path, kind="other")


def test_server_answers_304_to_a_conditional_sitemap_request_and_counts_requests(site):
    with SiteServer(site) as server:
        sitemap, _feed = site.publish("t", range(10), server.base)
        with urllib.request.urlopen(sitemap) as response:
            etag, body = response.headers["ETag"], response.read()
        assert body.count(b"<url>") == 10
        with pytest.raises(HTTPError) as caught:
            urllib.request.urlopen(urllib.request.Request(sitemap, headers={"If-None-Match": etag}))
        assert caught.value.code == 304
        caught.value.close()
        with urllib.request.urlopen(site.url(server.base, 3)) as response:
            assert server.base.encode() in response.read(), "pages name the server's own address"
        seen = server.reset()
    assert seen[("/t/sitemap_news.xml", 200)] == 1 and seen[("/t/sitemap_news.xml", 304)] == 1
    assert seen[(site.info(3).path, 200)] == 1


def test_a_small_watch_finds_every_planted_article(site, tmp_path):
    with SiteServer(site) as server:
        bench = Bench(site, server, tmp_path, Sizes(throughput=20, watch=40, memory=20, watch_rounds=2))
        lines = bench.watch()
        alone = run_alone(site.folder, server.base, range(0, 4))
    report = "\n".join(lines)
    assert "every matching article found: archived 2 == planted 2: True" in report, report
    assert "newswatch keep_unmatched = false" in report and "watch speed / floor speed" in report
    rows = {line.split("  ")[0]: line.split() for line in report.splitlines() if line.startswith("floor:")}
    assert rows["floor: Scrapy alone, download only"][-2:] == ["40", "pages"]
    assert rows["floor: (a') on the relevant pages only"][-2:] == ["2", "texts"]
    assert "the best ratio any Scrapy-based watch reaches here is" in report
    assert "watch speed / floor speed in each of 2 rounds" in report
    assert alone.output.strip() == "4" and alone.cpu > 0 and alone.peak_rss > 0


def test_report_helpers():
    assert "MET" in verdict("x", 2.0, 1.5) and "NOT MET" in verdict("x", 1.0, 1.5)
    assert "NOT MET" not in verdict("rss", 400, 500, higher_is_better=False, unit=" MB")
    assert table(["a", "b"], [["x", 1.5]]).splitlines()[2].endswith("1.50")
