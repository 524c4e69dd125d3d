"""Big text files read lazily (textstream): with tiny blocks and pieces forced, the lazy
path gives exactly the sentences, claims, dates and problems of the whole-text path, and
offsets index the whole decoded text."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimcheck import pipeline
from claimcheck.cli import app
from claimcheck.errors import SourceError
from claimcheck.extraction.sentences import article_sentences, iter_sentences
from claimcheck.read import textstream
from claimcheck.read.ingest import load_articles
from claimcheck.records import Article
from claimcheck.settings import Settings
from conftest import ROOT, SOURCES, requires_model

RULES = Settings(model="rules", use_cache=False)
NEWS = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt")))
#: Lines and paragraphs the sentence splitter treats in different ways: headlines, list
#: items, lines that run on, a long line without a sentence end, multibyte characters.
TRICKY = (
    "Busan Summit 2025\n26 tháng 10 2025\n\n"
    "Tariffs fell from 57% to 47%, officials said.\nThe cut takes effect on 10 November.\n"
    "a line that runs on\ninto the next one without a stop\n"
    "- first item: 5% more\n- second item 😀 $3 billion\n1. one\n2) two\nA) three\n\n\n"
    "   \n \t\nSoybeans: 12 million tonnes a year until 2028; “a deal”.\n"
    + "tariffs rose by 5% and fell by 3% " * 120 + "\n"
    "Café prices rose 4 % in Zürich – «un record».\r\nNext line after CRLF.\rOld Mac line.\n"
)


def lazily(monkeypatch, block: int = 64, piece: int = 50) -> None:
    monkeypatch.setattr(textstream, "LAZY_MIN_BYTES", 0)
    monkeypatch.setattr(textstream, "BLOCK_BYTES", block)
    monkeypatch.setattr(textstream, "PIECE_CHARS", piece)


def extracted(path: Path, settings: Settings = RULES):
    result = pipeline.extract([path], settings)
    return result.articles, result.sentences, result.claims, result.problems


def assert_same_as_whole(monkeypatch, path: Path, settings: Settings = RULES,
                         block: int = 64, piece: int = 50, lazy: bool = True):
    whole = extracted(path, settings)
    lazily(monkeypatch, block, piece)
    got = extracted(path, settings)
    (w_art,), (g_art,) = whole[0], got[0]
    assert (g_art.stream is not None) is lazy
    assert replace(g_art, text="", stream=None) == replace(w_art, text="", stream=None)
    assert got[1:] == whole[1:]
    text = w_art.text
    assert "".join(piece for _, piece in g_art.pieces()) == text
    for c in got[2]:
        assert text[c.char_start:c.char_end] == c.span
    for s in got[1]:
        assert text[s.start:s.end] == s.text
    return got


# ------------------------------------------------------------ same output as whole text


@pytest.mark.parametrize("block,piece", [(64, 50), (7, 1), (1000, 300), (1 << 20, 1 << 20)])
def test_news_in_utf8_gives_the_same_claims(tmp_path, monkeypatch, block, piece):
    path = tmp_path / "news.txt"
    path.write_text(NEWS + TRICKY, encoding="utf-8")
    _, sentences, claims, _ = assert_same_as_whole(monkeypatch, path, block=block, piece=piece)
    assert len(claims) > 100 and len(sentences) > 100


@requires_model
def test_sample_read_lazily_gives_the_golden_claims_csv(tmp_path, monkeypatch):
    """data/claims.csv (trained pipeline), with every sample file read lazily."""
    from claimcheck.write.export import write_records

    lazily(monkeypatch, block=100, piece=200)
    result = pipeline.extract([SOURCES], Settings(use_cache=False))
    assert all(a.stream is not None for a in result.articles)
    out = tmp_path / "claims.csv"
    write_records(list(result.claims), out, "csv")
    assert out.read_bytes() == (ROOT / "data" / "claims.csv").read_bytes()


@pytest.mark.parametrize("name,data", [
    ("utf-8 BOM", b"\xef\xbb\xbf" + TRICKY.encode("utf-8")),
    ("utf-16 BOM", TRICKY.encode("utf-16")),
    ("utf-16-be BOM", b"\xfe\xff" + TRICKY.encode("utf-16-be")),
    ("utf-32 BOM", TRICKY.encode("utf-32")),
    ("CRLF", TRICKY.replace("\n", "\r\n").encode("utf-8")),
    ("CR", TRICKY.replace("\n", "\r").encode("utf-8")),
])
@pytest.mark.parametrize("block", [5, 64, 129])
def test_encodings_and_line_ends_give_the_same_claims(tmp_path, monkeypatch, name, data, block):
    """Multibyte characters, byte-order marks and CRLF split between blocks."""
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    _, _, claims, problems = assert_same_as_whole(monkeypatch, path, block=block)
    assert claims and not problems


@pytest.mark.parametrize("encoding,data", [
    ("cp1252", TRICKY.replace("😀", "").replace("ả", "a").replace("á", "a").encode("cp1252")),
    ("utf-16", TRICKY.encode("utf-16-le")),
    ("utf-8", b"\xef\xbb\xbf" + TRICKY.encode("utf-8")),
    ("latin-1", TRICKY.encode("latin-1", "replace")),
    ("unicode_escape", TRICKY.encode("ascii", "backslashreplace") + b"\\ud800 lone 5%."),
])
def test_forced_encoding_gives_the_same_claims(tmp_path, monkeypatch, encoding, data):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert_same_as_whole(monkeypatch, path, replace(RULES, encoding=encoding))


def test_not_utf8_without_bom_is_read_whole_as_before(tmp_path, monkeypatch):
    """Guessing a legacy encoding looks at all the bytes: such a file is read whole."""
    path = tmp_path / "article.txt"
    path.write_bytes(TRICKY.replace("😀", "").replace("ả", "a").replace("á", "a")
                     .encode("cp1252"))
    _, _, claims, problems = assert_same_as_whole(monkeypatch, path, lazy=False)
    assert claims and not problems


def test_a_line_longer_than_a_piece_is_one_piece(tmp_path, monkeypatch):
    """No safe cut inside a line: the piece runs on to the end of it."""
    line = "tariffs rose by 5% and fell by 3% " * 200
    path = tmp_path / "long.txt"
    path.write_text(f"Intro line.\n\n{line}\n\nAfter it: 7% more.\n", encoding="utf-8")
    got = assert_same_as_whole(monkeypatch, path)
    (art,) = got[0]
    pieces = list(art.pieces())
    assert len(pieces) == 3 and pieces[1][1].startswith("tariffs")


def test_a_line_longer_than_the_forced_cut_is_cut_after_a_space(tmp_path, monkeypatch):
    """Unbroken text is held up to FORCE_CUT_CHARS only: a line of any length is read in
    bounded memory. The claims keep their offsets and values; only the sentence around
    each cut is split in two."""
    line = "tariffs rose by 5% and fell by 3% " * 200
    path = tmp_path / "long.txt"
    path.write_text(f"Intro line.\n\n{line}\n\nAfter it: 7% more.\n", encoding="utf-8")
    whole = extracted(path)
    lazily(monkeypatch, block=64, piece=50)
    monkeypatch.setattr(textstream, "FORCE_CUT_CHARS", 500)
    got = extracted(path)
    (art,) = got[0]
    pieces = list(art.pieces())
    text = whole[0][0].text
    assert "".join(p for _, p in pieces) == text
    assert max(len(p) for _, p in pieces) <= 500 + 64
    assert all(text[o - 1] == " " for o, p in pieces[2:-1])  # cut after a space
    assert len(pieces) > 10
    def values(claims):
        return [(c.char_start, c.char_end, c.kind, c.value) for c in claims]
    assert values(got[2]) == values(whole[2])
    for c in got[2]:
        assert text[c.char_start:c.char_end] == c.span


def test_dateline_and_title_come_from_the_start(tmp_path, monkeypatch):
    path = tmp_path / "dated.txt"
    path.write_text("x" * 300 + "\n" + "Headline of the day\n" + "30 October 2025\n\n"
                    + "It opened next Friday with 5% more.\n" * 50, encoding="utf-8")
    ((art,), *_) = assert_same_as_whole(monkeypatch, path, block=16)
    assert art.published is not None and art.published_from == "dateline"
    assert art.title == "x" * 200


def test_pieces_are_cut_at_paragraphs_and_sentence_ends(tmp_path, monkeypatch):
    lazily(monkeypatch, block=64, piece=40)
    path = tmp_path / "a.txt"
    text = "".join(f"Line {i} rose 5%.\nand ran on\n\nPara {i}.\n" for i in range(40))
    path.write_text(text, encoding="utf-8")
    (art,), _ = load_articles([path], RULES)
    pieces = list(art.pieces())
    assert len(pieces) > 10
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
        assert piece.endswith("\n")
        assert not piece.endswith("rose 5%.\n")  # never before a line running on


def test_reading_a_big_file_holds_a_few_pieces_only(tmp_path, monkeypatch):
    """Memory of the reader is bounded by the piece and block sizes, not by the file:
    4 MB of news with an emoji is 16 MB as one Python string."""
    import tracemalloc

    lazily(monkeypatch, block=1 << 16, piece=1 << 16)
    path = tmp_path / "big.txt"
    unit = (NEWS + "\n\n").encode("utf-8")
    path.write_bytes(unit * (4_000_000 // len(unit) + 1))
    (art,), problems = load_articles([path], RULES)
    assert not problems and art.stream is not None
    tracemalloc.start()
    try:
        assert art.stream.scan()
        chars = sum(len(piece) for _, piece in art.pieces())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert chars > 3_900_000
    assert peak < 3_000_000  # whole: 16 MB of text, plus its bytes


# ------------------------------------------------------------------ problems


def whole_and_lazy_problems(monkeypatch, path: Path, encoding: str | None = None):
    s = replace(RULES, encoding=encoding)
    whole = load_articles([path], s)
    lazily(monkeypatch)
    lazy = load_articles([path], s)
    return whole, lazy


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", TRICKY.encode("utf-8") * 3 + b"\xff late"),
    ("utf-8", b"\xef\xbb\xbf" + TRICKY.encode("utf-8") * 3 + b"\xe2\x82"),
    ("utf-8-sig", b"\xef\xbb\xbf" + TRICKY.encode("utf-8") * 3 + b"\xff"),
    ("UTF8", TRICKY.encode("utf-8") * 3 + b"\xff"),
    ("cp1252", TRICKY.encode("ascii", "replace") * 3 + b"\x81"),
    ("no-such-codec", b"text"),
    ("utf-16", "Prices rose 5%. ".encode("utf-16") * 40 + b"\x00\xd8a\x00"),
    ("utf-16", "Prices rose 5%. ".encode("utf-16-le") * 40 + b"\x00\xd8a\x00"),
    (None, b"\xff\xfe" + "Prices rose 5%. ".encode("utf-16-le") * 40 + b"\x00\xdc"),
    (None, b"\xef\xbb\xbf" + TRICKY.encode("utf-8") * 3 + b"\xc3("),
    (None, TRICKY.encode("utf-8") * 3 + b"\xe9\x00\x01"),
    (None, b"\x00a" * 100),
    (None, b"%PDF-1.4" + b"x" * 100),
    (None, b" \n\t" * 100),
])
def test_an_invalid_byte_late_in_the_file_is_reported_as_before(tmp_path, monkeypatch,
                                                                  encoding, data):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    (w_arts, w_problems), (g_arts, g_problems) = whole_and_lazy_problems(monkeypatch, path,
                                                                         encoding)
    assert not w_arts and not g_arts
    assert len(g_problems) == 1 and g_problems == w_problems


def test_a_late_invalid_byte_skips_the_file_and_keeps_the_output(tmp_path, monkeypatch):
    """The whole file is checked before any claim is written: exit 3, one line."""
    lazily(monkeypatch)
    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(TRICKY.encode("utf-8") * 5 + b"\xff")
    (tmp_path / "in" / "good.txt").write_text(NEWS[:2000], encoding="utf-8")
    out = tmp_path / "claims.csv"
    res = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out),
                                   "--model", "rules", "--encoding", "utf-8"])
    assert res.exit_code == 3
    assert [line for line in res.stderr.splitlines() if line.startswith("Skipped")] == [
        f"Skipped {bad}: byte {len(TRICKY.encode()) * 5} is not valid utf-8 (invalid start "
        "byte); skipped"]
    claims = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert claims and {c["source"] for c in claims} == {"good"}


def test_a_file_changed_after_it_was_checked_stops_the_run(tmp_path, monkeypatch):
    """Its claims would no longer match its text: one error line, exit 1, and an existing
    output is left as it was."""
    lazily(monkeypatch)
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    out = tmp_path / "claims.csv"
    out.write_text("old output\n")
    real = pipeline.load_articles

    def load_then_change(paths, settings):
        found = real(paths, settings)
        with path.open("ab") as fh:
            fh.write(b"\xff more")
        return found

    monkeypatch.setattr(pipeline, "load_articles", load_then_change)
    res = CliRunner().invoke(app, ["extract", str(path), "-o", str(out), "--model", "rules"])
    assert res.exit_code == 1
    assert "changed while it was read" in res.stderr
    assert out.read_text() == "old output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv", "news.txt"]


def test_pieces_of_a_changed_file_raise(tmp_path, monkeypatch):
    lazily(monkeypatch)
    path = tmp_path / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    (art,), _ = load_articles([path], RULES)
    path.write_text(NEWS + "x", encoding="utf-8")
    with pytest.raises(SourceError, match="changed while it was read"):
        list(art.pieces())


def test_save_text_writes_the_whole_decoded_text(tmp_path, monkeypatch):
    lazily(monkeypatch)
    path = tmp_path / "a.txt"
    raw = TRICKY.replace("\n", "\r\n")
    path.write_bytes(raw.encode("utf-16"))
    saved = tmp_path / "texts"
    res = CliRunner().invoke(app, ["extract", str(path), "-o", str(tmp_path / "c.csv"),
                                   "--model", "rules", "--save-text", str(saved)])
    assert res.exit_code == 0, res.stderr
    text = (saved / "a.txt").read_text(encoding="utf-8")
    assert text == raw.replace("\r\n", "\n").replace("\r", "\n")
    for c in csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8"))):
        assert text[int(c["char_start"]):int(c["char_end"])] == c["span"]


def test_big_files_are_not_cached(tmp_path, monkeypatch):
    lazily(monkeypatch)
    path = tmp_path / "a.txt"
    path.write_text(NEWS, encoding="utf-8")
    s = replace(RULES, use_cache=True)
    first = pipeline.extract([path], s)
    second = pipeline.extract([path], s)
    assert first.claims == second.claims and first.claims
    assert not list(Path(os.environ["CLAIMCHECK_CACHE_DIR"]).rglob("*.json"))


# ------------------------------------------------------------------ property

_BITS = ["Tariffs", " rose", " 5%", ".", "!", ":", ")", "”", " ", "  ", "\t", "\n", "\n\n",
         "\r\n", "\r", "\n \n", "- ", "1. ", "2) ", "A) ", "é", "😀", "“", "a", "Z", "9",
         "$3 billion", "Mr.", "U.S."]


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    bits=st.lists(st.sampled_from(_BITS), max_size=120),
    block=st.integers(1, 40),
    piece=st.integers(1, 60),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_lazy_sentences_equal_whole_sentences(bits, block, piece, encoding):
    text = "".join(bits)
    whole = text.replace("\r\n", "\n").replace("\r", "\n")
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(textstream, "BLOCK_BYTES", block)
        mp.setattr(textstream, "PIECE_CHARS", piece)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "t.txt"
            path.write_bytes(text.encode(encoding))
            stream = textstream.TextStream.open(path, encoding)
            assert stream.scan() == bool(whole.strip())
            art = Article(id="t", text="", stream=stream)
            lazy = list(article_sentences(art))
            pieces = list(art.pieces())
    finally:
        mp.undo()
    assert lazy == list(iter_sentences("t", whole))
    assert "".join(p for _, p in pieces) == whole
