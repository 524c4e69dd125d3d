"""Claims tables read back as input: a claims CSV written by ``claimcheck extract`` (and
perhaps edited by hand) or a claimcheck SQLite database, told apart from articles."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..records import Claim


def split_tables(paths: Iterable[str | Path]) -> tuple[list[Path], list[str | Path]]:
    """``paths`` parted into claims tables (a claims CSV written by ``extract``, or a
    claimcheck SQLite database) and the other inputs (articles), each in order."""
    from .database import is_database_path

    tables: list[Path] = []
    others: list[str | Path] = []
    for p in paths:
        path = Path(p)
        if path.is_file() and (
            is_database_path(path)
            or (str(p).lower().endswith(".csv") and _looks_like_claims(path))
        ):
            tables.append(path)
        else:
            others.append(p)
    return tables, others


def read_claims_table(path: Path) -> list[Claim]:
    """The claims of a claims CSV or of a claimcheck database."""
    from .database import is_database_path, read_claims
    from .export import read_claims_csv

    return read_claims(path) if is_database_path(path) else read_claims_csv(path)


def _looks_like_claims(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            header = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    cols = {c.strip() for c in header.split(",")}
    return {"kind", "value", "source"} <= cols
