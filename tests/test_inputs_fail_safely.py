"""Issue: a fresh machine. A reader that fails on one input skips it (the others go on), a
dependency that cannot be imported is one line naming the package, source ids are kept as
the input gave them, and file names derived from ids are safe and distinct."""

from __future__ import annotations

import csv
import json
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.errors import dependency_error
from claimcheck.read import readers
from claimcheck.read.ingest import file_names, safe_name

TEXT = "Tariffs were cut from 57% to 47% on 30 October 2025, officials said in Busan."
PAGE = f"<html><head><title>Tariffs cut</title></head><body><article><p>{TEXT}</p>" \
       "<p>The two leaders met for about 100 minutes.</p></article></body></html>"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a-page.html").write_text(PAGE, encoding="utf-8")
    (d / "b-text.txt").write_text(TEXT + "\n", encoding="utf-8")
    return d


def _boom(page):
    raise ValueError("odd page\nsecond line")


def test_a_reader_that_fails_skips_only_that_input(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "html_to_text", _boom)
    out = tmp_path / "claims.csv"
    r = run("extract", str(folder), "-o", str(out), "--model", "rules", "--no-cache")
    assert r.exit_code == 3, r.output
    lines = [ln for ln in r.stderr.splitlines() if "a-page.html" in ln]
    assert len(lines) == 1
    assert "the reader failed (ValueError: odd page)" in lines[0]
    assert "Traceback" not in r.stderr
    sources = set(pd.read_csv(out)["source"])
    assert sources == {"b-text"}


def test_debug_shows_the_traceback_of_a_failed_reader(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "html_to_text", _boom)
    out = tmp_path / "claims.csv"
    r = run("extract", str(folder), "-o", str(out), "--model", "rules", "--no-cache", "--debug")
    assert r.exit_code == 3
    assert "Traceback" in r.stderr and "_boom" in r.stderr
    assert set(pd.read_csv(out)["source"]) == {"b-text"}


def test_a_dependency_that_cannot_be_imported_is_one_line(folder, tmp_path, monkeypatch):
    # None in sys.modules makes `import trafilatura` raise ImportError.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    out = tmp_path / "claims.csv"
    out.write_text("old\n")
    r = run("extract", str(folder), "-o", str(out), "--model", "rules", "--no-cache")
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "'trafilatura' cannot be imported" in lines[0]
    assert "python -m pip install 'trafilatura'" in lines[0]
    assert out.read_text() == "old\n"


def test_the_lxml_clean_split_names_its_package():
    exc = ImportError("lxml.html.clean module is now a separate project lxml_html_clean.\n"
                      "Install lxml[html_clean] or lxml_html_clean directly.")
    msg = str(dependency_error(exc))
    assert "'lxml_html_clean' cannot be imported" in msg
    assert "python -m pip install 'lxml_html_clean'" in msg
    assert "\n" not in msg


@pytest.mark.parametrize(("name", "package"), [
    ("dateutil.easter", "python-dateutil"), ("text_to_num", "text2num"), ("pysbd", "pysbd"),
])
def test_module_names_map_to_packages(name, package):
    msg = str(dependency_error(ModuleNotFoundError(f"No module named {name!r}", name=name)))
    assert f"install '{package}'" in msg


def test_an_unexpected_error_is_one_line_without_debug(folder, tmp_path, monkeypatch):
    from claimcheck import pipeline

    def broken(*_a, **_k):
        raise RuntimeError("bug")

    monkeypatch.setattr(pipeline, "start_extraction", broken)
    r = run("extract", str(folder), "-o", str(tmp_path / "c.csv"), "--model", "rules")
    assert r.exit_code == 1
    assert "Traceback" not in r.stderr
    assert "Internal error (RuntimeError: bug)" in r.stderr and "--debug" in r.stderr
    r = run("extract", str(folder), "-o", str(tmp_path / "c.csv"), "--model", "rules", "--debug")
    assert isinstance(r.exception, RuntimeError)


# ------------------------------------------------------------------------- ids as given

IDS = ["pysbd/en-golden/01", "pysbd_en-golden_01", "a b", "Zürich-1", "=cmd", "A", "a", "..",
       "x" * 300]


def test_ids_are_kept_as_given_and_join_back_to_their_records(tmp_path):
    table = tmp_path / "feed.jsonl"
    records = [{"id": rid, "text": f"{TEXT} Case {i}: 4{i}% of voters agreed."}
               for i, rid in enumerate(IDS)]
    table.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    saved = tmp_path / "texts"
    r = run("extract", str(table), "-o", str(out), "--model", "rules", "--no-cache",
            "--save-text", str(saved))
    assert r.exit_code == 0, r.stderr
    claims = pd.read_json(out, lines=True, dtype={"source": str})
    joined = claims.merge(pd.DataFrame(records), left_on="source", right_on="id")
    assert len(joined) == len(claims)
    assert set(joined["id"]) == set(IDS)
    # each record's own percentage is found under its own id
    percents = claims[claims["kind"] == "percent"]
    for i, rid in enumerate(IDS):
        assert 40 + i in set(percents.loc[percents["source"] == rid, "value"].astype(float))
    # the saved texts: one safe file each, and an index naming each id's file
    with open(saved / "index.csv", encoding="utf-8", newline="") as fh:
        index = {row["source"].removeprefix("'"): row["file"] for row in csv.DictReader(fh)}
    assert set(index) == set(IDS)
    assert len(set(index.values())) == len(IDS)
    for name in index.values():
        assert "/" not in name and not name.startswith(".")
        assert (saved / name).read_text(encoding="utf-8").startswith(TEXT)


def test_ids_from_a_csv_table_are_kept(tmp_path):
    table = tmp_path / "feed.csv"
    pd.DataFrame({"id": ["wire/2025/001", "wire/2025/002"],
                  "text": [TEXT, "Turnout was 71.6% in June."]}).to_csv(table, index=False)
    out = tmp_path / "claims.csv"
    r = run("extract", str(table), "-o", str(out), "--model", "rules", "--no-cache")
    assert r.exit_code == 0, r.stderr
    assert set(pd.read_csv(out)["source"]) == {"wire/2025/001", "wire/2025/002"}


@pytest.mark.parametrize("sid", IDS + ["a\nb", "a\\b", "con", " lead"])
def test_safe_names_are_plain_file_names(sid):
    name = safe_name(sid)
    assert name and not name.startswith(".") and len(name) <= 89
    assert all(c.isalnum() or c in "._-" for c in name)


def test_file_names_never_collide_even_ignoring_case():
    names = file_names(IDS)
    assert len({n.casefold() for n in names.values()}) == len(IDS)
    assert names["pysbd_en-golden_01"] == "pysbd_en-golden_01"
    assert names["pysbd/en-golden/01"].startswith("pysbd_en-golden_01-")
