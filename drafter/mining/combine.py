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
MAX_UNITS = 32  # distinct units are counted up to this many: enough to rank by generality
# A bank keeps at most HIGH phrases of a role while folding; past that it is cut back to LOW.
HIGH, LOW = 3000, 1500


@dataclass
class PhraseStats:
    """One phrase merged across its occurrences."""

    text: str
    count: int = 0
    documents: int = 0
    units: set[str] = field(default_factory=set)
    sources: list[tuple[str, int]] = field(default_factory=list)  # (document title, paragraph)
    context: str = ""
    last_document: int = -1

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


@dataclass
class DocumentParts:
    """A document's title and unit, and its parts for the skeleton."""

    title: str
    unit: str
    parts: list[SectionSummary]


@dataclass
class PartialBank:
    """What the documents of one bucket contribute: their part lists, title patterns and phrases by role."""

    documents: list[DocumentParts] = field(default_factory=list)
    title_patterns: Counter[str] = field(default_factory=Counter)
    phrases: dict[PhraseRole, dict[str, PhraseStats]] = field(default_factory=dict)  # role -> key -> stats

    def add(self, mined: MinedDocument) -> None:
        """Fold one document in."""
        ordinal = len(self.documents)
        self.documents.append(DocumentParts(mined.title, mined.unit, mined.parts))
        self.title_patterns[mined.title_pattern] += 1
        for occurrence in mined.phrases:
            bank = self.phrases.setdefault(occurrence.role, {})
            stats = bank.get(occurrence.key)
            if stats is None:
                stats = bank[occurrence.key] = PhraseStats(
                    occurrence.text, context=context_of(occurrence.source, occurrence.part)
                )
            stats.count += 1
            if stats.last_document != ordinal:
                stats.last_document = ordinal
                stats.documents += 1
                if len(stats.units) < MAX_UNITS and mined.unit:
                    stats.units.add(mined.unit)
                if len(stats.sources) < MAX_SOURCES:
                    stats.sources.append((mined.title, occurrence.paragraph))
            if len(bank) > HIGH:
                self.phrases[occurrence.role] = cut(bank, LOW)

    def merge(self, other: PartialBank) -> None:
        """Fold another bank in (the other's phrases after this one's, so first-seen order is kept)."""
        self.documents.extend(other.documents)
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
            if len(mine) > HIGH:
                self.phrases[role] = cut(mine, LOW)

    def bounded(self) -> PartialBank:
        """This bank with every role cut back to LOW phrases (what a worker sends back)."""
        self.phrases = {role: cut(bank, LOW) if len(bank) > LOW else bank for role, bank in self.phrases.items()}
        return self


def cut(bank: dict[str, PhraseStats], size: int) -> dict[str, PhraseStats]:
    """The `size` most general phrases of a bank, in their first-seen order."""
    order = {key: index for index, key in enumerate(bank)}
    ranked = sorted(bank, key=lambda key: (tuple(-g for g in bank[key].generality()), order[key]))[:size]
    kept = set(ranked)
    return {key: stats for key, stats in bank.items() if key in kept}
