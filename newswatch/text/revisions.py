"""Article revisions: whether a re-fetched version changed materially, and a short summary of what changed."""

from __future__ import annotations

import difflib
import re

from newswatch.text.fingerprints import words

MIN_CHANGED_WORDS = 5  # fewer changed words is a typo fix, unless a figure changed
SUMMARY_CHARS = 300
_DIGIT = re.compile(r"\d")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def _word_changes(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """The words removed from `old` and added in `new`."""
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def is_material_change(old_title: str, old_text: str, new_title: str, new_text: str) -> bool:
    """True when the title's words changed, a figure changed, or at least MIN_CHANGED_WORDS words changed.

    Spacing, case, punctuation and accents never count; neither does a one-word typo fix.
    """
    if words(old_title) != words(new_title):
        return True
    removed, added = _word_changes(words(old_text), words(new_text))
    if any(_DIGIT.search(w) for w in removed + added):
        return True
    return len(removed) + len(added) >= MIN_CHANGED_WORDS


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _title_change(old: str, new: str) -> str | None:
    """`title: «old words» → «new words»`, showing only the part that changed."""
    a, b = old.split(), new.split()
    spans = [(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
             for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
             if tag != "equal"]
    if not spans:
        return None
    before, after = " … ".join(s for s, _ in spans), " … ".join(s for _, s in spans)
    return f"title: «{_shorten(before)}» → «{_shorten(after)}»"


def diff_summary(old_title: str, old_text: str, new_title: str, new_text: str) -> str:
    """One line, e.g. `title: «1,8 milliard» → «450 millions»; text: 1 paragraph changed, 2 added (+61 −3 words)`."""
    parts = []
    title = _title_change(old_title, new_title)
    if title:
        parts.append(title)
    old_paras, new_paras = _paragraphs(old_text), _paragraphs(new_text)
    counts = {"changed": 0, "added": 0, "removed": 0}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_paras, new_paras, autojunk=False).get_opcodes():
        if tag == "replace":
            common = min(i2 - i1, j2 - j1)
            counts["changed"] += common
            counts["removed"] += (i2 - i1) - common
            counts["added"] += (j2 - j1) - common
        elif tag == "delete":
            counts["removed"] += i2 - i1
        elif tag == "insert":
            counts["added"] += j2 - j1
    removed, added = _word_changes(old_text.split(), new_text.split())
    if removed or added:
        said = [f"{n} {'paragraph' if n == 1 else 'paragraphs'} {what}" if i == 0 else f"{n} {what}"
                for i, (what, n) in enumerate((w, n) for w, n in counts.items() if n)]
        parts.append("text: " + (", ".join(said) + " " if said else "") + f"(+{len(added)} −{len(removed)} words)")
    return _shorten("; ".join(parts) or "no visible change", SUMMARY_CHARS)
