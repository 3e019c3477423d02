"""The datasets as the API serves them: every version with its hashes, and each version's CSV, rows and descriptor."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.api.replies import ApiError
from dashboard.catalog import Catalog, DatasetVersion
from dashboard.datapackage import DESCRIPTOR_NAME
from dashboard.errors import BilateralError

NUMERIC_TYPES = {"integer": int, "number": float}


def listing(catalog: Catalog, base: str) -> dict:
    """Every dataset: its active version and all versions with sha256, rows, bytes and their addresses."""
    active = catalog.active_versions()
    return {
        "datasets": [
            {
                "name": name,
                "active": active[name],
                "versions": [version_record(catalog.resolve(name, v), base) for v in catalog.versions(name)],
            }
            for name in sorted(active)
        ]
    }


def version_record(dataset: DatasetVersion, base: str) -> dict:
    """One version as its descriptor describes it, with the addresses of its files."""
    resource = dataset.resource
    prefix = f"{base}/api/v1/datasets/{dataset.name}/{dataset.version}"
    return {
        "version": dataset.version,
        "title": dataset.descriptor.get("title"),
        "created": dataset.descriptor.get("created"),
        "sha256": dataset.expected_sha256,
        "rows": resource.get("rows"),
        "bytes": resource.get("bytes"),
        "csv": prefix + ".csv",
        "json": prefix + ".json",
        "datapackage": prefix + "/datapackage.json",
    }


def resolve(catalog: Catalog, name: str, version: str) -> DatasetVersion:
    """The version named in an address; 404 naming what exists when it does not."""
    active = catalog.active_versions()
    if name not in active:
        raise ApiError(404, f"unknown dataset '{name}'; the datasets are: {', '.join(sorted(active))}")
    known = catalog.versions(name)
    if version not in known:
        raise ApiError(404, f"dataset '{name}' has no version '{version}' (versions: {', '.join(known)})")
    return catalog.resolve(name, version)


def csv_bytes(catalog: Catalog, dataset: DatasetVersion) -> bytes:
    """The version's CSV file as stored, after checking it still matches its sha256."""
    try:
        catalog.verify(dataset)
    except BilateralError as error:
        raise ApiError(
            500, f"the file of {dataset.name} {dataset.version} cannot be served: {error}"
        ) from None
    return dataset.csv_path.read_bytes()


def rows_record(catalog: Catalog, dataset: DatasetVersion) -> dict:
    """The version's rows as JSON objects, typed by the descriptor's fields (missing: null), with the fields."""
    try:
        frame = catalog.read(dataset).frame
    except BilateralError as error:
        raise ApiError(
            500, f"the file of {dataset.name} {dataset.version} cannot be served: {error}"
        ) from None
    types = {field["name"]: field.get("type") for field in dataset.fields}
    records = [
        {column: typed(value, types.get(column)) for column, value in row.items()}
        for row in frame.to_dict("records")
    ]
    return {
        "name": dataset.name,
        "version": dataset.version,
        "sha256": dataset.expected_sha256,
        "fields": dataset.fields,
        "rows": records,
    }


def typed(value, kind: str | None):
    """A CSV cell as JSON: a number where the field is numeric, None where missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    convert = NUMERIC_TYPES.get(kind or "")
    if convert is not None and isinstance(value, str):
        number = float(value)
        return int(number) if convert is int and number.is_integer() else number
    return value


def descriptor_bytes(dataset: DatasetVersion) -> bytes:
    """The version's datapackage.json as stored."""
    return (dataset.directory / DESCRIPTOR_NAME).read_bytes()
