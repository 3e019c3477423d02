"""The registry of dataset schemas: one pandera DataFrameModel per dataset, found by dataset name."""

from __future__ import annotations

import copy
import functools
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandera is imported by the schema modules themselves, when a schema is used
    import pandas as pd
    import pandera.pandas as pa

SCHEMA_PATHS = {
    "sources": "dashboard.schemas.sources:SourcesSchema",
    "trade": "dashboard.schemas.trade:TradeSchema",
    "targets": "dashboard.schemas.targets:TargetsSchema",
    "arms": "dashboard.schemas.arms:ArmsSchema",
    "border": "dashboard.schemas.border:BorderSchema",
    "migration": "dashboard.schemas.migration:MigrationSchema",
    "energy": "dashboard.schemas.energy:EnergySchema",
    "events": "dashboard.schemas.events:EventsSchema",
    "claims": "dashboard.schemas.claims:ClaimsSchema",
}
PATTERN_CHECK = "str_matches"
UNIQUENESS_CHECK = "multiple_fields_uniqueness"  # pandera's name for the Config.unique check
MAX_BINCOUNT_SPACE_PER_ROW = 8  # keys coded into at most this many slots per row are counted, not hashed


def model_for(dataset: str) -> type[pa.DataFrameModel]:
    """Import and return the DataFrameModel that declares `dataset`'s columns and checks."""
    module_name, class_name = SCHEMA_PATHS[dataset].split(":")
    return getattr(import_module(module_name), class_name)


@functools.cache
def schema_for(dataset: str) -> pa.DataFrameSchema:
    """The schema that checks `dataset`: its model's, with each pattern judged once per distinct value.

    Ids and dates repeat down a long file; matching each distinct value once and mapping the answer back gives the
    same verdict, failure cases and check name as pandera's own `str_matches` (which pandera itself marks as
    determined by the unique values), at the cost of the distinct values.
    """
    schema = copy.deepcopy(model_for(dataset).to_schema())  # the model's own stays as declared
    for column in schema.columns.values():
        column.checks = [_per_distinct_value(check) for check in column.checks]
    return schema


def _per_distinct_value(check: pa.Check) -> pa.Check:
    """`check` itself, or for a `str_matches` check the same check judged on each distinct value once."""
    if check.name != PATTERN_CHECK:
        return check
    import pandas as pd
    import pandera.pandas as pa

    pattern = (check.statistics or {})["pattern"]

    def matches(series: pd.Series) -> pd.Series:
        distinct = pd.Series(series.unique(), dtype=object)
        text = distinct.map(lambda value: isinstance(value, str))
        return series.isin(distinct[text][distinct[text].str.match(pattern)])

    return pa.Check(matches, name=check.name, error=check.error)


@functools.cache
def verdict_schema_for(dataset: str) -> pa.DataFrameSchema:
    """schema_for's schema, for a pass-or-fail verdict only: its unique key checked by coding each row's key as one
    integer and counting them, instead of pandera listing every duplicate row.

    Half the time of pandera's check on a long file. For a table whose failures need not be located: a typed table
    that fails this is checked again with schema_for, whose check names the duplicate rows.
    """
    import pandera.pandas as pa

    schema = copy.deepcopy(schema_for(dataset))
    key = schema.unique
    if key and all(isinstance(column, str) for column in key):  # one key (several would stay pandera's)
        schema.unique = None
        schema.checks = [
            *schema.checks,
            pa.Check(lambda frame: rows_unique(frame, key), name=UNIQUENESS_CHECK),
        ]
    return schema


def rows_unique(frame: pd.DataFrame, key: list[str]) -> bool:
    """True when no two rows share their values in the `key` columns present (a missing value is a value, as in
    pandas' `duplicated`): each column's values coded 0..n-1, the codes combined into one integer per row."""
    import numpy as np
    import pandas as pd

    columns = [column for column in key if column in frame]
    if not columns or len(frame) < 2:
        return True
    codes, space = np.zeros(len(frame), dtype=np.int64), 1
    for column in columns:
        column_codes, distinct = pd.factorize(frame[column], use_na_sentinel=False)
        space *= len(distinct)
        if space >= 2**62:  # too many combinations to code in 64 bits: pandas hashes the rows instead
            return not frame.duplicated(subset=columns, keep=False).any()
        codes = codes * len(distinct) + column_codes
    if space <= MAX_BINCOUNT_SPACE_PER_ROW * len(frame):
        return int(np.bincount(codes, minlength=1).max()) <= 1
    return len(pd.unique(codes)) == len(codes)
