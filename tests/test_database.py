"""-o results.db: the SQLite database that grows with the story (claimcheck.write.database)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.pipeline import update_database
from claimcheck.settings import Settings
from claimcheck.write import database
from claimcheck.write.database import read_claims
from conftest import SOURCES

runner = CliRunner()
RULES = Settings(model="rules")

#: Five invented reports of one storm: a death toll (37 against 41 the same day) and a
#: fine ($2 million against $3 million).
ARTICLES = [
    ("wire/2025/001", "The storm killed 37 people on Friday. The company was fined $2 million."),
    ("daily/002", "The storm killed 41 people on Friday. The company was fined $3 million."),
    ("post/003", "The storm killed 37 people on Friday. The company was fined $2 million."),
    ("gazette 004", "Rescuers searched all night. The company was fined $2 million."),
    ("radio-005", "The storm killed 37 people on Friday, officials said."),
]
#: A sixth report that speaks of the fine only.
NEW = ("evening/006", "The company was fined $5 million, its lawyers said.")


def _jsonl(path: Path, articles: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t, "published": "2025-10-30"}) + "\n"
                            for i, t in articles), encoding="utf-8")
    return path


def _snapshot(path: Path, skip: tuple[str, ...] = ("runs",)) -> dict[str, set[tuple]]:
    """Every row (with its rowid) of every table but ``skip`` and the FTS shadow tables."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%'")]
        return {n: set(conn.execute(f'SELECT rowid, * FROM "{n}"')) for n in names
                if n not in skip}
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def five(tmp_path: Path) -> Path:
    """A database holding the five invented articles."""
    db = tmp_path / "results.db"
    update_database(db, [str(_jsonl(tmp_path / "five.jsonl", ARTICLES))], RULES)
    return db


def test_tables_keys_indexes_and_full_text_search(five: Path):
    from sqlite_utils import Database

    db = Database(five)
    for name in ("sources", "sentences", "claims", "slot_claims", "findings", "pairs",
                 "updates", "slot_digests", "runs"):
        assert db.table(name).exists(), name
    assert db.table("slot_digests").pks == ["slot", "source"]
    assert db.table("sources").pks == ["id"]
    assert db.table("sentences").pks == ["source", "sentence_id"]
    assert db.table("claims").pks == ["claim_id"]
    assert db.table("findings").pks == ["conflict_id"]
    assert db.table("pairs").pks == ["conflict_id"]
    fks = {(fk.column, fk.other_table, fk.other_column) for fk in db.table("claims").foreign_keys}
    assert ("source", "sources", "id") in fks
    fks = {(fk.column, fk.other_table) for fk in db.table("findings").foreign_keys}
    assert {("source_a", "sources"), ("claim_a", "claims"), ("claim_b", "claims")} <= fks
    indexed = {(t, tuple(i.columns)) for t in ("claims", "findings", "updates")
               for i in db.table(t).indexes}
    for want in [("claims", ("source",)), ("claims", ("kind",)), ("claims", ("attribute",)),
                 ("findings", ("kind",)), ("findings", ("slot",)),
                 ("updates", ("slot",)), ("updates", ("attribute",))]:
        assert want in indexed, want
    # every column of the CSV tables is there
    from claimcheck.records import CLAIM_COLUMNS, CONFLICT_COLUMNS, UPDATE_COLUMNS

    assert list(db.table("claims").columns_dict) == list(CLAIM_COLUMNS)
    assert list(db.table("findings").columns_dict) == list(CONFLICT_COLUMNS)
    assert list(db.table("updates").columns_dict) == list(UPDATE_COLUMNS)
    hits = list(db.table("sentences").search("fined"))
    assert {h["source"] for h in hits} == {"wire/2025/001", "daily/002", "post/003",
                                           "gazette 004"}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_source_ids_are_kept_exactly_as_given(five: Path):
    conn = sqlite3.connect(five)
    ids = {r[0] for r in conn.execute("SELECT id FROM sources")}
    conn.close()
    assert ids == {i for i, _t in ARTICLES}
    assert {c.source for c in read_claims(five)} == ids
    conn = sqlite3.connect(five)
    sides = {s for r in conn.execute("SELECT sources_a, sources_b FROM findings")
             for cell in r for s in cell.split(";")}
    conn.close()
    assert "wire/2025/001" in sides


def test_findings_of_the_invented_story(five: Path):
    conn = sqlite3.connect(five)
    rows = {(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT slot, sources_a, sources_b FROM findings")}
    conn.close()
    assert ("count · deaths", "daily/002", "post/003;radio-005;wire/2025/001") in rows
    assert ("money · fine", "daily/002", "gazette 004;post/003;wire/2025/001") in rows


def test_rerun_on_the_same_inputs_changes_nothing(five: Path, tmp_path: Path):
    before = _snapshot(five)
    run = update_database(five, [str(tmp_path / "five.jsonl")], RULES)
    assert (run.added, run.replaced, run.unchanged) == (0, 0, 5)
    assert _snapshot(five) == before  # same rows, same rowids: nothing rewritten
    conn = sqlite3.connect(five)
    runs = conn.execute("SELECT command, added, replaced, unchanged, finished FROM runs "
                        "ORDER BY id").fetchall()
    conn.close()
    assert [r[:4] for r in runs] == [("extract", 5, 0, 0), ("extract", 0, 0, 5)]
    assert all(r[4] for r in runs)


def test_unchanged_articles_are_not_extracted_again(five: Path, tmp_path: Path, monkeypatch):
    from claimcheck import pipeline

    seen: list[str] = []
    real = pipeline.iter_article

    def spy(article, settings):
        seen.append(article.id)
        return real(article, settings)

    monkeypatch.setattr(pipeline, "iter_article", spy)
    new = _jsonl(tmp_path / "all.jsonl", [*ARTICLES, NEW])
    update_database(five, [str(new)], RULES)
    assert seen == ["evening/006"]


def test_adding_one_article_changes_only_its_rows_and_the_affected_findings(
    five: Path, tmp_path: Path
):
    before = _snapshot(five)
    run = update_database(five, [str(_jsonl(tmp_path / "new.jsonl", [NEW]))], RULES)
    assert (run.added, run.replaced, run.unchanged) == (1, 0, 0)
    after = _snapshot(five)
    for table in ("sources", "sentences", "claims"):
        assert before[table] <= after[table], table  # old rows untouched (rowids too)
        source_col = 2 if table == "claims" else 1  # after the rowid (and the claim id)
        assert {r[source_col] for r in after[table] - before[table]} == {NEW[0]}, table
    # findings: the death toll's is untouched; only findings of the fine slot that take in
    # the new source appear, none goes
    assert before["findings"] <= after["findings"]
    added = after["findings"] - before["findings"]
    assert added
    conn = sqlite3.connect(five)
    conn.row_factory = sqlite3.Row
    for row in conn.execute("SELECT * FROM findings"):
        if NEW[0] in (row["sources_a"] + ";" + row["sources_b"]).split(";"):
            assert row["slot"] == "money · fine"
    new_ids = {r[1] for r in added}  # conflict_id follows the rowid
    got = {r["conflict_id"] for r in conn.execute("SELECT * FROM findings")
           if NEW[0] in (r["sources_a"] + ";" + r["sources_b"]).split(";")}
    conn.close()
    assert new_ids == got


def test_a_changed_text_replaces_that_article_only(five: Path, tmp_path: Path):
    before = _snapshot(five)
    edited = [(i, t.replace("41 people", "39 people")) for i, t in ARTICLES]
    run = update_database(five, [str(_jsonl(tmp_path / "edited.jsonl", edited))], RULES)
    assert (run.added, run.replaced, run.unchanged) == (0, 1, 4)
    after = _snapshot(five)
    gone = before["claims"] - after["claims"]
    assert {r[2] for r in gone} == {"daily/002"}  # rowid, claim_id, source
    assert {r[2] for r in after["claims"] - before["claims"]} == {"daily/002"}
    values = {c.value for c in read_claims(five) if c.source == "daily/002"}
    assert 39.0 in values and 41.0 not in values
    conn = sqlite3.connect(five)
    hashes = dict(conn.execute("SELECT id, content_hash FROM sources"))
    conn.close()
    assert hashes["daily/002"] == hashlib.sha256(edited[1][1].encode()).hexdigest()


class Boom(Exception):
    pass


@pytest.mark.parametrize("error", [Boom, KeyboardInterrupt])
def test_a_run_that_fails_midway_leaves_the_database_as_it_was(five, tmp_path, monkeypatch,
                                                               error):
    before_rows = _snapshot(five, skip=())
    before_bytes = _digest(five)
    real = database.claim_row
    calls = 0

    def failing(claim):
        nonlocal calls
        calls += 1
        if calls == 2:  # the first claim of the new article is already written
            raise error()
        return real(claim)

    monkeypatch.setattr(database, "claim_row", failing)
    more = _jsonl(tmp_path / "more.jsonl", [NEW, ("x/7", "The storm killed 44 people.")])
    with pytest.raises(error):
        update_database(five, [str(more)], RULES)
    assert calls == 2
    assert _digest(five) == before_bytes
    assert _snapshot(five, skip=()) == before_rows  # the runs table too
    assert not Path(str(five) + "-journal").exists()


def test_a_failure_while_recomputing_findings_rolls_back_too(five, tmp_path, monkeypatch):
    before_bytes = _digest(five)

    def fail(*_args, **_kwargs):
        raise Boom()

    monkeypatch.setattr("claimcheck.compare.updates.find_updates", fail)
    with pytest.raises(Boom):
        update_database(five, [str(_jsonl(tmp_path / "new.jsonl", [NEW]))], RULES)
    assert _digest(five) == before_bytes


def test_a_failed_first_run_leaves_no_database(tmp_path, monkeypatch):
    monkeypatch.setattr("claimcheck.compare.updates.find_updates", lambda *a, **k: 1 / 0)
    db = tmp_path / "new.db"
    with pytest.raises(ZeroDivisionError):
        update_database(db, [str(_jsonl(tmp_path / "five.jsonl", ARTICLES))], RULES)
    assert not db.exists() and not Path(str(db) + "-journal").exists()


def test_conflicts_read_back_from_the_database_equal_those_from_the_articles(tmp_path):
    src = _jsonl(tmp_path / "five.jsonl", ARTICLES)
    db = tmp_path / "results.db"
    r = runner.invoke(app, ["extract", str(src), "-m", "rules", "-o", str(db), "-q"])
    assert r.exit_code == 0, r.output
    direct = runner.invoke(app, ["conflicts", str(src), "-m", "rules", "-q"])
    back = runner.invoke(app, ["conflicts", str(db), "-m", "rules", "-q"])
    assert direct.exit_code == back.exit_code == 0, back.output
    assert back.stdout == direct.stdout
    assert back.stdout.count("\n") == 3  # header and two findings
    pairs_direct = runner.invoke(app, ["conflicts", str(src), "-m", "rules", "--pairs"])
    pairs_back = runner.invoke(app, ["conflicts", str(db), "-m", "rules", "--pairs"])
    assert pairs_back.stdout == pairs_direct.stdout
    # and the findings table of the database holds the same rows
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(direct.stdout)))
    conn = sqlite3.connect(db)
    ids = {r[0] for r in conn.execute("SELECT conflict_id FROM findings")}
    conn.close()
    assert ids == {r["conflict_id"] for r in rows}


def test_conflicts_from_the_sample_database_equal_those_from_the_articles(tmp_path):
    db = tmp_path / "sample.db"
    update_database(db, [str(SOURCES)], RULES)
    from claimcheck import pipeline
    from claimcheck.write.export import claim_row, conflict_row

    direct = pipeline.run([str(SOURCES)], RULES)
    back = pipeline.run([str(db)], RULES)
    assert [claim_row(c) for c in back.claims] == sorted(
        (claim_row(c) for c in direct.claims),
        key=lambda r: (r["source"], r["char_start"], r["char_end"], r["claim_id"]))
    assert [conflict_row(c) for c in back.conflicts] == [conflict_row(c)
                                                         for c in direct.conflicts]


def test_cli_database_output_metadata_and_usage_errors(tmp_path):
    src = _jsonl(tmp_path / "five.jsonl", ARTICLES)
    db = tmp_path / "story.sqlite"
    meta = tmp_path / "metadata.json"
    r = runner.invoke(app, ["conflicts", str(src), "-m", "rules", "-o", str(db),
                            "--metadata", str(meta)])
    assert r.exit_code == 0, r.output
    assert "5 articles added" in r.stderr and "2 findings" in r.stderr
    queries = json.loads(meta.read_text())["databases"]["story"]["queries"]
    assert {"findings_by_slot", "outlets_by_value", "outlet_claims"} <= set(queries)
    # --metadata needs a database; sqlite needs -o; --updates is a table of the database
    bad = [["extract", str(src), "-m", "rules", "--metadata", str(meta)],
           ["extract", str(src), "-m", "rules", "--format", "sqlite"],
           ["extract", str(src), "-m", "rules", "--format", "sqlite", "-o", "x.csv"],
           ["conflicts", str(src), "-m", "rules", "-o", str(db), "--updates", "u.db"],
           ["sentences", str(src), "-o", str(tmp_path / "s.db")]]
    for args in bad:
        assert runner.invoke(app, args).exit_code == 2, args


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path):
    src = _jsonl(tmp_path / "five.jsonl", ARTICLES)
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n")
    r = runner.invoke(app, ["extract", str(src), "-m", "rules", "-o", str(notes)])
    assert r.exit_code == 1
    assert "not a database" in r.stderr
    assert notes.read_text() == "not a database\n"


def test_datasette_opens_the_sample_database_with_its_canned_queries(tmp_path):
    pytest.importorskip("datasette")
    from datasette.app import Datasette

    db = tmp_path / "results.db"
    update_database(db, [str(SOURCES)], RULES)
    update_database(db, [str(_jsonl(tmp_path / "five.jsonl", ARTICLES))], RULES)
    meta = tmp_path / "metadata.json"
    database.write_metadata(meta, db)

    async def fetch() -> dict[str, object]:
        ds = Datasette([str(db)], metadata=json.loads(meta.read_text()))
        await ds.invoke_startup()
        out = {}
        for name, url in {
            "outlet": "/results/outlet_claims.json?outlet=Rokna&_shape=array",
            "findings": "/results/findings_by_slot.json?_shape=array",
            "values": "/results/outlets_by_value.json?slot=fine&_shape=array",
            "search": "/results/sentences.json?_search=Busan&_shape=array",
        }.items():
            response = await ds.client.get(url)
            assert response.status_code == 200, (url, response.text[:300])
            out[name] = response.json()
        return out

    got = asyncio.run(fetch())
    outlet = got["outlet"]
    assert outlet and {row["source"] for row in outlet} == {"rokna-step-toward-agreement"}
    assert {"kind", "span", "value", "sentence"} <= set(outlet[0])
    findings = got["findings"]
    assert [f["slot"] for f in findings] == ["count · deaths", "money · fine"]
    fine = findings[1]
    assert fine["sentence_a"] and fine["sentence_b"] and fine["sources_a"] == "daily/002"
    values = {row["value"]: row["n_sources"] for row in got["values"]}
    assert values == {"2000000": 3, "3000000": 1}
    assert got["search"] and all("Busan" in row["text"] for row in got["search"])


def test_a_claims_csv_adds_its_claims_and_again_changes_nothing(tmp_path):
    src = _jsonl(tmp_path / "five.jsonl", ARTICLES)
    table = tmp_path / "claims.csv"
    r = runner.invoke(app, ["extract", str(src), "-m", "rules", "-o", str(table), "-q"])
    assert r.exit_code == 0
    db = tmp_path / "from-csv.db"
    update_database(db, [str(table)], RULES)
    before = _snapshot(db)
    assert {r[1] for r in before["sources"]} == {i for i, _t in ARTICLES}
    assert len(before["findings"]) == 2
    update_database(db, [str(table)], RULES)
    assert _snapshot(db) == before


# ------------------------------------------- building in steps equals building at once


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every table but ``runs`` and the FTS shadow tables, rows sorted, without rowids
    and without ``sources.run`` (which run wrote an article is the one thing that
    depends on the order of the runs)."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%'")]
        out = {}
        for name in names:
            if name == "runs":
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')
                    if (name, r[1]) != ("sources", "run")]
            listed = ", ".join(f'"{c}"' for c in cols)
            out[name] = sorted(conn.execute(f'SELECT {listed} FROM "{name}"'), key=repr)
        return out
    finally:
        conn.close()


def _claims_csv(path: Path, claims: list) -> Path:
    import csv

    from claimcheck.records import CLAIM_COLUMNS
    from claimcheck.write.export import claim_row

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CLAIM_COLUMNS)
        writer.writeheader()
        writer.writerows(claim_row(c) for c in claims)
    return path


def _claim(source, n, kind, value, *, attribute="", span="", published="", unit="",
           subject="", predicate="", scope="", entities=()):
    from claimcheck.records import Claim

    return Claim(claim_id=f"{source}-{n}", source=source, sentence_id=n, char_start=10 * n,
                 char_end=10 * n + 5, span=span or str(value), kind=kind, subject=subject,
                 predicate=predicate, value=value, unit=unit, attribute=attribute,
                 published=published, scope=scope, entities=entities,
                 sentence=f"{source} sentence {n}.")


def _deaths(source, n, value, published=""):
    return _claim(source, n, "count", float(value), attribute="deaths", unit="people",
                  subject="people", predicate="kill", published=published)


def _missing(source, n, value, published=""):
    return _claim(source, n, "count", float(value), attribute="missing", unit="people",
                  subject="people", predicate="miss", published=published)


def _crash(source, n, span, value, published="", unit=""):
    return _claim(source, n, "date", value, attribute="crash", span=span, unit=unit,
                  subject="ferry", predicate="sink", published=published)


def _fine(source, n, value, published=""):
    return _claim(source, n, "money", float(value), attribute="fine", unit="USD",
                  subject="company", predicate="fine", published=published)


#: Claims tables of a story, run after run: what a later run brings changes the rows of
#: sources that it does not touch (an agreed date settles an undated weekday; a shared
#: figure puts two undated reports in one update; a source that leaves a slot ends it).
CLAIM_STEPS = [
    {"a": [_crash("a", 1, "4 March 2025", "2025-03-04", "2025-03-04"),
           _deaths("a", 2, 9, "2025-03-04"), _fine("a", 3, 2e6, "2025-03-04")],
     "c": [_crash("c", 1, "on Monday", "", unit="unresolved"), _deaths("c", 2, 9),
           _fine("c", 3, 3e6)]},
    {"b": [_crash("b", 1, "on Tuesday", "2025-03-04", "2025-03-04"),
           _deaths("b", 2, 12, "2025-03-04"), _fine("b", 3, 2e6, "2025-03-04")]},
    {"d": [_deaths("d", 1, 12), _missing("d", 2, 3), _fine("d", 3, 5e6)]},
    {"c": [_crash("c", 1, "on Monday", "", unit="unresolved"), _deaths("c", 2, 9),
           _missing("c", 4, 3), _fine("c", 3, 3e6)]},
    {"e": [_fine("e", 1, 5e6), _deaths("e", 2, 12)],
     "d": [_deaths("d", 1, 12), _missing("d", 2, 3)]},
    {"b": [_crash("b", 1, "on Tuesday", "2025-03-04", "2025-03-04")]},
    {"c": [_crash("c", 1, "on Monday", "", unit="unresolved"), _deaths("c", 2, 9)]},
    {"e": [_deaths("e", 2, 12)]},
]


def test_claims_tables_added_run_by_run_give_the_rows_of_one_run(tmp_path):
    steps_db, once_db = tmp_path / "steps.db", tmp_path / "once.db"
    latest: dict[str, list] = {}
    for i, step in enumerate(CLAIM_STEPS):
        latest.update(step)
        table = _claims_csv(tmp_path / f"step{i}.csv", [c for cs in step.values() for c in cs])
        update_database(steps_db, [str(table)], RULES)
        once = tmp_path / f"once{i}.db"
        whole = _claims_csv(tmp_path / f"whole{i}.csv",
                            [c for cs in latest.values() for c in cs])
        update_database(once, [str(whole)], RULES)
        assert _contents(steps_db) == _contents(once), f"after step {i}"
    once_db = tmp_path / f"once{len(CLAIM_STEPS) - 1}.db"
    held = _contents(once_db)
    # the steps did reach what they are meant to exercise
    assert held["findings"] and held["pairs"] and held["slot_digests"]
    settled = [r for r in held["claims"] if r[0] == "c-1"]
    assert settled  # the undated Monday of c ...
    conn = sqlite3.connect(once_db)
    n_date = conn.execute("SELECT count(*) FROM findings WHERE kind = 'date_mismatch'"
                          ).fetchone()[0]
    conn.close()
    assert n_date  # ... was settled and disagrees with the agreed Tuesday


def test_articles_added_run_by_run_give_the_rows_of_one_run(tmp_path):
    """The sample articles, the tally example and the invented storm, added in steps and
    one of them edited, against one run over the final inputs."""
    root = Path(__file__).resolve().parent.parent
    samples = sorted(SOURCES.glob("*.txt"))
    tally = sorted((root / "docs" / "examples" / "tally").glob("*.txt"))
    storm = _jsonl(tmp_path / "storm.jsonl", ARTICLES[:3])
    more = _jsonl(tmp_path / "more.jsonl", [*ARTICLES[3:], NEW])
    edited = _jsonl(tmp_path / "storm2.jsonl", [
        (i, t.replace("41 people", "39 people")) for i, t in ARTICLES[:3]])
    steps = [[samples[0], tally[0], storm], [samples[1], samples[2]], [tally[1], more],
             [*samples[3:], tally[2]], [edited]]
    db = tmp_path / "steps.db"
    for step in steps:
        update_database(db, [str(p) for p in step], RULES)
    once = tmp_path / "once.db"
    update_database(once, [str(p) for p in [*samples, *tally, edited, more]], RULES)
    got, want = _contents(db), _contents(once)
    assert want["findings"] and want["pairs"]
    for table in want:
        assert got[table] == want[table], table


@pytest.mark.parametrize("drop", [True, False])
def test_a_database_without_slot_digests_is_brought_up_to_date(five, tmp_path, drop):
    """A database written before ``slot_digests`` (layout 1) gets the table, and its
    findings are compared whole once; so is one that a claimcheck without them wrote
    last (it sets layout 1 and leaves the digests of an earlier run as they were)."""
    conn = sqlite3.connect(five)
    if drop:
        conn.execute("DROP TABLE slot_digests")
    conn.execute("DELETE FROM findings")  # rows the next run must write again
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    update_database(five, [str(_jsonl(tmp_path / "new.jsonl", [NEW]))], RULES)
    once = tmp_path / "once.db"
    update_database(once, [str(_jsonl(tmp_path / "all.jsonl", [*ARTICLES, NEW]))], RULES)
    assert _contents(five) == _contents(once)
    conn = sqlite3.connect(five)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    conn.close()


def test_sqlite_utils_is_imported_without_pandas_which_still_imports_afterwards():
    import subprocess
    import sys

    code = ("import sys; from claimcheck.write.database import _sqlite_utils; m = _sqlite_utils(); "
            "assert 'pandas' not in sys.modules and m.db.pd is None; "
            "import pandas; assert pandas.DataFrame({'a': [1]}).shape == (1, 1); "
            "assert _sqlite_utils() is m")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
