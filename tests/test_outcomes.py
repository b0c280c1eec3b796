"""Every status and failure class we name gets its outcome, its reason and the right verdict: final, or try again.

The hostile crawl (test_hostile.py) shows the same end to end; these cases are the whole table, fast enough to
run for every mutant of crawler/outcomes.py (python -m bench mutants).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadFailedError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError,
                               UnsupportedURLSchemeError)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_error

from crawler.answers import whole
from crawler.middlewares import RefusedRequest
from crawler.outcomes import Outcome, classify_failure, not_online_yet, redirected_home, says_not_found

URL = "https://courrier.example/articles/rovaltain"


def http_error(status: int, **headers: str) -> HttpError:
    response = Response(URL, status=status, headers=headers, request=Request(URL))
    return HttpError(response, f"Ignoring non-200 response ({status})")


@pytest.mark.parametrize("status,headers", [
    (408, {}), (500, {}), (502, {}), (503, {"Retry-After": "86400"}), (504, {}), (599, {}),
])
def test_passing_http_failures_are_tried_again_next_run(status, headers):
    """408 and every 5xx: the outlet may answer tomorrow."""
    assert classify_failure(http_error(status, **headers), URL) == Outcome("http_error", f"HTTP {status}", final=False,
                                                                         http_status=status)


@pytest.mark.parametrize("headers, said", [
    ({"Retry-After": "120"}, "(asks to wait 120 s)"),
    ({"Retry-After": "Wed, 01 Jan 2098 00:00:00 GMT"}, "(asks to wait Wed, 01 Jan 2098 00:00:00 GMT)"),
    ({}, "automated readers"),
])
def test_429_is_a_rate_limit_tried_again_next_run_whatever_its_retry_after(headers, said):
    """429 is a wall of its own (the outlet limits automated readers), never final: it may answer tomorrow."""
    outcome = classify_failure(http_error(429, **headers), URL)
    assert (outcome.outcome, outcome.final, outcome.http_status) == ("rate_limited", False, 429)
    assert outcome.reason.startswith("HTTP 429: the outlet limits automated readers") and outcome.reason.endswith(said)


@pytest.mark.parametrize("status", [400, 404, 405, 409, 410, 499, 300, 399])
def test_other_http_failures_are_final(status):
    """4xx other than 408 and 429, and a 3xx without a Location to follow: asking again changes nothing."""
    assert classify_failure(http_error(status), URL) == Outcome("http_error", f"HTTP {status}", final=True,
                                                              http_status=status)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_left_to_us_is_one_scrapy_would_not_follow(status):
    outcome = classify_failure(http_error(status, Location="ftp://files.example/rapport.pdf"), URL)
    assert outcome == Outcome("refused", f"HTTP {status}: redirect to 'ftp://files.example/rapport.pdf' not followed "
                                         "(not http(s))", final=True, http_status=status)


@pytest.mark.parametrize("status,expected", [
    (300, Outcome("refused", "HTTP 300: redirect to '/ailleurs' not followed (not http(s))", final=True, http_status=300)),
    (399, Outcome("refused", "HTTP 399: redirect to '/ailleurs' not followed (not http(s))", final=True, http_status=399)),
    (299, Outcome("http_error", "HTTP 299", final=True, http_status=299)),
    (400, Outcome("http_error", "HTTP 400", final=True, http_status=400)),
    (404, Outcome("http_error", "HTTP 404", final=True, http_status=404)),
    (503, Outcome("http_error", "HTTP 503", final=False, http_status=503)),
])
def test_only_a_3xx_with_a_location_is_a_redirect(status, expected):
    """Error pages also carry Location headers at times: only 300-399 make it a redirect."""
    assert classify_failure(http_error(status, Location="/ailleurs"), URL) == expected


def test_a_very_long_redirect_target_is_cut_in_the_reason():
    outcome = classify_failure(http_error(302, Location="file:///" + "x" * 1000), URL)
    assert outcome.outcome == "refused" and len(outcome.reason) < 260 and "x" * 192 in outcome.reason


def test_an_article_redirected_to_a_consent_host_that_refuses_is_a_consent_wall_not_a_block():
    """Scrapy followed the outlet's redirect: the wall is told from the URL the crawl asked for, not the last one."""
    gate = "https://consent.courrier.example/?continue=%2Farticles%2Frovaltain"
    response = Response(gate, status=403, request=Request(gate, meta={"redirect_urls": [URL]}))
    assert classify_failure(HttpError(response, "Ignoring non-200 response (403)"), URL) == Outcome(
        "consent_wall", "a consent wall at consent.courrier.example stands before the article (not accepted "
                        "automatically)", final=True, http_status=403)
    direct = Response(gate, status=403, request=Request(gate))
    assert classify_failure(HttpError(direct, "Ignoring non-200 response (403)"), gate).outcome == "blocked"


@pytest.mark.parametrize("exc,expected", [
    (DownloadTimeoutError("Getting https://courrier.example took longer than 3.0 seconds."),
     Outcome("timeout", "no complete answer within timeout_seconds", final=False)),
    (TimeoutError(), Outcome("timeout", "no complete answer within timeout_seconds", final=False)),
    (twisted_error.TimeoutError(), Outcome("timeout", "no complete answer within timeout_seconds", final=False)),
    (ResponseDataLossError("Connection reset by peer"),
     Outcome("network", "the connection broke before the whole answer arrived: Connection reset by peer", final=False)),
    (ResponseDataLossError(), Outcome("network", "the connection broke before the whole answer arrived", final=False)),
    (DownloadConnectionRefusedError("Connection was refused by other side: 111"),
     Outcome("network", "the connection was refused", final=False)),  # not said twice
    (ConnectionResetError(104, "Connection reset by peer"),
     Outcome("network", "the connection failed: [Errno 104] Connection reset by peer", final=False)),
    (CannotResolveHostError("DNS lookup failed: no results for hostname lookup: nowhere.example."),
     Outcome("network", "the host name does not resolve: DNS lookup failed: no results for hostname lookup: "
                        "nowhere.example.", final=False)),
    (DownloadFailedError("TLS handshake failed"), Outcome("network", "the download failed: TLS handshake failed",
                                                          final=False)),
    (ValueError("something new"), Outcome("network", "ValueError: something new", final=False)),
    (ValueError(), Outcome("network", "ValueError", final=False)),
])
def test_network_failures_and_timeouts_are_tried_again_next_run(exc, expected):
    assert classify_failure(exc, "https://nowhere.example/x") == expected


def test_network_reasons_are_cut_to_300_characters():
    outcome = classify_failure(DownloadFailedError("e" * 1000), URL)
    assert outcome.reason.startswith("the download failed: eee") and len(outcome.reason) == 300
    assert len(classify_failure(KeyError("k" * 1000), URL).reason) == 300


@pytest.mark.parametrize("exc,expected", [
    (RefusedRequest("refused: 10.0.0.1 is a private, loopback or link-local address"),
     Outcome("refused", "refused: 10.0.0.1 is a private, loopback or link-local address", final=True)),
    (IgnoreRequest("Forbidden by robots.txt"), Outcome("robots", "disallowed by robots.txt", final=True)),
    (IgnoreRequest("Cancelling processing of https://x/y: body size exceeds DOWNLOAD_MAXSIZE (2000000)"),
     Outcome("too_large", "inflates past the size limit (max_page_bytes) when decompressed", final=True)),
    (IgnoreRequest("max redirections reached"), Outcome("redirect_loop", "max redirections reached", final=True)),
    (IgnoreRequest("Too many Redirects"), Outcome("redirect_loop", "Too many Redirects", final=True)),
    (IgnoreRequest("offsite"), Outcome("ignored", "offsite", final=True)),
    (IgnoreRequest(), Outcome("ignored", "IgnoreRequest", final=True)),
    (DownloadCancelledError("Cancelling download of https://x/y: expected response size larger than download max "
                            "size."), Outcome("too_large", "larger than the size limit (max_page_bytes)", final=True)),
    (UnsupportedURLSchemeError("ftp"), Outcome("refused", "unsupported URL scheme", final=True)),
])
def test_what_asking_again_would_not_change_is_final(exc, expected):
    assert classify_failure(exc, URL) == expected


def test_a_name_refused_by_the_resolver_is_refused_not_a_network_failure():
    """The resolver refuses names that resolve to private addresses; a refusal is final, a DNS hiccup is not."""
    from crawler.resolver import REFUSED, PublicOnlyResolver

    try:
        with pytest.raises(Exception):  # noqa: B017 - PrivateAddressError (a TypeError with Twisted 26.10, issue 13)
            PublicOnlyResolver._public_only("10.0.0.7", "intranet.example")
        reason = "refused: intranet.example resolves to 10.0.0.7, a private, loopback or link-local address" \
                 " (checked when connecting)"
        failure = CannotResolveHostError("DNS lookup failed: no results for hostname lookup: intranet.example.")
        assert classify_failure(failure, "http://INTRANET.example/x") == Outcome("refused", reason, final=True)
        assert classify_failure(failure, "http://other.example/x").outcome == "network"
        assert classify_failure(failure, None).outcome == "network"
        timeout = classify_failure(DownloadTimeoutError("slow"), "http://intranet.example/x")
        assert timeout.outcome == "timeout", "only a failed lookup is the resolver's refusal"
    finally:
        REFUSED.pop("intranet.example", None)


NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("status,listed,expected", [
    (404, NOW - timedelta(minutes=20),
     Outcome("http_error", "HTTP 404: its item is less than an hour old, the page may not be online yet", final=False,
             http_status=404)),
    (404, NOW - timedelta(hours=47, minutes=59),
     Outcome("http_error", "HTTP 404: its item is 47 h old, the page may not be online yet", final=False,
             http_status=404)),
    (404, NOW + timedelta(hours=6),  # a scheduled post
     Outcome("http_error", "HTTP 404: its item is dated ahead, the page may not be online yet", final=False,
             http_status=404)),
    (404, NOW - timedelta(hours=48, minutes=1), Outcome("http_error", "HTTP 404", final=True, http_status=404)),
    (404, NOW + timedelta(days=1, minutes=1), Outcome("http_error", "HTTP 404", final=True, http_status=404)),
    (404, None, Outcome("http_error", "HTTP 404", final=True, http_status=404)),
    (410, NOW - timedelta(hours=1), Outcome("http_error", "HTTP 410", final=True, http_status=410)),
])
def test_a_404_of_an_item_listed_in_the_last_two_days_is_asked_again(status, listed, expected):
    """A feed may list a page before it is online: a 404 of a recent item is not final (the next runs ask again,
    until retry_runs); an older one, an undated one and a 410 (gone) are."""
    assert not_online_yet(classify_failure(http_error(status), URL), listed, NOW) == expected


def test_only_a_plain_404_can_wait_for_its_page():
    walled = classify_failure(http_error(403, Server="DataDome"), URL)
    assert not_online_yet(walled, NOW, NOW) == walled
    timeout = classify_failure(DownloadTimeoutError("took too long"), URL)
    assert not_online_yet(timeout, NOW, NOW) is timeout


@pytest.mark.parametrize("landed, soft_404", [
    ("https://x.fr/", True), ("https://x.fr", True), ("https://x.fr/fr/", True), ("https://x.fr/index.php?e=1", True),
    ("https://autre.fr/", True),  # a domain that moved: its home page is no more the article
    ("https://x.fr/economie/sesterce/", False),  # a slash added
    ("https://x.fr/economie/", True),  # the article's section
    ("https://x.fr/drome/", False),  # another section: not told apart from an article moved there
    ("https://x.fr/economie/sesterce-leve-des-fonds-123456/", False),  # below it, an article
    ("https://x.fr/2026/12/sesterce", False),
])
def test_an_article_redirected_to_a_home_page_is_a_soft_404_asked_again(landed, soft_404):
    outcome = redirected_home("https://x.fr/economie/sesterce", landed)
    assert (outcome is not None and (outcome.outcome, outcome.final) == ("soft_404", False)) is soft_404
    assert redirected_home("http://x.fr/", "https://www.x.fr/") is None  # the home page asked for itself
    # an AMP page sent to its article, above it: an article (a slug of words, or an id)
    article = "https://x.fr/eco/sesterce-leve-des-fonds/"
    assert redirected_home(f"{article}amp", article) is None
    assert redirected_home("https://x.fr/eco/4821733/amp/", "https://x.fr/eco/4821733/") is None


@pytest.mark.parametrize("title", ["Page introuvable", "Erreur 404", "404", "404 - Page introuvable", "Page not found",
                                   "Oups ! Cette page n'existe pas", "Not Found", "Article supprimé",
                                   "Pages introuvables", "Contenu indisponible", "Error 404: not found"])
def test_a_page_titled_not_found_is_a_soft_404(title):
    assert (says_not_found(title).outcome, says_not_found(title).final) == ("soft_404", False)


@pytest.mark.parametrize("title", ["Sesterce : le permis introuvable", "404 emplois à Alixan", "La route 404 fermée",
                                   "Data center : 404 emplois promis à Alixan par Sesterce", "Oups, Sesterce recule",
                                   "Rovaltain : les pages du dossier", "", None,
                                   "Not found: the lost GPUs of Sesterce and their long story told"])
def test_an_article_s_title_is_not_a_soft_404(title):
    assert says_not_found(title) is None


def test_a_redirect_to_an_address_no_parser_reads_is_refused_for_good():
    """It was a network error, asked again for five runs, its reason Python's ("ValueError: Port out of range")."""
    assert classify_failure(ValueError("Port out of range 0-65535"), URL) == Outcome(
        "refused", "an address no URL parser reads (Port out of range 0-65535)", final=True)


@pytest.mark.parametrize(("body", "kept"), [
    (b"<!DOCTYPE html><html><body><p>Rovaltain</p></body></html>\n", True),
    (b"<html><body><p>Rovaltain</p></BODY>", True),
    (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", True),
    (b"PK\x03\x04...PK\x05\x06" + b"\x00" * 18, True),
    (b"<html><body><p>Rovaltain, le chantier ava", False),  # cut: the rest may hold what matters
    (b"%PDF-1.7\n1 0 obj\n<< /Length 9000 >>\nstream\n", False),
    (b"", False),
])
def test_an_answer_short_of_its_length_is_kept_only_when_it_is_whole(body, kept):
    assert whole(body) is kept
