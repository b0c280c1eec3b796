"""Pure text → facts: an article's text and metadata, its dates, language, topics, fingerprints, walls and addresses.

Functions over bytes and strings, with no Scrapy and no database; the crawler and the pipelines call them."""
