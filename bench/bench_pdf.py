"""Benchmark: which PDF library newswatch reads documents with — speed, text quality on French samples, licence.

Usage: .venv/bin/python -m bench.bench_pdf [--pages 60] [--repeat 3]
Needs pdfminer.six and pypdf besides pypdfium2 (`pip install pdfminer.six pypdf`); a missing one is reported.
The samples are our own PDFs (newswatch/demo/documents.py): a notice in one column and a council
deliberation in two columns, the latter both as column after column and row by row (interleaved),
typeset with "fi"/"fl" ligature glyphs and words cut by a hyphen at line ends.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import time
from datetime import UTC, datetime
from importlib import metadata

from newswatch.demo.documents import SampleDocument, consultation_notice, council_deliberation, typeset
from newswatch.demo.pdfmaker import wrap
from newswatch.documents.pdftext import clean_text, read_pdf

NOW = datetime(2026, 1, 21, tzinfo=UTC)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def pdfium_raw(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def pdfium_newswatch(data: bytes) -> list[str]:
    return list(read_pdf(data).pages)


def pypdf_text(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdfminer_text(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")


CONTENDERS = {  # name: (distribution, function, whether newswatch's clean-up is already applied)
    "pypdfium2 + newswatch": ("pypdfium2", pdfium_newswatch, True),
    "pypdfium2 (get_text_range)": ("pypdfium2", pdfium_raw, False),
    "pdfminer.six (extract_text)": ("pdfminer.six", pdfminer_text, False),
    "pypdf (extract_text)": ("pypdf", pypdf_text, False),
}


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def quality(doc: SampleDocument, pages: list[str]) -> dict[str, float]:
    """Scores in [0, 1] against what was written: word order, accents, ligatures, words cut at line ends."""
    expected = words("\n".join([doc.heading, *doc.paragraphs]))
    got = words("\n".join(pages))
    found = set(got)
    accented = {w for w in expected if re.search(r"[à-ÿœ]", w)}
    ligatured = {w for w in expected if w != typeset(w)}
    cut = set()
    width = 86 if doc.columns == 1 else 42  # as column_pages wraps them at 10.5 pt
    for paragraph in doc.paragraphs:
        for line in wrap(paragraph, width):
            if line.endswith("-") and not line.endswith(" -"):
                cut |= set(words(line.split()[-1][:-1]))
    cut_whole = {w for w in expected if any(w.startswith(c) and len(w) > len(c) for c in cut)}
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return {
        "order": matcher.ratio(),
        "accents": len(accented & found) / max(len(accented), 1),
        "ligatures": len(ligatured & found) / max(len(ligatured), 1),
        "hyphens": len(cut_whole & found) / max(len(cut_whole), 1),
    }


def speed(function, data: bytes, pages: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(data)
        best = min(best, time.perf_counter() - start)
    return pages / best


def long_document(pages: int) -> tuple[bytes, int]:
    """A two-column document of about `pages` pages (the deliberation's text repeated)."""
    base = council_deliberation(NOW)
    per_copy = len(base.pages())
    copies = max(1, pages // per_copy)
    doc = SampleDocument(slug="long", title="", heading=base.heading, paragraphs=base.paragraphs * copies, columns=2)
    built = doc.pages()
    from newswatch.demo.pdfmaker import build_pdf

    return build_pdf(built), len(built)


def licence(distribution: str) -> str:
    meta = metadata.metadata(distribution)
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return meta.get("License-Expression") or ", ".join(classifiers) or (meta.get("License") or "?")[:40]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60, help="pages of the document timed (default 60)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    notice, deliberation = consultation_notice(NOW), council_deliberation(NOW)
    samples = [("notice, 1 column", notice, notice.pdf()),
               ("deliberation, 2 columns", deliberation, deliberation.pdf()),
               ("deliberation, 2 columns interleaved", deliberation, deliberation.pdf(interleave=True))]
    long_pdf, long_pages = long_document(args.pages)
    print(f"PDF libraries on our French samples; speed on a {long_pages}-page two-column document "
          f"({len(long_pdf) // 1024} KB), best of {args.repeat}")
    print("scores: order = word sequence similarity to what was written (columns mixed up lower it); accents, "
          "ligatures, hyphens = share of such words found whole; "
          "'clean-up' = newswatch.documents.pdftext.clean_text applied")
    header = f"{'library':30} {'version':9} {'licence':24} {'pages/s':>8}  {'sample':37} {'clean-up':8} " \
             f"{'order':>5} {'accents':>7} {'ligat.':>6} {'hyph.':>5}"
    print(header)
    print("-" * len(header))
    for name, (distribution, function, cleaned) in CONTENDERS.items():
        try:
            version = metadata.version(distribution)
            rate = speed(function, long_pdf, long_pages, args.repeat)
        except (ImportError, metadata.PackageNotFoundError):
            print(f"{name:30} not installed (pip install {distribution})")
            continue
        first = True
        for label, doc, data in samples:
            pages = function(data)
            for clean in ([True] if cleaned else [False, True]):
                text = pages if not clean or cleaned else [clean_text(p) for p in pages]
                score = quality(doc, text)
                lead = (f"{name:30} {version:9} {licence(distribution)[:24]:24} {rate:8.1f}" if first
                        else " " * 74)
                first = False
                print(f"{lead}  {label:37} {'yes' if clean else 'no':8} {score['order']:5.3f} "
                      f"{score['accents']:7.3f} {score['ligatures']:6.3f} {score['hyphens']:5.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
