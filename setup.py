"""Build hook: the wheel carries datasets/ as read-only package data (dashboard/bundled_datasets); metadata is in
pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATASETS = Path(__file__).resolve().parent / "datasets"
SKIPPED = shutil.ignore_patterns(".staging", "__pycache__", "*.tmp")


class BuildWithDatasets(build_py):
    """build_py, then a copy of datasets/ into the built package (a checkout reads datasets/ in place)."""

    def run(self):
        super().run()
        if not self.editable_mode:
            target = Path(self.build_lib) / "dashboard" / "bundled_datasets"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(DATASETS, target, ignore=SKIPPED)


setup(cmdclass={"build_py": BuildWithDatasets})
