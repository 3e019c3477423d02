"""The registry of dataset schemas: one pandera DataFrameModel per dataset, found by dataset name."""

from importlib import import_module

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


def schema_for(dataset: str):
    """Import and return the DataFrameModel that checks `dataset`."""
    module_name, class_name = SCHEMA_PATHS[dataset].split(":")
    return getattr(import_module(module_name), class_name)
