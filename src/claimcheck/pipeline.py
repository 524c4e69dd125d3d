"""Chain the stages: paths → articles → sentences → claims → slots → conflicts."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .compare.clusters import cluster_claims
from .compare.conflicts import find_conflicts
from .extraction.sentences import MAX_SENTENCE_CHARS, article_sentences, is_rules, load_pipeline
from .read.ingest import load_articles
from .records import Article, Claim, Conflict, Problem, Result, Sentence, Slot
from .settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .write.database import DatabaseRun

log = logging.getLogger(__name__)

RULES_NOTE = (
    "running without a trained pipeline (--model rules): numbers, percentages, changes, "
    "money, quantities, durations and dates are extracted; places, roles, subjects and "
    "predicates are shallow, so fewer claims are grouped and compared"
)

Progress = Callable[[Article], None]


#: A long text (a dump of many articles given as one) is handled this many sentences at a
#: time, so memory does not grow with it; no real article comes near.
CHUNK_SENTENCES = 2000
#: ... and at most about this many characters at a time (a chunk ends after the sentence
#: that reaches it): the parses and claims of a chunk are held together, and 2,000
#: sentences of 2,000 characters full of values (a claim every 20 characters) would be
#: 200,000 claims. 2,000 sentences of news are about 300,000 characters.
CHUNK_CHARS = 1_000_000
#: spaCy is given at most ``settings.batch_size`` sentences and at most this many
#: characters at a time: its tok2vec layers hold about 20 kB per token of a batch at once,
#: so 32 sentences of 2,000 characters would take 250 MB. A batch of 32 news sentences is
#: about 5,000 characters.
BATCH_CHARS = 16_000
#: A sentence this long or longer is parsed without the entity recogniser (which costs as
#: much as the rest of the pipeline). Such a "sentence" is in practice a piece of a
#: run-on text (no sentence end) that the 2,000-character cap cut (``sentences.
#: MAX_SENTENCE_CHARS``; its pieces are 1,000 to 2,000 characters); its claims keep their
#: values, offsets, subjects and predicates but get no entities, and no role (a role needs
#: a PERSON entity). No news sentence comes near: the longest in data/sources is 391.
NER_MAX_CHARS = MAX_SENTENCE_CHARS // 2
#: Articles longer than this (characters) are not cached: their results would be held
#: whole to be stored.
CACHE_MAX_CHARS = 4_000_000

Chunk = tuple[list[Sentence], list[Claim]]


def extract_article(article: Article, settings: Settings) -> tuple[list[Sentence], list[Claim]]:
    """Sentences and claims of one article. Only sentences holding a candidate value are
    handed to the spaCy pipeline."""
    return _joined(iter_article(article, settings))


def _joined(chunks: Iterable[Chunk]) -> tuple[list[Sentence], list[Claim]]:
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    for sents, found in chunks:
        sentences.extend(sents)
        claims.extend(found)
    return sentences, claims


def iter_article(article: Article, settings: Settings) -> Iterator[Chunk]:
    """``extract_article`` in chunks of ``CHUNK_SENTENCES`` sentences, each with its
    claims. Names of people are completed (a surname to the full name) within a chunk."""
    chunk: list[Sentence] = []
    chars = 0
    for sent in article_sentences(article):
        chunk.append(sent)
        chars += len(sent.text)
        if len(chunk) >= CHUNK_SENTENCES or chars >= CHUNK_CHARS:
            yield chunk, _chunk_claims(article, chunk, settings)
            chunk, chars = [], 0
    if chunk:
        yield chunk, _chunk_claims(article, chunk, settings)


def _chunk_claims(article: Article, sentences: list[Sentence], settings: Settings) -> list[Claim]:
    # imported here: a run served from the cache never loads the value patterns
    from .extraction.claims import extract_claims
    from .records import Mention
    from .values.mentions import find_mentions

    rules = is_rules(settings.model)
    mentions: dict[int, list[Mention]] = {
        s.index: found for s in sentences if (found := find_mentions(s.text, places=not rules))
    }
    docs = None
    if not rules and mentions:
        by_index = {s.index: s for s in sentences}
        texts = [by_index[i].text for i in sorted(mentions)]
        docs = dict(zip(sorted(mentions), _parse(texts, settings), strict=True))
    from .extraction.frames import load_lexicon

    return extract_claims(article, sentences, docs, mentions=mentions,
                          lexicon=load_lexicon(settings.lexicon))


def _parse(texts: list[str], settings: Settings) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts`` in batches of at most ``settings.batch_size`` texts and
    ``BATCH_CHARS`` characters (a longer text alone); texts of ``NER_MAX_CHARS`` or more
    without the entity recogniser. The Docs are kept until the chunk's claims are read, so
    their tensors (the tok2vec output, 384 bytes a token, read by nothing after the
    pipeline) are dropped."""
    import numpy

    nlp = load_pipeline(settings.model)
    no_ner = [name for name in ("ner",) if name in nlp.pipe_names]
    empty = numpy.zeros((0, 0), dtype="float32")
    for batch in _batches(texts, max(1, settings.batch_size), BATCH_CHARS):
        long = len(batch[0]) >= NER_MAX_CHARS
        for doc in nlp.pipe(batch, batch_size=len(batch), disable=no_ner if long else []):
            doc.tensor = empty
            yield doc


def _batches(texts: list[str], size: int, chars: int) -> Iterator[list[str]]:
    """Consecutive texts, at most ``size`` and ``chars`` characters a batch; texts shorter
    than ``NER_MAX_CHARS`` and longer ones are never in the same batch."""
    batch: list[str] = []
    held = 0
    for text in texts:
        if batch and (
            len(batch) == size
            or held + len(text) > chars
            or (len(text) >= NER_MAX_CHARS) != (len(batch[0]) >= NER_MAX_CHARS)
        ):
            yield batch
            batch, held = [], 0
        batch.append(text)
        held += len(text)
    if batch:
        yield batch


_worker_settings: Settings | None = None


def _worker_init(settings: Settings) -> None:
    import signal

    global _worker_settings
    _worker_settings = settings
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends its workers with it
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
    for chunks in _per_article(articles, settings):
        yield _joined(chunks)


def _per_article(
    articles: Sequence[Article], settings: Settings
) -> Generator[Iterator[Chunk], None, None]:
    """For each article in order, its chunks: computed here one chunk at a time, or in
    ``settings.jobs`` worker processes (a whole article each) when there is more than
    one article. Each article's chunks must be read before the next article's."""
    jobs = min(max(1, settings.jobs), len(articles))
    if jobs <= 1:
        for art in articles:
            yield iter_article(art, settings)
        return
    import multiprocessing as mp

    # fork shares the already loaded pipeline with the workers; elsewhere each loads it.
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(settings,)) as pool:
        for res in pool.imap(_worker_extract, articles, chunksize=1):
            yield iter((res,))


@dataclass
class Extraction:
    """An extraction under way: the articles and the inputs skipped are known at once;
    sentences and claims come chunk by chunk from ``chunks`` (read it once), which
    counts the sentences as they pass (the writer counts the claims)."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    source: Iterator[Chunk]
    sentence_count: int = 0

    def chunks(self) -> Iterator[Chunk]:
        for sentences, claims in self.source:
            self.sentence_count += len(sentences)
            yield sentences, claims

    def claims(self) -> Iterator[Claim]:
        for _sentences, claims in self.chunks():
            yield from claims

    def summary(self) -> Result:
        """What is known before (or without) reading the chunks."""
        return Result(articles=self.articles, problems=self.problems, notes=self.notes)


def start_extraction(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Read the inputs; the extraction itself runs as the returned chunks are read, so
    that claims can be written out as they are found.

    Args:
        paths: files, folders, ``.jsonl`` tables or ``-``.
        settings: model name, field names, thresholds.
        progress: called once per article after it was processed.
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
    return extraction_of(articles, problems, settings, progress)


def extraction_of(
    articles: Sequence[Article],
    problems: Sequence[Problem] = (),
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """``start_extraction`` for articles already read (``ingest.load_articles``), e.g. the
    few of them a database does not hold yet."""
    settings = settings or Settings()
    notes = (RULES_NOTE,) if is_rules(settings.model) else ()
    return Extraction(
        articles=tuple(articles),
        problems=tuple(problems),
        notes=notes,
        source=_extraction_chunks(articles, settings, progress),
    )


def _extraction_chunks(
    articles: Sequence[Article], settings: Settings, progress: Progress | None
) -> Iterator[Chunk]:
    """The chunks of every article in order, from the cache where it has them."""
    t1 = time.perf_counter()
    store = None
    keys: list[str] = []
    cached: list[bool] = [False] * len(articles)
    if settings.use_cache and articles:
        from .extraction.cache import ExtractionCache, article_key

        store = ExtractionCache()
        # a big file read lazily is never cached (its results would be held whole)
        extra = ""
        if settings.lexicon:  # frames depend on the lexicon's words
            from .extraction.frames import lexicon_digest

            extra = f"lexicon={lexicon_digest(settings.lexicon)}"
        keys = [article_key(art, settings.model, extra) if art.stream is None else ""
                for art in articles]
        cached = [bool(k) and store.has(k) for k in keys]
    if not all(cached) and not is_rules(settings.model):
        load_pipeline(settings.model)  # fail early, before any work, if it is missing
    todo = [art for art, hit in zip(articles, cached, strict=True) if not hit]
    computed = _per_article(todo, settings)
    n_claims = 0
    try:
        for i, art in enumerate(articles):
            found = store.get(art, keys[i]) if store is not None and cached[i] else None
            if found is not None:
                n_claims += len(found[1])
                yield found
            else:
                # an unreadable cache entry is recomputed here
                chunks = iter_article(art, settings) if cached[i] else next(computed)
                keep = (store is not None and art.stream is None
                        and len(art.text) <= CACHE_MAX_CHARS)
                sentences: list[Sentence] = []
                claims: list[Claim] = []
                for chunk in chunks:
                    n_claims += len(chunk[1])
                    if keep:
                        sentences.extend(chunk[0])
                        claims.extend(chunk[1])
                    yield chunk
                if keep and store is not None:
                    store.put(keys[i], sentences, claims)
            if progress is not None:
                progress(art)
    finally:
        computed.close()  # ends the worker processes, if any
    if store is not None:
        log.info("cache: %d of %d articles reused (%s)", store.hits, len(articles), store.root)
    log.info("extract: %d claims (%.2fs)", n_claims, time.perf_counter() - t1)


def extract(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    keep_sentences: bool = True,
) -> Result:
    """Read the inputs and extract every claim.

    Args:
        paths: files, folders, ``.jsonl`` tables or ``-``.
        settings: model name, field names, thresholds.
        progress: called once per article after it was processed.
        keep_sentences: False leaves ``sentences`` empty (less memory on big inputs).

    Returns:
        A Result with articles, sentences, claims and problems (no slots or conflicts).
    """
    run = start_extraction(paths, settings, progress)
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    for sents, found in run.chunks():
        if keep_sentences:
            sentences.extend(sents)
        claims.extend(found)
    return Result(
        articles=run.articles,
        sentences=tuple(sentences),
        claims=tuple(claims),
        problems=run.problems,
        notes=run.notes,
    )


def compare(
    claims: Sequence[Claim], settings: Settings | None = None
) -> tuple[tuple[Slot, ...], tuple[Conflict, ...]]:
    """Slots and conflicts for a set of claims."""
    from .compare.settle import settle

    settings = settings or Settings()
    claims = settle(claims)
    slots = cluster_claims(claims, settings)
    conflicts = find_conflicts(slots, claims, settings)  # logs "compare: ..."
    return tuple(slots), tuple(conflicts)


def run(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Result:
    """Extract claims from articles, or read a claims CSV, then find conflicts."""
    from dataclasses import replace

    from .compare.updates import find_updates

    result = prepare(paths, settings, progress)
    conflicts = find_conflicts(result.slots, result.claims, settings)
    updates = find_updates(result.slots, result.claims)
    return replace(result, conflicts=tuple(conflicts), updates=tuple(updates))


def prepare(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    keep_sentences: bool = True,
) -> Result:
    """``run`` up to the slots: claims extracted from articles or read from claims CSVs,
    and clustered; the conflicts are left to ``iter_conflicts`` (streamed) or
    ``find_conflicts``. ``keep_sentences=False`` leaves ``sentences`` empty."""
    from dataclasses import replace

    from .write.tables import read_claims_table, split_tables

    settings = settings or Settings()
    tables, others = split_tables(paths)
    result = (
        extract(others, settings, progress, keep_sentences=keep_sentences)
        if others
        else Result()
    )
    claims = list(result.claims)
    for table in tables:
        claims.extend(read_claims_table(table))
    t0 = time.perf_counter()
    from .compare.settle import settle

    claims = settle(claims)
    slots = cluster_claims(claims, settings)
    log.info("cluster: %d slots (%.2fs)", len(slots), time.perf_counter() - t0)
    return replace(result, claims=tuple(claims), slots=tuple(slots))


def update_database(
    path: Path,
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    command: str = "extract",
    progress: Callable[[Article], None] | None = None,
) -> DatabaseRun:
    """Add the articles (and claims tables) of ``paths`` to the database at ``path``,
    creating it if needed, and recompute findings, pairs and updates from all its claims
    (``database.store_inputs``: one transaction; articles it already holds unchanged are
    not extracted again).

    Raises:
        ExportError: nothing could be read (the database is not touched), or the file
            is not a SQLite database.
    """
    from .write.database import store_inputs
    from .write.tables import read_claims_table, split_tables

    tables, others = split_tables(paths)
    articles, problems = load_articles(others, settings) if others else ([], [])
    table_claims = [c for t in tables for c in read_claims_table(t)]
    return store_inputs(
        Path(path), articles, problems, table_claims, settings, inputs=paths, command=command,
        extract=lambda todo: extraction_of(todo, problems, settings, progress))
