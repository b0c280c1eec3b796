"""Scrapy settings: the fixed ones here, the ones that come from newswatch.toml in `config_settings`."""

from __future__ import annotations

from scrapy.settings import default_settings

BOT_NAME = "newswatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 would serve a code-execution endpoint on localhost
# ...and left out of the base list, so that its module (and aiohttp, 0.1 s of start-up) is not even imported
EXTENSIONS_BASE = {path: order for path, order in default_settings.EXTENSIONS_BASE.items()
                   if not path.endswith(".RemoteControl")}
TWISTED_DNS_RESOLVER = "crawler.resolver.PublicOnlyResolver"  # the address connected to is checked too
COOKIES_ENABLED = False
CONCURRENT_REQUESTS = 16
CONCURRENT_ITEMS = 32
RETRY_TIMES = 1
RETRY_HTTP_CODES = [500, 502, 503, 504, 408, 429]
REDIRECT_MAX_TIMES = 5
DOWNLOAD_WARNSIZE = 0
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SafetyMiddleware": 50,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.CheapMetaRefreshMiddleware": 580,  # where Scrapy's own sits
}

SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,  # the spider follows links to `follow_depth` itself
}

EXTENSIONS = {
    "newswatch.progress.ProgressExtension": 500,
}

ITEM_PIPELINES = {
    "pipelines.prefilter.PrefilterPipeline": 100,
    "pipelines.extract.ExtractPipeline": 200,
    "pipelines.match.MatchPipeline": 300,
    "pipelines.deadlines.DeadlinesPipeline": 400,
    "pipelines.store.StorePipeline": 900,
}


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
