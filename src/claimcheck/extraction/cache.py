"""Per-article cache of extraction results (sentences and claims).

An entry is keyed by the SHA-256 of everything the extraction of one article depends on:
the article id (claims carry it), its text, its publication date (relative dates are
resolved against it), the spaCy pipeline name and version, the spaCy version, the
claimcheck version and a hash of claimcheck's own source files. A changed article, model,
release or edited checkout therefore never reads a stale entry; old entries are simply
left behind.

Entries are JSON files under ``platformdirs.user_cache_dir("claimcheck")/extract`` (or
``$CLAIMCHECK_CACHE_DIR/extract``). Each is written to a temporary file in the same folder
and renamed into place, so two runs sharing the cache never see a half-written entry; an
unreadable or malformed entry is ignored and overwritten.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import Article, Claim, Sentence
from ..settings import cache_dir

log = logging.getLogger(__name__)

#: Bumped whenever the layout of an entry changes.
FORMAT = 1

_CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim))


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """``pipeline_version(model)`` without importing spaCy when the pipeline is an
    installed package or a folder with a ``meta.json`` (so a run served entirely from the
    cache never loads the model)."""
    from ..settings import MODEL_ALIASES
    from .sentences import is_rules

    if is_rules(model):
        return f"rules-{_dist_version('spacy')}"
    name = MODEL_ALIASES.get(model, model)
    meta_path: Path | None = None
    candidate = Path(name)
    if candidate.is_dir():
        meta_path = candidate / "meta.json"
    else:
        import importlib.util

        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            meta_path = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
    if meta_path is not None:
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return f"{meta.get('lang', 'en')}_{meta.get('name', model)}-{meta.get('version', '0')}"
        except (OSError, ValueError):
            pass
    from .sentences import pipeline_version

    return pipeline_version(model)


def _dist_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "0"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of claimcheck's own source and data files (the lexicon), so that an edited
    checkout (same version number, different extraction code) never reads entries written
    by the old code."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.json")]):
        try:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
        except OSError:
            continue
    return h.hexdigest()


@lru_cache(maxsize=8)
def _environment(model: str) -> str:
    from .. import __version__

    return "\x1f".join(
        (f"format={FORMAT}", f"claimcheck={__version__}", f"code={code_fingerprint()}",
         f"spacy={_dist_version('spacy')}", f"pipeline={model_version(model)}")
    )


def article_key(article: Article, model: str, extra: str = "") -> str:
    """SHA-256 (hex) of the article id, text, publication date and pipeline versions (and
    ``extra``: what else the claims depend on, such as an analyst's lexicon)."""
    h = hashlib.sha256()
    h.update(_environment(model).encode())
    h.update(extra.encode())
    h.update(b"\x1e")
    h.update(article.id.encode("utf-8", "surrogatepass"))
    h.update(b"\x1e")
    h.update(article.published.isoformat().encode() if article.published else b"-")
    h.update(b"\x1e")
    h.update(hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


class ExtractionCache:
    """Read and write per-article extraction results under ``root``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / "extract"
        self.hits = 0
        self.misses = 0
        self._write_failed = False

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry exists for ``key`` (``get`` may still find it unreadable)."""
        return self._path(key).is_file()

    def get(self, article: Article, key: str) -> tuple[list[Sentence], list[Claim]] | None:
        """The cached sentences and claims of ``article``, or None (missing or unreadable)."""
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            found = _decode(json.loads(raw), article, key)
        except Exception as exc:  # noqa: BLE001 - any malformed entry is a miss
            log.info("cache: ignoring unreadable entry %s (%s)", path, exc)
            found = None
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: str, sentences: list[Sentence], claims: list[Claim]) -> None:
        """Store one article's results (atomically; failures are logged, never raised)."""
        if self._write_failed:
            return
        path = self._path(key)
        data = json.dumps(_encode(key, sentences, claims), ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            self._write_failed = True
            log.warning("cache: cannot write to %s (%s); continuing without it", self.root, exc)


def _encode(key: str, sentences: list[Sentence], claims: list[Claim]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "key": key,
        # The sentence text is a slice of the article text, so only offsets are kept.
        "sentences": [[s.index, s.start, s.end] for s in sentences],
        "claims": [[getattr(c, f) for f in _CLAIM_FIELDS] for c in claims],
    }


def _decode(
    data: Any, article: Article, key: str
) -> tuple[list[Sentence], list[Claim]] | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    text = article.text
    sentences = [
        Sentence(source=article.id, index=int(i), start=int(a), end=int(b), text=text[a:b])
        for i, a, b in data["sentences"]
    ]
    claims: list[Claim] = []
    n = len(_CLAIM_FIELDS)
    for row in data["claims"]:
        if len(row) != n:
            return None
        kw = dict(zip(_CLAIM_FIELDS, row, strict=True))
        kw["entities"] = tuple(kw["entities"])
        claims.append(Claim(**kw))
    return sentences, claims
