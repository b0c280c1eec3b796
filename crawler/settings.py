"""Scrapy settings: the fixed ones here, the ones that come from newswatch.toml in `config_settings`."""

from __future__ import annotations

from scrapy.settings import default_settings

from newswatch.config import load_config

BOT_NAME = "newswatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 would serve a code-execution endpoint on localhost
# ...and left out of the base list, so that its module (and aiohttp, 0.1 s of start-up) is not even imported
EXTENSIONS_BASE = {path: order for path, order in default_settings.EXTENSIONS_BASE.items()
                   if not path.endswith(".RemoteControl")}
# The address connected to is checked too. Scrapy 2.19 renamed the setting (and warns when the old one is set).
if hasattr(default_settings, "TWISTED_DNS_RESOLVER"):
    TWISTED_DNS_RESOLVER = "crawler.resolver.PublicOnlyResolver"
else:  # pragma: no cover - Scrapy before 2.19
    DNS_RESOLVER = "crawler.resolver.PublicOnlyResolver"
COOKIES_ENABLED = False
CONCURRENT_REQUESTS = 16
# What one response yields is processed this many at a time. Scrapy starts that many asyncio tasks for every
# response, even the article page that yields one item: 32 cost 7 % of a watch's parent CPU. A response that
# yields many (a sitemap's requests, a feed's headline records) has nothing to wait for in between.
CONCURRENT_ITEMS = 4
RETRY_TIMES = 1
RETRY_HTTP_CODES = [500, 502, 503, 504, 408, 429]
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the URL's outcome is recorded and the source's verdict says it: no ERROR line
REDIRECT_MAX_TIMES = 5
DOWNLOAD_WARNSIZE = 0
# Scrapy reads the source of a generator callback (inspect, tokenize, ast) to warn of a `return value` in it, and
# its cache is keyed by the bound method, which dies with its request: it read ours again for most pages (4.5 % of
# a watch's parent CPU). tests/test_layout.py makes the same check once, on every callback of our spider.
WARN_ON_GENERATOR_RETURN_VALUE = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Off anyway (COOKIES_ENABLED), and left out of the base list, so that its module is not imported, nor tldextract
# and requests with it: 30 ms of every crawl's start-up (a `None` below would still import it)
DOWNLOADER_MIDDLEWARES_BASE = {path: order for path, order in default_settings.DOWNLOADER_MIDDLEWARES_BASE.items()
                               if not path.endswith(".CookiesMiddleware")}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SafetyMiddleware": 50,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.CheapMetaRefreshMiddleware": 580,  # where Scrapy's own sits
    "crawler.middlewares.RedirectCookiesMiddleware": 610,  # after RedirectMiddleware (600): sees a 3xx before it
}

SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,  # the spider follows links to `follow_depth` itself
}

EXTENSIONS = {
    "crawler.logs.QuietNetworkErrors": 100,
    "crawler.logs.LoggerLevels": 110,
    "crawler.startup.StartupHeap": 120,
    "newswatch.operations.progress.ProgressExtension": 500,
}

ITEM_PIPELINES = {
    "pipelines.prefilter.PrefilterPipeline": 100,
    "pipelines.extract.ExtractPipeline": 200,
    "pipelines.match.MatchPipeline": 300,
    "pipelines.deadlines.DeadlinesPipeline": 400,
    "pipelines.store.StorePipeline": 900,
    "pipelines.cited.CitedPipeline": 950,
}


def settings_config(settings):
    """The newswatch config of these Scrapy settings: the one `newswatch crawl` put there, else the file
    named by the NEWSWATCH_CONFIG setting (`scrapy crawl news -s NEWSWATCH_CONFIG=…`), else the default one."""
    return settings.get("NEWSWATCH") or load_config(settings.get("NEWSWATCH_CONFIG"))


def config_settings(config) -> dict:
    """The Scrapy settings that newswatch.toml decides."""
    crawl = config.crawl
    return {
        "NEWSWATCH": config,
        "USER_AGENT": crawl.user_agent,
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "DOWNLOAD_DELAY": crawl.delay_seconds,
        "DOWNLOAD_DELAY_JITTER": 0.5 if crawl.delay_seconds > 0 else 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency_per_domain,
        "DOWNLOAD_TIMEOUT": crawl.timeout_seconds,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "CLOSESPIDER_TIMEOUT": crawl.max_run_seconds,
    }
