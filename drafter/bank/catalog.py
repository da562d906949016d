"""Read-side views of the templates: phrase filtering, genre names, sources (the genre listing: listing.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.bank.search import COMMON, Bank, BankView, Shelf, for_year, offer_key
from drafter.bank.templates import (
    find_genre,
    load_registry,
    load_reviews,
    open_bank,
    resolve_templates,
)
from drafter.lazy import lazy_compile
from drafter.models import Phrase

EXAMPLE = "范例"


def select_phrases(
    templates_option: Path | None,
    genre_query: str | None,
    role: str | None,
    search: str | None,
    year: int | None = None,
    tier: str | None = None,
) -> list[Phrase]:
    """Phrases of one genre (or every genre), optionally of one role, one tier, containing a word, and
    true of a report of `year`."""
    templates = resolve_templates(templates_option)
    registry = load_registry(templates)
    genres = [find_genre(genre_query, registry)] if genre_query else registry
    reviews = load_reviews(templates)
    banks = [open_bank(templates, g, reviews) for g in genres]
    if not (role or search or year is not None or tier):
        return [p for bank in banks for p in bank.all()]
    # As offered (rejected ones left out) within a role; without one, every match in its place, rejected ones too.
    roles = [role] if role else None
    found = [
        p for bank in banks for p in bank.search(search or "", roles, None, year=year, tier=tier, rejected=not role)
    ]
    return offered(found, role, year) if role and len(banks) > 1 else found


def genre_names(templates_option: Path | None) -> dict[str, str]:
    """Genre id -> the Chinese name a person knows it by (shenji -> 审计)."""
    return {genre.id: genre.name for genre in load_registry(resolve_templates(templates_option))}


# A person named in a report's title: a redacted name (王某某), or the name after a post and before the year
# (局长张三2024年度述职报告). A 范例's source names the report, never the person.
_PERSON_IN_TITLE = lazy_compile(r"[\u4e00-\u9fff]某某|(?<=[长记任员师])[\u4e00-\u9fff]{2,3}(?=(?:19|20)\d{2}年)")


def source_name(phrase: Phrase) -> str:
    """The report a phrase was seen in, as a 范例 shows it (县审计局2023年工作总结), without a person's name."""
    title = phrase.sources[0].title if phrase.sources else ""
    return _PERSON_IN_TITLE.sub("", title) or "其他单位的总结"


# A section about the year's work holds measures and results alike: its phrase picker offers both.
WORK_ROLES = frozenset({"measure", "result", "case"})
# Parts of sentences a writer may start or dress a paragraph with, whatever the part.
CLAUSE_ROLES = frozenset({"opener", "set_phrase"})


def offered(phrases: list[Phrase], role: str, year: int | None = None) -> list[Phrase]:
    """The phrases of a role as the wizard offers them (and `drafter phrases GENRE --role R` lists them):
    常用语 before 范例 (a 范例 is never a default), then accepted ones; for a report of `year`, only what is
    true of it, the year's own first (2025年是“十四五”规划收官之年); the genre's own before borrowed ones;
    those that fit the role; most general first."""
    usable = [p for p in phrases if p.role == role and p.status != "rejected" and for_year(p, year)]
    return sorted(usable, key=lambda p: offer_key(p, year))


def picker_view(
    bank: Bank, fallback: Bank, role: str, year: int | None, lent: Callable[[Phrase], Phrase | None] | None = None
) -> BankView:
    """What `/p` offers in the body of a part of `role`, best first: the part's 常用语 (measures and results
    alike in a section about the year's work), then the general bank's 常用语 of the part (what any unit writes
    there); once the person types, 常用语 clause openers and set phrases, then the 范例 (with nothing typed, /p
    lists 常用语 whole sentences only: never a part of a sentence, never another unit's example) — all for the
    report's year. The general bank stands in when the genre has nothing for the part; `lent` says how
    its phrases read in this genre."""
    roles = WORK_ROLES if role in WORK_ROLES else frozenset({role})
    chosen = bank if bank.count(roles, rejected=False) else fallback
    adapt = lent if chosen is fallback else None
    shelves = [Shelf(chosen, roles, COMMON, adapt)]
    if chosen is not fallback:
        shelves.append(Shelf(fallback, roles, COMMON, lent))
    clauses = Shelf(chosen, CLAUSE_ROLES, COMMON, adapt, typed_only=True)
    shelves += [clauses, Shelf(chosen, roles, EXAMPLE, adapt, typed_only=True)]
    return BankView(shelves, year)
