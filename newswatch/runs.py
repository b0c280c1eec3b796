"""How a crawl run is judged: the per-source counters and the status of the run as a whole."""

from __future__ import annotations

COUNTERS = ("found", "fetched", "extracted", "matched", "new", "skipped", "errors", "channel_errors")
ERROR_OUTCOMES = {"http_error", "network", "timeout", "refused", "too_large", "redirect_loop", "extract_timeout",
                  "extract_failed", "ignored"}


def source_failed(counts: dict[str, int]) -> bool:
    """A source failed when its channels errored and nothing at all was found through it."""
    return counts.get("channel_errors", 0) > 0 and counts.get("found", 0) == 0


def run_status(per_source: dict[str, dict[str, int]], finish_reason: str) -> tuple[str, str | None]:
    """"ok", "partial" (some sources failed) or "failed" (stopped early, or every source failed)."""
    failed = sorted(name for name, counts in per_source.items() if source_failed(counts))
    if finish_reason != "finished":
        return "failed", f"the crawl stopped early: {finish_reason}"
    if per_source and len(failed) == len(per_source):
        return "failed", "every source failed: " + ", ".join(failed)
    if failed:
        return "partial", "failing sources: " + ", ".join(failed)
    return "ok", None
