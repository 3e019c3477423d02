"""Why: starting a server imports pandas, pyarrow, Dash and plotly, creating objects by the hundred thousand, and
Python's cyclic collector scans them over and over while they are made (a third of the import time here).

`without_collection()` pauses the collector while a server starts (its libraries imported, its app built), then
freezes what was made, the modules and the app, which live as long as the process (`gc.freeze`: never scanned
again; forked workers share those pages untouched), and lets the collector run on everything made afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    """No cyclic garbage collection inside the block; afterwards what it made is frozen and collection resumes as
    it was (nested blocks leave it to the outermost)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
