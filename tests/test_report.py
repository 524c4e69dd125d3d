"""HTML report: escaping, summary numbers, one section per conflicting slot."""

from __future__ import annotations

import re
from datetime import date

import pytest

from claimcheck.records import Article, Claim, Conflict, Result, Sentence, Slot
from claimcheck.write.report import highlight_html, render_report, write_report

EVIL = 'Tariffs <script>alert("x")</script> fell & rose to 47%.'


def _claim(cid: str, source: str, sentence: str, span: str, value: float, sent_start: int = 0,
           subject: str = "tariff on chinese import") -> Claim:
    at = sentence.index(span)
    return Claim(claim_id=cid, source=source, sentence_id=0, char_start=sent_start + at,
                 char_end=sent_start + at + len(span), span=span, kind="percent",
                 subject=subject, predicate="reduce", value=value, unit="%", sentence=sentence)


@pytest.fixture()
def result() -> Result:
    s_a = EVIL
    s_b = "The tariff was cut to 10% on imports."
    s_c = "Officials said tariffs are now 47%."
    pre = "Headline\n\n"
    arts = (
        Article(id="a", text=pre + s_a, outlet="Outlet <A>", title="Title <b>bold</b>",
                published=date(2025, 10, 30)),
        Article(id="b", text=s_b, outlet="Outlet B"),
        Article(id="c", text=s_c, title="C"),
    )
    sents = (
        Sentence(source="a", index=0, start=len(pre), end=len(pre) + len(s_a), text=s_a),
        Sentence(source="b", index=0, start=0, end=len(s_b), text=s_b),
        Sentence(source="c", index=0, start=0, end=len(s_c), text=s_c),
    )
    ca = _claim("ca", "a", s_a, "47%", 47.0, sent_start=len(pre))
    cb = _claim("cb", "b", s_b, "10%", 10.0)
    cc = _claim("cc", "c", s_c, "47%", 47.0)
    da = _claim("da", "a", s_a, "47%", 47.0, sent_start=len(pre), subject="other thing")
    dc = _claim("dc", "c", s_c, "47%", 47.0, subject="other thing")
    key1 = "percent · tariff on chinese import · reduce"
    key2 = "money · deal value · sign"
    slots = (
        Slot(slot_id="s1", key=key1, kind="percent", claim_ids=("ca", "cb", "cc")),
        Slot(slot_id="s2", key="percent · other thing · reduce", kind="percent",
             claim_ids=("da", "dc")),
    )

    def conflict(cid: str, x: Claim, y: Claim, key: str) -> Conflict:
        return Conflict(conflict_id=cid, kind="numeric_mismatch", slot=key, claim_a=x.claim_id,
                        claim_b=y.claim_id, source_a=x.source, source_b=y.source,
                        value_a=f"{x.value:g}%", value_b=f"{y.value:g}%", sentence_a=x.sentence,
                        sentence_b=y.sentence, span_a=x.span, span_b=y.span,
                        char_start_a=x.char_start, char_end_a=x.char_end,
                        char_start_b=y.char_start, char_end_b=y.char_end,
                        explanation="a says 47% <vs> b says 10%", confidence=0.9)

    conflicts = (conflict("k1", ca, cb, key1), conflict("k2", cb, cc, key1),
                 conflict("k3", ca, cb, key2))
    return Result(articles=arts, sentences=sents, claims=(ca, cb, cc, da, dc), slots=slots,
                  conflicts=conflicts)


def test_article_text_is_escaped(result: Result) -> None:
    page = render_report(result)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Outlet &lt;A&gt;" in page and "Title &lt;b&gt;bold&lt;/b&gt;" in page
    assert "47% &lt;vs&gt; b says 10%" in page
    # no external resources of any kind
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_summary_numbers(result: Result) -> None:
    page = render_report(result)

    def stat(name: str) -> int:
        m = re.search(rf'data-stat="{name}"><b>(\d+)</b>', page)
        assert m, name
        return int(m.group(1))

    assert stat("articles") == 3
    assert stat("claims") == 5
    assert stat("slots") == 2
    assert stat("conflicts") == 3
    assert stat("conflicting slots") == 2


def test_one_section_per_conflicting_slot(result: Result) -> None:
    page = render_report(result)
    assert page.count('<section class="slot"') == 2
    # distinct values with counts: 47% stated by two sources, 10% by one
    section = page.split('<section class="slot"')[1]
    assert re.search(r'<td class="val">47%</td><td class="count">2 sources</td>', section)
    assert re.search(r'<td class="val">10%</td><td class="count">1 source</td>', section)
    # the agreeing slot is listed, collapsed
    assert "<details>" in page and "2 sources, no conflict" in page


def test_values_highlighted_at_claim_offsets(result: Result) -> None:
    page = render_report(result)
    assert "<mark>47%</mark>" in page and "<mark>10%</mark>" in page
    # the offset wins over the first occurrence of the span
    assert highlight_html("10% then 10%", 9, "10%") == "10% then <mark>10%</mark>"
    assert highlight_html("a <b> 5%", None, "5%") == "a &lt;b&gt; <mark>5%</mark>"
    assert highlight_html("no span here", 3, "7%") == "no span here"


def test_write_report_is_atomic(result: Result, tmp_path) -> None:
    out = tmp_path / "r.html"
    write_report(result, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_report_cli_rules(tmp_path) -> None:
    from typer.testing import CliRunner

    from claimcheck.cli import app

    src = tmp_path / "src"
    src.mkdir()
    (src / "one.txt").write_text(
        "Tariffs <script>x</script> were cut from 57% to 47% on Thursday.\n")
    (src / "two.txt").write_text("Tariffs were cut from 20% to 10% on Thursday.\n")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(app, ["report", str(src), "-o", str(out), "--model", "rules", "-q"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script" not in page
    assert 'data-stat="articles"><b>2</b>' in page


def test_no_color_disables_colours(monkeypatch) -> None:
    import io

    from claimcheck.cli import _err_console
    from claimcheck.write.render import conflicts_view

    monkeypatch.setenv("NO_COLOR", "1")
    assert _err_console().no_color
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=100)
    assert console.no_color
    res = Result(conflicts=(Conflict(
        conflict_id="k", kind="numeric_mismatch", slot="percent · tariff · cut", claim_a="a",
        claim_b="b", source_a="a", source_b="b", value_a="47%", value_b="10%",
        sentence_a="cut to 47%", sentence_b="cut to 10%", span_a="47%", span_b="10%",
        char_start_a=7, char_end_a=10, char_start_b=7, char_end_b=10, explanation="differ",
        confidence=0.9),))
    conflicts_view(res, console)
    out = buf.getvalue()
    assert "47%" in out
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", out)  # no foreground colour codes


def test_verbose_logs_stage_counts(tmp_path) -> None:
    import subprocess
    import sys

    src = tmp_path / "a.txt"
    src.write_text("Tariffs were cut from 57% to 47% on Thursday.\n")
    out = subprocess.run(
        [sys.executable, "-m", "claimcheck", "conflicts", str(src), "--model", "rules", "-v",
         "-o", str(tmp_path / "c.csv")],
        capture_output=True, text=True, env={**__import__("os").environ, "NO_COLOR": "1",
                                             "COLUMNS": "200"},
    )
    assert out.returncode == 0, out.stderr
    for stage in ("ingest:", "extract:", "compare:"):
        assert stage in out.stderr
    assert "\x1b[3" not in out.stderr


def test_screenshot_script_console_clean(tmp_path) -> None:
    """Renders the report in headless Chromium (when installed) and checks the browser
    console stayed silent: no blocked resource, no CSP violation, no script error."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no Chromium installed")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Tariffs <img src=x onerror=alert(1)> fell from 57% to 47%.\n")
    (src / "b.txt").write_text("Tariffs fell from 20% to 10%.\n")
    png = tmp_path / "shot.png"
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot_report.py"), str(src),
         "--model", "rules", "--out", str(png), "--size", "800,600"],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert png.stat().st_size > 1000


def test_screenshot_script_recognises_console_lines() -> None:
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("shot", ROOT / "scripts" / "screenshot_report.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    line = ('[7990:7990:1123/023100.733633:INFO:CONSOLE:1] "Loading the image '
            "'http://example.invalid/x.png' violates the following Content Security Policy\"")
    assert mod.CONSOLE.search(line)
    assert mod.CONSOLE.search('[1:1:0101/000000.0:INFO:CONSOLE(12)] "Uncaught TypeError"')
    assert not mod.CONSOLE.search("[1:1:0101/000000.0:ERROR:dbus/bus.cc:405] Failed to connect")
