"""Shared fixtures: a migrated SQLite archive, the sample press site, and a real crawl of it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from newswatch.config import load_config
from store.db import make_engine, session_factory
from store.migrate import upgrade

REPO = Path(__file__).resolve().parent.parent

# Property tests: `ci` (the default) is fast and still finds a one-character slip in the prefilter's phrase
# separator within seconds; NW_HYPOTHESIS_PROFILE=long (or --hypothesis-profile=long) digs much deeper.
settings.register_profile("ci", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=30_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("NW_HYPOTHESIS_PROFILE", "ci"))


def newswatch(*args: str, config: Path | None = None, timeout: float = 240, env: dict | None = None,
              check: bool = False) -> subprocess.CompletedProcess:
    """Run the real `newswatch` command in a child process and capture its output."""
    command = [sys.executable, "-m", "newswatch", *(["--config", str(config)] if config else []), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO,
                            env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@dataclass
class Archive:
    url: str
    path: Path

    def sessions(self, writer: bool = False):
        return session_factory(make_engine(self.url, writer=writer))


@pytest.fixture
def archive(tmp_path) -> Archive:
    """An empty archive built by the real migrations."""
    path = tmp_path / "archive.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    return Archive(url=url, path=path)


@dataclass
class DemoCrawl:
    site: object
    config_path: Path
    archive: Archive

    @property
    def config(self):
        return load_config(self.config_path)


def crawl_demo(site, folder: Path, extra_crawl: str = "", leads: bool = False) -> DemoCrawl:
    """Write a config for the running sample site into folder and crawl it once, for real."""
    from newswatch.demo.run import demo_config

    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "newswatch.db"
    config_path = folder / "newswatch.toml"
    config_path.write_text(demo_config(site, db_path, extra_crawl, leads=leads), encoding="utf-8")
    newswatch("crawl", config=config_path, check=True)
    return DemoCrawl(site=site, config_path=config_path, archive=Archive(url=f"sqlite:///{db_path}", path=db_path))


@pytest.fixture(scope="session")
def demo_site():
    from newswatch.demo.server import DemoSite

    with DemoSite() as site:
        yield site


@pytest.fixture(scope="session")
def demo_crawl(demo_site, tmp_path_factory) -> DemoCrawl:
    """The sample site crawled once with the default topics (shared, read-only: copy it to modify)."""
    return crawl_demo(demo_site, tmp_path_factory.mktemp("demo"))
