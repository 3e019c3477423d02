"""The lock files agree with pyproject.toml (run `make lock` after changing a dependency there)."""

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    """name -> version for every `name==version` (extras and markers left out)."""
    found = {}
    for line in requirements:
        match = re.match(r"^\s*([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)", line)
        if match:
            found[normalise(match[1])] = match[2]
    return found


def lock(name: str) -> dict[str, str]:
    return pins((REPO / name).read_text(encoding="utf-8").splitlines())


def test_every_runtime_dependency_is_pinned_in_pyproject_and_locked_at_that_version():
    declared = pins(PROJECT["dependencies"])
    assert len(declared) == len(PROJECT["dependencies"]), "pin every dependency with =="
    locked = lock("requirements.lock")
    assert {name: locked.get(name) for name in declared} == declared


def test_every_dev_dependency_is_locked_at_its_version():
    declared = pins(PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"])
    locked = lock("requirements-dev.lock")
    assert {name: locked.get(name) for name in declared} == declared


def test_the_runtime_lock_is_part_of_the_dev_lock():
    runtime, dev = lock("requirements.lock"), lock("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_locks_pin_pip_and_setuptools_and_name_no_index():
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert "make lock" in text
        assert "setuptools" in lock(name)
        assert not re.search(r"^\s*--(extra-)?index-url|^\s*--find-links", text, re.MULTILINE)
