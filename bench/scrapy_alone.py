"""The floor of any Scrapy crawl of the bench pages: a spider that downloads the URL list and does nothing else.

`python -m bench.scrapy_alone urls.txt` prints how many pages it received. Same reactor, concurrency (of
requests, and of items per response: Scrapy starts that many tasks for every response, even one that yields
nothing) and delay as newswatch's crawls; no robots.txt, no pipelines, no parsing: what Scrapy itself costs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

from crawler import settings as ours


class DownloadOnlySpider(scrapy.Spider):
    name = "download_only"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.urls, self.received = urls, 0

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, dont_filter=True)

    def parse(self, response):
        self.received += 1


def main(path: str) -> int:
    urls = Path(path).read_text().split()
    process = CrawlerProcess({"TWISTED_REACTOR": ours.TWISTED_REACTOR, "LOG_LEVEL": "WARNING",
                              "CONCURRENT_REQUESTS": ours.CONCURRENT_REQUESTS, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
                              "CONCURRENT_ITEMS": ours.CONCURRENT_ITEMS,
                              "DOWNLOAD_DELAY": 0, "COOKIES_ENABLED": False, "TELNETCONSOLE_ENABLED": False,
                              "REMOTE_CONTROL_ENABLED": False, "ROBOTSTXT_OBEY": False})
    crawler = process.create_crawler(DownloadOnlySpider)
    process.crawl(crawler, urls=urls)
    process.start()
    print(crawler.spider.received)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
