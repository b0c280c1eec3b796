"""Our Datasette plugin: links on article rows, and the triage login (a token set in the config).

Loaded only by `newswatch browse`. Without a triage token it logs nobody in, and the writable
queries are not even defined (store/browse.py leaves them out).
"""

from __future__ import annotations

import asyncio
import hmac
import json
from urllib.parse import urlencode, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

NAME = "newswatch"
MARK_CHOICES = ("relevant", "off-topic", "duplicate")
ARTICLE_VIEWS = (None, "article_list")  # canned queries (no table) and the article list carry a `links` column


def configured_token(datasette) -> str | None:
    return (datasette.plugin_config(NAME) or {}).get("triage_token") or None


def token_matches(datasette, given: str) -> bool:
    token = configured_token(datasette)
    return bool(token) and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


@hookimpl
def actor_from_request(datasette, request):
    """`Authorization: Bearer <token>` marks as "token" (for scripts); browsers log in at /-/triage-login."""
    header = request.headers.get("authorization", "")
    if header.startswith("Bearer ") and token_matches(datasette, header[len("Bearer "):].strip()):
        return {"id": "token", "triage": True}
    return None


@hookimpl
def extra_template_vars(template, database, request, datasette):
    """Datasette 0.65 shows a writable query's form without its title and description, and with its SQL
    (hide_sql is not applied): give the mark and unmark forms theirs, for the member filling them in."""
    if template != "query.html" or request is None or database is None or request.method != "GET":
        return None

    async def canned():
        query = await datasette.get_canned_query(database, request.url_vars.get("table") or "", request.actor)
        return {"metadata": query, "hide_sql": True} if query and query.get("write") else {}

    return canned


# Article lists: readable widths for titles and texts (Datasette sizes columns by their longest word).
CSS = """
td.col-title { min-width: 14em; }
td.col-text { min-width: 26em; font-size: 0.9em; }
td.col-links { min-width: 7em; font-size: 0.85em; }
td.col-date { white-space: nowrap; }
"""


def search_query(typed: str | None) -> str:
    """The FTS5 query `newswatch search` runs for what was typed (words with their forms, phrases as written);
    a query that matches nothing when there is nothing to search for."""
    from newswatch.outputs.search import fts_query
    from newswatch.text.topics import TopicError

    try:
        return fts_query(typed or "")
    except TopicError:
        return '""'


@hookimpl
def prepare_connection(conn):
    """`newswatch_search(:q)` for the search query of store/datasette.yaml."""
    conn.create_function("newswatch_search", 1, search_query, deterministic=True)


@hookimpl
def register_routes():
    return [(r"^/-/triage-login$", triage_login), (r"^/-/newswatch\.css$", stylesheet)]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("-/newswatch.css")]


async def stylesheet():
    return Response(CSS, content_type="text/css; charset=utf-8")


@hookimpl
def menu_links(datasette, actor):
    if configured_token(datasette) and not (actor and actor.get("triage")):
        return [{"href": datasette.urls.path("-/triage-login"), "label": "Log in to mark articles"}]
    return None


def _local(path: str) -> str | None:
    """A redirect target on this site only (a path, never another host)."""
    parts = urlsplit(path)
    return path if path.startswith("/") and not path.startswith("//") and not parts.scheme and not parts.netloc else None


async def triage_login(datasette, request):
    """A form asking for a name (recorded with the marks) and the triage token; sets Datasette's actor cookie."""
    if not configured_token(datasette):
        return Response.html("Triage is off for this archive: it is read-only.", status=404)
    form = await request.post_vars() if request.method == "POST" else {}
    target = _local(form.get("next") or request.args.get("next") or "") or datasette.urls.instance()
    error = None
    if request.method == "POST":
        name = " ".join((form.get("name") or "").split())[:100]
        if not name:
            error = "Give your name: it is recorded with your marks."
        elif not token_matches(datasette, form.get("token") or ""):
            await asyncio.sleep(1)  # guessing the token costs a second a try
            error = "That is not the triage token of this archive."
        else:
            response = Response.redirect(target)
            response.set_cookie("ds_actor", datasette.sign({"a": {"id": name, "triage": True}}, "actor"),
                                httponly=True)
            return response
    page = await datasette.render_template("newswatch_triage_login.html", {"error": error, "next": target},
                                           request=request)
    return Response.html(page, status=403 if error else 200)


def _link(url) -> str | None:
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


async def article_links(datasette, database: str, article_id: int, url: str | None) -> Markup:
    """page · story · found · record, and the marks when triage is on."""
    if url is None:
        rows = await datasette.get_database(database).execute("select url from articles where id = ?", [article_id])
        url = rows.first()[0] if rows.first() else None
    base = datasette.urls.database(database)
    query = urlencode({"article": article_id})
    links = [(_link(url), "page"), (f"{base}/story?{query}", "story"), (f"{base}/found_via?{query}", "found"),
             (datasette.urls.row(database, "articles", str(article_id)), "record")]
    if configured_token(datasette):
        links += [(f"{base}/mark?{urlencode({'article': article_id, 'mark': m})}", m) for m in MARK_CHOICES]
    return Markup(" · ".join(f'<a href="{escape(href)}">{label}</a>' for href, label in links if href))


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Article rows link to their page online, their story, where they were found (and marking)."""
    if column == "links" and table in ARTICLE_VIEWS and isinstance(value, int):
        keys = row.keys() if hasattr(row, "keys") else []
        return article_links(datasette, database, value, row["url"] if "url" in keys else None)
    if column == "topics" and table == "article_list" and isinstance(value, str) and value.startswith("["):
        return ", ".join(json.loads(value))
    if column == "id" and table == "article_list" and isinstance(value, int):
        return Markup(f'<a href="{escape(datasette.urls.row(database, "articles", str(value)))}">{value}</a>')
    if column == "title" and table == "articles" and "id" in row.keys() and isinstance(row["id"], int):
        return _titled_links(datasette, database, row, value)
    return None


async def _titled_links(datasette, database, row, title) -> Markup:
    links = await article_links(datasette, database, row["id"], row["url"] if "url" in row.keys() else None)
    return Markup(f"{escape(title or '(no title)')}<br><small>{links}</small>")
