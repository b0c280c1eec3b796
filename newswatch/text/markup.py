"""A page's bytes as text: its charset checked, its mangled UTF-8 put right, its characters as they are read; the plain
text of markup."""

from __future__ import annotations

import codecs
import re
import unicodedata

from lxml import html as lxml_html

# lxml.html's own parser, with huge_tree: libxml2 drops, silently, whatever is nested deeper than 256 elements (an
# old site's layout tables inside one another, a theme's unclosed <div>s; newswatch.text.extraction._PARSER too)
_DOCUMENT_PARSER = lxml_html.HTMLParser(huge_tree=True)


def html_document(html: str | bytes):
    """`lxml.html.document_fromstring`, without libxml2's limit of 256 nested elements (`_DOCUMENT_PARSER`): a
    listing's links, a home page's feeds, a page's metadata nested deeper are read too."""
    return lxml_html.document_fromstring(html, parser=_DOCUMENT_PARSER)


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode a page, trusting the declared charset only if the bytes really are in it (else UTF-8, else cp1252)."""
    return decode_html_as(body, declared)[0]


def decode_html_as(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """`decode_html`, and the name of the codec that decoded the page (codecs.lookup's: "utf-8", "cp1252"…).

    A single-byte charset (Latin-1, Windows-1252…) decodes any bytes, so it is trusted only when the page is not
    UTF-8: a server's default charset often names Latin-1 for a UTF-8 page, which would read "donnÃ©es" and match
    no topic, while Latin-1 French is never valid UTF-8 (its "é" is a lone byte that UTF-8 never writes alone).
    A page whose text was mangled so before it was sent (`repaired`) is put right."""
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                name = codecs.lookup(encoding).name
                if is_single_byte(name) and not body.isascii():
                    try:
                        return repaired(body.decode("utf-8")), "utf-8"
                    except UnicodeDecodeError:
                        pass
                return repaired(body.decode(encoding)), name
            except (UnicodeDecodeError, LookupError):
                continue
    return repaired(body.decode("cp1252", errors="replace")), "cp1252"


# What UTF-8 looks like read as Windows-1252 (Latin-1 for the five bytes it leaves undefined): a lead byte's
# character then one to three continuation bytes' characters. "é" is "Ã©", "à" is "Ã" and a no-break space
# (often a space by then), "’" is "â€™".
_BYTE_OF = {bytes([b]).decode("cp1252", errors="ignore") or chr(b): b for b in range(0x80, 0x100)}
_FOLLOWING = "".join(c for c, b in _BYTE_OF.items() if b < 0xC0)
_MANGLED = re.compile(f"[\u00c2-\u00df][{_FOLLOWING}]|\u00c3  ?(?=\\w)|[\u00e0-\u00ef][{_FOLLOWING}]{{2}}"
                      f"|[\u00f0-\u00f4][{_FOLLOWING}]{{3}}")
_SIGNS = re.compile(f"\u00c3[{_FOLLOWING}]|\u00e2\u20ac")  # "Ã©", "Ã¨", "â€™"…: French or English mangled


def repaired(text: str) -> str:
    """The text with its UTF-8 put right where it was read as Windows-1252 before it reached us ("centre de
    donnÃ©es" is "centre de données"): a CMS that stored it so, a feed or a page built from such a database. FTS5
    reads "donnÃ©es" as "donna" and "es", so a topic's French words missed. Only a text showing the signs of it
    ("Ã©", "â€™"…, never French or English as written) is touched, and each sequence only when it is UTF-8."""
    # one character at a time: Python finds a single character in a page ten times faster than two ("’" is
    # "â€™": no English text mangled so escapes the second)
    if "\u00c3" not in text and "\u2122" not in text or not _SIGNS.search(text):
        return text
    return _MANGLED.sub(_redecoded, text)


def _redecoded(match: re.Match) -> str:
    mangled = match.group()
    if mangled.startswith("\u00c3 "):
        return "\u00e0 "  # "à", its no-break space made a space (the space after it kept, or not)
    try:
        return bytes(_BYTE_OF[c] for c in mangled).decode("utf-8")
    except UnicodeDecodeError:
        return mangled


def is_single_byte(codec: str) -> bool:
    """Whether a codec, as codecs.lookup names it ("iso8859-1" for latin-1 and ISO-8859-1 alike), is one of one byte
    a character: one that decodes any bytes."""
    return codec.startswith(("iso8859-", "cp125", "cp437", "cp850", "koi8-", "mac-"))


_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head)[\s>]", re.IGNORECASE | re.DOTALL)


def looks_like_html(head: bytes) -> bool:
    """Whether a document begins as an HTML page does (a doctype, <html> or <head>, after comments or an XHTML
    page's XML declaration), whatever its server calls it: small sites send pages as text/plain or
    application/octet-stream, XHTML ones as text/xml."""
    return _HTML_START.match(head[:1024]) is not None


def visible(text: str) -> str:
    """The text without the characters an extraction drops: those neither printable nor whitespace (soft hyphens
    and zero-width spaces a CMS puts inside words, word joiners, BOMs, icon-font glyphs). trafilatura drops them
    from a page's text; left in a title or a feed's text, each would cut a word in two for FTS5 ("Ses\u00adterce"
    is "ses" and "terce"), and the topic and the search would miss it."""
    if text.isprintable():
        return text
    return "".join(c for c in text if c.isprintable() or c.isspace())


def readable(text: str) -> str:
    """The text as it is meant to be read: `visible`, `repaired` and `unstyled`."""
    return unstyled(repaired(visible(text)))


# Letters and digits written in a style Unicode gives them: mathematical bold, italic or sans-serif (a social
# network's post writes 𝗦𝗘𝗦𝗧𝗘𝗥𝗖𝗘 so, for bold), fullwidth (ＳＥＳＴＥＲＣＥ), ligatures (ﬁ). FTS5 reads them as
# other letters than their plain ones: the topic and the search missed them, while the prefilter, which folds
# them, let the page through. Circled letters (Ⓢ) are symbols to both, and stay as they are.
_STYLED = re.compile("[\ufb00-\ufb06\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff]+")


def unstyled(text: str) -> str:
    """The text with its styled letters and digits (`_STYLED`) written plain, as NFKC writes them; the rest as it
    is."""
    if text.isascii() or not _STYLED.search(text):
        return text
    return _STYLED.sub(lambda found: unicodedata.normalize("NFKC", found[0]), text)


MAX_PLAIN_TEXT = 100_000  # characters of a full text kept (a long report is still read to this point)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|pre|tr|figcaption)\s*>|<br\s*/?>", re.IGNORECASE)


def plain_text(value: str | None) -> str | None:
    """A feed's title or summary without markup and entities, on one line."""
    if not value:
        return None
    if "<" in value or "&" in value:
        value = _markup_text(value)
    return re.sub(r"\s+", " ", readable(value)).strip() or None


def _markup_text(value: str) -> str:
    try:
        return lxml_html.fragment_fromstring(value, create_parent="div", parser=_DOCUMENT_PARSER).text_content()
    except Exception:  # lxml raises several types on garbage; keep the raw text then
        return re.sub(r"<[^>]*>", " ", value)


def plain_paragraphs(value: str | None) -> str | None:
    """A full text (a feed item's, a JSON-LD article body; HTML or plain) as plain text, one paragraph a line, at most
    MAX_PLAIN_TEXT characters."""
    if not value:
        return None
    value = value[:4 * MAX_PLAIN_TEXT]
    if "<" in value or "&" in value:  # a line break of the markup is a space; a paragraph's end is one of the text
        lines = _markup_text(_BLOCK_END.sub("\n", re.sub(r"\s+", " ", value))).splitlines()
    else:
        lines = value.splitlines()
    kept = (" ".join(readable(line).split()) for line in lines)
    return "\n".join(line for line in kept if line)[:MAX_PLAIN_TEXT] or None


def declared_charset(content_type: str | None, head: bytes) -> str | None:
    """The charset the server or the page's <meta> declares, if any."""
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.IGNORECASE)
        return match.group(1).decode("ascii") if match else None
    return match.group(1)
