"""Turn a PDF into text per page with PDFium: columns in reading order, ligatures and line-end hyphens undone,
scanned pages read by OCR, its links and written addresses listed; a picture of a notice read as a one-page PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from newswatch.documents.ocr import (DPI, OcrBudget, OcrSettings, PageReader, garbled_beside, is_scan, looks_garbled,
                                     page_list as _pages, surely_garbled)
from newswatch.documents.pictures import KINDS, as_pdf, picture_size
from newswatch.text.urls import written_addresses

PAGE_BREAK = "\f"  # pages are joined with a form feed in the archived text
PDF_TYPES = ("application/pdf", "application/x-pdf")  # what servers call a PDF (many say octet-stream)
MAX_PAGES = 2000
MIN_CHARS = 16  # a page with fewer visible characters has no usable text layer
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_SPACE = re.compile(r"\s+")
# PDFium marks a hyphen it recognised at a line end with U+FFFE (and U+0002 in older builds).
_PDFIUM_HYPHEN = re.compile(r"[\ufffe\x02]\s*")
# A word cut at the end of a line: lowercase letters, a hyphen (or soft hyphen), the line break, lowercase letters.
_CUT = re.compile(r"([a-zà-öø-ÿœæ]{2,})[-\u00ad]\s*\n\s*(?=[a-zà-öø-ÿœæ]{2,})")
_JUNK_TITLE = re.compile(r"^(?:untitled|sans titre|document\d*|microsoft word\b.*|.*\.(?:docx?|odt|pdf|rtf|indd))$",
                         re.IGNORECASE)
_NO_LAYER = "no text layer: the PDF holds only images (a scan?)"
_UNREADABLE = "no readable text layer: its letters are not the ones its pages show (a font's character map is wrong)"


class PdfError(ValueError):
    """The bytes are not a PDF that can be opened."""


@dataclass(frozen=True)
class PdfText:
    title: str
    pages: tuple[str, ...]
    author: str | None
    created: datetime | None  # from the document's metadata
    text_missing: str | None  # why there is no text (a scan that was not read), else None
    ocr_note: str | None = None  # a scan whose text was read by OCR: which pages, and that words may be misread
    links: tuple[tuple[str, str], ...] = ()  # (address, words) of its web links, in page order (`page_text`)

    @property
    def text(self) -> str:
        return PAGE_BREAK.join(self.pages)

    @property
    def status(self) -> str:
        """The archive's text_status: "full", "ocr" (a scan read by OCR) or "no_text" (a scan not read)."""
        return "no_text" if self.text_missing else "ocr" if self.ocr_note else "full"


def looks_like_pdf(body: bytes, content_type: str | None = None) -> bool:
    """A PDF by its declared type, or by its signature in the first kilobyte (servers often say octet-stream)."""
    declared = (content_type or "").split(";")[0].strip().lower()
    return declared in PDF_TYPES or b"%PDF-" in body[:1024]


def read_pdf(data: bytes, max_pages: int = MAX_PAGES, ocr: OcrSettings | None = None,
             more_time: Callable[[float], None] | None = None, budget: OcrBudget | None = None) -> PdfText:
    """Text per page, title (metadata, else first line), author and creation date; PdfError if unreadable.

    A scanned page (a picture of the page, its own text a stamp's words at most) or one whose text layer gives other
    letters than it shows is read by OCR with `ocr`'s settings (newswatch.documents.ocr; `more_time` is told before
    each; `budget`: what OCR may still spend, when the PDF is one of a dossier's files); a document of such pages
    only is a scan, whose text is missing when none was read."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"not a readable PDF ({exc})") from None
    reader, seen = PageReader(ocr or OcrSettings(pages=0), more_time, budget), _Seen()
    try:
        if pdfium.raw.FPDF_GetFormType(document) != pdfium.raw.FORMTYPE_NONE:
            document.init_forms()  # fields filled without an appearance of their own (NeedAppearances) get one
        metadata = document.get_metadata_dict(skip_empty=True)
        pages, links = [], []
        for index in range(min(len(document), max_pages)):
            page = document[index]
            try:
                areas = link_areas(document, page, MAX_LINKS - len(links))  # before flattening, which may drop them
                if flattened(page):  # read again as it now is
                    page.close()
                    page = document[index]
                pages.append(_page_words(page, index + 1, reader, seen, links, areas))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise PdfError(f"a page of the PDF cannot be read ({exc})") from None
    finally:
        document.close()
    missing = ocr_note = None
    if not pages:
        missing = "the PDF has no pages"
    elif not seen.own_text and seen.found_by_ocr:
        ocr_note = "; ".join(filter(None, [reader.read_note(), reader.unread_note()]))
    elif not seen.own_text:
        missing = "; ".join(filter(None, [_UNREADABLE if seen.unreadable else _NO_LAYER,
                                          reader.read and f"OCR found no words on {_pages(reader.read)}",
                                          reader.unread_note()]))
    title = clean_line(metadata.get("Title", ""))
    if not title or _JUNK_TITLE.match(title) or len(title) < 4:
        title = first_heading(pages[0]) if pages and not missing else ""  # a stamp is no scan's title
    return PdfText(title=title, pages=tuple(pages), author=clean_line(metadata.get("Author", "")) or None,
                   created=pdf_date(metadata.get("CreationDate") or metadata.get("ModDate")), text_missing=missing,
                   ocr_note=ocr_note, links=tuple(links[:MAX_LINKS]))


def read_picture(body: bytes, kind: str, ocr: OcrSettings | None = None,
                 more_time: Callable[[float], None] | None = None) -> PdfText:
    """A picture served as a document (a notice's poster): its words read by OCR as a scan's, as one page; its text
    missing, and why, when none could be read. A JPEG or a PNG is drawn by PDFium as a PDF page showing it
    (newswatch.documents.pictures.as_pdf: small ones larger); any other picture is given to tesseract as it is."""
    name = KINDS[kind]
    size = picture_size(body, kind)
    if size is None:
        return PdfText("", ("",), None, None, f"a picture ({name}) whose size cannot be read: not read")
    what = f"a picture ({name}, {size[0]:,} × {size[1]:,} pixels), not a text"
    if (shown := as_pdf(body, kind, DPI)) is not None:
        pdf = read_pdf(shown, ocr=ocr, more_time=more_time)
        missing = pdf.text_missing and pdf.text_missing.replace(_NO_LAYER, what)
        return PdfText(pdf.title, pdf.pages, None, None, missing, pdf.ocr_note, pdf.links)
    reader = PageReader(ocr or OcrSettings(pages=0), more_time)
    read = reader.picture_text(body, size[0] * size[1])
    text = _ocr_text(read) if read is not None else ""
    if visible_characters(text) >= MIN_CHARS:
        return PdfText(first_heading(text), (text,), None, None, None, reader.read_note(),
                       tuple((address, "") for address in written_addresses(read)))
    missing = "; ".join(filter(None, [what, reader.read and "OCR found no words on page 1", reader.unread_note()]))
    return PdfText("", ("",), None, None, missing)


@dataclass
class _Seen:
    """What a document's pages gave: text of their own (not a scan's, not garbled), a scan's words read by OCR, a
    text layer that gives other letters than its page shows."""

    own_text: bool = False
    found_by_ocr: bool = False
    unreadable: bool = False


def _page_words(page, number: int, reader: PageReader, seen: _Seen, links: list[tuple[str, str]],
                areas: list[tuple[str, tuple[float, float, float, float]]]) -> str:
    """A page's words: its text layer's, or OCR's reading of it when it is a scan (`is_scan`) or its layer garbled
    (`looks_garbled`, confirmed by OCR's reading or, without it, `surely_garbled`); what it was is added to `seen`,
    its link `areas` and the addresses its text layer, or OCR's reading, writes out to `links`."""
    text = page_text(page, links, areas)
    visible = visible_characters(text)
    suspect = visible >= MIN_CHARS and looks_garbled(text)
    if not suspect and not is_scan(page, visible):
        seen.own_text = seen.own_text or visible >= MIN_CHARS
        return text
    read = reader.text(page, number)
    garbled = suspect and (garbled_beside(text, read) if read is not None else surely_garbled(text))
    seen.unreadable = seen.unreadable or garbled
    if suspect and not garbled:  # a list of names, a table: its own words
        seen.own_text = True
    elif read is not None and (garbled or visible_characters(read) > visible):
        text = _ocr_text(read)
        seen.found_by_ocr = seen.found_by_ocr or visible_characters(text) >= MIN_CHARS
        links += [(address, "") for address in written_addresses(read)]  # a scanned notice's register
    elif garbled:  # its letters help no reader and no search
        text = ""
    return text


def _ocr_text(read: str) -> str:
    """tesseract's reading of a page as a page's text: its form feed dropped (pages are joined by them), cut words
    joined again."""
    return clean_text(read.replace(PAGE_BREAK, "")).strip()


def visible_characters(text: str) -> int:
    """How many characters of a text are not white space."""
    return len(_SPACE.sub("", text))


def flattened(page) -> bool:
    """Whether the page's annotations showed text or marks of their own (a filled form's fields: a Cerfa's
    applicant, "SESTERCE SAS", is only in its field's appearance; a stamp, a reviewer's note), now made part of its
    content, where the text layer reads them. A page without annotations, or with links only (nothing to show), is
    left as it is (no cost)."""
    import pypdfium2.raw as pdfium_c

    if not any(_shows(page, index) for index in range(pdfium_c.FPDFPage_GetAnnotCount(page))):
        return False
    return pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS


def _shows(page, index: int) -> bool:
    """Whether a page's annotation may show something: any but a link (a table of contents links every line)."""
    import pypdfium2.raw as pdfium_c

    annotation = pdfium_c.FPDFPage_GetAnnot(page, index)
    try:
        return pdfium_c.FPDFAnnot_GetSubtype(annotation) != pdfium_c.FPDF_ANNOT_LINK
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annotation)


def page_text(page, links: list[tuple[str, str]] | None = None,
              areas: list[tuple[str, tuple[float, float, float, float]]] = ()) -> str:
    """One page's text in reading order: a two-column page gives its left column, then its right one. Its link
    `areas` (`link_areas`), with the words each shows, and the web addresses it writes out (`written_addresses`) are
    added to `links`, if given."""
    textpage = page.get_textpage()
    try:
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        if find_gutter(rects, page.get_width()) is None:
            text = textpage.get_text_range()
        else:
            text = "\n".join(textpage.get_text_bounded(*rect).strip(" \r\n")
                             for rect in reading_order(rects, page.get_width()))
        if links is not None:
            links += [(address, " ".join(textpage.get_text_bounded(*area).split())) for address, area in areas]
            if len(links) < MAX_LINKS and _WEB.search(text):
                # a hyphen PDFium marked at a line's end is an address's own
                links += [(address, "") for address in written_addresses(_PDFIUM_HYPHEN.sub("-\n", text))]
    finally:
        textpage.close()
    return clean_text(text)


MAX_LINKS = 500  # a document's web links kept (a collection of acts cites a law on every page)
_WEB = re.compile(r"https?://|www\.", re.IGNORECASE)


def link_areas(document, page, room: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(address, area) of a page's link areas that open a web address (/URI actions: "Lire l'avis de la MRAe" over
    its address), in page order, `room` at most (a page may declare a million); `page_text` reads their words."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    if room <= 0 or pdfium_c.FPDFPage_GetAnnotCount(page) <= 0:
        return []
    found = []
    position, link, area = ctypes.c_int(0), pdfium_c.FPDF_LINK(), pdfium_c.FS_RECTF()
    while pdfium_c.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        size = pdfium_c.FPDFAction_GetURIPath(document, action, None, 0)
        address = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(document, action, address, size)
        shown = ((area.left, area.bottom, area.right, area.top)
                 if pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(area)) else (0.0, 0.0, 0.0, 0.0))
        found.append((address.value.decode("latin-1").strip(), shown))
        if len(found) >= room:
            break
    return found


def reading_order(rects: list[tuple[float, float, float, float]], width: float) -> list[tuple]:
    """Text runs (left, bottom, right, top) in reading order, finding a two-column layout by its gutter.

    Runs are taken top to bottom. When a vertical gutter splits the page (many runs wholly on each
    side, few across it), each stretch of lines between two full-width runs (headings, footers) is
    read column by column.
    """
    ordered = sorted(rects, key=lambda r: (-round(r[3]), r[0]))
    gutter = find_gutter(rects, width)
    if gutter is None:
        return ordered
    out, left, right = [], [], []
    for rect in ordered:
        if rect[2] <= gutter:
            left.append(rect)
        elif rect[0] >= gutter:
            right.append(rect)
        else:  # spanning both columns: what came before it is complete
            out += left + right + [rect]
            left, right = [], []
    return out + left + right


def find_gutter(rects: list[tuple[float, float, float, float]], width: float) -> float | None:
    """The x of a column gutter in the middle of the page, or None for a one-column page."""
    if len(rects) < 8:
        return None
    best, best_crossing = None, len(rects)
    for step in range(30, 71):  # candidates between 30 % and 70 % of the width
        x = width * step / 100
        left = sum(r[2] <= x for r in rects)
        right = sum(r[0] >= x for r in rects)
        crossing = len(rects) - left - right
        if left >= 4 and right >= 4 and crossing <= len(rects) * 0.1 and crossing < best_crossing:
            best, best_crossing = x, crossing
    return best


def clean_text(text: str) -> str:
    """Undo typesetting: ligature glyphs become letters, words cut at a line end are joined again."""
    text = text.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n")
    text = _PDFIUM_HYPHEN.sub("", text)
    return _CUT.sub(r"\1", text)


def clean_line(text: str) -> str:
    return " ".join(text.split())


def first_heading(page: str) -> str:
    """The first line of text, with the lines that continue it (they start in lowercase or with a digit).

    A document's title when its metadata has none; at most 200 characters.
    """
    lines = [clean_line(line) for line in page.split("\n") if line.strip()]
    heading = lines[0] if lines else ""
    for line in lines[1:4]:
        if not (line[0].islower() or line[0].isdigit()) or len(heading) + len(line) > 200:
            break
        heading += " " + line
    return heading if len(heading) <= 200 else heading[:199] + "…"


def pdf_date(value: str | None) -> datetime | None:
    """A PDF date (D:YYYYMMDDHHmmSS+HH'mm'), as UTC; None when absent or malformed. No zone means UTC."""
    match = re.match(r"(?:D:)?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:([Zz+-])(\d\d)?'?(\d\d)?)?", value or "")
    if not match:
        return None
    year, month, day, hour, minute, second, sign, zone_h, zone_m = match.groups()
    try:
        when = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                        int(second or 0))
    except ValueError:
        return None
    offset = timedelta(hours=int(zone_h or 0), minutes=int(zone_m or 0))
    zone = timezone(-offset if sign == "-" else offset) if sign in ("+", "-") else UTC
    return when.replace(tzinfo=zone).astimezone(UTC)
