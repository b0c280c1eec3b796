"""Benchmarks: a synthetic press site, newswatch against trafilatura, re-crawls and memory (`python -m bench`)."""
