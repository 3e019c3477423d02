"""Figures drawn once: an in-process LRU (one drawer at a time) over a disk cache of their browser-ready JSON."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from dashboard.atomic import write_atomic

MEMO_SIZE = 256


class FigureStore:
    """Memoised figures and their browser-ready dicts, the dicts also kept on disk under `disk_key(name, view)`.

    A figure is a pure function of the code, the dataset hashes and the view, so its JSON can outlive the process
    like the processed tables: a restart then serves its first pages without drawing anything."""

    def __init__(
        self,
        draw: Callable[[str, Hashable], go.Figure],
        display: Callable[[str, go.Figure], dict],
        disk_key: Callable[[str, Hashable], str],
        cache_dir: Path | None = None,
    ):
        self._draw, self._display, self._disk_key, self._dir = draw, display, disk_key, cache_dir
        self._figures: OrderedDict = OrderedDict()
        self._shown: OrderedDict = OrderedDict()
        self._lock = threading.RLock()

    def figure(self, name: str, view: Hashable) -> go.Figure:
        """The figure, drawn on first use."""
        return self._memo(self._figures, (name, view), lambda: self._draw(name, view))

    def shown(self, name: str, view: Hashable) -> dict:
        """The browser-ready dict, read from disk or drawn on first use."""
        return self._memo(self._shown, (name, view), lambda: self._read_or_draw(name, view))

    def _memo(self, memo: OrderedDict, key, compute):
        """LRU look-up; one computation at a time, so two requests never draw the same figure twice."""
        with self._lock:
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
            value = memo[key] = compute()
            if len(memo) > MEMO_SIZE:
                memo.popitem(last=False)
            return value

    def _read_or_draw(self, name: str, view: Hashable) -> dict:
        """The dict from the disk cache, else drawn and written there."""
        path = None if self._dir is None else Path(self._dir) / f"{self._disk_key(name, view)}.json"
        if path is not None:
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
        shown = self._display(name, self.figure(name, view))
        if path is not None:
            _write(path, to_json_plotly(shown))
        return shown


def disk_key(*parts) -> str:
    """A file name from JSON-able parts."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _write(path: Path, text: str) -> None:
    """Write atomically; an unwritable cache only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError:
        pass
