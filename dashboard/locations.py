"""Where things live: which datasets/ folder a command uses, the bundled read-only copy, and the user's cache."""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CATALOG_NAME = "catalog.json"
BUNDLED_PACKAGE_DIR = PACKAGE_DIR / "bundled_datasets"  # where a wheel carries datasets/ (see setup.py)
CHECKOUT_DATASETS_DIR = PACKAGE_DIR.parent / "datasets"  # a source checkout: the repository's own folder
DATASETS_ENV = "BILATERAL_DATASETS"
CACHE_ENV = "BILATERAL_CACHE_DIR"


class Found(enum.Enum):
    """How a datasets folder was chosen, in the order they are tried."""

    OPTION = "given by --datasets"
    ENVIRONMENT = f"given by ${DATASETS_ENV}"
    NEAREST = "the nearest datasets/ from the current folder"
    BUNDLED = "the copy bundled with the package, read-only"


@dataclass(frozen=True)
class DatasetsLocation:
    """A datasets folder and how it was chosen; the bundled copy is never written to."""

    root: Path
    found: Found

    @property
    def writable(self) -> bool:
        """False for the bundled copy: a new version goes into a folder of the user's own."""
        return self.found is not Found.BUNDLED

    def describe(self) -> str:
        """One line for stderr: the folder and why it was used."""
        return f"datasets: {self.root} ({self.found.value})"


def bundled_datasets() -> Path:
    """The datasets folder that ships with the package (in a checkout: the repository's datasets/)."""
    if (BUNDLED_PACKAGE_DIR / CATALOG_NAME).is_file():
        return BUNDLED_PACKAGE_DIR
    return CHECKOUT_DATASETS_DIR


def locate_datasets(
    option: Path | str | None = None, cwd: Path | None = None, environ: Mapping[str, str] | None = None
) -> DatasetsLocation:
    """--datasets DIR, else $BILATERAL_DATASETS, else the nearest datasets/catalog.json upward from the current
    folder, else the bundled copy."""
    environ = os.environ if environ is None else environ
    if option:
        return DatasetsLocation(Path(option).resolve(), Found.OPTION)
    if environ.get(DATASETS_ENV):
        return DatasetsLocation(Path(environ[DATASETS_ENV]).resolve(), Found.ENVIRONMENT)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "datasets" / CATALOG_NAME).is_file():
            return DatasetsLocation(folder / "datasets", Found.NEAREST)
    return DatasetsLocation(bundled_datasets(), Found.BUNDLED)


class CacheDefault(enum.Enum):
    """The default cache folder, resolved when used (so $BILATERAL_CACHE_DIR set later still counts)."""

    USER = "user"


USER_CACHE = CacheDefault.USER
CacheDir = Path | None | CacheDefault  # a folder, None for no cache, or USER_CACHE


def user_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """$BILATERAL_CACHE_DIR, else $XDG_CACHE_HOME/bilateral, else ~/.cache/bilateral: never the package or a
    repository."""
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilateral"


def cache_folder(cache_dir: CacheDir, kind: str) -> Path | None:
    """The folder for one kind of cached thing ('processed', 'figures'); None when caching is off."""
    if cache_dir is None:
        return None
    if isinstance(cache_dir, CacheDefault):
        return user_cache_dir() / kind
    return Path(cache_dir)
