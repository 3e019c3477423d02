"""What the test suite may leave in the repository: nothing. tests/conftest.py takes a snapshot of the tree when
the session starts and compares it when the session ends; a file a test created (or an output it rewrote)
fails the run."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

# Folders a developer legitimately has, or that tools (not tests) write: never looked into.
UNWATCHED = (
    ".git",
    ".venv",
    "venv",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".hypothesis",  # hypothesis' example database, kept between runs on purpose (gitignored)
    "__pycache__",
    "*.egg-info",
    "node_modules",
)
# Where a test would write outputs: a file rewritten there counts too, not only a new one.
OUTPUTS = (".cache", "reports", "datasets")

Snapshot = dict[str, tuple[int, int]]


def _unwatched(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in UNWATCHED)


def snapshot(root: Path) -> Snapshot:
    """Size and modification time of every file under root, relative path -> (size, mtime_ns)."""
    files: Snapshot = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not _unwatched(d)]
        for name in names:
            path = Path(folder, name)
            try:
                stat = path.lstat()
            except FileNotFoundError:  # removed while we looked
                continue
            files[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return files


def written(before: Snapshot, after: Snapshot) -> list[str]:
    """Files that appeared since `before`, and files under an output folder that changed."""
    new = [path for path in after if path not in before]
    rewritten = [
        path
        for path, stat in after.items()
        if path in before and before[path] != stat and path.split("/", 1)[0] in OUTPUTS
    ]
    return sorted(new + rewritten)
