"""URL identity: clean tracking parameters, fragments, default ports and AMP variants; check schemes and hosts."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

# What courlan keeps that is still only tracking or presentation.
_EXTRA_TRACKERS = re.compile(r"^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_[ce]id|xtor|at_medium|at_campaign|"
                             r"_ga|igshid|ocid|cmpid|outputtype|amp|__twitter_impression)$", re.IGNORECASE)


def clean_url(url: str) -> str:
    """The identity of an article URL: lowercase host, no default port, tracker or fragment, AMP mapped away."""
    url = url.strip()
    if not is_http(url):
        return url  # file:, ftp:, mailto:… are refused, never fetched: keep them as given
    try:
        normalized = courlan.normalize_url(url, strict=False)
    except (ValueError, TypeError):
        normalized = url
    parts = urlsplit(normalized)
    host = parts.hostname or ""
    if host.startswith("amp."):
        host = host[4:]
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host if parts.port in (None, 80 if parts.scheme == "http" else 443) else f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _EXTRA_TRACKERS.match(k)])
    path = re.sub(r"/amp/?$", "/", parts.path) or "/"
    path = re.sub(r"\.amp(\.html?)?$", r"\1", path) if not path.endswith("/") else path
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


def same_site(url: str, other: str) -> bool:
    """Same host and port, ignoring a leading www."""
    a, b = urlsplit(url), urlsplit(other)
    return _site(a) == _site(b)


def _site(parts) -> tuple[str, int | None]:
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.port
