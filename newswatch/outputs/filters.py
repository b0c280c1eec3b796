"""Check the --topic/--source/--lang values of search, stats, report and feed against what exists."""

from __future__ import annotations

import re
from dataclasses import replace

from store.search import Window, filter_values

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.IGNORECASE)


class FilterError(ValueError):
    """A filter value that names nothing: one sentence saying what is known instead."""


def _known(kind: str, option: str, value: str, known: list[str]) -> str:
    """The known name `value` stands for (case ignored), or FilterError listing the known ones."""
    by_folded = {name.casefold(): name for name in known}
    name = by_folded.get(value.casefold())
    if name is None:
        listed = ", ".join(sorted(known, key=str.casefold)) or "none yet"
        raise FilterError(f"{option}: there is no {kind} named {value!r} (known: {listed})")
    return name


def topic_name(config_topics: list[str], archived: list[str], value: str) -> str:
    """A --topic value as the topic's own name: the config's topics and those the archive holds, case ignored."""
    return _known("topic", "--topic", value, list(dict.fromkeys([*config_topics, *archived])))


def checked_window(session, config, window: Window) -> Window:
    """The window with topic names spelled as configured; FilterError for a topic, source or language unknown
    to both the config and the archive (or a --lang that is not a language code)."""
    topics, sources, languages = filter_values(session)
    config_topics = [t.name for t in config.topics]
    names = tuple(topic_name(config_topics, topics, t) for t in window.topics)
    known_sources = list(dict.fromkeys([*(s.name for s in config.sources), *sources]))
    picked = tuple(_known("source", "--source", s, known_sources) for s in window.sources)
    language = window.language
    if language is not None:
        if not _LANGUAGE_CODE.match(language):
            raise FilterError(f"--lang: {language!r} is not a language code (expected a code such as fr or en; "
                              f"the archive has: {', '.join(languages) or 'no language yet'})")
        if languages and language.lower() not in languages:
            raise FilterError(f"--lang: no archived article is in {language!r} (the archive has: "
                              f"{', '.join(languages)})")
    return replace(window, topics=names, sources=picked)
