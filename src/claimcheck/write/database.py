"""A SQLite database that grows with the story (``-o results.db``), written with sqlite-utils.

Tables (``SCHEMA``): ``sources`` (one row per article, keyed by its id exactly as the input
gave it, with the SHA-256 of its text), ``sentences`` (full-text searchable), ``claims``,
and what is recomputed from all the claims at every run: ``findings`` (one row per
disagreement, the rows of conflicts.csv), ``pairs`` (one row per pair of sources,
``--pairs``), ``updates`` (running tallies) and ``slot_claims`` (which claims each slot
groups), with ``slot_digests`` (what each slot's findings and pairs were computed from).
``runs`` logs every run.

A run adds the articles the database does not hold, replaces the sentences and claims of
an article whose text (or date, or model) changed, and leaves the others alone: they are
not even extracted again. Slots are made again from all the claims (and undated claims
settled against all of them); findings and pairs are compared again only for the slots,
and within a slot only for the sources, whose inputs changed (``_sync_conflicts``). The
derived tables are then exactly what a run from scratch over the same articles writes,
rewritten row by row, only where a row changed. Everything one run writes is one
transaction: an error or Ctrl-C leaves the database exactly as it was (a database the
run created is removed).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from ..errors import ExportError, InputFormatError
from ..records import (
    CLAIM_COLUMNS,
    CONFLICT_COLUMNS,
    NUMERIC_KINDS,
    UPDATE_COLUMNS,
    Article,
    Claim,
    Conflict,
    Problem,
    Result,
    Sentence,
    Slot,
)
from ..settings import Settings
from .export import claim_row, conflict_row, sentence_row, update_row

if TYPE_CHECKING:
    from sqlite_utils import Database

#: ``-o`` suffixes that write a SQLite database.
DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: ``PRAGMA user_version`` of the layout below (bumped when it changes; 2 added
#: ``slot_digests``).
SCHEMA_VERSION = 2

_INT = {"sentence_id", "char_start", "char_end", "char_start_a", "char_end_a", "char_start_b",
        "char_end_b", "n_sources_a", "n_sources_b", "step"}
_FLOAT = {"confidence"}


def _types(columns: Iterable[str]) -> dict[str, type]:
    return {c: int if c in _INT else float if c in _FLOAT else str for c in columns}


@dataclass(frozen=True, slots=True)
class Table:
    """One table: columns with their types, primary key, foreign keys, indexed columns."""

    name: str
    columns: dict[str, type]
    pk: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[str, ...] = ()


SCHEMA: tuple[Table, ...] = (
    Table("runs", {"id": int, "command": str, "started": str, "finished": str, "version": str,
                   "model": str, "inputs": str, "added": int, "replaced": int,
                   "unchanged": int}, ("id",)),
    Table("sources", {"id": str, "outlet": str, "title": str, "url": str, "published": str,
                      "content_hash": str, "model": str, "run": int},
          ("id",), (("run", "runs", "id"),), ("outlet", "published")),
    Table("sentences", {"source": str, "sentence_id": int, "char_start": int, "char_end": int,
                        "text": str},
          ("source", "sentence_id"), (("source", "sources", "id"),), ("source",)),
    Table("claims", _types(CLAIM_COLUMNS), ("claim_id",), (("source", "sources", "id"),),
          ("source", "kind", "attribute")),
    Table("slot_claims", {"slot_id": str, "slot": str, "kind": str, "claim_id": str},
          ("slot_id", "claim_id"), (("claim_id", "claims", "claim_id"),),
          ("slot", "kind", "claim_id")),
    Table("findings", _types(CONFLICT_COLUMNS), ("conflict_id",),
          (("source_a", "sources", "id"), ("source_b", "sources", "id"),
           ("claim_a", "claims", "claim_id"), ("claim_b", "claims", "claim_id")),
          ("kind", "slot", "source_a", "source_b")),
    Table("pairs", _types(CONFLICT_COLUMNS), ("conflict_id",),
          (("source_a", "sources", "id"), ("source_b", "sources", "id"),
           ("claim_a", "claims", "claim_id"), ("claim_b", "claims", "claim_id")),
          ("kind", "slot", "source_a", "source_b")),
    Table("updates", _types(UPDATE_COLUMNS), ("slot", "claim_id"),
          (("source", "sources", "id"), ("claim_id", "claims", "claim_id")),
          ("slot", "attribute", "source")),
    Table("slot_digests", {"slot": str, "source": str, "digest": str}, ("slot", "source")),
)
_TABLES = {t.name: t for t in SCHEMA}


def is_database_path(path: str | Path) -> bool:
    """Whether ``path`` names a SQLite database by its suffix (.db, .sqlite, .sqlite3)."""
    return Path(path).suffix.lower() in DB_SUFFIXES


def content_hash(article: Article) -> str:
    """SHA-256 (hex) of an article's text (read piece by piece for a big file)."""
    h = hashlib.sha256()
    for _offset, piece in article.pieces():
        h.update(piece.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _model_key(settings: Settings) -> str:
    """What the claims depend on besides the text and date: the model (and a lexicon)."""
    key = settings.model
    if settings.lexicon:
        from ..extraction.frames import lexicon_digest

        key += f" lexicon={lexicon_digest(settings.lexicon)}"
    return key


def _sqlite_utils() -> Any:
    """The sqlite_utils module, imported without pandas when pandas is not loaded yet.

    sqlite-utils imports pandas, when it is installed, only to map ``pandas.Timestamp``
    to a column type; claimcheck never writes pandas values, and importing pandas took
    about 0.4 s of the time it takes to add one article to a database. Hiding pandas
    while sqlite_utils is imported makes that import fail quietly (sqlite-utils catches
    the ImportError); pandas imports as usual afterwards."""
    import sys

    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        import sqlite_utils

        return sqlite_utils
    sys.modules["pandas"] = None  # type: ignore[assignment]  # import pandas → ImportError
    try:
        import sqlite_utils
    finally:
        if sys.modules.get("pandas", False) is None:
            del sys.modules["pandas"]
    return sqlite_utils


def open_database(path: Path) -> Database:
    """A sqlite-utils Database on ``path`` with foreign keys enforced.

    Raises:
        ExportError: ``path`` exists but is not a SQLite database, or cannot be opened.
    """
    database_class = _sqlite_utils().Database

    try:
        db: Database = database_class(path)
        db.conn.execute("PRAGMA foreign_keys = ON")
        db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ExportError(f"{path}: cannot open as a SQLite database ({exc})") from None
    return db


def ensure_schema(db: Database) -> None:
    """Create the tables, indexes and full-text index that are missing (idempotent)."""
    for t in SCHEMA:
        table = db.table(t.name)
        if not table.exists():
            table.create(t.columns, pk=t.pk[0] if len(t.pk) == 1 else t.pk,
                         foreign_keys=list(t.foreign_keys), not_null=set(t.pk))
        for column in t.indexes:
            table.create_index([column], if_not_exists=True)
    if not db.table("sentences_fts").exists():
        db.table("sentences").enable_fts(["text"], create_triggers=True)
    version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        if version < 2:
            # written last by a claimcheck that recomputed everything and kept no digests
            # (it sets layout 1): digests of an earlier run would no longer say what the
            # findings and pairs were computed from
            db.conn.execute("DELETE FROM slot_digests")
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_layout(db: Database, path: Path) -> None:
    """An existing ``claims`` table must have claimcheck's columns."""
    if db.table("claims").exists():
        have = set(db.table("claims").columns_dict)
        missing = [c for c in CLAIM_COLUMNS if c not in have]
        if missing:
            raise InputFormatError(
                f"{path}: its claims table lacks {', '.join(missing)}; is it a database "
                "written by claimcheck?"
            )


# --------------------------------------------------------------- reading back


def read_claims(path: Path) -> list[Claim]:
    """Every claim of a claimcheck database, as written (ordered by source and offset).

    Raises:
        InputFormatError: the file is not a SQLite database or has no claims table.
    """
    path = Path(path)
    try:
        # read-only: reading claims back never changes the file
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputFormatError(f"{path}: cannot open database ({exc})") from None
    try:
        cols = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
        rows = conn.execute(
            f"SELECT {cols} FROM claims ORDER BY source, char_start, char_end, claim_id"
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise InputFormatError(
            f"{path}: not a claimcheck database ({exc}); write one with "
            "claimcheck extract ... -o FILE.db"
        ) from None
    finally:
        conn.close()
    return [_claim(row) for row in rows]


def _claim(row: Sequence[Any]) -> Claim:
    """A Claim from a row of the claims table, its columns in ``CLAIM_COLUMNS`` order
    (the inverse of ``export.claim_row``)."""
    t = ["" if v is None else str(v) for v in row]
    kind = t[_AT["kind"]]
    raw, raw_from = t[_AT["value"]], t[_AT["value_from"]]
    value: float | str | None
    value_from: float | str | None
    if kind in NUMERIC_KINDS:
        value = float(raw) if raw.strip() else None
        value_from = float(raw_from) if raw_from.strip() else None
    else:
        value, value_from = raw, raw_from or None
    return Claim(
        claim_id=t[0],
        source=t[1],
        sentence_id=int(row[2] or 0),
        char_start=int(row[3] or 0),
        char_end=int(row[4] or 0),
        span=t[5],
        kind=kind,
        subject=t[7],
        predicate=t[8],
        value=value,
        value_from=value_from,
        unit=t[11],
        approx=t[12],
        modality=t[13] or "asserted",
        event_date=t[14],
        sentence=t[15],
        entities=tuple(e.strip() for e in t[16].split(";") if e.strip()),
        place_country=t[17],
        attribute=t[18],
        scope=t[19],
        occurrence=t[20],
        published=t[21],
    )


_AT = {c: i for i, c in enumerate(CLAIM_COLUMNS)}
assert tuple(CLAIM_COLUMNS[i] for i in (0, 1, 2, 3, 4, 5, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18,
                                         19, 20, 21)) == (
    "claim_id", "source", "sentence_id", "char_start", "char_end", "span", "subject",
    "predicate", "unit", "approx", "modality", "event_date", "sentence", "entities",
    "place_country", "attribute", "scope", "occurrence", "published")


# --------------------------------------------------------------- writing


@dataclass(frozen=True, slots=True)
class DatabaseRun:
    """What one run did to the database."""

    result: Result  # articles read, problems, notes; all claims, slots, findings, updates
    added: int  # articles new to the database
    replaced: int  # articles whose text, date or model changed
    unchanged: int  # articles left as they were (not extracted again)
    pairs: int  # pairwise rows

    def summary(self) -> str:
        r = self.result
        return (f"{self.added} articles added, {self.replaced} replaced, {self.unchanged} "
                f"unchanged; {len(r.claims)} claims, {len(r.conflicts)} findings, "
                f"{self.pairs} pairs, {len(r.updates)} updates in all.")


class _Extraction(Protocol):
    """What ``store_inputs`` reads of an extraction (``pipeline.Extraction``)."""

    notes: tuple[str, ...]

    def chunks(self) -> Iterator[tuple[list[Sentence], list[Claim]]]:
        """Each article's sentences and claims, as they are extracted."""
        ...


def _start_run(db: Database, command: str, model: str, inputs: Sequence[str | Path]) -> int:
    """The id of a new row of ``runs``: this run, started now."""
    from .. import __version__

    return cast(int, db.table("runs").insert({
        "command": command, "started": _now(), "version": __version__,
        "model": model, "inputs": json.dumps([str(p) for p in inputs]),
    }).last_pk)


def _remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        leftover.unlink(missing_ok=True)


def _new_sources(db: Database, articles: Sequence[Article], model: str,
                 run_id: int) -> tuple[list[Article], int, int]:
    """The articles the database does not hold with this text, date and model (their old
    sentences and claims forgotten, their source rows written), and how many of them
    are new and how many replace an older text."""
    held = {r["id"]: (r["content_hash"], r["published"], r["model"])
            for r in db.query("SELECT id, content_hash, published, model FROM sources")}
    todo: list[Article] = []
    added = replaced = 0
    for art in articles:
        digest = content_hash(art)
        published = art.published.isoformat() if art.published else ""
        before = held.get(art.id)
        if before == (digest, published, model):
            continue
        added += before is None
        replaced += before is not None
        _forget_source(db, art.id)
        db.table("sources").upsert(_source_row(art, digest, model, run_id), pk="id")
        todo.append(art)
    return todo, added, replaced


def store_inputs(
    path: Path,
    articles: Sequence[Article],
    problems: Sequence[Problem],
    table_claims: Sequence[Claim],
    settings: Settings,
    *,
    inputs: Sequence[str | Path],
    extract: Callable[[list[Article]], _Extraction],
    command: str = "extract",
) -> DatabaseRun:
    """Add ``articles`` (read from ``inputs``) and ``table_claims`` to the database at
    ``path``, creating it if needed, and recompute findings, pairs and updates from all
    its claims. ``extract`` extracts the articles the database does not hold yet
    (``pipeline.extraction_of``).

    Articles already held with the same text, date and model are not extracted again;
    one whose text changed has its sentences and claims replaced. All of it is one
    transaction: on any error or interrupt the database is left as it was, and a database
    this run created is removed.

    Raises:
        ExportError: nothing could be read (the database is not touched), or the file
            is not a SQLite database.
    """
    if problems and not articles and not table_claims:
        raise ExportError(f"no input could be read; {path} was not written")
    created = not path.exists()
    db = open_database(path)
    try:
        _check_layout(db, path)
        with db.atomic():
            db.conn.execute("PRAGMA defer_foreign_keys = ON")  # old claims go before findings
            ensure_schema(db)
            model = _model_key(settings)
            run_id = _start_run(db, command, model, inputs)
            todo, added, replaced = _new_sources(db, articles, model, run_id)
            extraction = extract(todo)
            for sentences, claims in extraction.chunks():
                db.table("sentences").insert_all(sentence_row(s) for s in sentences)
                db.table("claims").insert_all(claim_row(c) for c in claims)
            _write_table_claims(db, table_claims, run_id)
            result, n_pairs = _recompute(db, settings)
            db.table("runs").update(run_id, {
                "finished": _now(), "added": added, "replaced": replaced,
                "unchanged": len(articles) - len(todo),
            })
    except BaseException:
        db.close()
        if created:  # a database this run created is removed
            _remove_database(path)
        raise
    db.close()
    result = replace(result, articles=tuple(articles), problems=tuple(problems),
                     notes=extraction.notes)
    return DatabaseRun(result=result, added=added, replaced=replaced,
                       unchanged=len(articles) - len(todo), pairs=n_pairs)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _source_row(art: Article, digest: str, model: str, run_id: int) -> dict[str, Any]:
    return {"id": art.id, "outlet": art.outlet, "title": art.title, "url": art.url,
            "published": art.published.isoformat() if art.published else "",
            "content_hash": digest, "model": model, "run": run_id}


def _forget_source(db: Database, source: str) -> None:
    """Drop the sentences and claims of ``source`` (to be written again)."""
    db.table("sentences").delete_where("source = ?", [source])
    db.table("claims").delete_where("source = ?", [source])


def _write_table_claims(db: Database, claims: Sequence[Claim], run_id: int) -> None:
    """Claims read from a claims CSV or another database replace those of their sources
    (unless they are the same); a source the database does not know gets a row with its
    id only."""
    by_source: dict[str, list[Claim]] = {}
    for c in claims:
        by_source.setdefault(c.source, []).append(c)
    cols = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
    for source, found in by_source.items():
        held = db.execute(f"SELECT {cols} FROM claims WHERE source = ?", [source]).fetchall()
        rows = [claim_row(c) for c in found]
        if sorted(held, key=repr) == sorted((tuple(r[c] for c in CLAIM_COLUMNS) for r in rows),
                                            key=repr):
            continue
        _forget_source(db, source)
        if not db.table("sources").count_where("id = ?", [source]):
            db.table("sources").insert({"id": source, "outlet": "", "title": "", "url": "",
                                        "published": found[0].published, "content_hash": "",
                                        "model": "", "run": run_id})
        db.table("claims").insert_all(rows)


def _recompute(db: Database, settings: Settings) -> tuple[Result, int]:
    """Findings, pairs, updates and slot memberships from every claim in the database,
    written where they changed."""
    from ..compare.clusters import cluster_claims
    from ..compare.settle import settle
    from ..compare.updates import find_updates

    claims = settle(_held_claims(db))
    slots = cluster_claims(claims, settings)
    updates = find_updates(slots, claims)
    _sync(db, "slot_claims", _slot_rows(slots))
    _sync(db, "updates", (update_row(u) for u in updates))
    _sync_conflicts(db, slots, claims, settings)
    findings = _held_findings(db)
    n_pairs = int(db.execute("SELECT count(*) FROM pairs").fetchone()[0])
    result = Result(claims=tuple(claims), slots=tuple(slots), conflicts=tuple(findings),
                    updates=tuple(updates))
    return result, n_pairs


def _held_claims(db: Database) -> list[Claim]:
    cols = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
    return [_claim(row) for row in db.execute(
        f"SELECT {cols} FROM claims ORDER BY source, char_start, char_end, claim_id")]


def _held_findings(db: Database) -> list[Conflict]:
    """The findings table as Conflict records, by slot, then sources and values."""
    cols = ", ".join(f'"{c}"' for c in CONFLICT_COLUMNS)
    return [_conflict(dict(zip(CONFLICT_COLUMNS, row, strict=True))) for row in db.execute(
        f"SELECT {cols} FROM findings ORDER BY slot, source_a, source_b, value_a, value_b, "
        "conflict_id")]


_CONFLICT_FIELDS = tuple(f.name for f in fields(Conflict) if f.name not in {"sources_a",
                                                                            "sources_b"})


def _conflict(row: dict[str, Any]) -> Conflict:
    """A Conflict from a row of the findings or pairs table (the inverse of
    ``export.conflict_row``)."""
    return Conflict(**{f: row[f] for f in _CONFLICT_FIELDS},
                    sources_a=tuple(row["sources_a"].split(";")),
                    sources_b=tuple(row["sources_b"].split(";")))


#: Bumped when the same claims and settings would give other findings or pairs (a change
#: to how slots are compared or worded): no digest held then matches, and every slot is
#: compared again.
DERIVED_VERSION = 1
#: Sources whose rows of one slot are compared again, beyond which the whole slot is.
DIRTY_MAX = 200


def _settings_key(settings: Settings) -> str:
    """What findings and pairs depend on besides the claims."""
    from .. import __version__

    key = (f"v{DERIVED_VERSION} {__version__} similarity={settings.similarity_threshold!r} "
           f"tolerance={settings.tolerance!r} approx={settings.approx_tolerance!r}")
    if settings.lexicon:
        from ..extraction.frames import lexicon_digest

        key += f" lexicon={lexicon_digest(settings.lexicon)}"
    return key


def _hash(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


_CLAIM_FIELD_NAMES = tuple(f.name for f in fields(Claim))


def _slot_digests(
    slots: Sequence[Slot], by_id: dict[str, Claim], settings: Settings,
) -> dict[str, dict[str, str]]:
    """Per slot key (the ``slot`` column), what its findings and pairs are computed from:
    under source ``""`` the digest of the key as a whole (the settings, the blocks of its
    slots), under each source the digest of that source's share (its claims in the key's
    slots, as settled, and the running-tally figures it states, which decide whether two
    reports are one update). A key of several slots has a whole digest that changes with
    any of its claims."""
    from ..compare.clusters import block_key
    from ..compare.conflicts import running_figures

    figures = running_figures(list(by_id.values()))
    setting = _settings_key(settings)
    by_key: dict[str, list[Slot]] = {}
    for s in slots:
        by_key.setdefault(s.key, []).append(s)
    out: dict[str, dict[str, str]] = {}
    for key, group in by_key.items():
        blocks = [repr(block_key(by_id[s.claim_ids[0]])) for s in group]
        shares: dict[str, list[tuple[str, str]]] = {}
        for s, block in zip(group, blocks, strict=True):
            for claim_id in s.claim_ids:
                c = by_id[claim_id]
                fields_ = repr(tuple(getattr(c, f) for f in _CLAIM_FIELD_NAMES))
                shares.setdefault(c.source, []).append((block, fields_))
        digests = {source: _hash(sorted(share), sorted(map(repr, figures.get(source, ()))))
                   for source, share in shares.items()}
        if len(group) == 1:
            # one slot, of the same block as before: the shares of two sources decide
            # their rows
            whole = _hash(setting, blocks[0])
        else:
            # several slots under one name (of one block or of several): any change
            # compares the whole key again (which slot a row comes from decides which
            # of two equal rows stands for a finding)
            whole = _hash(setting, "several", sorted(blocks),
                          sorted(s.slot_id for s in group), sorted(digests.items()))
        out[key] = {"": whole, **digests}
    return out


def _sync_conflicts(db: Database, slots: Sequence[Slot], claims: Sequence[Claim],
                    settings: Settings) -> None:
    """Make the findings and pairs tables hold what ``find_findings_and_pairs`` gives for
    all the claims, comparing again only what may have changed.

    The pairwise rows of two sources in a slot depend on nothing but the slot's key,
    their claims in it, the figures they state and the settings (``conflicts.pair_rows``).
    ``slot_digests`` holds a digest of each (see ``_slot_digests``): a key whose digests
    are all as held keeps its rows untouched; a key whose sources' shares changed has
    only the rows of those sources compared again, and its findings regrouped from its
    pairs; anything else (a new key, other settings, a slot split or merged) is compared
    whole. Either way a table ends up row for row as a run from scratch writes it."""
    from ..compare.conflicts import group_findings, pair_rows, update_index

    by_id = {c.claim_id: c for c in claims}
    updates = update_index(claims)
    digests = _slot_digests(slots, by_id, settings)
    held: dict[str, dict[str, str]] = {}
    for key, source, digest in db.execute("SELECT slot, source, digest FROM slot_digests"):
        held.setdefault(key, {})[source] = digest
    by_key: dict[str, list[Slot]] = {}
    for s in slots:
        by_key.setdefault(s.key, []).append(s)
    held_keys = held.keys() | {k for (k,) in db.execute(
        "SELECT DISTINCT slot FROM pairs UNION SELECT DISTINCT slot FROM findings")}
    for key in sorted(held_keys - by_key.keys()):  # slots gone
        _sync(db, "pairs", (), "slot = ?", [key])
        _sync(db, "findings", (), "slot = ?", [key])
    for key, group in by_key.items():
        new, old = digests[key], held.get(key, {})
        dirty = {s for s in new.keys() | old.keys() if new.get(s) != old.get(s)}
        if not dirty:
            continue
        if "" in dirty or len(dirty) > DIRTY_MAX:
            rows = pair_rows(group, by_id, updates, settings)
            _sync(db, "pairs", (conflict_row(c) for c in rows), "slot = ?", [key])
            _sync(db, "findings", (conflict_row(c) for c in group_findings(rows)),
                  "slot = ?", [key])
            continue
        rows = pair_rows(group, by_id, updates, settings, only=dirty)
        marks = ", ".join("?" * len(dirty))
        _sync(db, "pairs", (conflict_row(c) for c in rows),
              f"slot = ? AND (source_a IN ({marks}) OR source_b IN ({marks}))",
              [key, *dirty, *dirty])
        _sync(db, "findings", _findings_of_held_pairs(db, key), "slot = ?", [key])
    _sync(db, "slot_digests", ({"slot": key, "source": source, "digest": digest}
                               for key, shares in digests.items()
                               for source, digest in shares.items()))


def _findings_of_held_pairs(db: Database, key: str) -> Iterator[dict[str, Any]]:
    """The findings rows of slot ``key`` (one slot) from its rows in the pairs table, as
    ``group_findings`` gives them from the pairwise rows (which come sorted by sources,
    then shown values): per pair of values, the first most confident row stands for it.
    One pass over the rows, without sorting them (a slot of a thousand sources has a few
    hundred thousand)."""
    from ..compare.conflicts import finding_of, side_value

    # per pair of values: [confidence, (source_a, source_b, value_a, value_b), conflict_id
    # of the best row so far, sources by value]
    groups: dict[tuple[str, str], list[Any]] = {}
    for source_a, value_a, source_b, value_b, conflict_id, confidence in db.execute(
            "SELECT source_a, value_a, source_b, value_b, conflict_id, confidence FROM pairs "
            "WHERE slot = ?", [key]):
        sa, sb = side_value(key, value_a), side_value(key, value_b)
        pair = (sa, sb) if sa <= sb else (sb, sa)
        g = groups.get(pair)
        if g is None:
            g = groups[pair] = [confidence, (source_a, source_b, value_a, value_b),
                                conflict_id, {sa: set(), sb: set()}]
        elif confidence > g[0] or (confidence == g[0] and (
                source_a, source_b, value_a, value_b) < g[1]):
            g[0], g[1], g[2] = confidence, (source_a, source_b, value_a, value_b), conflict_id
        g[3][sa].add(source_a)
        g[3][sb].add(source_b)
    cols = ", ".join(f'"{c}"' for c in CONFLICT_COLUMNS)
    for _confidence, _order, best_id, by_value in groups.values():
        row = db.execute(f"SELECT {cols} FROM pairs WHERE conflict_id = ?", [best_id]).fetchone()
        best = _conflict(dict(zip(CONFLICT_COLUMNS, row, strict=True)))
        stated_a = side_value(key, best.value_a)
        side_a = by_value[stated_a]
        side_b = set().union(*(v for k, v in by_value.items() if k != stated_a))
        yield conflict_row(finding_of(best, side_a, side_b))


def _slot_rows(slots: Sequence[Slot]) -> Iterator[dict[str, Any]]:
    for s in slots:
        for claim_id in s.claim_ids:
            yield {"slot_id": s.slot_id, "slot": s.key, "kind": s.kind, "claim_id": claim_id}


def _sync(db: Database, name: str, rows: Iterable[dict[str, Any]], where: str = "",
          params: Sequence[Any] = ()) -> None:
    """Make table ``name`` (or its rows matching ``where``) hold exactly ``rows``: rows no
    longer there are deleted, new or changed ones written, identical ones left untouched."""
    t = _TABLES[name]
    cols = list(t.columns)
    new: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        row = {c: row.get(c) for c in cols}
        new.setdefault(tuple(row[k] for k in t.pk), row)  # the first of equal keys
    # plain tuples straight from the cursor: a dict per held row made this the slowest
    # step of adding one article to a big database
    at = [cols.index(k) for k in t.pk]
    listed = ", ".join(f'"{c}"' for c in cols)
    old = {tuple(r[i] for i in at): r
           for r in db.execute(f'SELECT {listed} FROM "{name}"'
                               + (f" WHERE {where}" if where else ""), params)}
    gone = [k for k in old if k not in new]
    match = " AND ".join(f'"{k}" = ?' for k in t.pk)
    if gone:
        db.conn.executemany(f'DELETE FROM "{name}" WHERE {match}', [list(k) for k in gone])
    changed = [values for key, row in new.items()
               if old.get(key) != (values := tuple(row[c] for c in cols))]
    if changed:  # plain executemany: sqlite-utils' insert_all looked at every value again
        marks = ", ".join("?" * len(cols))
        db.conn.executemany(f'INSERT OR REPLACE INTO "{name}" ({listed}) VALUES ({marks})',
                            changed)


# --------------------------------------------------------------- Datasette metadata

_CLAIM_DESCRIPTIONS = {
    "claim_id": "stable id (hash of source, offsets and kind)",
    "source": "article id, exactly as the input gave it",
    "sentence_id": "index of the sentence in the article",
    "char_start": "offset of the span in the decoded article text",
    "char_end": "end offset of the span",
    "span": "the words the claim was read from",
    "kind": "percent, money, quantity, count, duration, date, time, location, role",
    "subject": "what the value is about",
    "predicate": "governing verb or event noun, lemmatized",
    "value": "normalized value: a number, an ISO date, a place, a role title",
    "value_from": "the earlier value of a change ('from 57% to 47%' gives 57)",
    "unit": "%, pp, currency code, unit name, counted noun, UTC offset",
    "approx": "about / nearly / up to / at least / more than / less than",
    "modality": "asserted, threatened, planned, expected, hedged, negated",
    "event_date": "a date stated in the same sentence",
    "sentence": "the whole sentence",
    "entities": "named entities of the sentence",
    "place_country": "ISO country code of a place",
    "attribute": "what the value measures, from the lexicon (deaths, fine, ...)",
    "scope": "the part of the world the value is limited to; empty for the whole",
    "occurrence": "another occurrence the value belongs to (aftershock, exit poll, ...)",
    "published": "the article's publication date, when known",
}
_CONFLICT_DESCRIPTIONS = {
    "conflict_id": "stable id: of a finding, a hash of its slot and of each value with "
                   "its sources; of a pairwise row, of its two claims",
    "kind": "numeric_mismatch, transition_mismatch, location_mismatch, date_mismatch, "
            "time_mismatch or entity_mismatch",
    "slot": "what both values are about (kind, subject, attribute)",
    "source_a": "a source stating value_a", "value_a": "one value, readable",
    "sentence_a": "the sentence of source_a stating it",
    "source_b": "a source stating value_b", "value_b": "the other value, readable",
    "sentence_b": "the sentence of source_b stating it",
    "explanation": "why the two values cannot both hold, in words",
    "confidence": "0-1, lowered for approximate, hedged or planned statements",
    "claim_a": "the claim of sentence_a", "claim_b": "the claim of sentence_b",
    "span_a": "the words of value_a", "span_b": "the words of value_b",
    "char_start_a": "offset of span_a in source_a", "char_end_a": "end of span_a",
    "char_start_b": "offset of span_b in source_b", "char_end_b": "end of span_b",
    "sources_a": "every source stating value_a (;-separated)",
    "n_sources_a": "how many sources state value_a",
    "sources_b": "every source stating value_b (;-separated)",
    "n_sources_b": "how many sources state value_b",
}

#: Canned queries (Datasette): name → (title, SQL).
CANNED_QUERIES: dict[str, tuple[str, str]] = {
    "findings_by_slot": (
        "Findings by slot, with both sentences",
        """SELECT f.slot, f.kind, f.value_a, f.sources_a, coalesce(sa.outlet, '') AS outlet_a,
       f.sentence_a, f.value_b, f.sources_b, coalesce(sb.outlet, '') AS outlet_b,
       f.sentence_b, f.explanation, f.confidence, f.conflict_id
FROM findings f
LEFT JOIN sources sa ON sa.id = f.source_a
LEFT JOIN sources sb ON sb.id = f.source_b
ORDER BY f.slot, f.confidence DESC, f.conflict_id""",
    ),
    "outlets_by_value": (
        "Which outlets state each value of a slot",
        """SELECT sc.slot, c.value_from, c.value, c.unit,
       count(DISTINCT c.source) AS n_sources,
       group_concat(DISTINCT coalesce(nullif(s.outlet, ''), c.source)) AS outlets,
       group_concat(DISTINCT c.source) AS sources
FROM slot_claims sc
JOIN claims c ON c.claim_id = sc.claim_id
JOIN sources s ON s.id = c.source
WHERE :slot = '' OR sc.slot LIKE '%' || :slot || '%'
GROUP BY sc.slot, c.value_from, c.value, c.unit
ORDER BY sc.slot, n_sources DESC, c.value""",
    ),
    "outlet_claims": (
        "An outlet's claims (outlet name or source id)",
        """SELECT c.source, s.outlet, s.published, c.kind, c.span, c.value_from, c.value,
       c.unit, c.attribute, c.subject, c.sentence, c.claim_id
FROM claims c
JOIN sources s ON s.id = c.source
WHERE s.outlet = :outlet OR c.source = :outlet
ORDER BY c.source, c.char_start""",
    ),
}


#: Datasette descriptions of the tables: what a row is, labels, facets, columns.
TABLE_METADATA: dict[str, dict[str, Any]] = {
    "sources": {
        "description": "One row per article; id exactly as the input gave it.",
        "label_column": "title",
        "columns": {
            "id": "article id (file stem, or the JSONL/CSV id field)",
            "outlet": "the publisher", "title": "headline", "url": "where it was read",
            "published": "publication date (ISO), when known",
            "content_hash": "SHA-256 of the article text: a changed text is re-extracted",
            "model": "the spaCy pipeline (and lexicon) its claims were extracted with",
            "run": "the run that last wrote this article",
        },
    },
    "sentences": {
        "description": "How each article was split into sentences (full-text search).",
        "columns": {"source": "article id", "sentence_id": "index in the article",
                    "char_start": "offset in the article text", "char_end": "end offset",
                    "text": "the sentence"},
    },
    "claims": {
        "description": "Every checkable claim: a value stated by one source.",
        "label_column": "span",
        "facets": ["kind", "source", "attribute"],
        "columns": _CLAIM_DESCRIPTIONS,
    },
    "slot_claims": {
        "description": "Which claims each slot groups (claims about the same thing).",
        "columns": {"slot_id": "id of the slot", "slot": "what its claims are about",
                    "kind": "kind of its claims", "claim_id": "a claim of the slot"},
    },
    "findings": {
        "description": "One row per disagreement: two values of one slot, with every "
                       "source stating each side.",
        "label_column": "slot",
        "facets": ["kind"],
        "columns": _CONFLICT_DESCRIPTIONS,
    },
    "pairs": {
        "description": "One row per pair of disagreeing sources (claimcheck conflicts "
                       "--pairs).",
        "facets": ["kind"],
        "columns": _CONFLICT_DESCRIPTIONS,
    },
    "updates": {
        "description": "Running tallies (deaths, missing, ...) whose figures change "
                       "between reports: updates, not contradictions.",
        "columns": {"slot": "the tally", "attribute": "what it counts",
                    "scope": "the part of the world it is limited to",
                    "step": "order of the reports", "published": "date of the report",
                    "source": "article id", "value": "the figure",
                    "claim_id": "the claim", "span": "its words",
                    "sentence": "its sentence"},
    },
    "slot_digests": {
        "description": "What each slot's findings and pairs were computed from, so that "
                       "a run compares again only what changed (bookkeeping).",
        "columns": {"slot": "the slot (as in findings and pairs)",
                    "source": "an article with claims in it; empty for the slot "
                              "as a whole",
                    "digest": "hash of that article's claims in the slot (or of the "
                              "slot's settings and blocks)"},
    },
    "runs": {
        "description": "Every run that wrote this database.",
        "columns": {"command": "extract or conflicts", "started": "UTC",
                    "finished": "UTC", "version": "claimcheck version",
                    "model": "spaCy pipeline", "inputs": "paths given (JSON list)",
                    "added": "articles added", "replaced": "articles whose text changed",
                    "unchanged": "articles left as they were"},
    },
}


def datasette_metadata(database: str | Path) -> dict[str, Any]:
    """Datasette metadata for a claimcheck database: table and column descriptions,
    labels, facets and the canned queries of ``CANNED_QUERIES``, under the database's
    name in Datasette (its file name without the suffix)."""
    name = Path(database).stem
    tables = TABLE_METADATA
    queries = {key: {"title": title, "sql": sql} for key, (title, sql) in CANNED_QUERIES.items()}
    return {
        "title": "claimcheck",
        "description": "Claims extracted from news articles and where the sources disagree.",
        "databases": {name: {"tables": tables, "queries": queries}},
    }


def write_metadata(path: Path, database: str | Path) -> None:
    """``datasette_metadata(database)`` as JSON, written atomically to ``path``."""
    from .export import atomic_writer

    try:
        with atomic_writer(Path(path)) as fh:
            json.dump(datasette_metadata(database), fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from exc
