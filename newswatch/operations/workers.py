"""A pool of extraction processes, one task each at a time, where a task past its time limit is killed."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing import forkserver

from crawler.citations import cited_links, document_cited
from newswatch.config import Topic
from newswatch.documents.ocr import OcrSettings
from newswatch.documents.reading import extract_document
from newswatch.outputs.evidence import pack
from newswatch.text.extraction import Extracted, extract
from newswatch.text.fingerprints import Fingerprint, fingerprint
from newswatch.text.markup import decode_html, decode_html_as
from newswatch.text.prefilter import Prefilter

# Imported once by the fork server, so that every worker (and every replacement of a killed one) starts warm.
# Not pypdfium2: PDFs are rare, a worker imports it with its first one (25 ms), the others never map it.
PRELOAD = ["newswatch.text.extraction", "newswatch.text.standfirst", "trafilatura", "newswatch.text.topics",
           "newswatch.text.prefilter", "newswatch.text.fingerprints", "numpy", "newswatch.documents.reading",
           "newswatch.operations.warm"]  # warm last: it freezes what was loaded before it


def start_fork_server() -> None:
    """Start the workers' fork server (it imports PRELOAD), unless it runs; quietly nothing if it cannot start:
    each extraction task then reports why no worker could start."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    try:
        forkserver.ensure_running()
    except OSError:
        pass


class ExtractTimeout(Exception):
    """Extraction took longer than the time limit; the worker was killed."""


class ExtractFailed(Exception):
    """Extraction raised, or its worker died."""


class ExtractAbandoned(Exception):
    """The crawl stopped on an error (see `ExtractorPool.abandon`): the page was not extracted."""


_PIPE = None  # in a worker process: its end of the pipe to the crawl (`more_time`)


def more_time(seconds: float) -> None:
    """Tell the crawl that the task being run needs `seconds` more from now (a scanned page read by OCR): its time
    limit is moved that far. Nothing outside a worker process."""
    if _PIPE is not None:
        _PIPE.send(("more", seconds))


def _serve(conn) -> None:
    """Worker loop: receive (function, args), send back ("ok", result) or ("error", message); ("more", seconds)
    while a task runs that asks for more time."""
    global _PIPE
    _PIPE = conn
    # A terminal's ^C reaches the whole process group: the crawl decides what stops, a page half extracted
    # would otherwise be recorded as failed for good. The worker ends when the crawl closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):  # the crawl ended, or was killed: nothing to say
            return
        if task is None:
            return
        function, args = task
        try:
            answer = ("ok", function(*args))
        except Exception as exc:  # any failure of one page is reported, the worker lives on
            answer = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            conn.send(answer)
        except OSError:  # the crawl is gone (killed): nothing to say
            return
        except Exception as exc:  # the result could not be sent (pickled)
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))


class _Worker:
    def __init__(self, context):
        self._conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="newswatch-extract")
        self.process.start()
        child.close()

    def call(self, function: Callable, args: tuple, timeout: float):
        self._conn.send((function, args))
        deadline = time.monotonic() + timeout
        while True:
            if not self._conn.poll(max(0.0, deadline - time.monotonic())):
                self.kill()
                raise ExtractTimeout(f"extraction took more than {timeout:g} s")
            try:
                status, value = self._conn.recv()
            except (EOFError, OSError):
                self.kill()
                raise ExtractFailed("the extraction process died") from None
            if status != "more":
                break
            deadline, timeout = max(deadline, time.monotonic() + value), timeout + value
        if status == "error":
            raise ExtractFailed(value)
        return value

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self._conn.close()

    def stop(self) -> None:
        try:
            self._conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.kill()


class ExtractorPool:
    """Run CPU-bound functions such as `extract(html, url)` in `size` child processes, off the event loop.

    Each worker process has a feeding thread that takes the next task as soon as the previous one
    is done, so the workers never wait for the (busy) event loop; results come back as futures.
    """

    def __init__(self, size: int = 0, timeout: float = 20.0):
        self.size = size or os.cpu_count() or 1
        self.timeout = timeout
        self._context = multiprocessing.get_context("forkserver")
        self._tasks: queue.SimpleQueue | None = None
        self._threads: list[threading.Thread] = []
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False
        self._abandoned = False

    def start(self) -> None:
        """Start the fork server now, so that it imports trafilatura while the crawl's first channels download.

        The workers themselves start with the first task: a crawl that finds nothing new starts none.
        """
        if not self._started:
            self._started = True
            start_fork_server()

    def _start_workers(self) -> None:
        with self._lock:
            if self._tasks is not None:
                return
            self._tasks = queue.SimpleQueue()
        for number in range(self.size):
            thread = threading.Thread(target=self._feed, name=f"newswatch-extract-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context)
        with self._lock:
            self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker | None) -> None:
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def _feed(self) -> None:
        worker = self._try_spawn()
        while True:
            task = self._tasks.get()
            if task is None:
                break
            loop, future, function, args = task
            try:
                if self._abandoned:
                    raise ExtractAbandoned("the crawl stopped: not extracted")
                if worker is None or not worker.alive():
                    self._retire(worker)
                    worker = self._spawn()
                outcome = (True, worker.call(function, args, self.timeout))
            except (ExtractTimeout, ExtractFailed, ExtractAbandoned) as exc:
                outcome = (False, exc)
            except Exception as exc:  # noqa: BLE001 - a worker that cannot start fails this task, not the crawl
                outcome = (False, ExtractFailed(f"no extraction process: {type(exc).__name__}: {exc}"[:300]))
                if worker is not None and worker.alive():
                    worker.kill()
            try:
                loop.call_soon_threadsafe(_settle, future, outcome)
            except RuntimeError:  # the event loop is gone: nobody waits for this result any more
                pass
        if worker is not None:
            worker.stop()
            self._retire(worker)

    def _try_spawn(self) -> _Worker | None:
        try:
            return self._spawn()
        except Exception:  # noqa: BLE001 - retried with the first task, which then reports the error
            return None

    def abandon(self) -> None:
        """Extract nothing more: the tasks waiting, and any sent later, fail with ExtractAbandoned at once
        (the ones being run finish). For a crawl that stopped on an error: its pages could not be stored."""
        self._abandoned = True

    async def run(self, function: Callable, *args):
        """`function(*args)` in a worker process; ExtractTimeout past the time limit (and the time the task asked
        for, `more_time`), ExtractFailed if it raised, ExtractAbandoned once the pool was abandoned."""
        if self._abandoned:
            raise ExtractAbandoned("the crawl stopped: not extracted")
        self.start()
        self._start_workers()
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._tasks.put((loop, future, function, args))
        return await future

    async def extract(self, html: str, url: str) -> Extracted:
        return await self.run(extract, html, url)

    async def extract_for_archive(self, body: bytes, url: str, charset: str | None = None,
                                  queries: tuple[str, ...] = (), parts: tuple[bytes, ...] = (), evidence: bool = False
                                  ) -> tuple[Extracted, Fingerprint | None, bytes | None]:
        """The page (its bytes, decoded in the worker) extracted, its later `parts`' texts after its own, and the
        fingerprint of its text; the captions of its pictures read when they may name one of the topic `queries`
        that its text cannot. With `evidence`, its bytes packed when it may match (`packed_if_topical`)."""
        return await self.run(extract_for_archive, body, url, charset, queries, parts, self.timeout, evidence)

    async def prefilter_and_extract(self, queries: tuple[str, ...], body: bytes, charset: str | None, url: str,
                                    *plain: str, parts: tuple[bytes, ...] = (), evidence: bool = False
                                    ) -> tuple[Extracted, Fingerprint | None, bytes | None] | None:
        """None when the page and its later `parts` cannot match any topic query (`Prefilter.might_match`), else
        the page extracted, its fingerprint and, with `evidence`, its bytes packed when it may match, in one worker
        task: a page that may match crosses to the workers once."""
        return await self.run(functools.partial(prefilter_and_extract, parts=parts, part_seconds=self.timeout,
                                                evidence=evidence), queries, body, charset, url, *plain)

    async def extract_document(self, body: bytes, url: str, ocr: OcrSettings | None = None,
                               queries: tuple[str, ...] = (), evidence: bool = False
                               ) -> tuple[Extracted, str | None, Fingerprint | None, bytes | None]:
        """A PDF's text (pages joined by form feeds), why it has none or which pages OCR read (a scan) if so, its
        fingerprint and, with `evidence`, its bytes packed when it may match one of the topic `queries`. Each scanned
        page read by OCR (`ocr`) gives the task the time it needs more."""
        return await self.run(extract_document_and_fingerprint, body, url, ocr, queries, evidence)

    def close(self) -> None:
        if self._tasks is None:
            return
        for _ in self._threads:
            self._tasks.put(None)
        for thread in self._threads:
            thread.join(self.timeout + 5)
        with self._lock:
            left, self._all = self._all, []
        for worker in left:
            worker.kill()
        self._threads.clear()


@functools.lru_cache(maxsize=4)
def _prefilter(queries: tuple[str, ...]) -> Prefilter:
    return Prefilter([Topic(name=query, query=query) for query in queries])


def prefilter_and_extract(queries: tuple[str, ...], body: bytes, charset: str | None, url: str, *plain: str,
                          parts: tuple[bytes, ...] = (), part_seconds: float = 0.0, evidence: bool = False
                          ) -> tuple[Extracted, Fingerprint | None, bytes | None] | None:
    """None when a page (its bytes) and its later `parts` cannot match any of the topic queries (the prefilter,
    built once per worker), else `extract_and_fingerprint` of it (the page is decoded once), and with `evidence`
    its bytes packed if it may match (`packed_if_topical`)."""
    html, codec = decode_html_as(body, charset)
    decoded = [decode_html_as(part, charset) for part in parts]
    prefilter = _prefilter(queries)
    if not prefilter.might_match(html, *plain, raw=body, codec=codec) and not any(
            prefilter.might_match(text, raw=part, codec=code) for part, (text, code) in zip(parts, decoded)):
        return None
    extracted, found = extract_and_fingerprint(html, url, None, queries, tuple(text for text, _ in decoded),
                                               part_seconds)
    return extracted, found, packed_if_topical(body, queries, extracted, plain) if evidence else None


def extract_for_archive(body: bytes, url: str, charset: str | None, queries: tuple[str, ...], parts: tuple[bytes, ...],
                        part_seconds: float, evidence: bool) -> tuple[Extracted, Fingerprint | None, bytes | None]:
    """`extract_and_fingerprint` of a page's bytes, and with `evidence` its bytes packed if it may match."""
    extracted, found = extract_and_fingerprint(body, url, charset, queries, parts, part_seconds)
    return extracted, found, packed_if_topical(body, queries, extracted) if evidence else None


PACKED_PER_SECOND = 10_000_000  # bytes `pack` reads a second at least (27 MB/s on random bytes, here)


def packed_if_topical(body: bytes, queries: tuple[str, ...], extracted: Extracted, plain: tuple[str, ...] = ()
                      ) -> bytes | None:
    """The bytes as the archive keeps them for evidence (`evidence.pack`), when the extracted title and text (or
    its channel's words, `plain`) may match one of the topic `queries` (the prefilter's test): the crawl's own
    process keeps a matching page's copy without compressing it there (5 to 8 ms a 230 KB page, a PDF's far more),
    and compresses it itself only when it matched otherwise. None when they cannot match, or with no queries."""
    prefilter = _prefilter(queries) if queries else None
    if prefilter is None or prefilter.always or not prefilter.might_match("", extracted.title or "",
                                                                          extracted.text or "", *plain):
        return None
    more_time(1 + len(body) / PACKED_PER_SECOND)  # a 50 MB PDF takes two seconds: not at its time limit's cost
    return pack(body)


def extract_and_fingerprint(page: str | bytes, url: str, charset: str | None = None, queries: tuple[str, ...] = (),
                            parts: tuple[str | bytes, ...] = (), part_seconds: float = 0.0
                            ) -> tuple[Extracted, Fingerprint | None]:
    """`extract`, plus what deduplication compares (None for an empty text): the crawl's parent only stores it.

    A page comes as its bytes, decoded here: bytes cross the pipe without pickling work, text would not. With
    topic `queries`, the captions of its pictures are read when they may name a topic its text cannot, and what it
    cites is listed when it may match one (crawler.citations.cited_links). The texts of an article's later `parts`
    (crawler/parts.py; bytes, or text the prefilter decoded) follow its own, each given `part_seconds` more to be
    read.
    """
    extracted = extract(page if isinstance(page, str) else decode_html(page, charset), url,
                        _topical(queries) if queries else None, cited_links)
    if parts:
        texts = []
        for part in parts:
            more_time(part_seconds)
            texts.append(extract(part if isinstance(part, str) else decode_html(part, charset), url).text)
        extracted = replace(extracted, text="\n".join(text for text in (extracted.text, *texts) if text))
    return extracted, fingerprint(extracted.text) if extracted.text else None


def _topical(queries: tuple[str, ...]) -> Callable[..., bool]:
    """What `extract` asks of a page's captions and text: the prefilter's test; when the prefilter cannot read a
    query (it lets everything through), the captions are always read."""
    prefilter = _prefilter(queries)
    return prefilter.might_match if not prefilter.always else lambda page, *plain: not plain


def extract_document_and_fingerprint(body: bytes, url: str, ocr: OcrSettings | None = None,
                                     queries: tuple[str, ...] = (), evidence: bool = False
                                     ) -> tuple[Extracted, str | None, Fingerprint | None, bytes | None]:
    """A PDF's text and metadata, what its text_status says beside it (a scan: why its text is missing, or which
    pages OCR read), and its text's fingerprint; what its links lead to listed (crawler.citations.document_cited);
    with `evidence`, its bytes packed if it may match (`packed_if_topical`)."""
    extracted, missing = extract_document(body, url, ocr, more_time, document_cited)
    return (extracted, missing, fingerprint(extracted.text) if extracted.text else None,
            packed_if_topical(body, queries, extracted) if evidence else None)


def _settle(future: asyncio.Future, outcome: tuple[bool, object]) -> None:
    if future.cancelled():
        return
    ok, value = outcome
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


def abandon_extraction(crawler) -> None:
    """The crawl stopped on an error: the pages waiting for extraction are not extracted."""
    pool = getattr(crawler, "_newswatch_pool", None)
    if pool is not None:
        pool.abandon()


def crawl_pool(crawler, size: int, timeout: float) -> ExtractorPool:
    """The one pool of a crawl, shared by the pipelines that send it work (made on first use)."""
    pool = getattr(crawler, "_newswatch_pool", None)
    if pool is None:
        pool = crawler._newswatch_pool = ExtractorPool(size, timeout)
    return pool
