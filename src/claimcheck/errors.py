"""Fatal errors: the whole run cannot continue. Each message says what to do next."""


class ClaimcheckError(Exception):
    """Base class for errors shown to the user as one line."""


class SourceError(ClaimcheckError):
    """An input path is missing or unusable as a whole."""


class ModelNotFoundError(ClaimcheckError):
    """The requested spaCy pipeline is not installed."""


class ExportError(ClaimcheckError):
    """An output could not be written."""


class InputFormatError(ClaimcheckError):
    """A claims table is malformed (missing column, bad value)."""
