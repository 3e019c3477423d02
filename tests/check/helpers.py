"""Helpers of the check and datasets tests: run the console script, digest a folder."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

# the installed console script; BILATERAL may name another executable (e.g. a wrapper while cli.py is not wired)
BILATERAL = os.environ.get("BILATERAL", str(Path(sys.executable).parent / "bilateral"))


def run(*args, cwd=None) -> tuple[int, str, str]:
    """Run `bilateral ARGS` as a user would; return (exit code, stdout, stderr); never a traceback."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [BILATERAL, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done.returncode, done.stdout, done.stderr


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under `root`, by relative path (a new or missing file shows too)."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
