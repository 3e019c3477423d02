"""Helpers for schema tests: run a schema lazily and list what failed."""

import pandas as pd
import pandera.pandas as pa


def failure_cases(schema, frame: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure cases of validating `frame` lazily (an empty frame when it passes)."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return errors.failure_cases
    return pd.DataFrame(
        columns=["schema_context", "column", "check", "check_number", "failure_case", "index"]
    )


def failed_checks(schema, frame: pd.DataFrame) -> set[tuple]:
    """(column or None, check name) of every failure."""
    cases = failure_cases(schema, frame)
    return {
        (None if pd.isna(column) else column, str(check))
        for column, check in zip(cases["column"], cases["check"])
    }
