"""The project layout promises: imports resolve here, spiders are named consistently, commands documented."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest

import crawler.spiders
from newswatch.cli import cli

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["crawler", "pipelines", "store", "newswatch", "scheduler"])
def test_top_level_imports_resolve_to_this_repo(name):
    module = importlib.import_module(name)
    assert Path(module.__file__).resolve().is_relative_to(REPO), module.__file__


def spider_modules():
    for info in pkgutil.iter_modules(crawler.spiders.__path__):
        yield importlib.import_module(f"crawler.spiders.{info.name}")


def test_every_spider_file_name_and_class_agree():
    found = 0
    for module in spider_modules():
        short = module.__name__.rsplit(".", 1)[1]
        classes = [obj for obj in vars(module).values()
                   if isinstance(obj, type) and getattr(obj, "name", None) and obj.__module__ == module.__name__]
        assert classes, f"{module.__name__} defines no spider"
        for spider in classes:
            assert spider.name == short
            assert spider.__name__ == "".join(p.title() for p in short.split("_")) + "Spider"
            found += 1
    assert found >= 1


def test_no_spider_callback_is_a_generator_returning_a_value():
    """What Scrapy's WARN_ON_GENERATOR_RETURN_VALUE checked on every response (our settings turn it off): a
    generator callback's `return value` is silently lost."""
    from scrapy.utils.misc import is_generator_with_return_value

    checked = 0
    for module in spider_modules():
        for spider in (obj for obj in vars(module).values() if isinstance(obj, type) and getattr(obj, "name", None)):
            for name in dir(spider):
                method = getattr(spider, name)
                if inspect.isgeneratorfunction(method) and getattr(method, "__module__", "").startswith("crawler"):
                    assert not is_generator_with_return_value(method), f"{spider.__name__}.{name}"
                    checked += 1
    assert checked >= 5, checked


def test_scrapy_cfg_points_at_our_settings():
    assert "default = crawler.settings" in (REPO / "scrapy.cfg").read_text()


A_CRAWL_PROBE = """
import sys
import scrapy
from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.utils.reactor import install_reactor
from crawler import settings as ours
install_reactor(ours.TWISTED_REACTOR)
settings = Settings()
settings.setmodule("crawler.settings", priority="project")
crawler = Crawler(type("Probe", (scrapy.Spider,), {"name": "probe"}), settings)
crawler._apply_settings()
print(" ".join(type(e).__name__ for e in crawler.extensions.middlewares))
print(" ".join(type(m).__name__ for m in DownloaderMiddlewareManager.from_crawler(crawler).middlewares))
print("tldextract" in sys.modules)
"""


def probe_a_crawl() -> tuple[list[str], list[str], bool]:
    """A crawler built from our settings, in a process of its own: its extensions, its downloader middlewares, and
    whether tldextract was imported."""
    extensions, downloader, tldextract = subprocess.run([sys.executable, "-c", A_CRAWL_PROBE], capture_output=True,
                                                        text=True, cwd=REPO, check=True).stdout.splitlines()
    return extensions.split(), downloader.split(), tldextract == "True"


def test_a_crawl_opens_no_control_port():
    """Scrapy 2.19 enables by default a localhost HTTP endpoint that runs Python code; and telnet before it."""
    loaded, _, _ = probe_a_crawl()
    assert "CoreStats" in loaded and "ProgressExtension" in loaded and "LoggerLevels" in loaded
    assert "RemoteControl" not in loaded and "TelnetConsole" not in loaded


def test_the_cookie_middleware_is_not_even_imported():
    """Cookies are off; the middleware's module would import tldextract and requests (30 ms of start-up)."""
    _, loaded, tldextract = probe_a_crawl()
    assert "SafetyMiddleware" in loaded and "RetryMiddleware" in loaded and "RedirectMiddleware" in loaded
    assert "CookiesMiddleware" not in loaded and not tldextract
    # a redirect's cookies only (crawler/middlewares.py), placed to see a 3xx before Scrapy's RedirectMiddleware
    assert loaded.index("RedirectCookiesMiddleware") == loaded.index("RedirectMiddleware") + 1


def test_a_redirect_s_cookie_goes_along_its_chain_to_its_own_host_only():
    from scrapy import Request
    from scrapy.http import Response

    from crawler.middlewares import RedirectCookiesMiddleware

    cookies = RedirectCookiesMiddleware()
    first = Request("https://mairie.example/actu/conseil")
    check = Response(first.url, status=302, request=first, headers=[
        (b"Location", b"/actu/conseil?AspxAutoDetectCookieSupport=1"),
        (b"Set-Cookie", b"AspxAutoDetectCookieSupport=1; path=/"), (b"Set-Cookie", b"lang=fr; HttpOnly")])
    assert cookies.process_response(first, check) is check
    again = first.replace(url="https://mairie.example/actu/conseil?AspxAutoDetectCookieSupport=1")  # as Scrapy does
    cookies.process_request(again)
    assert again.headers[b"Cookie"] == b"AspxAutoDetectCookieSupport=1; lang=fr"
    elsewhere = first.replace(url="https://cdn.example/actu/conseil")
    cookies.process_request(elsewhere)
    assert b"Cookie" not in elsewhere.headers, "another host gets none"
    other = Request("https://mairie.example/actu/budget")  # another chain: nothing carried over
    cookies.process_response(other, Response(other.url, status=200, request=other,
                                             headers=[(b"Set-Cookie", b"seen=1")]))
    cookies.process_request(other)
    assert b"Cookie" not in other.headers and "redirect_cookies" not in other.meta


@pytest.mark.parametrize("header,target", [
    ("0; url=/actualites/reunion", "https://mairie.example/actualites/reunion"),
    ("0;URL='https://pref.example/avis'", "https://pref.example/avis"),
    ("5, url=suite.html", "https://mairie.example/actu/suite.html"),
    ("5", None),  # a reload, no address
    ("300; url=/plus-tard", None),  # past METAREFRESH_MAXDELAY
    ("0; url=javascript:alert(1)", None),
])
def test_a_refresh_header_is_followed_as_a_meta_refresh_is(header, target):
    from scrapy import Request
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from crawler.middlewares import CheapMetaRefreshMiddleware

    middleware = CheapMetaRefreshMiddleware.from_crawler(get_crawler())
    request = Request("https://mairie.example/actu/412")
    response = HtmlResponse(request.url, status=200, request=request, body=b"", headers={"Refresh": header})
    answered = middleware.process_response(request, response)
    assert (answered.url if answered is not response else None) == target


@pytest.mark.parametrize("body,target", [
    ('<html><head><script>window.location.href = "/actualites/reunion";</script></head><body>Redirection…</body>'
     "</html>", "https://mairie.example/actualites/reunion"),
    ("<script>location.replace('https://pref.example/avis')</script>", "https://pref.example/avis"),
    ('<script>document.location = "suite.html"</script>', "https://mairie.example/actu/suite.html"),
    ('<html><body><p>' + "Un article à lire. " * 40 + '</p><script>location.href="/x"</script></body></html>', None),
    ('<script>location.href = "javascript:void(0)"</script>', None),
    ("<script>window.location.replace(c_wiz_data_redirect())</script>", None),  # computed: not followed
    ('<script>var page = "/actu/412"; window.open(page)</script>', None),
    ("<body onload=\"location.href='/actu/suite'\">Redirection…</body>", "https://mairie.example/actu/suite"),
    # a small news page whose card opens its article when clicked: no redirect
    ("<main><h1>Actualités</h1><div class='card' onclick=\"location.href='/actu/reunion'\"><h3>Réunion</h3></div>"
     "</main>", None),
])
def test_a_small_page_whose_script_sets_its_location_is_a_redirect(body, target):
    from scrapy import Request
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from crawler.middlewares import CheapMetaRefreshMiddleware

    middleware = CheapMetaRefreshMiddleware.from_crawler(get_crawler())
    request = Request("https://mairie.example/actu/412")
    response = HtmlResponse(request.url, status=200, request=request, body=body.encode())
    answered = middleware.process_response(request, response)
    assert (answered.url if answered is not response else None) == target
    walled = response.replace(status=403)  # a wall's page is judged as one, whatever its script says
    assert middleware.process_response(request, walled) is walled


def all_commands(group=cli, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path,command", list(all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example_and_is_in_the_readme(path, command):
    assert command.help and "Example:" in command.help, f"`newswatch {' '.join(path)}` help has no example"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"newswatch {' '.join(path)}" in readme, f"`newswatch {' '.join(path)}` is not documented in README.md"


def test_the_report_needs_no_matplotlib_and_the_tests_no_datasketch():
    """Install weight (README "Install for real use"): the charts are pygal's SVG, and the MinHash test compares
    with values recorded once from datasketch, so neither matplotlib nor datasketch (nor SciPy) is installed."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {re.match(r"[A-Za-z0-9_.-]+", r).group(0).lower() for r in requirements}

    runtime, extras = names(project["dependencies"]), project["optional-dependencies"]
    assert {"pygal", "numpy"} <= runtime  # numpy: newswatch/text/fingerprints.py imports it
    for needed in [runtime, names(extras["test"]), names(extras["browse"]), names(extras["scale"])]:
        assert not needed & {"matplotlib", "datasketch", "scipy"}
    assert "datasketch" in names(extras["bench"])  # bench/record_minhash.py


def test_the_text_and_document_modules_import_nothing_above_them():
    """newswatch/text/ and newswatch/documents/ are pure functions over bytes and strings (STYLE.md 20): they import
    neither the crawler, the pipelines, the store nor Scrapy, not even inside a function; what they need of the
    crawler (what a page or a document cites) is handed down by the caller."""
    import ast

    above = ("crawler", "pipelines", "store", "scrapy", "twisted", "newswatch.operations", "newswatch.cli",
             "newswatch.outputs")
    found = []
    for folder in ("text", "documents"):
        for path in sorted((REPO / "newswatch" / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                found += [f"{path.relative_to(REPO)}:{node.lineno} {name}" for name in names
                          if any(name == top or name.startswith(top + ".") for top in above)]
    assert found == []
