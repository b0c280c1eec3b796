"""The pages a listing shows in frames: a town hall's news in a widget's <iframe>, an old site's <frameset>."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html as lxml_html

from crawler.documents import PICTURE_FILES, embedded_document
from crawler.links import absolute, frame_source, links_base
from newswatch.text.markup import html_document
from newswatch.text.urls import clean_url, is_http

MAX_FRAMES = 4  # the frames of a listing read with it, in page order

# Frames that show no listing, asked for nothing: a video's, a map's, a social network's, a tracker's (Google Tag
# Manager's <noscript> frame is on most pages), a captcha's.
_NOT_A_LISTING = re.compile(
    r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be|dailymotion\.com|dai\.ly|vimeo\.com|twitch\.tv|"
    r"google(?:\.com?)?(?:\.[a-z]{2})?|googletagmanager\.com|doubleclick\.net|gstatic\.com|recaptcha\.net|"
    r"hcaptcha\.com|facebook\.com|twitter\.com|x\.com|instagram\.com|linkedin\.com|tiktok\.com|bsky\.app|"
    r"soundcloud\.com|spotify\.com|deezer\.com|ausha\.co|openstreetmap\.(?:org|fr)|mapbox\.com|"
    r"calameo\.com|issuu\.com|matomo\.cloud|hotjar\.com)$", re.IGNORECASE)
_MEDIA_FILES = (*PICTURE_FILES, ".svg", ".mp4", ".webm", ".mp3", ".ogg", ".m3u8")


def listing_frames(body: bytes, page_url: str) -> list[str]:
    """The pages a listing shows in its frames (`<iframe>`, a frameset's `<frame>`, a lazy frame's `data-src`), in
    page order, up to MAX_FRAMES: its news may be there only (a widget's list of the town's notices, an old site's
    frameset). Not a document's frame (read as a document), nor a video's, a map's, a social network's or a
    tracker's, nor a picture's."""
    if b"frame" not in body.lower():
        return []
    try:
        doc = html_document(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    base_url, own = links_base(doc, page_url), clean_url(page_url)
    found: dict[str, None] = {}
    for frame in doc.iter("iframe", "frame"):
        if embedded_document(base_url, frame) is not None:
            continue
        src = frame_source(frame)
        url = absolute(base_url, src) if src else None
        if url is None or not is_http(url) or clean_url(url) == own:
            continue
        parts = urlsplit(url)
        if _NOT_A_LISTING.search(parts.hostname or "") or parts.path.lower().endswith(_MEDIA_FILES):
            continue
        found[url] = None
        if len(found) == MAX_FRAMES:
            break
    return list(found)
