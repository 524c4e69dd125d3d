"""Roles: who holds which title ("President Lee Jae-myung", "Treasury Secretary Scott
Bessent", "former President Trump")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Mention

#: Titles that introduce a person's role ("Treasury Secretary Scott Bessent").
ROLE_TITLES = (
    "Vice President|President|Prime Minister|Deputy Prime Minister|Premier|Chancellor|"
    "Foreign Minister|Finance Minister|Defen[cs]e Minister|Trade Minister|Commerce Minister|"
    "Minister|Secretary of State|Secretary-General|Secretary General|Treasury Secretary|"
    "Commerce Secretary|Defen[cs]e Secretary|State Secretary|Trade Representative|Secretary|"
    "Vice Premier|Governor|Senator|Sen\\.|Representative|Rep\\.|Ambassador|Chairman|"
    "Chairwoman|Chair|Chief Executive|CEO|General|Gen\\.|Admiral|King|Queen|Emperor|Pope|"
    "Mayor|Speaker|Director|spokesman|spokeswoman|spokesperson|Spokesman|Spokeswoman|"
    "Spokesperson|leader|Leader|envoy|Envoy|negotiator|Negotiator"
)


_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"


ROLE = re.compile(r"\b(?P<title>" + ROLE_TITLES + r")\s+" + _NAME + r"\b")


_ORG_BEFORE = re.compile(r"(?P<org>(?:U\.S\.|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:’s|'s)?)\s+$")


_DEPARTMENTS = frozenset(
    "treasury commerce defense defence state foreign finance trade justice interior energy "
    "health education labor labour agriculture transport transportation homeland security "
    "economy home foreign ministry white house kremlin pentagon".split()
)


_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|ian|i|ch|ic)$")


def _org_ok(org: str) -> bool:
    """An organisation or country before a title: "U.S.", "Chinese", "Canada's",
    "Treasury", "Foreign Ministry" — not a sentence word like "While" or "Whereas"."""
    from .places import gazetteer

    bare = re.sub(r"(?:’s|'s)$", "", org)
    if org != bare or bare in {"U.S.", "US", "UK", "EU", "UN", "NATO"}:
        return True
    if all(w.lower() in _DEPARTMENTS for w in bare.split()):
        return True
    if _NATIONALITY.match(bare.split()[-1]) and bare.split()[-1] not in {"Whereas"}:
        return True
    return gazetteer().lookup(bare) is not None


_ROLE_TENSE = re.compile(r"\b(former|ex-|outgoing)\s*$", re.I)


def find_roles(text: str) -> Iterator[Mention]:
    """A title and the name after it, with the organisation before it ("Treasury
    Secretary Scott Bessent") and a tense ("former President Trump")."""
    for m in ROLE.finditer(text):
        om = _ORG_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        org = om.group("org") if om else ""
        if org and not _org_ok(org):
            # "While Treasury": keep only the last word when it alone is an organisation
            org = org.split()[-1] if " " in org and _org_ok(org.split()[-1]) else ""
        name = m.group("name")
        title = m.group("title")
        start = (
            m.start() - len(org) - (len(om.group()) - len(om.group("org")) if om and org else 0)
            if org
            else m.start()
        )
        if tense := _ROLE_TENSE.search(text[max(0, start - 12):start]):
            # "former President Donald Trump": a former title is another claim than the title
            title = f"{tense.group(1).lower()} {title}"
            start -= len(tense.group())
        yield Mention(
            "role",
            start,
            m.end(),
            title.lower().rstrip("."),
            unit=org,
            extra={"person": name, "name_start": str(m.start("name"))},
        )
