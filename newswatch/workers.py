"""A pool of extraction processes, one task each at a time, where a task past its time limit is killed."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading

from newswatch.extraction import Extracted, extract


class ExtractTimeout(Exception):
    """Extraction took longer than the time limit; the worker was killed."""


class ExtractFailed(Exception):
    """Extraction raised, or its worker died."""


def _serve(conn) -> None:
    """Worker loop: receive (html, url), send back ("ok", Extracted) or ("error", message)."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        try:
            conn.send(("ok", extract(*task)))
        except Exception as exc:  # any failure of one page is reported, the worker lives on
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))


class _Worker:
    def __init__(self, context):
        self._conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="newswatch-extract")
        self.process.start()
        child.close()

    def call(self, html: str, url: str, timeout: float) -> Extracted:
        self._conn.send((html, url))
        if not self._conn.poll(timeout):
            self.kill()
            raise ExtractTimeout(f"extraction took more than {timeout:g} s")
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise ExtractFailed("the extraction process died") from None
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
    """Run `extract(html, url)` in `size` child processes without blocking the event loop."""

    def __init__(self, size: int = 0, timeout: float = 20.0):
        self.size = size or os.cpu_count() or 1
        self.timeout = timeout
        self._context = multiprocessing.get_context("forkserver")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._lock = threading.Lock()

    def _start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._spawn_idle()

    def _spawn_idle(self) -> None:
        worker = _Worker(self._context)
        with self._lock:
            self._all.append(worker)
        self._idle.put_nowait(worker)

    async def extract(self, html: str, url: str) -> Extracted:
        if self._idle is None:
            self._start()
        worker = await self._idle.get()
        try:
            return await asyncio.to_thread(worker.call, html, url, self.timeout)
        finally:
            if worker.alive():
                self._idle.put_nowait(worker)
            else:
                with self._lock:
                    self._all.remove(worker)
                self._spawn_idle()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()
