"""Imported by the extraction fork server only (workers.PRELOAD): loads the language model once (maps its
unpacked copy, see language.load_identifier), so that every extraction process forks with it, then moves every
object loaded so far out of the garbage collector's reach (gc.freeze), so that a collection in a worker does
not write to, and so copy, the memory pages it shares with the fork server.

This module exists for its import side effect; nothing else imports it.
"""

import gc

from newswatch.text.language import warm_up

warm_up()
gc.freeze()
