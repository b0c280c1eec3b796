"""Every query newswatch runs on the archive, as named functions over a Session, kept by subject: runs.py (runs,
source health, run history), channels.py (channels, discoveries, fetches), articles.py, digests.py (and the feed).
Callers ask `queries.<name>`, as they did when they were one module."""

from store.queries.articles import (add_article_urls, add_matches, all_article_ids, archived_as, article_by_headline,
                                    article_by_urls, article_count, articles_by_ids, citing_articles, claim_urls,
                                    complete_article, feed_items_of, insert_article, iter_articles, outlet_of,
                                    provenance, replace_matches, text_hash, text_status_of, title_key_of)
from store.queries.channels import (CHANGEABLE, HEADLINE_DAYS, HEADLINE_WINDOW, SAME_ARTICLE_WINDOW, changed_unrecorded,
                                    channel_validators, chunks, dated, feeds_keeping_old, fetch_outcomes,
                                    has_unfinished_discoveries, known_urls, last_reads, listed_anything, listed_before,
                                    near_in_time, record_channel, record_discoveries, record_discovery, record_fetch,
                                    record_fetches, recorded_urls, remember_old_entries, sighted_by,
                                    unfinished_discoveries, unrecorded_urls, urls_with_title)
from store.queries.digests import (articles_not_yet_sent, articles_updated_since_sent, feed_articles, recent_digests,
                                   record_digest, times_sent, unread_documents_not_yet_sent)
from store.queries.runs import (SUCCESS, articles_since, channels_of, close_unfinished_runs, discoveries_since,
                                ensure_sources, finish_run, last_article_at, last_discovery_at, last_success,
                                recent_runs, record_run, record_run_end, record_run_source, run_recorded_since,
                                run_with_sources, source_history, start_run, wall_counts)

__all__ = ["CHANGEABLE", "HEADLINE_DAYS", "HEADLINE_WINDOW", "SAME_ARTICLE_WINDOW", "SUCCESS", "add_article_urls",
           "add_matches", "all_article_ids", "archived_as", "article_by_headline", "article_by_urls", "article_count",
           "articles_by_ids", "articles_not_yet_sent", "articles_since", "articles_updated_since_sent",
           "changed_unrecorded", "channel_validators", "channels_of", "chunks", "citing_articles", "claim_urls",
           "close_unfinished_runs", "complete_article", "dated", "discoveries_since", "ensure_sources", "feed_articles",
           "feed_items_of", "feeds_keeping_old", "fetch_outcomes", "finish_run", "has_unfinished_discoveries",
           "insert_article", "iter_articles", "known_urls", "last_article_at", "last_discovery_at", "last_reads",
           "last_success", "listed_anything", "listed_before", "near_in_time", "outlet_of", "provenance",
           "recent_digests", "recent_runs", "record_channel", "record_digest", "record_discoveries", "record_discovery",
           "record_fetch", "record_fetches", "record_run", "record_run_end", "record_run_source", "recorded_urls",
           "remember_old_entries", "replace_matches", "run_recorded_since", "run_with_sources", "sighted_by",
           "source_history", "start_run", "text_hash", "text_status_of", "times_sent", "title_key_of",
           "unfinished_discoveries", "unread_documents_not_yet_sent", "unrecorded_urls", "urls_with_title",
           "wall_counts"]
