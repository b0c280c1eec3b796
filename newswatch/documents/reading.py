"""Any document read into an archive record (`Extracted`): a PDF, a picture of a notice, an office file, a zipped
dossier; and the page of its text a snippet falls on."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from newswatch.documents import DOCUMENT_FILES
from newswatch.documents.ocr import OcrBudget, OcrSettings
from newswatch.documents.office import MAX_PART_BYTES, ZIP_ERRORS, OfficeError, office_kind, read_office
from newswatch.documents.pdftext import PAGE_BREAK, PdfError, read_pdf, read_picture, visible_characters
from newswatch.documents.pictures import picture_kind

# What a document's links lead to, as (documents, articles) of (URL, words): crawler.citations.document_cited, which
# sits above this module and is handed down by the caller.
Cited = Callable[[list[tuple[str, str]], str], tuple[list[tuple[str, str]], list[tuple[str, str]]]]


def page_at(text: str, offset: int) -> int:
    """The page number (from 1) of a character position in a text whose pages are joined by PAGE_BREAK."""
    return text.count(PAGE_BREAK, 0, max(offset, 0)) + 1


def extract_document(body: bytes, url: str, ocr: OcrSettings | None = None,
                     more_time: Callable[[float], None] | None = None, cite: Cited | None = None):
    """A PDF as an `Extracted` record (pages joined by form feeds), and what its text_status says beside it: why its
    text is missing (a scan not read), or which pages OCR read (a scan read), else None. An office file
    (`office_kind`: word-processor files, slides, spreadsheets), a zipped dossier (`_dossier`) and a picture (a
    notice's poster, `read_picture`) are read too.

    The date is the metadata's creation date, else the first full date of the first page. What a PDF's links and written
    addresses lead to is listed as its `cited` documents and `cited_articles` by `cite(links, url)` (the crawl's
    workers give crawler.citations.document_cited; without it, none), fetched if it matches a topic
    (pipelines.cited)."""
    from newswatch.text.deadlines import first_date
    from newswatch.text.extraction import Extracted
    from newswatch.text.language import language_of

    if (kind := office_kind(body)) is not None:  # the minutes as their secretary wrote them, a meeting's slides
        return _office_document(body, kind, url, cite), None
    if body.startswith(b"PK\x03\x04"):  # a zip that is no office file: a public inquiry's dossier
        return _dossier(body, url, ocr, more_time, cite)
    if (kind := picture_kind(body)) is not None:  # a notice's poster
        pdf = read_picture(body, kind, ocr, more_time)
    else:
        pdf = read_pdf(body, ocr=ocr, more_time=more_time)
    published, date_source = pdf.created, "document" if pdf.created else None
    if published is None and pdf.pages:
        found = first_date(pdf.pages[0][:3000])
        if found is not None:
            published, date_source = datetime(found.year, found.month, found.day, tzinfo=UTC), "document_text"
    text = pdf.text if visible_characters(pdf.text) else ""  # a scan not read keeps the words of its stamps, if any
    cited, cited_articles = _cited(cite, pdf.links, url)
    # not strip(): a form feed is a page, and a cover that is a picture must still count as page 1
    return Extracted(title=pdf.title, text=text.strip(" \t\r\n"), author=pdf.author, published=published,
                     date_source=date_source, language=language_of(text), canonical_url=None,
                     site_name=None, dates={date_source: published} if published else {},
                     text_status=pdf.status, cited=cited, cited_articles=cited_articles
                     ), pdf.text_missing or pdf.ocr_note


def _cited(cite: Cited | None, links, url: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """What a document's `links` lead to, as (documents, articles), by `cite`; none without it or without links."""
    if cite is None or not links:
        return (), ()
    documents, articles = cite(links, url)
    return tuple(documents), tuple(articles)


MAX_DOSSIER_FILES = 12  # documents of a zipped dossier read, in the zip's order
MAX_DOSSIER_BYTES = 256 * 2**20  # all of them inflated
DOSSIER_FILE_SECONDS = 20.0  # the time each is given: the worker's time limit moves for each
MIN_SHARE = 2  # pages of a scanned file OCR may read, at least, while the dossier's ocr_pages last


def is_zip(body: bytes) -> bool:
    """A zip that is no office file (`office_kind` tells those): a dossier, maybe."""
    return body.startswith(b"PK\x03\x04") and office_kind(body) is None


def _dossier(body: bytes, url: str, ocr: OcrSettings | None = None,
             more_time: Callable[[float], None] | None = None, cite: Cited | None = None):
    """A zipped dossier ("Dossier d'enquête publique (ZIP, 48 Mo)": the impact study, the applicant's request, the
    authority's opinion) as an `Extracted` record and its note (as `extract_document`'s): its documents
    (DOCUMENT_FILES) read in the zip's order, MAX_DOSSIER_FILES at most (one over MAX_PART_BYTES inflated, or past
    MAX_DOSSIER_BYTES in all, is left and the next ones read), each under its file's name, as one text
    without pages (a page number would be its file's). Its scans are read by OCR as one document's: `ocr_pages` and
    OCR's time are the dossier's, shared by its files (each may take its share of the pages left, MIN_SHARE at
    least, and what an earlier one left unused). A dossier of scans only is `ocr` when OCR read some, `no_text`
    when it read none (each file's reason noted, so that it is asked for again once OCR can run); one with text of
    its own is `full`, as a PDF of typed and scanned pages is. Dated by its newest file, titled by its listing's link
    (no title of its own). PdfError when it holds no document that can be read."""
    from newswatch.text.extraction import Extracted
    from newswatch.text.language import language_of

    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        files = [info for info in archive.infolist() if not info.is_dir()
                 and info.filename.lower().endswith(DOCUMENT_FILES)
                 and not any(part.startswith((".", "__MACOSX")) for part in info.filename.split("/"))]
    except ZIP_ERRORS as exc:
        raise PdfError(f"not a readable zip ({exc})") from None
    parts, links, dates, notes, inflated, budget = [], [], [], [], 0, OcrBudget()
    own_text = by_ocr = False
    opened = too_large = 0
    settings = ocr or OcrSettings(pages=0)
    for index, info in enumerate(files):
        if opened == MAX_DOSSIER_FILES:
            break
        if info.file_size > MAX_PART_BYTES or inflated + info.file_size > MAX_DOSSIER_BYTES:
            too_large += 1  # an 80 MB plan early in the zip: the notice and the order after it are still read
            continue
        inflated, opened = inflated + info.file_size, opened + 1
        left = min(len(files) - index, MAX_DOSSIER_FILES - opened + 1)  # this file and those that may follow
        budget.share = max(MIN_SHARE, (settings.pages - budget.pages_read) // left)
        if more_time is not None:
            more_time(DOSSIER_FILE_SECONDS)
        name = info.filename.rsplit("/", 1)[-1]
        try:
            data = archive.read(info)
            if (kind := office_kind(data)) is not None:
                _, text, _, created, found = read_office(data, kind)
                own_text = own_text or bool(text.strip())
            else:
                pdf = read_pdf(data, ocr=settings, more_time=more_time, budget=budget)
                text, created, found = pdf.text.replace(PAGE_BREAK, "\n"), pdf.created, pdf.links
                own_text, by_ocr = own_text or pdf.status == "full", by_ocr or pdf.status == "ocr"
                notes += [f"{name}: {note}" for note in (pdf.text_missing, pdf.ocr_note) if note]
        except (*ZIP_ERRORS, PdfError, OfficeError):
            continue  # a damaged or encrypted file: the others are read
        if visible_characters(text):
            parts.append(f"{name}\n{text.strip()}")
        links += found
        dates += [created] if created else []
    if not parts and not notes:
        skipped = f", {too_large} of them too large to read" if too_large else ""
        raise PdfError(f"a zip holding no readable document ({' '.join(DOCUMENT_FILES)}: {len(files)} such files"
                       f"{skipped})")
    status = "full" if own_text else "ocr" if by_ocr else "no_text"
    text = "\n\n".join(parts)  # scans not read keep the words of their stamps, if any, as a PDF's do
    cited, cited_articles = _cited(cite, links, url)
    published = max(dates, default=None)
    return Extracted(title="", text=text, author=None, published=published,
                     date_source="document" if published else None, language=language_of(text), canonical_url=None,
                     site_name=None, dates={"document": published} if published else {}, text_status=status,
                     cited=cited, cited_articles=cited_articles), "; ".join(notes) if status != "full" else None


def _office_document(body: bytes, kind: str, url: str, cite: Cited | None = None):
    """An office file as an `Extracted` record (one text, no pages: its page breaks are its reader's), what
    its links lead to as its `cited` documents and `cited_articles`."""
    from newswatch.text.extraction import Extracted
    from newswatch.text.language import language_of

    title, text, author, created, links = read_office(body, kind)
    cited, cited_articles = _cited(cite, links, url)
    return Extracted(title=title, text=text, author=author, published=created,
                     date_source="document" if created else None, language=language_of(text), canonical_url=None,
                     site_name=None, dates={"document": created} if created else {}, text_status="full",
                     cited=cited, cited_articles=cited_articles)


def snippet_page(text: str, snippet: str) -> int | None:
    """The page of a document's text where a snippet (hits maybe marked [like this], ends maybe "…") comes from:
    the page of its first marked hit (a snippet may begin on the page before), else of its middle word."""
    words = [(word, plain) for word in snippet.strip().strip("…").split()
             if (plain := word.replace("[", "").replace("]", ""))]
    found = re.search(r"\s+".join(f"({re.escape(plain)})" for _, plain in words), text) if words else None
    if found is None:
        return None
    hit = next((index for index, (word, _) in enumerate(words) if "[" in word), len(words) // 2)
    return page_at(text, found.start(hit + 1))


def matched_title(title: str, link_text: str | None) -> str:
    """A document's title as topics are matched on it: its own, then the words of the listing's link to it (the
    title a PDF gives itself may be "Extrait du registre"; "Délibération – projet Sesterce (PDF)" names the
    topic)."""
    if not link_text or link_text in title:
        return title
    return f"{title} — {link_text}" if title else link_text


def with_pages(text: str, matches: list) -> list:
    """A document's topic matches, each snippet with its page (`with_page`)."""
    return [replace(m, snippet=with_page(text, m.snippet)) for m in matches]


def with_page(text: str, snippet: str) -> str:
    """"p. 14: …snippet…" for a document's snippet whose page can be found; the snippet as it is otherwise."""
    page = snippet_page(text, snippet)
    return f"p. {page}: {snippet}" if page is not None and snippet else snippet
