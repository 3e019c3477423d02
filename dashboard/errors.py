"""Errors a user can act on: each carries a message naming the file and what is wrong. Real bugs stay exceptions."""


class BilateralError(Exception):
    """An expected problem with input or set-up; the CLI prints its message, never a traceback."""


class DatasetNotFound(BilateralError):
    """A dataset or version that the catalog does not have."""


class IntegrityError(BilateralError):
    """A dataset file whose bytes or sha256 differ from its descriptor."""


class InvalidData(BilateralError):
    """Data that failed validation; carries the reports listing every failure."""

    def __init__(self, message: str, reports=()):
        super().__init__(message)
        self.reports = list(reports)
