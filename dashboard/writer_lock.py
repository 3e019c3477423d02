"""One writer at a time per datasets folder, and the leftovers of an interrupted writer cleaned and reported."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.errors import BilateralError

STAGING = ".staging"  # under datasets/, outside every dataset's folder: the catalog never sees a half-written version
TIMEOUT_ENV = "BILATERAL_LOCK_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 60.0
POLL_S = 0.05


class LockTimeout(BilateralError):
    """Another writer held the datasets folder for longer than we were prepared to wait."""


def lock_timeout_s() -> float:
    """How long a second writer waits: $BILATERAL_LOCK_TIMEOUT_S, else 60 s."""
    text = os.environ.get(TIMEOUT_ENV, "")
    try:
        return max(0.0, float(text)) if text else DEFAULT_TIMEOUT_S
    except ValueError:
        return DEFAULT_TIMEOUT_S


@contextmanager
def writer_lock(root: Path, timeout_s: float | None = None) -> Iterator[list[str]]:
    """Hold an exclusive flock on the datasets folder itself (no lock file to leave behind; the folder is never
    replaced, unlike catalog.json), waiting up to `timeout_s`. Yields what was cleaned from a stale staging
    folder: under the lock no other writer can be using it. The kernel drops the lock when a writer dies."""
    timeout_s = lock_timeout_s() if timeout_s is None else timeout_s
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{root}: another 'bilateral datasets' command is writing to this folder; waited "
                        f"{timeout_s:g} s. Run the command again once it has finished."
                    ) from None
                time.sleep(POLL_S)
        yield clean_staging(Path(root))
    finally:
        os.close(descriptor)  # closing the last descriptor releases the lock


def tidy(root: Path) -> list[str]:
    """Clean a stale staging folder if no writer is at work now (never waits); what was removed."""
    if not (Path(root) / STAGING).exists():
        return []
    try:
        with writer_lock(root, timeout_s=0) as cleaned:
            return cleaned
    except (
        LockTimeout,
        OSError,
    ):  # a writer is at work (its staging is not stale), or the folder is read-only
        return []


def clean_staging(root: Path) -> list[str]:
    """Remove datasets/.staging and return the names it held (call only while holding the writer lock)."""
    staging = root / STAGING
    if not staging.is_dir():
        return []
    names = sorted(entry.name for entry in staging.iterdir())
    shutil.rmtree(staging, ignore_errors=True)
    return names


def describe_cleaned(root: Path, names: list[str]) -> str:
    """The note a command prints after cleaning up an interrupted write."""
    return (
        f"removed {len(names)} unfinished version(s) left in {root / STAGING} by an interrupted command: "
        f"{', '.join(names)} (nothing stored was changed)"
    )
