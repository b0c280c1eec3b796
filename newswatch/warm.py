"""Imported by the extraction fork server only (workers.PRELOAD): loads the language model once, so that every
extraction process forks with it in memory instead of loading it (0.7 s) on its first page.

This module exists for its import side effect; nothing else imports it.
"""

from newswatch.language import warm_up

warm_up()
