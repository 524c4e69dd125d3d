"""data/claims.csv must equal a fresh extraction of data/sources, and the sample's
required conflicts must come out."""

from __future__ import annotations

import pytest

from claimcheck import pipeline
from claimcheck.write.export import write_records
from conftest import ROOT, SOURCES, requires_model

pytestmark = [requires_model, pytest.mark.model]


@pytest.fixture(scope="module")
def result():
    return pipeline.run([SOURCES])


def test_golden_claims_csv_matches_fresh_extraction(result, tmp_path):
    out = tmp_path / "claims.csv"
    write_records(list(result.claims), out, "csv")
    fresh = out.read_text(encoding="utf-8").splitlines()
    golden = (ROOT / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    for i, (x, y) in enumerate(zip(golden, fresh, strict=False)):
        assert x == y, f"first difference at line {i + 1}; run scripts/update_golden.py"
    assert len(golden) == len(fresh)


def test_golden_offsets_slice_back(result):
    texts = {a.id: a.text for a in result.articles}
    for c in result.claims:
        assert texts[c.source][c.char_start : c.char_end] == c.span


def test_golden_required_conflicts(result):
    pairs = {(c.kind, c.source_a, c.value_a, c.source_b, c.value_b): c for c in result.conflicts}
    tariff = pairs[
        (
            "transition_mismatch",
            "busan-summit-breakthrough",
            "20% → 10%",
            "xi-gained-upper-hand",
            "57% → 47%",
        )
    ]
    assert "10-point cut" in tariff.explanation
    places = [c for c in result.conflicts if c.kind == "location_mismatch"]
    assert any(
        "rokna-step-toward-agreement" in (c.source_a, c.source_b)
        and "Seoul" in (c.value_a + c.value_b)
        and "Busan" in (c.value_a + c.value_b)
        for c in places
    )


def test_golden_no_false_pairs(result):
    for c in result.conflicts:
        values = {c.value_a, c.value_b}
        assert not ("South Korea" in values and any("Busan" in v for v in values))
        # threats are never compared with enacted rates
        by_id = {x.claim_id: x for x in result.claims}
        a, b = by_id[c.claim_a], by_id[c.claim_b]
        assert (a.modality == "threatened") == (b.modality == "threatened")
