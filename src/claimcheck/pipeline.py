"""Chain the stages: paths → articles → sentences → claims → slots → conflicts."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .claims import extract_claims
from .clusters import cluster_claims
from .conflicts import find_conflicts
from .ingest import load_articles
from .mentions import Mention, find_mentions
from .records import Article, Claim, Result, Sentence
from .sentences import is_rules, load_pipeline, split_sentences
from .settings import Settings

log = logging.getLogger(__name__)

RULES_NOTE = (
    "running without a trained pipeline (--model rules): numbers, percentages, changes, "
    "money, quantities, durations and dates are extracted; places, roles, subjects and "
    "predicates are shallow, so fewer claims are grouped and compared"
)

Progress = Callable[[Article], None]


def extract_article(article: Article, settings: Settings) -> tuple[list[Sentence], list[Claim]]:
    """Sentences and claims of one article. Only sentences holding a candidate value are
    handed to the spaCy pipeline."""
    sentences = split_sentences(article)
    rules = is_rules(settings.model)
    mentions: dict[int, list[Mention]] = {
        s.index: found for s in sentences if (found := find_mentions(s.text, places=not rules))
    }
    docs = None
    if not rules and mentions:
        nlp = load_pipeline(settings.model)
        idx = sorted(mentions)
        docs = dict(
            zip(
                idx,
                nlp.pipe((sentences[i].text for i in idx), batch_size=settings.batch_size),
                strict=True,
            )
        )
    claims = extract_claims(article, sentences, docs, mentions=mentions)
    return sentences, claims


_worker_settings: Settings | None = None


def _worker_init(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    if not is_rules(settings.model):
        load_pipeline(settings.model)  # once per worker (inherited as is when forked)


def _worker_extract(article: Article) -> tuple[list[Sentence], list[Claim]]:
    assert _worker_settings is not None
    return extract_article(article, _worker_settings)


def extract_many(
    articles: Sequence[Article], settings: Settings
) -> Iterator[tuple[list[Sentence], list[Claim]]]:
    """``extract_article`` over many articles, in their order, using ``settings.jobs``
    worker processes (each loads the pipeline once) when there is more than one article."""
    jobs = min(max(1, settings.jobs), len(articles))
    if jobs <= 1:
        for art in articles:
            yield extract_article(art, settings)
        return
    import multiprocessing as mp

    # fork shares the already loaded pipeline with the workers; elsewhere each loads it.
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(settings,)) as pool:
        yield from pool.imap(_worker_extract, articles, chunksize=1)


def extract(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Result:
    """Read the inputs and extract every claim.

    Args:
        paths: files, folders, ``.jsonl`` tables or ``-``.
        settings: model name, field names, thresholds.
        progress: called once per article after it was processed.

    Returns:
        A Result with articles, sentences, claims and problems (no slots or conflicts).
    """
    settings = settings or Settings()
    t0 = time.perf_counter()
    articles, problems = load_articles(paths, settings)
    log.info(
        "ingest: %d articles, %d problems (%.2fs)",
        len(articles),
        len(problems),
        time.perf_counter() - t0,
    )
    notes: list[str] = []
    if is_rules(settings.model):
        notes.append(RULES_NOTE)
    t1 = time.perf_counter()
    done: list[tuple[list[Sentence], list[Claim]] | None] = [None] * len(articles)
    keys: list[str] = []
    store = None
    if settings.use_cache and articles:
        from .cache import ExtractionCache, article_key

        store = ExtractionCache()
        keys = [article_key(art, settings.model) for art in articles]
        for i, art in enumerate(articles):
            done[i] = store.get(art, keys[i])
            if done[i] is not None and progress is not None:
                progress(art)
    todo = [i for i, d in enumerate(done) if d is None]
    if todo and not is_rules(settings.model):
        load_pipeline(settings.model)  # fail early, before any work, if it is missing
    for i, res in zip(todo, extract_many([articles[i] for i in todo], settings), strict=True):
        done[i] = res
        if store is not None:
            store.put(keys[i], *res)
        if progress is not None:
            progress(articles[i])
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    for res in done:
        assert res is not None
        sentences.extend(res[0])
        claims.extend(res[1])
    if store is not None:
        log.info("cache: %d of %d articles reused (%s)", store.hits, len(articles), store.root)
    log.info(
        "extract: %d sentences, %d claims (%.2fs)",
        len(sentences),
        len(claims),
        time.perf_counter() - t1,
    )
    return Result(
        articles=tuple(articles),
        sentences=tuple(sentences),
        claims=tuple(claims),
        problems=tuple(problems),
        notes=tuple(notes),
    )


def compare(claims: Sequence[Claim], settings: Settings | None = None) -> tuple:
    """Slots and conflicts for a set of claims."""
    settings = settings or Settings()
    t0 = time.perf_counter()
    slots = cluster_claims(claims, settings)
    conflicts = find_conflicts(slots, claims, settings)
    log.info(
        "compare: %d slots, %d conflicts (%.2fs)",
        len(slots),
        len(conflicts),
        time.perf_counter() - t0,
    )
    return tuple(slots), tuple(conflicts)


def run(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Result:
    """Extract claims from articles, or read a claims CSV, then find conflicts."""
    from dataclasses import replace

    result = prepare(paths, settings, progress)
    conflicts = find_conflicts(result.slots, result.claims, settings)
    return replace(result, conflicts=tuple(conflicts))


def prepare(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Result:
    """``run`` up to the slots: claims extracted from articles or read from claims CSVs,
    and clustered; the conflicts are left to ``iter_conflicts`` (streamed) or
    ``find_conflicts``."""
    from dataclasses import replace

    from .export import read_claims_csv

    settings = settings or Settings()
    paths = list(paths)
    tables = [
        p
        for p in paths
        if str(p).lower().endswith(".csv") and Path(p).is_file() and _looks_like_claims(Path(p))
    ]
    others = [p for p in paths if p not in tables]
    result = extract(others, settings, progress) if others else Result()
    claims = list(result.claims)
    for table in tables:
        claims.extend(read_claims_csv(Path(table)))
    t0 = time.perf_counter()
    slots = cluster_claims(claims, settings)
    log.info("cluster: %d slots (%.2fs)", len(slots), time.perf_counter() - t0)
    return replace(result, claims=tuple(claims), slots=tuple(slots))


def _looks_like_claims(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig") as fh:
            header = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    cols = {c.strip() for c in header.split(",")}
    return {"kind", "value", "source"} <= cols
