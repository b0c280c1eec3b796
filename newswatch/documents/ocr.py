"""Read the words of a scanned PDF page with tesseract, when it is installed: the page drawn as a grey picture by
PDFium, piped to `tesseract stdin stdout`. Nothing else of the crawl depends on it."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

DPI = 300  # what tesseract reads best; a page larger than A4 is drawn smaller (MAX_SIDE)
MAX_SIDE = 5000  # pixels: a plan drawn at A0 would be 10,000 × 14,000 at 300 dpi
MAX_PICTURES = 50_000_000  # pixels of a page's pictures, which PDFium decodes whole to draw it (A4 at 700 dpi)
PAGE_SECONDS = 30.0  # one page's tesseract run is stopped past this (the page stays unread)
DOCUMENT_SECONDS = 120.0  # no page of a document is begun after this much time spent on its others
SCAN_AREA = 0.5  # a picture covering at least this much of a page…
SCAN_CHARS = 400  # …and fewer visible characters of text than this…
STAMP_AREA = 0.2  # …all in a box smaller than this share of the page: the page is a scan (a stamp's words at most)
DRAWN_CHARS, DRAWN_SEGMENTS = 16, 2000  # no text layer, no picture, this many strokes: its letters are drawn


# The reasons a scan was archived unread for when OCR could not run then (SQL LIKE patterns), and the note an attempt to
# read it again leaves when its document could not be had (store.rechecks.scans_to_read)
COULD_NOT_RUN = ("%and newswatch does no OCR", "%not read: tesseract is not installed",
                 "%not read: tesseract has none of the languages %", "%not read: tesseract does not run%",
                 "%not read: OCR is off (ocr_pages = 0)")
ASKED_AGAIN = "asked for again to be read by OCR"
# The reasons of a document left unread (SQL LIKE patterns), not of a picture OCR found no words in
LEFT_UNREAD = ("%not read%", "%and newswatch does no OCR")


@dataclass(frozen=True)
class OcrSettings:
    """How many of a document's scanned pages are read (0: none), in which of tesseract's languages."""

    pages: int = 20
    languages: str = "fra+eng"


@dataclass
class OcrBudget:
    """What OCR has spent on one document, or on all the files of a zipped dossier, which share `ocr_pages` and
    DOCUMENT_SECONDS: the pages read, and since when; and, in a dossier, how many pages the file being read may
    take (`share`), so that a long scan first in the zip leaves pages for the signed order after it."""

    pages_read: int = 0
    started: float = field(default_factory=time.monotonic)
    share: int | None = None


class OcrUnavailable(Exception):
    """tesseract cannot read pages here (not installed, none of the languages asked for); the message says why."""


@functools.lru_cache(maxsize=8)
def _tesseract(languages: str) -> tuple[str, str, str]:
    """The tesseract program, the languages asked for that it has ("+"-joined; OcrUnavailable if none), and how it
    lays a page out: finding its orientation first when it has the data for it (a page scanned upside down or
    sideways reads as well as any: 0.2 s more a page), else as it comes."""
    program = shutil.which("tesseract")
    if program is None:
        raise OcrUnavailable("tesseract is not installed")
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=PAGE_SECONDS,
                                env=_environment()).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(f"tesseract does not run ({type(exc).__name__})") from None
    wanted = [language for language in languages.split("+") if language in listed]
    if not wanted:
        raise OcrUnavailable(f"tesseract has none of the languages {languages}")
    return program, "+".join(wanted), "1" if "osd" in listed else "3"


def can_read(settings: OcrSettings) -> bool:
    """Whether scans can be read here with these settings (tesseract, one of their languages, pages to read)."""
    try:
        return settings.pages > 0 and bool(_tesseract(settings.languages))
    except OcrUnavailable:
        return False


def _environment() -> dict[str, str]:
    """One thread per tesseract run: the crawl's workers already use every core."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def is_scan(page, visible_chars: int) -> bool:
    """Whether a PDFium page is a scan: a picture covers most of it and its own text is at most a few words in a
    corner (the stamp a transmission to the prefecture adds: "Accusé de réception en préfecture…"). A slide's or a
    letterhead's words over a picture spread over the page: they are its text, not a stamp. A page with no text and
    no picture whose letters are drawn as shapes (`drawn`) is read as a scan is."""
    import pypdfium2.raw as pdfium_c

    if visible_chars >= SCAN_CHARS:
        return False
    area = page.get_width() * page.get_height()
    if area <= 0:
        return False
    if not any((right - left) * (top - bottom) >= SCAN_AREA * area for left, bottom, right, top in (
            picture.get_bounds() for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))):
        return visible_chars < DRAWN_CHARS and drawn(page)
    return visible_chars == 0 or _text_box(page) < STAMP_AREA * area


def drawn(page) -> bool:
    """Whether a page without text draws enough strokes to be letters drawn as shapes (a poster whose text was
    turned into outlines, a plan exported so): at least DRAWN_SEGMENTS segments of paths."""
    import pypdfium2.raw as pdfium_c

    segments = 0
    for path in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        segments += max(pdfium_c.FPDFPath_CountSegments(path.raw), 0)
        if segments >= DRAWN_SEGMENTS:
            return True
    return False


def _text_box(page) -> float:
    """The area of the smallest box holding all of a page's text."""
    textpage = page.get_textpage()
    try:
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    finally:
        textpage.close()
    if not rects:
        return 0.0
    return ((max(r[2] for r in rects) - min(r[0] for r in rects))
            * (max(r[3] for r in rects) - min(r[1] for r in rects)))


# Words that make a few hundredths of any page of prose in the languages the group reads (and near ones)
_COMMON = frozenset("de la le les des et à en du un une est pour que qui dans par sur au aux ne pas il elle ce "
                    "the of and to in is for on that with by be are this it as at from or an was "
                    "der die und das ist zu den von mit el los y del se lo di il che per".split())
_WORD = re.compile(r"[^\W\d_]+")
_ODD = re.compile(r"[$%&#{}~^|<>=_@\\`\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f\ufffd]")
GARBLED_WORDS = 30  # a text layer of fewer words is not judged
GARBLED_SHARE = 0.02  # …of more, one whose common words are fewer than this share may give other letters than shown
ODD_SHARE = 0.05  # …and one with this share of characters no prose writes does


def looks_garbled(text: str) -> bool:
    """Whether a page's text layer may give other letters than the page shows (a font whose character map is wrong:
    "Sesterce" read "dvCEvCtv"): among 30 words or more, next to none of the commonest of prose. A list of names or
    a table may look so too: what OCR reads of the page decides (`garbled_beside`), or without it `surely_garbled`."""
    words = _WORD.findall(text.lower())
    if len(words) < GARBLED_WORDS:
        return False
    return sum(word in _COMMON for word in words) < GARBLED_SHARE * len(words)


def surely_garbled(text: str) -> bool:
    """A suspect text layer (`looks_garbled`) with many characters no prose writes ($, %, &, {, private use…)."""
    visible = len(text) - text.count(" ") - text.count("\n")
    return looks_garbled(text) and len(_ODD.findall(text)) >= ODD_SHARE * max(visible, 1)


def garbled_beside(layer: str, read: str) -> bool:
    """Whether OCR's reading of a page shows its suspect text layer (`looks_garbled`) wrong: OCR reads prose where
    the layer has next to none of its words (a list of names reads the same both ways)."""
    if looks_garbled(read):
        return False
    layer_words, read_words = set(_WORD.findall(layer.lower())), set(_WORD.findall(read.lower()))
    return len(layer_words & read_words) < 0.3 * max(len(read_words), 1)


def picture_pixels(page) -> int:
    """How many pixels a page's pictures hold, as their dictionaries declare them (nothing is decoded)."""
    import pypdfium2.raw as pdfium_c

    return sum(width * height for width, height in (
        picture.get_px_size() for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)))


def grey_picture(page) -> bytes:
    """The page drawn in 256 greys at DPI (smaller when it is larger than MAX_SIDE), as a PGM image."""
    pixels = grey_pixels(page, min(DPI / 72, MAX_SIDE / max(page.get_width(), page.get_height(), 1)))
    height, width = pixels.shape
    return b"P5\n%d %d\n255\n" % (width, height) + pixels.tobytes()


def grey_pixels(page, scale: float):
    """A PDFium page drawn in 256 greys, `scale` pixels a point: a NumPy array of rows."""
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        pixels = bitmap.to_numpy()
        return (pixels[:, :, 0] if pixels.ndim == 3 else pixels).copy()  # some builds keep a channel axis of one
    finally:
        bitmap.close()


class PageReader:
    """Reads the scanned pages of one document, as many as its settings and time allow (`budget`: shared by the files
    of a zipped dossier)."""

    def __init__(self, settings: OcrSettings, more_time: Callable[[float], None] | None = None,
                 budget: OcrBudget | None = None):
        self.settings, self.read, self.unread, self.failed = settings, [], [], None
        self.more_time = more_time  # told before each page how long it may take (a worker's time limit moves)
        self.budget = budget or OcrBudget()  # the document's own, or its dossier's
        self._tool: tuple[str, str, str] | None = None
        self.unavailable: str | None = None if settings.pages else "OCR is off (ocr_pages = 0)"

    def text(self, page, number: int) -> str | None:
        """The page's words (numbered from 1), or None when it was left unread (limit, time, no tesseract)."""
        if not self._ready(number):
            return None
        if (pixels := picture_pixels(page)) > MAX_PICTURES:  # a few KB may declare a picture of gigabytes
            return self._skip(number, f"page {number}'s pictures are too large to draw ({pixels / 1e6:,.0f} million "
                                      "pixels)")
        self._ask_time()
        return self._run(number, grey_picture(page))

    def picture_text(self, picture: bytes, pixels: int) -> str | None:
        """The words of a picture file tesseract decodes itself (a GIF, a WebP, a PNG with transparency: those
        newswatch.documents.pictures cannot show as a PDF page) of `pixels` pixels, as page 1; None when left unread."""
        if not self._ready(1):
            return None
        if pixels > MAX_PICTURES:
            return self._skip(1, f"the picture is too large to read ({pixels / 1e6:,.0f} million pixels)")
        self._ask_time()
        return self._run(1, picture)

    def _ready(self, number: int) -> bool:
        """Whether page `number` may be read (tesseract is here, the page and time limits not reached); else it is
        noted unread."""
        if self.unavailable is None and self.budget.pages_read < self.settings.pages and (
                self.budget.share is None or len(self.read) < self.budget.share) and (
                time.monotonic() - self.budget.started <= DOCUMENT_SECONDS):
            try:
                self._tool = self._tool or _tesseract(self.settings.languages)
            except OcrUnavailable as exc:
                self.unavailable = str(exc)
            else:
                return True
        self.unread.append(number)
        return False

    def _ask_time(self) -> None:
        """Tell the crawl that this page may take longer than a text's extraction: the worker's time limit moves."""
        if self.more_time is not None:
            self.more_time(PAGE_SECONDS + 5)  # drawing the page, then tesseract's run at most

    def _skip(self, number: int, why: str) -> None:
        """Page `number` left unread, and why."""
        self.failed = why
        self.unread.append(number)

    def _run(self, number: int, picture: bytes) -> str | None:
        """tesseract's reading of page `number`'s picture, or None (noted) when it failed or took too long."""
        program, languages, layout = self._tool
        try:
            answer = subprocess.run([program, "stdin", "stdout", "-l", languages, "--psm", layout], input=picture,
                                    capture_output=True, timeout=PAGE_SECONDS, env=_environment())
        except subprocess.TimeoutExpired:
            self.failed = f"page {number} took more than {PAGE_SECONDS:g} s"
            self.unread.append(number)
            return None
        if answer.returncode != 0:
            self.failed = f"page {number}: " + (answer.stderr.decode(errors="replace").strip().splitlines()
                                                or [f"tesseract exited with {answer.returncode}"])[-1][:200]
            self.unread.append(number)
            return None
        self.read.append(number)
        self.budget.pages_read += 1
        return answer.stdout.decode("utf-8", errors="replace")

    def read_note(self) -> str:
        """"read by OCR (tesseract) from the picture of pages 1–2: words may be misread", or "" when none was read."""
        return (f"read by OCR (tesseract) from the picture of {page_list(self.read)}: words may be misread"
                if self.read else "")

    def unread_note(self) -> str:
        """Which scanned pages were left unread and why ("pages 21–40 not read: ocr_pages is 20"), or ""."""
        if not self.unread:
            return ""
        why = self.unavailable or self.failed or (
            f"ocr_pages is {self.settings.pages}" if self.budget.pages_read >= self.settings.pages
            else f"the dossier's files share ocr_pages ({self.settings.pages})" if self.budget.share is not None
            and len(self.read) >= self.budget.share else f"OCR stops after {DOCUMENT_SECONDS:g} s a document")
        return f"{page_list(self.unread)} not read: {why}"


def page_list(numbers: list[int]) -> str:
    """"page 3", "pages 1–4, 7": runs of consecutive numbers joined."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return ("page " if len(numbers) == 1 else "pages ") + text
