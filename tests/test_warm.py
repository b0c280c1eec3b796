"""The tests' warm start (tests/warm.py): a command forked from it answers as the same command run fresh does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.warm import WarmServer, wants_fresh


def fresh(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newswatch", *argv], capture_output=True, text=True, timeout=60,
                          cwd=REPO, env=env)


def test_a_forked_command_answers_as_a_fresh_one(tmp_path):
    """Its exit code, stdout and stderr, its environment and its program name (in the usage line) are a fresh
    interpreter's: a command that succeeds, a crawl whose config is missing (one sentence), a usage error, an
    `init` that writes a config file."""
    server = WarmServer(REPO)
    try:
        assert server.said == ""
        env = {**os.environ, "NEWSWATCH_CONFIG": str(tmp_path / "absent.toml")}
        made = tmp_path / "made.toml"
        for argv in (["--help"], ["crawl"], ["crawl", "--no-such-option"], ["--config", str(made), "init"]):
            made.unlink(missing_ok=True)
            warm = server.run(argv, env, timeout=60)
            written = made.read_text() if made.exists() else None
            made.unlink(missing_ok=True)
            cold = fresh(argv, env)
            assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr), argv
            assert written == (made.read_text() if made.exists() else None)
        assert [server.run(["crawl"], env, timeout=60).returncode for _ in range(2)] == [fresh(["crawl"], env)
                                                                                          .returncode] * 2
    finally:
        server.stop()


def test_what_importing_the_modules_printed_fails_the_test_that_started_the_server(tmp_path):
    """A warning a fresh interpreter prints while importing the crawl's modules would be on every real run's stderr:
    the forked commands would not show it, so the server refuses to run any."""
    (tmp_path / "noisy_module.py").write_text('import warnings\nwarnings.warn("an old setting")\n')
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), saved]))
    try:
        server = WarmServer(REPO, preload=("noisy_module",))
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.__setitem__("PYTHONPATH", saved)
    try:
        assert "UserWarning: an old setting" in server.said
        with pytest.raises(AssertionError, match="importing newswatch's crawl modules printed this"):
            server.run(["--help"], dict(os.environ), timeout=60)
    finally:
        server.stop()


def test_an_interpreter_option_or_nw_test_fresh_starts_a_fresh_interpreter(monkeypatch):
    monkeypatch.delenv("NW_TEST_FRESH", raising=False)
    assert not wants_fresh({}) and not wants_fresh({"COLUMNS": "80"})
    assert wants_fresh({"PYTHONPROFILEIMPORTTIME": "1"}) and wants_fresh({"NW_TEST_FRESH": "1"})
    monkeypatch.setenv("NW_TEST_FRESH", "1")
    assert wants_fresh({})
