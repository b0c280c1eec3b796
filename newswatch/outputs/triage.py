"""Which words off-topic articles share that relevant ones do not: hints for tightening a topic's query."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newswatch.text.folding import fold

_WORD = re.compile(r"[a-z]{4,}")  # on folded text: letters only, four or more (no figures, no short words)

# Frequent French and English words of four letters or more: they say nothing about a topic.
STOPWORDS = frozenset("""
aussi autre autres avait avant avec avoir ceci cela celle celles celui cent cependant certains ces cette ceux
chaque chez comme comment contre dans depuis deux doit donc dont elle elles encore entre etait etaient etre
fait faire faut fois font leur leurs lors mais meme mois moins notre nous peut peuvent plus pour pourquoi
quand quel quelle quelles quels sans selon sera seront sont sous suis tous tout toute toutes tres trop
vers voici voila vont votre vous annee annees selon alors ainsi apres bien deja dire jour jours part
about after also been before being between both could each from have into just like made make many more
most much must only other over said same should since some such than that their them then there these
they this those through under very were what when where which while will with would year years your
""".split())


def words_of(text: str) -> Counter[str]:
    """The words of a text with how often each occurs, folded (lowercase, no accents), without short and
    frequent words."""
    return Counter(w for w in _WORD.findall(fold(text)) if w not in STOPWORDS)


def off_topic_words(off_topic: Iterable[str], relevant: Iterable[str], limit: int = 8) -> list[tuple[str, int]]:
    """(word, off-topic articles containing it): words found in at least two of the off-topic texts (in the
    one, when there is only one) and in none of the relevant texts; most shared first, then most frequent.

    With no relevant text to compare with there is nothing to tell apart, and the answer is empty.
    """
    off_counts = [words_of(text) for text in off_topic]
    relevant_words: set[str] = set()
    for text in relevant:
        relevant_words.update(words_of(text))
    if not off_counts or not relevant_words:
        return []
    articles: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for counts in off_counts:
        for word, n in counts.items():
            if word not in relevant_words:
                articles[word] += 1
                occurrences[word] += n
    least = min(2, len(off_counts))
    ranked = sorted((w for w, n in articles.items() if n >= least),
                    key=lambda w: (-articles[w], -occurrences[w], w))
    return [(w, articles[w]) for w in ranked[:limit]]
