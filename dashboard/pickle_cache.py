"""One home for results kept on disk by the hash of their inputs and code: read, write, and the code's fingerprint."""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path
from typing import Any

from dashboard.atomic import write_atomic

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> str:
    """Hash of the package's Python sources, so a code change invalidates every cached result.

    Computed once per process: the sources of a running process do not change under it in any way that counts.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_cached(folder: Path | None, key: str) -> Any | None:
    """The object stored under `key` in `folder`, or None when caching is off, or it is absent or unreadable."""
    if folder is None:
        return None
    try:
        with (Path(folder) / f"{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except (FileNotFoundError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def write_cached(folder: Path | None, key: str, value: Any) -> None:
    """Store `value` under `key`, atomically; an unwritable cache only costs speed."""
    if folder is None:
        return
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        write_atomic(Path(folder) / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
