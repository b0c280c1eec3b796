"""Running the watch: a crawl and its preflight, the extraction pool, locks, run records, source health, progress,
finding an outlet's channels, re-matching the archive, and crawls spread over machines."""
