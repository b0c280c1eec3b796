"""A warm start for the `newswatch` commands the tests run in a child process (crawls, mostly).

A crawl's process spends ≈ 1.2 s of CPU importing Scrapy, Twisted, SQLAlchemy and our modules before it does
anything; the suite starts a few hundred. Here one server per test process imports them once, then forks a child for
each command: the child is a real process of its own (its pid, its exit code, its signals, its stdout and stderr, its
own reactor, its own extraction workers), running `python -m newswatch` as the command line would, from `main` on.

What a fork cannot show is what a fresh interpreter does before `main`: which modules it imports and what that
prints. So a command run with an interpreter option in its environment (PYTHONPROFILEIMPORTTIME, as the preflight
tests do) runs in a fresh interpreter, and so does every command with NW_TEST_FRESH=1; and the server fails the
test that started it if importing the modules printed anything (a warning a real run would print on stderr).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# The modules a crawl imports, in the server; never twisted.internet.reactor (Scrapy installs its own).
PRELOAD = ("newswatch.cli", "newswatch.operations.crawl", "crawler.spiders.news", "crawler.settings",
           "pipelines.extract", "pipelines.match", "pipelines.store", "pipelines.deadlines", "pipelines.cited")

_SERVER = r'''
import contextlib, importlib, io, json, os, runpy, signal, sys, time

said = io.StringIO()
with contextlib.redirect_stderr(said):  # what a fresh interpreter would print importing them (its warning filters)
    for name in json.loads(sys.argv[1]):
        importlib.import_module(name)
    from crawler.startup import import_download_handler
    import_download_handler()
assert "twisted.internet.reactor" not in sys.modules, "a preloaded module installed a reactor"
print(json.dumps({"said": said.getvalue()}), flush=True)

for line in sys.stdin:
    asked = json.loads(line)
    pid = os.fork()
    if pid == 0:  # the command's process: its own streams, folder and environment, then `python -m newswatch`
        for fd, (path, flags) in enumerate([(os.devnull, os.O_RDONLY), (asked["out"], os.O_WRONLY),
                                            (asked["err"], os.O_WRONLY)]):
            opened = os.open(path, flags)
            os.dup2(opened, fd)
            os.close(opened)
        os.chdir(asked["cwd"])
        os.environ.clear()
        os.environ.update(asked["env"])
        sys.argv = ["newswatch", *asked["argv"]]
        runpy.run_module("newswatch", run_name="__main__", alter_sys=True)
        sys.exit(0)  # main returned: as the interpreter ends a module run with -m
    deadline, status = time.monotonic() + asked["timeout"], None
    while status is None:
        done, waited = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(waited)
        elif time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = "timeout"
        else:
            time.sleep(0.005)
    print(json.dumps({"status": status}), flush=True)
'''


class WarmServer:
    """One test process's server: `run` gives what `subprocess.run([python, -m, newswatch, *argv])` would."""

    def __init__(self, repo: Path, preload: tuple[str, ...] = PRELOAD):
        self.repo = repo
        self.lock = threading.Lock()
        self.process = subprocess.Popen([sys.executable, "-c", _SERVER, json.dumps(preload)], cwd=repo,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(self.process.stdout.readline() or '{"said": "the warm server did not start"}')
        self.said = ready["said"]

    def run(self, argv: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
        if self.said:
            raise AssertionError(f"importing newswatch's crawl modules printed this:\n{self.said}")
        with self.lock, tempfile.TemporaryDirectory(prefix="nw-warm-") as folder:
            out, err = Path(folder, "stdout"), Path(folder, "stderr")
            out.touch()
            err.touch()
            asked = {"argv": argv, "env": env, "cwd": str(self.repo), "out": str(out), "err": str(err),
                     "timeout": timeout}
            self.process.stdin.write(json.dumps(asked) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
            if not answer:
                raise RuntimeError("the warm server stopped")
            status = json.loads(answer)["status"]
            stdout, stderr = out.read_text(errors="replace"), err.read_text(errors="replace")
        args = [sys.executable, "-m", "newswatch", *argv]
        if status == "timeout":
            raise subprocess.TimeoutExpired(args, timeout, stdout, stderr)
        return subprocess.CompletedProcess(args, status, stdout, stderr)

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(10)
        self.process.stdout.close()


_server: WarmServer | None = None


def warm_run(repo: Path, argv: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """`python -m newswatch argv` in `env`, forked from this test process's warm server (started on first use)."""
    global _server
    if _server is None or _server.process.poll() is not None:
        _server = WarmServer(repo)
        atexit.register(_server.stop)
    return _server.run(argv, env, timeout)


def wants_fresh(env: dict[str, str]) -> bool:
    """Whether a command run with `env` added to the tests' environment must start a fresh interpreter: an
    interpreter option among them (PYTHON…), or NW_TEST_FRESH=1 (every command then does)."""
    return any(key.startswith("PYTHON") for key in env) or (
        env.get("NW_TEST_FRESH", os.environ.get("NW_TEST_FRESH", "")) not in ("", "0"))
