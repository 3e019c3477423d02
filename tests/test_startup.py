"""A server starts without cyclic garbage collection (dashboard/startup.py), and the command line reaches it
without importing pandas first (so that the pause covers the whole scientific stack)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from dashboard.startup import without_collection


def test_collection_is_paused_inside_and_resumes_after_with_what_was_made_frozen():
    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    try:
        with without_collection():
            assert not gc.isenabled()
            made = [[index] for index in range(1000)]
            with without_collection():  # nested: the outer block decides
                assert not gc.isenabled()
            assert not gc.isenabled() and gc.get_freeze_count() == frozen_before
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(made)
    finally:
        gc.unfreeze()  # the test's objects back to collection, as the process had them


def test_collection_stays_off_if_it_was_off_and_is_restored_after_an_error():
    gc.disable()
    try:
        with without_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), without_collection():
        raise ValueError("a failed start")
    assert gc.isenabled()
    gc.unfreeze()


@pytest.mark.slow  # a fresh interpreter: what one process imports is only seen in a new one
def test_the_serve_command_is_reached_without_importing_pandas():
    code = (
        "import json, sys\n"
        "from dashboard import cli\n"
        "from dashboard.commands import serve\n"
        "cli.build_parser('serve')\n"
        "print(json.dumps(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout) == []
