"""All articles of the sample press site, and lookups over them."""

from __future__ import annotations

from newswatch.demo.articles_en import EN_ARTICLES
from newswatch.demo.articles_fr import FR_ARTICLES
from newswatch.demo.articles_local import LOCAL_ARTICLES
from newswatch.demo.articles_sesterce import SESTERCE_ARTICLES
from newswatch.demo.articles_wire import WIRE_ARTICLES
from newswatch.demo.model import KINDS, OUTLETS, TOPICS, DemoArticle

__all__ = ["ARTICLES", "DemoArticle", "KINDS", "OUTLETS", "TOPICS", "by_outlet", "by_slug"]

ARTICLES: list[DemoArticle] = [
    *SESTERCE_ARTICLES,
    *WIRE_ARTICLES,
    *FR_ARTICLES,
    *LOCAL_ARTICLES,
    *EN_ARTICLES,
]


def by_slug(slug: str) -> DemoArticle:
    """The article with this slug (slugs are unique across outlets)."""
    for article in ARTICLES:
        if article.slug == slug:
            return article
    raise KeyError(slug)


def by_outlet(outlet: str) -> list[DemoArticle]:
    """The articles of one outlet, newest first."""
    return sorted((a for a in ARTICLES if a.outlet == outlet), key=lambda a: a.age_days)
