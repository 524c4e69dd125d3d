"""Changing tallies (issue "Real news II"): reports of a running tally at different times
are updates in their own table and a timeline in the HTML report, never conflicts."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.compare.clusters import cluster_claims
from claimcheck.compare.conflicts import find_conflicts
from claimcheck.compare.updates import find_updates
from claimcheck.records import Claim
from claimcheck.settings import Settings
from claimcheck.write.report import timeline_svg

ROOT = Path(__file__).resolve().parent.parent
TALLY = ROOT / "docs" / "examples" / "tally"


def toll(source, value, published, attribute="deaths", approx=""):
    return Claim(claim_id=f"{source}-{value}", source=source, sentence_id=0, char_start=0,
                 char_end=2, span=str(value), kind="count", subject="people", predicate="die",
                 value=float(value), unit="people", approx=approx, attribute=attribute,
                 published=published)


def test_a_rising_toll_is_a_timeline_of_updates_not_a_conflict():
    claims = [toll("a", 9, "2026-03-02"), toll("b", 41, "2026-03-03"),
              toll("c", 87, "2026-03-05"), toll("d", 87, "")]
    slots = cluster_claims(claims, Settings())
    assert find_conflicts(slots, claims, Settings()) == []
    steps = find_updates(slots, claims)
    assert [(u.step, u.source, u.number) for u in steps] == [
        (1, "a", 9.0), (2, "b", 41.0), (3, "c", 87.0), (4, "d", 87.0)]


def test_agreeing_reports_are_no_update():
    claims = [toll("a", 9, "2026-03-02"), toll("b", 9, "2026-03-03")]
    assert find_updates(cluster_claims(claims, Settings()), claims) == []


def test_values_that_are_not_running_tallies_are_not_updates():
    claims = [toll("a", 5e9, "2026-03-02", "fine"), toll("b", 4e9, "2026-03-03", "fine")]
    assert find_updates(cluster_claims(claims, Settings()), claims) == []


def test_timeline_is_inline_svg_without_script():
    claims = [toll("a", 9, "2026-03-02", approx="at least"), toll("b", 41, "2026-03-03")]
    svg = timeline_svg(find_updates(cluster_claims(claims, Settings()), claims))
    assert svg.startswith("<svg") and "<script" not in svg
    assert svg.count("<circle") == 2
    assert ">at least 9<" in svg and ">41<" in svg and "2026-03-03" in svg


@pytest.mark.model
def test_cli_writes_updates_and_the_report_draws_them(tmp_path):
    out, upd, html = tmp_path / "c.csv", tmp_path / "u.csv", tmp_path / "r.html"
    r = CliRunner().invoke(app, ["conflicts", str(TALLY), "-o", str(out), "--updates", str(upd),
                                 "--no-cache"])
    assert r.exit_code == 0, r.stderr
    with upd.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    deaths = [(row["step"], row["source"]) for row in rows if row["attribute"] == "deaths"]
    assert deaths == [("1", "coast-wire-day1"), ("2", "harbour-times-day2"),
                      ("3", "valley-post-day4")]
    assert out.read_text().count("\n") == 1  # header only: no conflicts
    r = CliRunner().invoke(app, ["report", str(TALLY), "-o", str(html), "--no-cache"])
    assert r.exit_code == 0, r.stderr
    page = html.read_text()
    assert "Changing tallies (2)" in page
    assert len(re.findall(r'<svg class="timeline"', page)) == 2
