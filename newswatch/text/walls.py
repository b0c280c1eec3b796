"""Tell walls apart: bot challenges, consent walls, rate limits and paywalls, from a response or a page.

We never try to get around a wall: these functions only name it, so that the lead is kept as a headline
(or a teaser) and the user is told that an outlet blocks automated readers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

# Outcomes of a fetch that met a wall (crawler/outcomes.py records them like any outcome).
BLOCKED, CONSENT, RATE_LIMITED, LOGIN = "blocked", "consent_wall", "rate_limited", "login_wall"
WALL_OUTCOMES = (BLOCKED, CONSENT, RATE_LIMITED, LOGIN)

_CHALLENGES = [  # (marker in the body or headers, who answers)
    (re.compile(rb"captcha-delivery\.com|geo\.captcha-delivery|datadome", re.I), "DataDome"),
    (re.compile(rb"<title>\s*Just a moment\.\.\.|cf-browser-verification|challenge-platform|cf_chl_", re.I),
     "Cloudflare"),
    (re.compile(rb"_Incapsula_Resource|incapsula incident", re.I), "Imperva"),
    (re.compile(rb"px-captcha|perimeterx", re.I), "PerimeterX"),
    (re.compile(rb"<title>\s*(?:Access denied|Attention Required!)", re.I), "a bot filter"),
]
_CONSENT_HOST = re.compile(r"^(?:consent\.|cmp\.|privacy\.)|(?:^|\.)consent\.(?:google|youtube|yahoo)\.", re.I)
# Where a site sends a reader without an account: its login, registration or subscription page, as a whole label
# of its host or segment of its path (`/connexion`, `/login.php`, `compte.example.fr`), never a word of a slug
# (`/l-inscription-sur-les-listes`)
_LOGIN = re.compile(r"(?:^|[/.])(?:connexion|se-connecter|login|log-in|signin|sign-in|identification|"
                    r"authentification|auth|oauth|sso|compte|mon-compte|account|my-account|inscription|register|"
                    r"abonnement|abonnements|abonnez-vous|subscribe|subscription|subscriptions|paywall)(?=$|[/.])",
                    re.I)
_CONSENT_BODY = re.compile(rb"Avant d(?:'|&#39;|&#x27;|\xe2\x80\x99)acc\xc3\xa9der \xc3\xa0|Before you continue to|"
                           rb"<form[^>]+action=\"[^\"]*/(?:save|consent)[^\"]*\"[^>]*>.{0,2000}"
                           rb"(?:Accept all|Tout accepter)", re.I | re.S)


@dataclass(frozen=True)
class Wall:
    outcome: str  # blocked, consent_wall or rate_limited
    reason: str  # what a person reads in `sources` and the digest
    final: bool  # False: worth asking again on a later run (a rate limit)


def detect_wall(status: int, headers: dict[str, str], body: bytes, url: str, final_url: str | None = None) -> Wall | None:
    """Name the wall a response is, if it is one; None for an ordinary page or error. `final_url`: where its
    redirects led (a login page is a wall only when reached by one).

    `headers` are lowercase names; only the first 64 KB of `body` are read.
    """
    head = body[:65536]
    if status == 429:
        after = headers.get("retry-after", "").strip()
        return Wall(RATE_LIMITED, "HTTP 429: the outlet limits automated readers"
                    + (f" (asks to wait {after}{' s' if after.isdigit() else ''})" if after else ""), final=False)
    who = next((name for marker, name in _CHALLENGES if marker.search(head)), None)
    if who is None and ("x-datadome" in headers or "datadome=" in headers.get("set-cookie", "").lower()):
        who = "DataDome"
    if who is None and headers.get("cf-mitigated", "").lower() == "challenge":
        who = "Cloudflare"
    if who and status in (401, 403, 405, 503, 200):
        return Wall(BLOCKED, f"HTTP {status}: the outlet blocks automated readers (a {who} challenge page)", final=True)
    target = final_url or url
    host = urlsplit(target).hostname or ""
    moved = (urlsplit(url).hostname or "") != host
    if (moved and _CONSENT_HOST.search(host)) or _CONSENT_BODY.search(head):
        where = f" at {host}" if moved else ""
        return Wall(CONSENT, f"a consent wall{where} stands before the article (not accepted automatically)", final=True)
    if status in (401, 403):
        return Wall(BLOCKED, f"HTTP {status}: the outlet refuses automated readers", final=True)
    if (login := login_page(url, target)) is not None:
        return Wall(LOGIN, f"redirected to a login or subscription page ({login}): the outlet asks for an account",
                    final=True)
    return None


def login_page(url: str, final_url: str) -> str | None:
    """Where a redirect from an article led (host and path), when it is a login, registration or subscription page
    (`/connexion?redirect=…`, `compte.example.fr/login`, `/abonnement`) that the article's own URL is not; None
    otherwise. Its text is a pitch, and its title would make every article of the outlet one."""
    landed = _host_and_path(final_url)
    return landed if _LOGIN.search(landed) and not _LOGIN.search(_host_and_path(url)) else None


def _host_and_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}"


def text_note(article) -> str | None:
    """How much of an article newswatch has, when not all of it: "headline only, <outlet>: <why>", "subscribers only",
    why a document has no text (a scan), or which of its pages OCR read."""
    outlet = article.outlet or article.site_name
    if article.text_status == "headline":
        return "headline only" + (f", {outlet}" if outlet else "") + (
            f": {article.text_missing_reason}" if article.text_missing_reason else "")
    if article.text_status == "teaser":
        return "subscribers only: the free part" + (f" of {outlet}" if outlet else "")
    if article.text_status == "no_text":
        return article.text_missing_reason or "no text could be read from it"
    if article.text_status == "ocr":
        return article.text_missing_reason or "read by OCR: words may be misread"
    return None


# --- paywalls --------------------------------------------------------------------------------------

_PAYWALL_WORDS = (r"\b(?:paywall|premium-?(?:content|article|block)|subscriber-?only|abonnes?-?only|"
                  r"article-?(?:reserve|premium|abonne)|reserved?-?(?:abonnes?|subscribers?)|"
                  r"piano-?(?:offer|paywall)|tp-modal)\b")
# the same search twice as fast, on lower-cased ASCII (what class names and ids nearly always are)
_PAYWALL_CLASS, _PAYWALL_CLASS_LOWER = re.compile(_PAYWALL_WORDS, re.I), re.compile(_PAYWALL_WORDS)
_CLASSES_AND_IDS = etree.XPath("//@class|//@id", smart_strings=False)
_ITEMPROPS = etree.XPath("//@itemprop", smart_strings=False)
_ACCESS_PROPS = etree.XPath("//*[translate(@itemprop, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
                            " = 'isaccessibleforfree']")
_FREE_FALSE = re.compile(r"^\s*(?:false|no|0)\s*$", re.I)
# Lines of a subscription pitch: they end a teaser and are not part of the article.
_PITCH = re.compile(
    r"(?:r[ée]serv[ée]e? aux (?:abonn[ée]s|membres)|abonnez-vous|d[ée]j[àa] abonn[ée]|je m.abonne|"
    r"il vous reste \d+ ?% de (?:l.article|cet article)|la suite est r[ée]serv[ée]e|pour lire la suite|"
    r"offre d.abonnement|acc[ée]dez [àa] (?:tous )?nos articles|connectez-vous pour lire|"
    r"subscribe (?:now |today )?to (?:read|continue|unlock)|subscribers? only|already a subscriber|"
    r"this (?:article|content) is (?:for|reserved for) (?:subscribers|members)|to continue reading|"
    r"sign in to read|start your (?:free )?trial)", re.I)


_STRONG_PITCH = re.compile(r"r[ée]serv[ée]e? aux abonn[ée]s|il vous reste \d+ ?%|la suite est r[ée]serv[ée]e|"
                           r"subscribers? only|(?:reserved|available) (?:only )?(?:for|to) subscribers", re.I)


def teaser_text(tree, text: str) -> tuple[str, bool]:
    """(text, is_teaser): a paywalled page's text without its subscription pitch.

    A page is a teaser when its markup says so (`is_paywalled`) or its text ends with a pitch that only
    paywalls write ("réservé aux abonnés", "il vous reste 80 % de l'article à lire").
    """
    if is_paywalled(tree):
        return strip_pitch(text)[0], True
    tail = text.rstrip().rsplit("\n", 1)[-1]
    if _STRONG_PITCH.search(tail):
        return strip_pitch(text)[0], True
    return text, False


def is_paywalled(tree) -> bool:
    """`isAccessibleForFree: false` in the page's JSON-LD or microdata, or a paywall container in its markup.

    `tree` is an lxml HTML tree of the page (only read).
    """
    # Each search walks the page's ≈ 4,000 elements in C, making Python objects only of what it finds: the
    # <script> elements; the itemprop values, then their elements when one is isAccessibleForFree (rare: its
    # XPath compares every element's itemprop, 2 ms); every class and id, in one string.
    for script in tree.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        if _free_false(data):
            return True
    if any(prop.lower() == "isaccessibleforfree" for prop in _ITEMPROPS(tree)):
        for element in _ACCESS_PROPS(tree):  # its XPath compares in ASCII case, all a match can differ by
            value = element.get("content") or element.text_content()
            if _FREE_FALSE.match(value or ""):
                return True
    names = " ".join(_CLASSES_AND_IDS(tree))
    if names.isascii():
        return _PAYWALL_CLASS_LOWER.search(names.lower()) is not None
    return _PAYWALL_CLASS.search(names) is not None


def _free_false(data, depth: int = 0) -> bool:
    if depth > 6:
        return False
    if isinstance(data, list):
        return any(_free_false(item, depth + 1) for item in data)
    if not isinstance(data, dict):
        return False
    for key, value in data.items():
        if key == "isAccessibleForFree" and (value is False or (isinstance(value, str) and _FREE_FALSE.match(value))):
            return True
        if isinstance(value, (dict, list)) and _free_false(value, depth + 1):
            return True
    return False


def strip_pitch(text: str) -> tuple[str, bool]:
    """The text without the subscription pitch that ends a teaser: (text, whether a pitch was removed).

    Trailing lines that read as a pitch are dropped; a pitch sentence glued to the end of the last
    paragraph is cut off there.
    """
    lines = text.rstrip().split("\n")
    removed = False
    while lines and (not lines[-1].strip() or _PITCH.search(lines[-1])):
        if lines[-1].strip():
            found = _PITCH.search(lines[-1])
            start = _sentence_start(lines[-1], found.start())
            if start > 0:  # a pitch sentence after real ones: keep those
                lines[-1] = lines[-1][:start].rstrip()
                removed = True
                break
            removed = True
        lines.pop()
    return "\n".join(lines).strip(), removed


def _sentence_start(line: str, position: int) -> int:
    """Where the sentence holding `position` starts (0 for the first)."""
    cut = max(line.rfind(mark, 0, position) for mark in (". ", "! ", "? ", "… "))
    return cut + 2 if cut >= 0 else 0
