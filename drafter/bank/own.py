"""The unit's own phrase bank: paragraphs saved while writing (/s) and what `drafter mine --own` finds in the
unit's own past reports, offered first the next time.

A paragraph is saved as a phrase another year can use: the unit's name and place, the figures, the years
and dates, 文号 and local documents become slots, as mining makes them (mining/slots.py, entities.py); the
person sees the slotted text before it is kept. The bank is one JSON Lines file in the user data directory,
changed under a lock and written atomically; a phrase saved twice is kept once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.files import locked, write_atomic
from drafter.models import Phrase, PhraseRole
from drafter.resources import user_data_dir

OWN_FILE = "own-phrases.jsonl"
OWN_ORIGIN = "own"


@dataclass(frozen=True)
class Slotted:
    """A paragraph made reusable: its text with slots, and what each slot stood for (for confirmation)."""

    text: str
    slots: list[str]
    replaced: list[tuple[str, str]]  # (what was written, the slot it became)


def own_bank_path() -> Path:
    """Where the unit's own phrases are kept."""
    return user_data_dir() / OWN_FILE


def slot_paragraph(paragraph: str, org: str | None = None, year: int | None = None) -> Slotted:
    """A paragraph with the unit's name and place, figures, years, dates and local names as slots."""
    from drafter.mining.entities import slot_entities
    from drafter.mining.slots import slot_text
    from drafter.writing.unit import unit_place

    text = paragraph.strip()
    replaced: list[tuple[str, str]] = []
    for name, slot in ((org, "单位"), (unit_place(org), "地名")):
        if name and name in text:
            text = text.replace(name, "{" + slot + "}")
            replaced.append((name, slot))
    slotted, slots = slot_text(slot_entities(text, org, projects=False), year)
    found = _replacements(paragraph.strip(), slotted)
    return Slotted(slotted, slots, found or replaced)


def _replacements(original: str, slotted: str) -> list[tuple[str, str]]:
    """What each slot of `slotted` stood for in `original` (empty when the two do not line up)."""
    import re

    from drafter.mining.slots import SLOT

    pattern, names, cursor = "", [], 0
    for match in SLOT.finditer(slotted):
        pattern += re.escape(slotted[cursor : match.start()]) + "(.+?)"
        names.append(match.group(1) + match.group(2))
        cursor = match.end()
    found = re.fullmatch(pattern + re.escape(slotted[cursor:]), original, flags=re.S)
    return list(zip(found.groups(), names, strict=True)) if found else []


def own_phrase(text: str, genre_id: str, role: PhraseRole) -> Phrase:
    """A phrase of the unit's own bank."""
    from drafter.mining.reduce import phrase_id
    from drafter.mining.slots import slot_names

    return Phrase(
        id=phrase_id(f"own-{genre_id}", role, text),
        text=text,
        genre=genre_id,
        role=role,
        slots=slot_names(text),
        origin=OWN_ORIGIN,
        status="accepted",
        tier="常用语",  # the unit's own words: signable as they stand once the slots are filled
    )


def load_own(genre_id: str | None = None) -> list[Phrase]:
    """The unit's own phrases (of one genre), most recently saved first."""
    from drafter.bank.templates import read_bank

    path = own_bank_path()
    if not path.exists():
        return []
    phrases = [p.model_copy(update={"status": "accepted"}) for p in read_bank(path)]
    return [p for p in reversed(phrases) if genre_id is None or p.genre == genre_id]


def save_own(phrases: list[Phrase]) -> int:
    """Add phrases to the own bank (one already there is kept once); how many were new."""
    from drafter.bank.templates import bank_lines, read_bank

    path = own_bank_path()
    with locked(path.with_name(path.name + ".lock"), f"本单位常用语库 {path}"):
        existing = read_bank(path) if path.exists() else []
        known = {p.id for p in existing}
        new = [p for p in dict((p.id, p) for p in phrases).values() if p.id not in known]
        if new:
            write_atomic(path, bank_lines([*existing, *new]))
    return len(new)
