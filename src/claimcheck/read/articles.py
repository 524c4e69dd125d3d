"""Table records and their fields → Article records: id, text, title, outlet, the
publication date (a field, a manifest row or a date line at the top of the text)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..records import Article, Problem
from ..settings import Settings
from .decode import first_line, normalize_newlines


@dataclass(frozen=True, slots=True, kw_only=True)
class ManifestEntry:
    outlet: str = ""
    title: str = ""
    url: str = ""
    published: date | None = None


def get_field(record: dict[str, Any], dotted: str) -> Any:
    """Read ``a.b.c`` from nested dicts; None when any step is missing."""
    cur: Any = record
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def record_to_article(
    record: dict[str, Any],
    where: str,
    settings: Settings,
    problems: list[Problem],
    path: Path | None,
) -> Iterator[Article]:
    """Turn one table record into an Article, or a Problem naming the missing field."""
    rid = get_field(record, settings.id_field)
    body = get_field(record, settings.text_field)
    if rid is None or str(rid).strip() == "":
        problems.append(
            Problem(
                stage="ingest",
                path=where,
                message=f"no {settings.id_field!r} field; skipped (choose one with --id-field)",
            )
        )
        return
    if not isinstance(body, str):
        problems.append(
            Problem(
                stage="ingest",
                path=where,
                message=f"no text in {settings.text_field!r}; skipped "
                "(choose the field with --text-field)",
            )
        )
        return
    published = parse_published(get_field(record, settings.published_field))
    title = get_field(record, settings.title_field)
    outlet = get_field(record, settings.outlet_field)
    art = Article(
        id=str(rid),
        text=normalize_newlines(body),
        path=path,
        title=str(title) if title else first_line(body),
        outlet=str(outlet) if outlet else "",
        published=published,
        published_from="record" if published else "",
    )
    yield with_dateline(art)


def parse_published(value: Any) -> date | None:
    """An ISO date or datetime string (or date) → date; anything else → None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raw = str(value).strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        from .dateline import parse_date_line

        return parse_date_line(raw)


def with_dateline(art: Article) -> Article:
    """Fill ``published`` from a date line near the top of the article when unknown."""
    if art.published is not None:
        return art
    from .dateline import find_dateline

    found = find_dateline(piece for _offset, piece in art.pieces())
    if found is None:
        return art
    return replace(art, published=found, published_from="dateline")
