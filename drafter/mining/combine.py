"""Combine: mined documents -> partial phrase banks and part lists, bounded, mergeable in any grouping.

Workers fold their chunk's documents into one PartialBank per bucket (a registered genre, or a
candidate for a discovered one) and return those, not every occurrence. The parent merges them in
chunk order, so the result does not depend on how many workers ran. A bank that grows past its
bound drops its least general phrases (seen in one document only) first: the output stops growing
with the corpus once the banks are full.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from drafter.mining.extract import MinedDocument, SectionSummary, context_of
from drafter.models import PhraseRole

MAX_SOURCES = 2
MAX_UNITS = 12  # distinct units are counted up to this many: enough to rank by generality
# A bucket keeps at most HIGH phrases while folding; past that each role is cut back to its share of LOW
# (at least FLOOR): the banks fill up early and then stop growing, whatever the corpus size.
HIGH, LOW, FLOOR = 4000, 2000, 120
# The part lists of this many documents are enough for a skeleton's guidance; the rest are counted only.
MAX_DOCUMENTS = 200


@dataclass(slots=True)
class PhraseStats:
    """One phrase merged across its occurrences."""

    text: str
    count: int = 0
    documents: int = 0
    units: set[str] = field(default_factory=set)
    sources: list[tuple[str, int]] = field(default_factory=list)  # (document title, paragraph)
    context: str = ""
    last_document: int = -1
    year: int | None = None  # the one year it is true of (a year-bound sentence)

    def generality(self) -> tuple[int, int, int]:
        """How general a phrase is: distinct documents, distinct units, occurrences."""
        return (self.documents, len(self.units), self.count)

    def absorb(self, other: PhraseStats) -> None:
        """Add another bank's counts of the same phrase (documents of different banks are different)."""
        self.count += other.count
        self.documents += other.documents
        if len(self.units) < MAX_UNITS:
            self.units |= set(sorted(other.units)[: MAX_UNITS - len(self.units)])
        self.sources.extend(other.sources[: max(MAX_SOURCES - len(self.sources), 0)])


@dataclass(slots=True)
class DocumentParts:
    """A document's title and unit, and its parts for the skeleton."""

    title: str
    unit: str
    parts: list[SectionSummary]


@dataclass
class PartialBank:
    """What the documents of one bucket contribute: their part lists, title patterns and phrases by role."""

    documents: list[DocumentParts] = field(default_factory=list)  # the first MAX_DOCUMENTS
    count: int = 0  # every document folded in
    title_patterns: Counter[str] = field(default_factory=Counter)
    phrases: dict[PhraseRole, dict[str, PhraseStats]] = field(default_factory=dict)  # role -> key -> stats
    _size: int = 0  # phrases held (kept up to date while folding)

    def add(self, mined: MinedDocument) -> None:
        """Fold one document in."""
        ordinal = self.count
        self.count += 1
        if len(self.documents) < MAX_DOCUMENTS:
            self.documents.append(DocumentParts(mined.title, mined.unit, mined.parts))
        self.title_patterns[mined.title_pattern] += 1
        for occurrence in mined.phrases:
            bank = self.phrases.setdefault(occurrence.role, {})
            stats = bank.get(occurrence.key)
            if stats is None:
                stats = bank[occurrence.key] = PhraseStats(
                    occurrence.text, context=context_of(occurrence.source, occurrence.part), year=occurrence.year
                )
            stats.count += 1
            if stats.last_document != ordinal:
                stats.last_document = ordinal
                stats.documents += 1
                if len(stats.units) < MAX_UNITS and mined.unit:
                    stats.units.add(mined.unit)
                if len(stats.sources) < MAX_SOURCES:
                    stats.sources.append((mined.title, occurrence.paragraph))
            self._size += stats.count == 1
        if self._size > HIGH:
            self._cut_to(LOW)

    def merge(self, other: PartialBank) -> None:
        """Fold another bank in (the other's phrases after this one's, so first-seen order is kept)."""
        self.documents.extend(other.documents[: max(MAX_DOCUMENTS - len(self.documents), 0)])
        self.count += other.count
        self.title_patterns.update(other.title_patterns)
        for role, theirs in other.phrases.items():
            mine = self.phrases.setdefault(role, {})
            for key, stats in theirs.items():
                existing = mine.get(key)
                if existing is None:
                    stats.last_document = -1
                    mine[key] = stats
                else:
                    existing.absorb(stats)
        self._size = sum(len(bank) for bank in self.phrases.values())
        if self._size > HIGH:
            self._cut_to(LOW)

    def bounded(self) -> PartialBank:
        """This bank cut back to LOW phrases (what a worker sends back)."""
        if sum(len(bank) for bank in self.phrases.values()) > LOW:
            self._cut_to(LOW)
        return self

    def _cut_to(self, size: int) -> None:
        """Cut every role to its share of `size` phrases (at least FLOOR), keeping the most general."""
        total = sum(len(bank) for bank in self.phrases.values())
        for role, bank in self.phrases.items():
            share = max(FLOOR, size * len(bank) // total)
            if len(bank) > share:
                self.phrases[role] = cut(bank, share)
        self._size = sum(len(bank) for bank in self.phrases.values())


def cut(bank: dict[str, PhraseStats], size: int) -> dict[str, PhraseStats]:
    """The `size` most general phrases of a bank, in their first-seen order."""
    order = {key: index for index, key in enumerate(bank)}
    ranked = sorted(bank, key=lambda key: (tuple(-g for g in bank[key].generality()), order[key]))[:size]
    kept = set(ranked)
    return {key: stats for key, stats in bank.items() if key in kept}
