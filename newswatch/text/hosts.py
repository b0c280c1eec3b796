"""Where newswatch connects: http(s) only, and no loopback, private or link-local host unless allow_hosts names it."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def host_is_private(host: str) -> bool:
    """True for localhost names and loopback, private, link-local (cloud metadata) or reserved addresses.

    A name is not resolved here, which would block the crawl while DNS answers: the crawl's resolver
    (crawler/resolver.py) checks the address a name resolves to when the connection is opened.
    """
    host = host.strip("[]").lower()
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
            or address.is_multicast or address.is_unspecified)


def request_refusal(url: str, allow_hosts: set[str]) -> str | None:
    """Why a request for this URL is not sent (its scheme, its host as written), or None; no DNS here."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"refused: scheme {parts.scheme!r} is not http(s)"
    host = (parts.hostname or "").lower()
    if host not in allow_hosts and host_is_private(host):
        return f"refused: {host} is a private, loopback or link-local address"
    return None


def address_refusal(name: str, address: str) -> str | None:
    """Why no connection is opened to the host `name` resolved to `address` (unless allow_hosts names it), or None:
    checked on the address connected to, DNS rebinding gains nothing."""
    if not host_is_private(address):
        return None
    return f"refused: {name} resolves to {address}, a private, loopback or link-local address (checked when connecting)"
