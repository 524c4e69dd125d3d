"""claimcheck: extract checkable claims from news articles and flag contradictions.

    import claimcheck
    claims = claimcheck.extract(["data/sources"])
    conflicts = claimcheck.find_conflicts(claims)
    claimcheck.to_dataframe(conflicts)

The API functions and record types are imported on first use, so ``import claimcheck``
stays light (no spaCy, no pandas).
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

#: public name → module that defines it
_LAZY = {
    "extract": "api",
    "find_conflicts": "api",
    "to_dataframe": "api",
    "run": "api",
    "load": "api",
    "render_report": "report",
    "write_report": "report",
    "Article": "records",
    "Claim": "records",
    "Conflict": "records",
    "Sentence": "records",
    "Slot": "records",
    "Result": "records",
    "Problem": "records",
    "Settings": "settings",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # names for type checkers and IDEs; loaded lazily below
    from .api import extract, find_conflicts, load, run, to_dataframe  # noqa: F401
    from .records import Article, Claim, Conflict, Problem, Result, Sentence, Slot  # noqa: F401
    from .settings import Settings  # noqa: F401
    from .write.report import render_report, write_report  # noqa: F401


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
