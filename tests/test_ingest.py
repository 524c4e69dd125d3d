from __future__ import annotations

import json
from datetime import date

from claimcheck.read.ingest import load_articles
from claimcheck.settings import Settings
from conftest import SOURCES


def test_ingest_sample_folder_with_manifest():
    arts, problems = load_articles([SOURCES])
    assert problems == []
    assert [a.id for a in arts] == sorted(a.id for a in arts)
    assert len(arts) == 5
    info = {a.id: a for a in arts}["infofinance-trump-meets-xi"]
    assert info.published == date(2025, 10, 26)
    assert info.outlet == "InfoFinance"


def test_ingest_jsonl_nested_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"meta": {"id": "a1", "date": "2025-10-26T10:00:00"}, "body": "Tariffs fell to 10%."},
        "not an object",
        {"meta": {"id": "a2"}},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{bad json\n", encoding="utf-8")
    s = Settings(id_field="meta.id", text_field="body", published_field="meta.date")
    arts, problems = load_articles([path], s)
    assert [a.id for a in arts] == ["a1"]
    assert arts[0].published == date(2025, 10, 26)
    messages = sorted(p.path.rsplit(":", 1)[1] + " " + p.message for p in problems)
    assert len(messages) == 3
    assert any("not valid JSON" in m for m in messages)
    assert any("'body'" in m for m in messages)


def test_ingest_bad_files_reported_good_files_kept(tmp_path):
    (tmp_path / "good.txt").write_text("Tariffs fell to 10%.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 prices rose 5%.".encode("cp1252"))
    arts, problems = load_articles([tmp_path, tmp_path / "missing.txt"])
    assert sorted(a.id for a in arts) == ["good", "latin"]
    assert {a.id: a.text for a in arts}["latin"] == "Café prices rose 5%."
    reasons = {p.path.split("/")[-1]: p.message for p in problems}
    assert "empty" in reasons["empty.txt"]
    assert "PDF" in reasons["doc.pdf"]
    assert "no such file" in reasons["missing.txt"]
