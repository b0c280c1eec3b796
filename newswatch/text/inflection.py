"""The forms of a word that plain search also finds: French and English plurals and simple inflections.

`forms("centre")` gives centre and centres; `forms("données")` données and donnée; `forms("appeal")` appeal,
appeals, appealed, appealing. Plurals (‑s, ‑x, ‑es, ‑ies, ‑aux) are always taken. A feminine (‑e, ‑es) or
masculine is taken when the French Snowball stemmer gives it the stem of the word typed and the masculine is
long enough and ends with a consonant (opposant finds opposante; port no porte, donnée no donne); an English
‑ed or ‑ing when the English stemmer does (cool finds cooling, data no dated). Short words (under three letters), numbers and common
function words (mais, sous, plus, our…) are taken as typed: their plural-looking neighbours are other words.
bench/bench_plain_search.py measures this against prefix search and full stemming.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import snowballstemmer

# Words whose "plural" or "singular" is another common word (mai/mais, moi/mois, sou/sous, our/ours…).
FUNCTION_WORDS = frozenset("""
    ans aux avec ces ceux chez dans des donc dont elle elles entre eux leur leurs les lui mais mes moi mon nos
    notre nous par pas plus pour puis qui que quoi sans ses soi son sont sous sur tes toi ton tous tout toutes
    tres une unes vers vos votre vous apres avant depuis alors aussi
    the and are for from has had his her hers its our ours their theirs this these those was were who whom
    with yes you your yours not nor any all but can may more most much one ones out she they them what when
    """.split())
_VOWELS = set("aeiouy")


@lru_cache(maxsize=4096)
def forms(word: str) -> tuple[str, ...]:
    """The word (lowercased) and the inflected forms plain search also looks for, the word first."""
    word = word.lower()
    if len(word) < 3 or not word.isalpha() or fold(word) in FUNCTION_WORDS:
        return (word,)
    found = {fold(word): word}
    singulars = _singulars(word) or [word]
    for candidate in (*singulars, *(p for s in singulars for p in _plurals(s))):
        found.setdefault(fold(candidate), candidate)
    for base in singulars:
        for candidate in _genders(base):
            if _same(candidate, word, "french"):
                found.setdefault(fold(candidate), candidate)
        for candidate in _english_verb(base) if base.isascii() and base[-1] not in "aiou" else ():
            if _same(candidate, word, "english"):
                found.setdefault(fold(candidate), candidate)
    return tuple(c for c in found.values() if len(c) >= 3 and fold(c) not in FUNCTION_WORDS)


def fold(word: str) -> str:
    """Lowercase without diacritics, as FTS5's unicode61 tokenizer (remove_diacritics 2) keeps a word."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def _plurals(word: str) -> list[str]:
    if word.endswith(("s", "x", "z")):
        return [word + "es"]  # French leaves them as they are; English: boxes, gases
    if word.endswith(("au", "eu", "ou")):
        return [word + "s", word + "x"]
    if word.endswith("ail") or (word.endswith("al") and word[-3] not in _VOWELS):
        return [word + "s", word[:-3 if word.endswith("ail") else -2] + "aux"]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    return [word + "es"] if word.endswith(("ch", "sh")) else [word + "s"]


def _singulars(word: str) -> list[str]:
    """What `word` may be the plural of (nothing if it does not look like a plural)."""
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    found = []
    if word.endswith("aux") and not word.endswith("eaux"):
        found += [word[:-3] + "al", word[:-3] + "ail"]
    if word.endswith("x") and word[:-1].endswith(("au", "eu", "ou")):
        found.append(word[:-1])
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    return found


def _genders(word: str) -> list[str]:
    """The feminine of a masculine word, the masculine of a feminine one: when the masculine has five letters
    or more and ends with a consonant (not → note, port → porte are other words; so is donne, once folded,
    for donnée)."""
    masculine = word[:-1] if word.endswith("e") else word
    if len(masculine) < 5 or fold(masculine[-1]) in _VOWELS:
        return []
    return [masculine, masculine + "s", masculine + "e", masculine + "es"]


def _english_verb(word: str) -> list[str]:
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return [stem, stem + "e", stem + "s", stem + "ed", *([stem[:-1]] if stem[-1] == stem[-2] else [])]
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        return [stem, stem + "e", stem + "s", stem + "ing", *([stem[:-1]] if stem[-1] == stem[-2] else [])]
    if word.endswith("e"):
        return [word + "d", word[:-1] + "ing"]
    short = len(word) <= 6 and word[-1] not in _VOWELS and word[-2] in _VOWELS and word[-3] not in _VOWELS
    doubled = word + word[-1] if short else word
    return [word + "ed", word + "ing", doubled + "ed", doubled + "ing"]


def _same(candidate: str, word: str, language: str) -> bool:
    return _stem(candidate, language) == _stem(word, language)


@lru_cache(maxsize=65536)
def _stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=None)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)
