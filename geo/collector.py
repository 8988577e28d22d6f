"""Building the long-lived lookup tables without the garbage collector rescanning them all the time."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large table of lasting objects is built.

    Building the resolver's indexes or the tokenizer's special cases creates hundreds of thousands of
    objects that live as long as the process; each automatic collection on the way walks every one
    of them again, a tenth of the start-up time. Afterwards the tables are moved out of the
    collector's sight with ``gc.freeze()`` (they are never garbage) and the collector runs as before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
