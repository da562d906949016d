"""The genre registry (templates/genres.yaml) and which registered genre a document belongs to.

A keyword counts only where it starts a word (教育 is not a genre word inside 党史学习教育), found
with jieba and the 公文 terms of corpus/terms.yaml. The topic of the title decides first, then the
unit's name, then the unit's kind (乡, 镇 for 乡镇综合), then the headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from drafter.reading.titles import TitleFacts, title_facts
from drafter.resources import bundled

if TYPE_CHECKING:
    from drafter.models import Genre

GENERAL_GENRE = "通用"
# Kinds of report with an outline of their own, whoever wrote them: they form a genre of their own (even of one
# document), and neither lend their parts to a unit's genre nor borrow a unit's (Genre.report names the kind).
PERSONAL = "个人总结"
GOVERNMENT_REPORT = "政府工作报告"
# This many headings must name a genre before they decide it: one heading is one part of a unit's report (四、行风建设
# 不断加强 in a hospital's year-end summary), however many of the genre's keywords it holds.
HEADING_HITS = 2


BUNDLED_GENRES = "templates/genres.yaml"


class Matchable(Protocol):
    """What deciding a document's genre reads of a genre (a registry's Genre, or the same fields kept as validated)."""

    @property
    def name(self) -> str: ...

    @property
    def keywords(self) -> Sequence[str]: ...

    @property
    def units(self) -> Sequence[str]: ...

    @property
    def discovered(self) -> bool: ...


GenreT = TypeVar("GenreT", bound=Matchable)


def load_genres(path: Path | None = None) -> list[Genre]:
    """The genres of the registry (the bundled templates/genres.yaml by default)."""
    from drafter.bank.store import load_yaml_model
    from drafter.models import GenreRegistry

    return load_yaml_model(path or bundled(BUNDLED_GENRES), GenreRegistry).genres


@lru_cache(maxsize=1024)
def _boundaries(text: str) -> tuple[frozenset[int], frozenset[int], tuple[tuple[int, int], ...]]:
    """Where words start and end in a text, and the spans of the fixed 公文 terms in it."""
    from drafter.mining.lexicon import lexicon, terms

    starts, ends, position = set(), set(), 0
    for word in lexicon().segment(text):
        starts.add(position)
        position += len(word)
        ends.add(position)
    spans = tuple((i, i + len(t)) for t in terms() if t in text for i in _occurrences(text, t))
    return frozenset(starts), frozenset(ends), spans


def keyword_hits(text: str, keywords: Sequence[str]) -> list[str]:
    """The keywords that occur in `text` as a word, or at the start or end of one (审计 in 审计局,
    提案 in 政协提案), but not inside a fixed term (教育 in 党史学习教育)."""
    if not text or not any(k in text for k in keywords):
        return []
    starts, ends, spans = _boundaries(text)
    hits = []
    for keyword in keywords:
        for index in _occurrences(text, keyword):
            end = index + len(keyword)
            in_term = any(a <= index and end <= b and (a, b) != (index, end) for a, b in spans)
            if (index in starts or end in ends) and not in_term:
                hits.append(keyword)
                break
    return hits


def _occurrences(text: str, word: str) -> list[int]:
    """Every index where `word` occurs in `text`."""
    found, index = [], text.find(word)
    while index >= 0:
        found.append(index)
        index = text.find(word, index + 1)
    return found


def match_genre(facts: TitleFacts, headings: list[str], genres: Sequence[GenreT]) -> GenreT | None:
    """The genre of a document: a registered one, else one mining discovered before, else None."""
    registered = [g for g in genres if g.name != GENERAL_GENRE and not g.discovered]
    found = _match(facts, headings, registered, units_need_no_topic=False)
    if found is None:
        discovered = [g for g in genres if g.discovered]
        found = _match(facts, [], discovered, units_need_no_topic=True)
    return found


def _match(
    facts: TitleFacts, headings: list[str], candidates: list[GenreT], *, units_need_no_topic: bool
) -> GenreT | None:
    """Topic keywords, then the unit's name, then the unit's kind, then the headings."""
    best = _best_by_keyword(facts.topic, candidates)
    if best is None and facts.unit:
        best = _best_in_unit(facts.unit, candidates)
    if best is None and facts.unit_kind and (units_need_no_topic or not facts.topic):
        best = next((g for g in candidates if facts.unit_kind in g.units), None)
    if best is None and headings:
        counts = {g.name: sum(bool(keyword_hits(h, g.keywords)) for h in headings) for g in candidates}
        top = max(counts.values(), default=0)
        if top >= HEADING_HITS:
            best = next(g for g in candidates if counts[g.name] == top)
    return best


def _best_in_unit(unit: str, genres: list[GenreT]) -> GenreT | None:
    """The genre whose longest keyword (two characters or more) is part of the unit's name (县审计局 -> 审计)."""
    best: tuple[int, int] | None = None
    chosen = None
    for order, genre in enumerate(genres):
        for keyword in genre.keywords:
            if len(keyword) >= 2 and keyword in unit and (best is None or (len(keyword), -order) > best):
                best, chosen = (len(keyword), -order), genre
    return chosen


def _best_by_keyword(text: str, genres: list[GenreT]) -> GenreT | None:
    """The genre whose longest keyword starts a word of `text` (registry order on ties)."""
    best: tuple[int, int] | None = None
    chosen = None
    for order, genre in enumerate(genres):
        for keyword in keyword_hits(text, genre.keywords):
            rank = (len(keyword), -order)
            if best is None or rank > best:
                best, chosen = rank, genre
    return chosen


def classify_title(
    title: str, genres: Sequence[Matchable], org: str | None = None, headings: list[str] | None = None
) -> str:
    """The name of a document's registered genre; 通用 when none fits."""
    genre = match_genre(title_facts(title, org), headings or [], genres)
    return genre.name if genre else GENERAL_GENRE
