"""PDF text: our own generated documents read back per page, in reading order, with ligatures and hyphens undone."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from newswatch.demo.documents import consultation_notice, council_deliberation, scanned_decision
from newswatch.demo.pdfmaker import Line, Page, broken_pdf, build_pdf, column_pages, scanned_page
from newswatch.documents.pdftext import PAGE_BREAK, PdfError, clean_text, looks_like_pdf, pdf_date, read_pdf
from newswatch.documents.reading import extract_document, page_at, snippet_page, with_page

NOW = datetime(2026, 1, 21, 9, 0, tzinfo=UTC)


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’]\w+)*", text.lower())


def test_a_one_column_notice_reads_back_word_for_word_with_its_metadata():
    notice = consultation_notice(NOW)
    result = read_pdf(notice.pdf())
    assert result.text_missing is None
    assert result.title == notice.metadata_title
    assert result.created == notice.created.replace(tzinfo=UTC)
    assert words(result.text) == words("\n".join([notice.heading, *notice.paragraphs, "1"]))
    assert "flux thermiques" in result.text and "\ufb02" not in result.text  # the ligature glyph became letters


@pytest.mark.parametrize("interleave", [False, True], ids=["column-after-column", "row-by-row"])
def test_a_two_column_deliberation_reads_column_by_column_with_cut_words_joined(interleave):
    deliberation = council_deliberation(NOW)
    result = read_pdf(deliberation.pdf(interleave=interleave))
    expected = words(" ".join([deliberation.heading, *deliberation.paragraphs]))
    got = [w for w in words(result.text) if not w.isdigit() or w in expected]  # page numbers in the footers
    assert got == expected
    assert result.title == deliberation.heading  # no title in the metadata: the first heading
    assert result.created is None
    assert len(result.pages) >= 2 and result.text.count(PAGE_BREAK) == len(result.pages) - 1
    page = page_at(result.text, result.text.index("centre de données"))
    assert page >= 2 and "centre de données" in result.pages[page - 1]


def test_a_scan_has_no_text_and_says_why():
    result = read_pdf(scanned_decision(NOW).pdf())
    assert len(result.pages) == 2
    assert result.text_missing.startswith("no text layer")
    assert result.title == ""


CERFA_LABELS = ["Demande d'enregistrement d'une installation classée (cerfa n° 15679)",
                "Nom ou raison sociale du demandeur :", "Commune d'implantation :", "Nature de l'activité :"]
CERFA_VALUES = ["SESTERCE SAS", "Alixan, parc d'activités de Rovaltain", "Centre de données"]


def cerfa(appearances: bool = True) -> bytes:
    """A filled registration request (our own form, after the Cerfa): its labels are the page's text; the
    applicant, the place and the activity are only its fields' values."""
    page = Page(lines=[Line(50, 780 - 24 * n, label, bold=n == 0) for n, label in enumerate(CERFA_LABELS)],
                fields=[Line(260, 752 - 24 * n, value) for n, value in enumerate(CERFA_VALUES)])
    return build_pdf([page], title="Demande d'enregistrement", appearances=appearances)


@pytest.mark.parametrize("appearances", [True, False])
def test_a_filled_form_is_read_with_its_fields_values(appearances):
    """A prefecture publishes the applicant's filled request form: "SESTERCE SAS" is only in a field, shown by its
    appearance (or by the one the reader is asked to make: NeedAppearances). The text layer had the labels only,
    and the request naming Sesterce matched nothing. The fields are read as the page shows them."""
    [page] = read_pdf(cerfa(appearances)).pages
    assert page.split("\n")[:len(CERFA_LABELS)] == CERFA_LABELS
    assert all(value in page for value in CERFA_VALUES)
    plain = read_pdf(build_pdf(column_pages("Avis", ["Le dossier est consultable en mairie."])))
    assert plain.pages == ("Avis\nLe dossier est consultable en mairie.\n1",)  # no annotation: as it was (page 1)


def test_a_broken_pdf_raises_a_clear_error():
    with pytest.raises(PdfError, match="not a readable PDF"):
        read_pdf(broken_pdf())
    with pytest.raises(PdfError):
        read_pdf(b"<html>not a pdf</html>")


@pytest.mark.parametrize(("raw", "clean"), [
    ("la modi\ufb01cation des ef\ufb02uents", "la modification des effluents"),
    ("le dévelop-\npement du site", "le développement du site"),
    ("le dévelop\u00ad\npement", "le développement"),
    ("Rova\ufffeltain", "Rovaltain"),  # PDFium's own mark for a hyphen it took out
    ("Valence-\nRomans Agglo", "Valence-\nRomans Agglo"),  # a capital after the break: a real hyphen
    ("ligne un\r\nligne deux", "ligne un\nligne deux"),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_pdf_dates_in_their_forms():
    assert pdf_date("D:20260105103000+01'00'") == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert pdf_date("D:20260105103000Z") == datetime(2026, 1, 5, 10, 30, tzinfo=UTC)
    assert pdf_date("D:2026") == datetime(2026, 1, 1, tzinfo=UTC)
    assert pdf_date("D:20261399") is None
    assert pdf_date("") is None and pdf_date(None) is None


def test_a_pdf_is_known_by_its_type_or_its_signature():
    assert looks_like_pdf(b"", "application/pdf; qs=0.9")
    assert looks_like_pdf(b"%PDF-1.4\n...", "application/octet-stream")
    assert not looks_like_pdf(b"<html>", "text/html")


def test_a_snippet_that_begins_on_the_page_before_its_hit_is_given_the_hit_s_page():
    text = "Fin de l'arrêté précédent.\n3\fArrêté portant enregistrement, société Sesterce, centre de données."
    assert snippet_page(text, "…précédent. 3 Arrêté portant enregistrement, société [Sesterce], centre…") == 2
    assert with_page(text, "…[précédent]. 3 Arrêté portant…") == "p. 1: …[précédent]. 3 Arrêté portant…"
    assert snippet_page(text, "précédent. 3 Arrêté portant enregistrement") == 2  # unmarked: its middle word's
    assert snippet_page(text, "[ ] rien de tout cela") is None


def test_a_collection_whose_cover_is_a_picture_keeps_its_page_numbers():
    pages = [scanned_page(3), *column_pages("Arrêté", ["Le centre de données de la société Sesterce à Alixan."])]
    extracted, missing = extract_document(build_pdf(pages, title="Recueil des actes administratifs"), "")
    assert missing is None and extracted.text.startswith(PAGE_BREAK)
    assert page_at(extracted.text, extracted.text.index("Sesterce")) == 2
