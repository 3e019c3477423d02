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
