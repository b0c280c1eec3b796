"""The DemoArticle record: one fictional article of the sample press site."""

from __future__ import annotations

from dataclasses import dataclass

OUTLETS = ("courrier", "echo", "nuages", "dcw")
LEAD_OUTLETS = ("agg", "vercors", "hebdo", "radio")  # the hard cases of newswatch.demo.leads
KINDS = ("relevant", "general", "near-miss", "ordinary", "wire", "edited")
TOPICS = ("sesterce", "rovaltain", "datacenters")


@dataclass(frozen=True)
class DemoArticle:
    """One article; `topics` are the default topics it must match (title + paragraphs only).

    `age_days` is relative to the `now` the site is built with; `title_v2`/`paragraphs_v2`
    replace the text in version 2 of the site (only for the edited article).
    """

    slug: str
    outlet: str
    lang: str
    title: str
    author: str
    age_days: int
    paragraphs: tuple[str, ...]
    comments: tuple[str, ...]
    topics: frozenset[str]
    kind: str
    title_v2: str | None = None
    paragraphs_v2: tuple[str, ...] | None = None

    def title_at(self, version: int) -> str:
        """The title shown in the given site version."""
        return self.title_v2 if version >= 2 and self.title_v2 else self.title

    def paragraphs_at(self, version: int) -> tuple[str, ...]:
        """The paragraphs shown in the given site version."""
        return self.paragraphs_v2 if version >= 2 and self.paragraphs_v2 else self.paragraphs

    def text_at(self, version: int) -> str:
        """The main text (paragraphs joined by blank lines), without the title."""
        return "\n\n".join(self.paragraphs_at(version))
