"""Records → tables (pandas) and files, written atomically; claims tables read back."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import ExportError, InputFormatError
from ..records import (
    CLAIM_COLUMNS,
    CONFLICT_COLUMNS,
    NUMERIC_KINDS,
    SENTENCE_COLUMNS,
    UPDATE_COLUMNS,
    Claim,
    Conflict,
    Sentence,
    Update,
)

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "jsonl", "md", "parquet", "xlsx")
#: Formats that are written only to a file (-o), never to a terminal or pipe.
BINARY_FORMATS = frozenset({"parquet", "xlsx"})
#: Output suffix → format.
SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "md",
                  ".markdown": "md", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}


def format_value(value: float | str | None) -> str:
    """Numbers without a spurious '.0' and without exponent notation; text as is."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value == int(value) and abs(value) < 1e18:
            return str(int(value))
        return repr(round(value, 10))
    return str(value)


def claim_row(c: Claim) -> dict[str, Any]:
    return {
        "claim_id": c.claim_id,
        "source": c.source,
        "sentence_id": c.sentence_id,
        "char_start": c.char_start,
        "char_end": c.char_end,
        "span": c.span,
        "kind": c.kind,
        "subject": c.subject,
        "predicate": c.predicate,
        "value": format_value(c.value),
        "value_from": format_value(c.value_from),
        "unit": c.unit,
        "approx": c.approx,
        "modality": c.modality,
        "event_date": c.event_date,
        "sentence": c.sentence,
        "entities": "; ".join(c.entities),
        "place_country": c.place_country,
        "attribute": c.attribute,
        "scope": c.scope,
        "occurrence": c.occurrence,
        "published": c.published,
    }


def conflict_row(c: Conflict) -> dict[str, Any]:
    row = {col: getattr(c, col) for col in CONFLICT_COLUMNS}
    row["sources_a"] = ";".join(c.sources_a or (c.source_a,))
    row["sources_b"] = ";".join(c.sources_b or (c.source_b,))
    return row


def update_row(u: Update) -> dict[str, Any]:
    return {col: getattr(u, col) for col in UPDATE_COLUMNS}


def sentence_row(s: Sentence) -> dict[str, Any]:
    return {"source": s.source, "sentence_id": s.index, "char_start": s.start,
            "char_end": s.end, "text": s.text}


def rows_for(records: Sequence[Any]) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    row_of, cols = _row_function(records[0] if records else None)
    return [row_of(r) for r in records], cols


def to_dataframe(records: Sequence[Any], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A DataFrame with the fixed column order of claims.csv / conflicts.csv / sentences."""
    import pandas as pd

    rows, cols = rows_for(records)
    return pd.DataFrame(rows, columns=list(columns or cols))


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only once
    everything was written; on any error (or Ctrl-C) the old file is left untouched and
    the temporary file removed."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: folder {folder} does not exist; create it first")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        _copy_mode(path, fd)
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _copy_mode(path: Path, fd: int) -> None:
    """The new file keeps the permissions of the file it replaces (mkstemp makes 0600),
    or gets the usual ones for a new file."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)


def write_records(records: Iterable[Any], path: Path | None, fmt: str,
                  columns: Sequence[str] | None = None, stream: IO[str] | None = None) -> int:
    """Write records as CSV, JSONL, a Markdown table, Parquet or xlsx to ``path``
    (atomically) or to ``stream``; returns how many were written.

    ``records`` may be a generator: the rows of a text format (``TEXT_WRITERS``) are
    written as they come, so a table bigger than memory can be written (Parquet and xlsx
    are built whole)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    it = iter(records)
    first = next(it, None)
    row_of, cols = _row_function(first)
    cols = tuple(columns or cols)
    rows = (row_of(r) for r in itertools.chain(() if first is None else (first,), it))
    if fmt in BINARY_FORMATS:
        table = list(rows)
        _write_binary(table, cols, path, fmt)
        return len(table)
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    def writer(fh: IO[str]) -> None:
        TEXT_WRITERS[fmt](counted(), cols, fh)

    if path is None:
        import sys

        writer(stream or sys.stdout)
        return count
    try:
        with atomic_writer(Path(path)) as fh:
            writer(fh)
    except OSError as exc:
        raise ExportError(
            f"{path}: cannot write ({exc.strerror}); check the folder's permissions"
        ) from exc
    return count


def _row_function(first: Any) -> tuple[Callable[[Any], dict[str, Any]], tuple[str, ...]]:
    """The row maker and columns for records of the type of ``first`` (claims if None);
    rows already made (dicts, e.g. from the Dask engine) are written as they are."""
    if isinstance(first, dict):
        return dict, CLAIM_COLUMNS
    if isinstance(first, Conflict):
        return conflict_row, CONFLICT_COLUMNS
    if isinstance(first, Sentence):
        return sentence_row, SENTENCE_COLUMNS
    if isinstance(first, Update):
        return update_row, UPDATE_COLUMNS
    return claim_row, CLAIM_COLUMNS


def _write_jsonl(rows: Iterable[dict[str, Any]], cols: tuple[str, ...], fh: IO[str]) -> None:
    """One JSON object per line, keys in column order."""
    for row in rows:
        fh.write(json.dumps({c: row.get(c) for c in cols}, ensure_ascii=False) + "\n")


def _write_markdown(rows: Iterable[dict[str, Any]], cols: tuple[str, ...],
                    fh: IO[str]) -> None:
    """A Markdown (GitHub) table, to paste into a report or a ticket: one line per row,
    "|" escaped, a line break in a cell written as a space."""
    fh.write("| " + " | ".join(cols) + " |\n")
    fh.write("|" + "---|" * len(cols) + "\n")
    for row in rows:
        fh.write("| " + " | ".join(_markdown_cell(_cell(row.get(c))) for c in cols) + " |\n")


def _markdown_cell(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _write_csv(rows: Iterable[dict[str, Any]], cols: tuple[str, ...], fh: IO[str]) -> None:
    """RFC 4180 CSV with minimal quoting, byte for byte what ``csv.writer(fh,
    lineterminator="\\n")`` writes except that a carriage return is quoted too (csv.writer
    leaves it bare, and readers take it for a line end); about twice as fast for long
    text cells: each row is joined once and rows are written in batches."""
    fh.write(",".join(_csv_field(c) for c in cols) + "\n")
    batch: list[str] = []
    for row in rows:
        batch.append(",".join([_csv_field(_cell(row.get(c))) for c in cols]))
        if len(batch) == 1024:
            batch.append("")
            fh.write("\n".join(batch))
            batch.clear()
    if batch:
        batch.append("")
        fh.write("\n".join(batch))


#: A cell holding one of these is quoted (the delimiter, the quote, a line break).
_NEEDS_QUOTES = re.compile('[",\r\n]')


def _csv_field(value: Any) -> str:
    if not isinstance(value, str):
        return str(value)
    if _NEEDS_QUOTES.search(value) is None:
        return value
    return '"' + value.replace('"', '""') + '"'


def _cell(value: Any) -> Any:
    """A CSV cell: None as empty, formula-like text neutralized (checked on the first
    character before anything slower)."""
    if value is None:
        return ""
    if isinstance(value, str) and value and value[0] in _RISKY_FIRST:
        return neutralize_cell(value)
    return value


#: A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY_FIRST = frozenset("".join(_FORMULA_START) + "'")


def neutralize_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM(...)")
    gets a leading single quote, the usual escape; numbers ("-5", "+2.5") are left as they
    are. A text already starting with a quote and a formula character gets one more, so
    ``unneutralize_cell`` gives back the exact text.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
        return value
    if value.startswith("'") and value[1:].startswith(_FORMULA_START + ("'",)):
        return "'" + value
    return value


def unneutralize_cell(value: str) -> str:
    """Undo ``neutralize_cell`` on a cell read back from a claims CSV."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START + ("'",)):
        return value[1:]
    return value



# --------------------------------------------------------------- parquet and xlsx


def _write_binary(rows: list[dict[str, Any]], cols: tuple[str, ...], path: Path | None,
                  fmt: str) -> None:
    """Parquet (pyarrow) or xlsx (openpyxl), written atomically; same rows and columns as
    the CSV. Needs a file: a spreadsheet on a terminal helps nobody."""
    if path is None:
        raise ExportError(f"--format {fmt} writes a file; give one with -o (e.g. -o out.{fmt})")
    try:
        with atomic_writer(Path(path), "wb") as fh:
            if fmt == "parquet":
                _write_parquet(rows, cols, fh)
            else:
                _write_xlsx(rows, cols, fh)
    except OSError as exc:
        raise ExportError(
            f"{path}: cannot write ({exc.strerror}); check the folder's permissions"
        ) from exc


def _write_parquet(rows: list[dict[str, Any]], cols: tuple[str, ...], fh: IO[bytes]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {c: [row.get(c) for row in rows] for c in cols}
    types = {c: _arrow_type(data[c]) for c in cols}
    table = pa.table({c: pa.array(data[c], type=types[c]) for c in cols})
    pq.write_table(table, fh)


def _arrow_type(values: list[Any]) -> Any:
    import pyarrow as pa

    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pa.float64()
    return pa.string()


#: Characters an xlsx cell cannot hold (XML 1.0 control characters).
_XLSX_ILLEGAL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")
_XLSX_MAX = 32_767


def _write_xlsx(rows: list[dict[str, Any]], cols: tuple[str, ...], fh: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("claimcheck")
    # header row frozen and filterable; long text columns wide enough to read
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(cols)))}{len(rows) + 1}"
    for i, c in enumerate(cols, start=1):
        wide = c in {"sentence", "sentence_a", "sentence_b", "text", "explanation"}
        ws.column_dimensions[get_column_letter(i)].width = 80 if wide else max(10, len(c) + 2)
    ws.append(list(cols))
    table = str.maketrans("", "", _XLSX_ILLEGAL)
    for row in rows:
        out: list[Any] = []
        for c in cols:
            v = row.get(c)
            if isinstance(v, str):
                # Text stays text: a cell starting with '=' is stored as a string, never a
                # formula, so article text cannot run in the analyst's spreadsheet.
                cell = WriteOnlyCell(ws, value=v.translate(table)[:_XLSX_MAX])
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(v)
        ws.append(out)
    wb.save(fh)


# --------------------------------------------------------------- reading claims back

REQUIRED_CLAIM_COLUMNS = ("source", "char_start", "char_end", "kind", "subject", "predicate",
                          "value")


def read_claims_csv(path: Path) -> list[Claim]:
    """Claims from a claims.csv (possibly edited by an analyst), read row by row.

    Raises:
        InputFormatError: a required column is missing or a value is malformed; the
            message names the column and the row.
    """
    import csv

    try:
        # newline="": a quoted cell may hold a line break or a line separator (U+2028)
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            try:
                header = next(reader, [])
            except csv.Error as exc:
                raise InputFormatError(f"{path}: header is not a valid CSV row ({exc})") from None
            index = {name: i for i, name in enumerate(header)}  # a repeated name: the last
            missing = [c for c in REQUIRED_CLAIM_COLUMNS if c not in index]
            if missing:
                raise InputFormatError(
                    f"{path}: missing column(s) {', '.join(missing)}; a claims table needs "
                    f"{', '.join(REQUIRED_CLAIM_COLUMNS)} (as written by claimcheck extract)"
                )
            make = _claim_maker(path, index)
            out = []
            rowno = 1
            try:
                for rowno, row in enumerate(reader, start=2):  # noqa: B007
                    if row:  # a blank line is no row
                        out.append(make(rowno, row))
            except csv.Error as exc:
                raise InputFormatError(
                    f"{path}: row {rowno + 1} is not a valid CSV row ({exc})"
                ) from None
            return out
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFormatError(f"{path}: cannot read claims table ({exc})") from exc


def _claim_maker(path: Path, index: dict[str, int]) -> Callable[[int, list[str]], Claim]:
    """A function turning one row of a claims table (with the header's ``index``) into a
    Claim; a malformed number is an InputFormatError naming the row and column."""
    where = [index.get(c) for c in CLAIM_COLUMNS]
    # Claims of one sentence, source or subject share one string object: a big table
    # repeats them, and each copy would cost memory.
    shared: dict[str, str] = {}

    def make(rowno: int, row: list[str]) -> Claim:
        cells: dict[str, str] = {}
        for col, i in zip(CLAIM_COLUMNS, where, strict=True):
            v = row[i] if i is not None and i < len(row) else ""
            if v[:1] == "'":
                v = unneutralize_cell(v)
            cells[col] = shared.setdefault(v, v)
        return _claim_of(cells, path, rowno)

    return make


def _number(cells: dict[str, str], col: str, path: Path, rowno: int,
            kind: type = int) -> Any:
    """The number in column ``col``; None when it is empty."""
    raw = cells[col].strip()
    if raw == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        raise InputFormatError(
            f"{path}: row {rowno}, column {col}: {raw!r} is not a number"
        ) from None


def _claim_of(cells: dict[str, str], path: Path, rowno: int) -> Claim:
    """The Claim of one row's cells (by column name)."""
    kind = cells["kind"].strip()
    value: float | str | None
    value_from: float | str | None
    if kind in NUMERIC_KINDS:
        value = _number(cells, "value", path, rowno, float)
        value_from = _number(cells, "value_from", path, rowno, float)
    else:
        value = cells["value"].strip()
        value_from = cells["value_from"].strip() or None
    start = _number(cells, "char_start", path, rowno) or 0
    end = _number(cells, "char_end", path, rowno) or 0
    source = cells["source"]
    entities = cells["entities"]
    claim_id = cells["claim_id"].strip()
    if not claim_id:  # a table without claim ids
        from ..extraction.claims import claim_id as make_id

        claim_id = make_id(source, start, end, kind)
    return Claim(
        claim_id=claim_id,
        source=source,
        sentence_id=_number(cells, "sentence_id", path, rowno) or 0,
        char_start=start,
        char_end=end,
        span=cells["span"],
        kind=kind,
        subject=cells["subject"],
        predicate=cells["predicate"],
        value=value,
        value_from=value_from,
        unit=cells["unit"],
        approx=cells["approx"],
        modality=cells["modality"] or "asserted",
        event_date=cells["event_date"],
        sentence=cells["sentence"],
        entities=tuple(e.strip() for e in entities.split(";") if e.strip())
        if entities else (),
        place_country=cells["place_country"],
        attribute=cells["attribute"],
        scope=cells["scope"],
        occurrence=cells["occurrence"],
        published=cells["published"],
    )


#: Text formats and their writers (rows as dicts, the columns, the open file): a format
#: added here is streamed to a file or a pipe like the others.
TEXT_WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], tuple[str, ...], IO[str]], None]] = {
    "csv": _write_csv,
    "jsonl": _write_jsonl,
    "md": _write_markdown,
}
