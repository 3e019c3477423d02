"""The atomic-write helpers: the old bytes or the new, fsynced when asked, no temporary file left."""

import pytest

from dashboard import atomic
from dashboard.atomic import write_atomic, write_durably


def test_write_atomic_replaces_bytes_and_text(tmp_path):
    target = tmp_path / "a.json"
    write_atomic(target, b"old")
    write_atomic(target, "new é")
    assert target.read_text(encoding="utf-8") == "new é" and [p.name for p in tmp_path.iterdir()] == [
        "a.json"
    ]


def test_durable_fsyncs_the_file_and_its_folder(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd))
    write_atomic(tmp_path / "a", b"x")
    assert synced == []
    write_atomic(tmp_path / "a", b"y", durable=True)
    assert len(synced) == 2 and (tmp_path / "a").read_bytes() == b"y"


def test_write_durably_never_overwrites(tmp_path):
    target = tmp_path / "a"
    write_durably(target, b"first")
    with pytest.raises(FileExistsError):
        write_durably(target, b"second")
    assert target.read_bytes() == b"first"
