"""The language of an article: py3langid over its text, the page's declared language for texts too short to tell."""

from __future__ import annotations

from functools import cache

MIN_CHARS = 200  # below this, a declared language is trusted over the identifier
MIN_PROBABILITY = 0.9  # …unless the identifier is at least this sure
SAMPLE_CHARS = 1000  # identified on the first 1,000 characters: enough for article text, and 5× cheaper than 5,000


@cache
def _identifier():
    """py3langid's model (97 languages), loaded once per process (0.7 s; the extraction fork server preloads it)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the model now (the extraction fork server does, so that its workers fork with it in memory)."""
    _identifier()


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language, by py3langid."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return code, float(probability)


def declared_code(value: str | None) -> str | None:
    """'fr-FR', 'fr_FR', 'FR' → 'fr'; None for anything that is not a language tag."""
    code = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def language_of(text: str, declared: str | None = None) -> str | None:
    """The language of `text`: the identifier's answer, or the declared one when the text is short and the
    identifier unsure; None when there is neither text nor a declaration."""
    declared = declared_code(declared)
    if not text or not text.strip():
        return declared
    code, probability = identify(text)
    if declared and len(text) < MIN_CHARS and probability < MIN_PROBABILITY:
        return declared
    return code
