from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from typer.testing import CliRunner

from claimcheck.cli import app

runner = CliRunner()


def test_cli_help_lists_commands():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for cmd in ("extract", "conflicts", "sentences"):
        assert cmd in r.stdout


def test_cli_help_does_not_import_spacy_or_pandas():
    code = "import sys, claimcheck.cli; print('spacy' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_cli_extract_rules_stdout_csv_and_note_on_stderr(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Tariffs were cut from 57 percent to 47 percent.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(art), "--model", "rules"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["kind"] == "percent" and rows[0]["value_from"] == "57"
    assert "without a trained pipeline" in r.stderr
    assert r.stderr.count("Note:") == 1
    quiet = runner.invoke(app, ["extract", str(art), "--model", "rules", "-q"])
    assert quiet.exit_code == 0 and quiet.stdout == r.stdout
    assert quiet.stderr == ""  # -q: no notes; a skipped input would still be named


def test_cli_extract_to_file_prints_summary(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Prices rose 5% in March 2024.", encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    r = runner.invoke(app, ["extract", str(art), "-m", "rules", "-o", str(out)])
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "1 articles, 1 sentences, 2 claims" in r.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {row["kind"] for row in rows} == {"percent", "date"}


def test_cli_missing_input_is_reported_and_exit_3(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Prices rose 5%.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(good), str(tmp_path / "nope.txt"), "-m", "rules"])
    assert r.exit_code == 3
    assert "nope.txt: no such file or folder" in r.stderr
    assert "percent" in r.stdout
    r = runner.invoke(
        app, ["extract", str(good), str(tmp_path / "nope.txt"), "-m", "rules", "--strict"]
    )
    assert r.exit_code == 1


def test_cli_unknown_model_is_one_line_error(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Prices rose 5%.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(art), "--model", "no_such_pipeline"])
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: spaCy pipeline 'no_such_pipeline' is not installed")
    assert len(r.stderr.strip().splitlines()) == 1


def test_cli_output_equal_to_input_is_refused(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Prices rose 5%.", encoding="utf-8")
    r = runner.invoke(app, ["extract", str(art), "-o", str(art), "-m", "rules"])
    assert r.exit_code == 2
    assert art.read_text() == "Prices rose 5%."


def test_cli_conflicts_from_edited_claims_csv(tmp_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text("Officials cut tariffs on steel from 25% to 15%.", encoding="utf-8")
    (arts / "b.txt").write_text("Officials cut tariffs on steel from 25% to 10%.", encoding="utf-8")
    claims = tmp_path / "claims.csv"
    r = runner.invoke(app, ["extract", str(arts), "-m", "rules", "-o", str(claims)])
    assert r.exit_code == 0
    out = tmp_path / "conflicts.csv"
    r = runner.invoke(app, ["conflicts", str(claims), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(x["kind"], x["value_a"], x["value_b"]) for x in rows] == [
        ("transition_mismatch", "25% → 15%", "25% → 10%")
    ]


def test_cli_conflicts_bad_claims_csv_names_column(tmp_path):
    bad = tmp_path / "claims.csv"
    bad.write_text("source,kind,value,char_start\na,percent,abc,1\n", encoding="utf-8")
    r = runner.invoke(app, ["conflicts", str(bad)])
    assert r.exit_code == 1
    assert "missing column(s) char_end" in r.stderr


def test_cli_sentences(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("One sentence. Another one.", encoding="utf-8")
    r = runner.invoke(app, ["sentences", str(art)])
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [x["text"] for x in rows] == ["One sentence.", "Another one."]
