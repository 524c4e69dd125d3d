"""Terminal views (rich): the claims table and conflicts grouped by slot."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..compare.conflicts import display_value
from ..records import Conflict, Result


def _console() -> Console:
    return Console(highlight=False)


def claims_table(result: Result, console: Console | None = None) -> None:
    console = console or _console()
    table = Table(
        title=f"{len(result.claims)} claims from {len(result.articles)} articles",
        show_lines=False,
        expand=True,
    )
    for col, style in (
        ("source", "cyan"),
        ("kind", "magenta"),
        ("span", "bold"),
        ("value", "green"),
        ("subject", ""),
        ("predicate", ""),
        ("modality", "yellow"),
    ):
        table.add_column(col, style=style, overflow="fold")
    for c in result.claims:
        table.add_row(
            c.source, c.kind, c.span, display_value(c), c.subject, c.predicate, c.modality
        )
    console.print(table)


def highlighted(sentence: str, span: str, style: str) -> Text:
    text = Text(sentence)
    at = sentence.find(span)
    if at >= 0 and span:
        text.stylize(style, at, at + len(span))
    return text


def _who(source: str, sources: tuple[str, ...]) -> str:
    """The representative source of a finding's side, and how many more state it."""
    more = len([s for s in sources if s != source])
    return f"{source} (+{more} more)" if more else source


def conflicts_view(result: Result, console: Console | None = None) -> None:
    console = console or _console()
    if not result.conflicts:
        console.print(
            f"No conflicts among {len(result.claims)} claims ({len(result.slots)} slots compared)."
        )
        return
    by_slot: dict[str, list[Conflict]] = {}
    for c in result.conflicts:
        by_slot.setdefault(c.slot, []).append(c)
    for slot, rows in by_slot.items():
        body: list[Any] = []
        for c in rows:
            grid = Table.grid(padding=(0, 2), expand=True)
            grid.add_column(ratio=1)
            grid.add_column(ratio=1)
            grid.add_row(
                Text(f"{_who(c.source_a, c.sources_a)}: {c.value_a}", style="bold red"),
                Text(f"{_who(c.source_b, c.sources_b)}: {c.value_b}", style="bold blue"),
            )
            grid.add_row(
                highlighted(c.sentence_a, c.span_a, "reverse red"),
                highlighted(c.sentence_b, c.span_b, "reverse blue"),
            )
            body.append(grid)
            body.append(
                Text(f"{c.kind} · confidence {c.confidence:.2f} — {c.explanation}", style="dim")
            )
            body.append(Text(""))
        from rich.console import Group

        console.print(Panel(Group(*body[:-1]), title=slot, title_align="left"))
    console.print(
        f"{len(result.conflicts)} findings in {len(by_slot)} slots, "
        f"{len(result.claims)} claims from {len(result.articles)} articles."
    )
