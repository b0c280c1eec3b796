"""`newswatch browse`: Datasette over the archive, with our metadata (store/datasette.yaml) and plugin."""

from __future__ import annotations

import hashlib
import socket
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import make_url

from newswatch.config import Config, secret

TEMPLATES = Path(__file__).with_name("templates")
MIN_TOKEN = 12
SETTINGS = {
    "truncate_cells_html": 240,  # long texts are cut short in lists; an article's page shows all of it
    "default_page_size": 50,
    "suggest_facets": False,  # our facets are set per table; suggestions cost a query per column on every page
    "facet_time_limit_ms": 1000,
    "sql_time_limit_ms": 5000,
}


class BrowseError(Exception):
    """Why the archive cannot be browsed, in one sentence."""


def triage_token(config: Config) -> str | None:
    """The token that lets people mark articles from the browser, or None: triage is off unless configured."""
    name = config.browse.triage_token_env
    if not name:
        return None
    token = secret(name)
    if not token:
        raise BrowseError(f"{config.path}: [browse] triage_token_env names ${name}, which is not set: set it to a "
                          "token, or remove the key to browse read-only")
    if len(token) < MIN_TOKEN:
        raise BrowseError(f"the triage token in ${name} is too short: use at least {MIN_TOKEN} characters")
    return token


def archive_path(config: Config) -> Path:
    url = make_url(config.store.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BrowseError(f"{config.path}: [store] url: browsing needs an SQLite archive file, not {config.store.url!r}")
    return Path(url.database)


@dataclass
class Browser:
    """A Datasette app ready to serve the archive, and the socket it will listen on."""

    datasette: object
    sock: socket.socket
    url: str
    triage: bool
    read_only: str | None = None  # why this user cannot write the archive (`write_denied`): triage is then off
    snapshot: bool = False  # the archive is read as it was at start (immutable: `reader_uri`)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # canned queries not offered, and what they lack

    def run(self) -> None:
        """Serve until Ctrl-C or SIGTERM."""
        import uvicorn

        server = uvicorn.Server(uvicorn.Config(self.datasette.app(), log_level="warning", lifespan="on"))
        server.run(sockets=[self.sock])


def make_datasette(config: Config):
    """The Datasette instance for the archive (raises BrowseError when Datasette is missing or triage is misset),
    the canned queries left out, whether triage is on, why this user cannot write the archive (triage is then
    off), and whether it is read as a snapshot."""
    try:
        from datasette.app import Datasette
        from datasette.plugins import pm
    except ImportError:
        raise BrowseError("Datasette is not installed: install it with "
                          "pip install 'newswatch[browse]' (in newswatch's virtual environment)") from None
    from newswatch.outputs.browse import plugin
    from store.browse import datasette_metadata
    from store.db import read_as_it_stands, write_denied

    path = archive_path(config)
    if not path.exists():
        raise BrowseError(f"{path}: there is no archive yet (run `newswatch crawl` first)")
    denied = write_denied(path)
    token = None if denied else triage_token(config)
    metadata, left_out = datasette_metadata(path, path.stem, [t.name for t in config.topics], triage=token is not None)
    if token:
        metadata["plugins"] = {plugin.NAME: {"triage_token": {"$env": config.browse.triage_token_env}}}
    if not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.NAME)
    # With triage on, the secret that signs login cookies follows from the token: logins survive a restart,
    # and changing the token logs everyone out.
    secret_key = hashlib.sha256(b"newswatch-browse\0" + token.encode()).hexdigest() if token else None
    snapshot = read_as_it_stands(path)
    datasette = Datasette([] if snapshot else [str(path)], immutables=[str(path)] if snapshot else [],
                          metadata=metadata, settings=SETTINGS, template_dir=str(TEMPLATES), secret=secret_key)
    return datasette, left_out, token is not None, denied, snapshot


def prepare(config: Config, host: str, port: int) -> Browser:
    """Build the app and bind its socket (port 0: any free port), so the URL is known before serving."""
    import asyncio

    datasette, left_out, triage, denied, snapshot = make_datasette(config)
    asyncio.run(datasette.invoke_startup())
    try:
        sock = socket.create_server((host, port))
    except OSError as exc:
        raise BrowseError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    route = next(db.route for db in datasette.databases.values() if db.path)
    return Browser(datasette=datasette, sock=sock, url=f"http://{shown}:{bound}/{route}", triage=triage,
                   read_only=denied, snapshot=snapshot, left_out=left_out)
