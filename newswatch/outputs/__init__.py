"""What the archive gives its readers: the digest and its delivery, search, reports, feeds, exports, the agenda,
evidence copies, topic triage and the browsable archive."""
