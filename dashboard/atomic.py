"""Writing a file so that a reader finds the old bytes or the new, never half of them: the one home of
temporary file + os.replace, and of the fsyncs that make a write survive a crash."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, durable: bool = False) -> None:
    """Replace `path` with `data` (str as UTF-8) through a new temporary file beside it and os.replace; with
    `durable`, the file is fsynced before the rename and its folder after it. No temporary file is left behind."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        write_new(temporary, payload, durable)
        os.replace(temporary, path)
        if durable:
            fsync_directory(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def replace_durably(path: Path, data: bytes) -> None:
    """Replace `path` atomically: a temporary file beside it, fsync, os.replace, fsync of the folder."""
    write_atomic(path, data, durable=True)


def write_durably(path: Path, data: bytes) -> None:
    """Create `path` (never over an existing file) with `data`, flushed to disk."""
    write_new(path, data, durable=True)


def write_new(path: Path, data: bytes, durable: bool = False) -> None:
    """Create `path` (never over an existing file; mode 0666 less the umask) with `data`; fsynced if `durable`."""
    with path.open("xb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def fsync_directory(path: Path) -> None:
    """Flush a folder's entries (a rename is durable only once its folder is)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
