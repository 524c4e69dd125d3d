"""--format csv|jsonl|md|parquet|xlsx: every format reads back through pandas with the same
rows and columns (a Markdown table with its whitespace folded)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import ExportError
from claimcheck.records import (
    CLAIM_COLUMNS,
    CONFLICT_COLUMNS,
    SENTENCE_COLUMNS,
    Claim,
    Conflict,
    Sentence,
)
from claimcheck.write.export import FORMATS, _cell, _write_csv, unneutralize_cell, write_records

TRICKY = '=HYPERLINK("http://x","y") said 47% — “quoted”, with a\ttab and\x0bcontrol'


def _claims() -> list[Claim]:
    return [
        Claim(claim_id="c1", source="a", sentence_id=0, char_start=0, char_end=3, span="47%",
              kind="percent", subject="tariff", predicate="cut", value=47.0, value_from=57.0,
              unit="%", sentence=TRICKY, entities=("GPE:Busan", "PERSON:xi jinping")),
        Claim(claim_id="c2", source="b", sentence_id=3, char_start=10, char_end=15,
              span="Busan", kind="location", subject="meeting", predicate="meet",
              value="Busan", unit="city", sentence="They met in Busan.", place_country="KR"),
    ]


def _conflicts() -> list[Conflict]:
    return [Conflict(conflict_id="k1", kind="numeric_mismatch", slot="percent · tariff · cut",
                     claim_a="c1", claim_b="c3", source_a="a", source_b="b", value_a="47%",
                     value_b="10%", sentence_a=TRICKY, sentence_b="-10% it fell", span_a="47%",
                     span_b="10%", char_start_a=0, char_end_a=3, char_start_b=1, char_end_b=4,
                     explanation="a says 47%, b says 10%", confidence=0.65)]


def _sentences() -> list[Sentence]:
    return [Sentence(source="a", index=0, start=0, end=len(TRICKY), text=TRICKY),
            Sentence(source="a", index=1, start=80, end=90, text="+1 more")]


def _read(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":  # formula-like text cells carry a protective quote in CSV only
        return pd.read_csv(path, dtype=str, keep_default_na=False).map(unneutralize_cell)
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "md":  # formula-like text cells carry the protective quote as in CSV
        return _read_markdown(path).map(unneutralize_cell)
    return pd.read_excel(path, dtype=object)


def _read_markdown(path: Path) -> pd.DataFrame:
    """A Markdown table as written by ``write_records`` ("|" escaped as "\\|")."""
    import re

    def cells(line: str) -> list[str]:
        parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        return [p.strip().replace("\\|", "|").replace("\\\\", "\\") for p in parts]

    lines = path.read_text(encoding="utf-8").splitlines()
    assert set(lines[1]) <= {"|", "-"}  # the header's separator line
    return pd.DataFrame([cells(line) for line in lines[2:]], columns=cells(lines[0]))


def _norm(df: pd.DataFrame) -> list[list[str]]:
    def cell(v: object) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        if isinstance(v, float) and v == int(v):
            return str(int(v))
        return str(v)

    return [[cell(v) for v in row] for row in df.itertuples(index=False)]


@pytest.mark.parametrize("records,columns", [
    (_claims(), CLAIM_COLUMNS), (_conflicts(), CONFLICT_COLUMNS), (_sentences(), SENTENCE_COLUMNS),
], ids=["claims", "conflicts", "sentences"])
def test_formats_round_trip(tmp_path: Path, records: list, columns: tuple[str, ...]) -> None:
    frames = {}
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        write_records(records, out, fmt)
        frames[fmt] = _read(out, fmt)
        assert list(frames[fmt].columns) == list(columns), fmt
        assert len(frames[fmt]) == len(records), fmt
    # control characters cannot be stored in xlsx, and a Markdown cell is one line of
    # words; everything else is the same
    want = [[c.replace("\x0b", "") for c in row] for row in _norm(frames["csv"])]
    for fmt in FORMATS:
        got = [[c.replace("\x0b", "") for c in row] for row in _norm(frames[fmt])]
        if fmt == "md":
            want_md = [[" ".join(c.split()) for c in row] for row in _norm(frames["csv"])]
            assert got == want_md, fmt
        else:
            assert got == want, fmt


def test_markdown_table_escapes_pipes_and_keeps_one_line_per_row(tmp_path: Path) -> None:
    out = tmp_path / "findings.md"
    conflict = _conflicts()[0]
    from dataclasses import replace

    tricky = replace(conflict, explanation="a | b\nsays 47%", sentence_b="back\\slash")
    write_records([tricky], out, "md", columns=("conflict_id", "explanation", "sentence_b"))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == ["| conflict_id | explanation | sentence_b |", "|---|---|---|",
                     "| k1 | a \\| b says 47% | back\\\\slash |"]


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    write_records(_claims(), out, "xlsx")
    ws = load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    tricky = [c for c in cells if c.value.startswith("=HYPERLINK")]
    assert tricky and all(c.data_type == "s" for c in tricky)


def test_binary_format_needs_a_file() -> None:
    with pytest.raises(ExportError, match="-o"):
        write_records(_claims(), None, "parquet")


@pytest.mark.parametrize("suffix,fmt", [(".parquet", "parquet"), (".xlsx", "xlsx"),
                                        (".jsonl", "jsonl"), (".csv", "csv"), (".md", "md")])
def test_cli_format_from_suffix(tmp_path: Path, suffix: str, fmt: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Tariffs were cut from 57% to 47% on Thursday.\n")
    out = tmp_path / f"claims{suffix}"
    res = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--model", "rules", "-q"])
    assert res.exit_code == 0, res.output
    df = _read(out, fmt)
    assert list(df.columns) == list(CLAIM_COLUMNS)
    assert "from 57% to 47%" in set(df["span"])


def test_cli_binary_format_to_terminal_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Tariffs were cut to 47%.\n")
    res = CliRunner().invoke(app, ["extract", str(src), "--format", "xlsx", "--model", "rules"])
    assert res.exit_code == 2


# --------------------------------------------------------------- the CSV writer


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)),
                         min_size=3, max_size=3), max_size=20))
@settings(max_examples=200, deadline=None)
def test_csv_writer_matches_the_csv_module(table: list[list[object]]) -> None:
    """The batched writer gives the bytes csv.writer gives, for any text (quotes, commas,
    line breaks, line separators, control characters), except that it also quotes a
    carriage return (RFC 4180), which csv.writer leaves bare; either way the cells read
    back as written."""
    cols = ("a", "b", "c")
    rows = [dict(zip(cols, r, strict=True)) for r in table]
    ours = io.StringIO()
    _write_csv(iter(rows), cols, ours)
    cells = [[str(_cell(r[c])) for c in cols] for r in rows]
    assert list(csv.reader(io.StringIO(ours.getvalue(), newline=""))) == [list(cols), *cells]
    if not any("\r" in cell for row in cells for cell in row):
        ref = io.StringIO()
        w = csv.writer(ref, lineterminator="\n")
        w.writerow(cols)
        w.writerows([[_cell(r[c]) for c in cols] for r in rows])
        assert ours.getvalue() == ref.getvalue()


def test_write_records_streams_a_generator(tmp_path: Path) -> None:
    """Records may come from a generator (conflicts are written slot by slot); the count
    written is returned, and an empty generator still gives the header."""
    out = tmp_path / "c.csv"
    n = write_records((c for c in _conflicts() * 3), out, "csv")
    frame = pd.read_csv(out, keep_default_na=False)
    assert n == 3 * len(_conflicts()) == len(frame)
    assert tuple(frame.columns) == CONFLICT_COLUMNS
    empty = tmp_path / "e.csv"
    assert write_records(iter(()), empty, "csv", columns=CONFLICT_COLUMNS) == 0
    assert empty.read_text() == ",".join(CONFLICT_COLUMNS) + "\n"
