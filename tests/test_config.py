"""Config loading: the contract keys, and one clear error for every kind of mistake."""

from __future__ import annotations

import dataclasses

import pytest

from newswatch.config import ConfigError, CrawlConfig, load_config
from newswatch.defaults import STARTER_CONFIG

GOOD = """
[store]
url = "sqlite:///data/nw.db"

[crawl]
user_agent = "test/1"
delay_seconds = 0
max_age_days = 0
keep_unmatched = true

[[topics]]
name = "sesterce"
query = 'sesterce AND gpu'

[[sources]]
name = "daily"
feeds = ["https://example.org/rss.xml"]
sitemaps = ["https://example.org/sitemap.xml"]
pages = ["https://example.org/eco/"]
search = "https://example.org/search?q={query}"
"""


def write(tmp_path, text):
    path = tmp_path / "newswatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config_loads_typed_values(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSWATCH_DATABASE_URL", raising=False)
    config = load_config(write(tmp_path, GOOD))
    assert config.crawl.delay_seconds == 0.0 and isinstance(config.crawl.delay_seconds, float)
    assert config.crawl.keep_unmatched is True and config.crawl.obey_robots is True
    assert config.store.url == f"sqlite:///{tmp_path / 'data' / 'nw.db'}"
    assert config.sources[0].pages == ["https://example.org/eco/"]
    assert config.topics[0].name == "sesterce"


def test_database_url_env_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", "sqlite:////tmp/other.db")
    assert load_config(write(tmp_path, GOOD)).store.url == "sqlite:////tmp/other.db"


def test_starter_config_from_init_is_valid(tmp_path):
    config = load_config(write(tmp_path, STARTER_CONFIG))
    assert {t.name for t in config.topics} == {"sesterce", "rovaltain", "datacenters"}
    assert len(config.sources) >= 5
    # every [crawl] key is written out, with its default: the file is where a group learns what it may set
    written = {line.split("=")[0].strip() for line in STARTER_CONFIG.split("[crawl]")[1].split("\n[")[0].splitlines()
               if "=" in line and not line.startswith("#")}
    assert written == {f.name for f in dataclasses.fields(CrawlConfig)}
    assert config.crawl == CrawlConfig(user_agent=config.crawl.user_agent)


@pytest.mark.parametrize("text,expected", [
    (GOOD.replace("delay_seconds = 0", "delay_seconds = 'fast'"), "[crawl] delay_seconds: expected a number"),
    (GOOD.replace("keep_unmatched = true", "keep_unmatched = 1"), "[crawl] keep_unmatched: expected true or false"),
    (GOOD.replace("[crawl]", "[crawl]\nspeed = 3"), "[crawl]: unknown key 'speed'"),
    (GOOD + "\n[extra]\na = 1\n", "unknown section or key 'extra'"),
    (GOOD.replace('name = "sesterce"\n', ""), "[[topics]] #1: missing required key 'name'"),
    (GOOD.replace("'sesterce AND gpu'", "'sesterce AND'"), "[[topics]] 'sesterce' query"),
    (GOOD.replace("https://example.org/rss.xml", "file:///etc/passwd"), "is not an http(s) URL"),
    (GOOD.replace("q={query}", "q=x"), "must contain {query}"),
    ("[crawl\n", "not valid TOML"),
    (GOOD.replace("delay_seconds = 0", "delay_seconds = -1"), "delay_seconds: expected 0 or more"),
    (GOOD.replace("[crawl]", "[crawl]\nnotice_days = -1"), "[crawl] notice_days: expected 0 or more"),
    (GOOD.replace("[crawl]", "[crawl]\nnotice_days = 'weekly'"), "[crawl] notice_days: expected an integer"),
    (GOOD.replace("[crawl]", "[crawl]\nfull_read_days = -0.5"), "[crawl] full_read_days: expected 0 or more"),
    (GOOD.replace("[crawl]", "[crawl]\nocr_pages = -2"), "[crawl] ocr_pages: expected 0 or more"),
    (GOOD.replace("[crawl]", "[crawl]\nocr_languages = 'fra, eng'"),
     "[crawl] ocr_languages: expected tesseract's language names joined by \"+\" (\"fra+eng\"), got 'fra, eng'"),
    (GOOD + '\n[digest]\nsecurity = "tls"\n', "[digest] security: expected one of"),
])
def test_mistakes_are_one_clear_error_naming_file_and_key(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_optional_keys_left_out_take_their_defaults(tmp_path):
    from newswatch.config import CrawlConfig

    text = GOOD.replace("max_age_days = 0\n", "").replace("keep_unmatched = true\n", "")
    assert text != GOOD
    crawl = load_config(write(tmp_path, text)).crawl
    assert (crawl.max_age_days, crawl.keep_unmatched) == (CrawlConfig().max_age_days, CrawlConfig().keep_unmatched)
    assert (crawl.max_age_days, crawl.keep_unmatched) != (0, True), "the defaults differ from what GOOD sets"


def test_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(ConfigError, match="newswatch init"):
        load_config(tmp_path / "absent.toml")
