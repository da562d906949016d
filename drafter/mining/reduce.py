"""Reduce: mined documents -> one skeleton and one phrase bank per genre, plus the general ones."""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from drafter.genres import GENERAL_GENRE
from drafter.mining.extract import MinedDocument, PhraseOccurrence, SectionSummary
from drafter.mining.roles import DEFAULT_HEADINGS, ROLE_ORDER, role_rank
from drafter.mining.slots import normalise, slot_names
from drafter.models import Genre, Guidance, Phrase, PhraseBank, Provenance, Role, Skeleton, SkeletonNode

# The parts every summary has; a genre that lacks one borrows it from the general skeleton.
STANDARD_ROLES: tuple[Role, ...] = ("opening", "measure", "problem", "plan", "closing")
PHRASE_ROLE_ORDER: tuple[str, ...] = (*ROLE_ORDER, "heading", "opener", "set_phrase")
MAX_SOURCES = 10
MAX_ALTERNATIVES = 12
MAX_CHILD_EXAMPLES = 10
NEAR_DUPLICATE = 90  # rapidfuzz ratio at or above which two phrases are one


@dataclass
class _PhraseAccumulator:
    """A phrase being merged across occurrences."""

    text: str
    key: str  # the normalised text
    sources: list[tuple[str, int]] = field(default_factory=list)  # (title, paragraph)
    count: int = 0
    context: str = ""


@dataclass
class _GenreAccumulator:
    """What a genre has collected so far: document part lists and phrases by (role, normalised text)."""

    documents: list[tuple[str, list[SectionSummary]]] = field(default_factory=list)
    title_patterns: Counter[str] = field(default_factory=Counter)
    phrases: dict[tuple[str, str], _PhraseAccumulator] = field(default_factory=dict)


class Reducer:
    """Folds mined documents in one at a time, so memory holds only the banks being built."""

    def __init__(self, genres: list[Genre]) -> None:
        self.genres = genres
        self.by_genre: dict[str, _GenreAccumulator] = {}
        self.general = _GenreAccumulator()

    def add(self, document: MinedDocument) -> None:
        """Fold one document into its genre and into the general skeleton and bank."""
        targets = [self.by_genre.setdefault(document.genre, _GenreAccumulator())]
        if document.genre != GENERAL_GENRE:
            targets.append(self.general)
        for target in targets:
            target.documents.append((document.title, document.parts))
            target.title_patterns[document.title_pattern] += 1
            for occurrence in document.phrases:
                _add_phrase(target, document.title, occurrence)

    def skeletons(self) -> list[Skeleton]:
        """One skeleton per genre that has documents, and the general one (always)."""
        general = _general_skeleton(self._genre(GENERAL_GENRE), self.general)
        result = []
        for genre in self.genres:
            if genre.name == GENERAL_GENRE:
                result.append(general)
            elif genre.name in self.by_genre:
                result.append(_genre_skeleton(genre, self.by_genre[genre.name], general))
        return result

    def banks(self) -> list[PhraseBank]:
        """One phrase bank per genre with documents, and the general one."""
        banks = []
        for genre in self.genres:
            accumulator = self.general if genre.name == GENERAL_GENRE else self.by_genre.get(genre.name)
            if accumulator is not None:
                banks.append(PhraseBank(genre=genre.id, phrases=_phrases(genre.id, accumulator)))
        return banks

    def _genre(self, name: str) -> Genre:
        """The registry entry of a genre name."""
        return next(g for g in self.genres if g.name == name)


# --- phrases -------------------------------------------------------------------


def phrase_id(genre_id: str, role: str, text: str) -> str:
    """A stable id from the normalised text, genre and role."""
    digest = hashlib.sha1(f"{genre_id}|{role}|{normalise(text)}".encode()).hexdigest()
    return "p" + digest[:9]


def _add_phrase(target: _GenreAccumulator, title: str, occurrence: PhraseOccurrence) -> None:
    """Count one occurrence under its normalised text."""
    key = (occurrence.role, occurrence.key)
    accumulator = target.phrases.get(key)
    if accumulator is None:
        accumulator = target.phrases[key] = _PhraseAccumulator(
            occurrence.text, occurrence.key, context=occurrence.context
        )
    accumulator.count += 1
    if len(accumulator.sources) < MAX_SOURCES:
        accumulator.sources.append((title, occurrence.paragraph))


def _phrases(genre_id: str, accumulator: _GenreAccumulator) -> list[Phrase]:
    """Merge near-duplicates per role and order the bank: role, then frequency, then first seen."""
    merged: list[tuple[str, _PhraseAccumulator]] = []
    by_role: dict[str, list[_PhraseAccumulator]] = {}
    for (role, _), phrase in accumulator.phrases.items():
        by_role.setdefault(role, []).append(phrase)
    for role in sorted(by_role, key=PHRASE_ROLE_ORDER.index):
        merged.extend((role, phrase) for phrase in _merge_near_duplicates(by_role[role]))
    order = {id(p): i for i, (_, p) in enumerate(merged)}
    merged.sort(key=lambda rp: (PHRASE_ROLE_ORDER.index(rp[0]), -rp[1].count, order[id(rp[1])]))
    return [
        Phrase(
            id=phrase_id(genre_id, role, p.text),
            text=p.text,
            genre=genre_id,
            role=role,
            slots=slot_names(p.text),
            sources=[Provenance(title=title, paragraph=paragraph) for title, paragraph in p.sources],
            count=p.count,
            context=p.context,
        )
        for role, p in merged
    ]


def _merge_near_duplicates(phrases: list[_PhraseAccumulator]) -> list[_PhraseAccumulator]:
    """Fold phrases whose texts are nearly the same into the first seen (blocks by first characters)."""
    kept: list[_PhraseAccumulator] = []
    blocks: dict[str, list[_PhraseAccumulator]] = {}
    for phrase in phrases:
        block = blocks.setdefault(phrase.key[:2], [])
        match = process.extractOne(phrase.key, [k.key for k in block], scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
        if match is None:
            block.append(phrase)
            kept.append(phrase)
            continue
        target = block[match[2]]
        target.count += phrase.count
        target.sources.extend(phrase.sources[: max(MAX_SOURCES - len(target.sources), 0)])
    return kept


# --- skeletons -----------------------------------------------------------------


def _guidance(parts: list[SectionSummary]) -> Guidance:
    """Typical sub-heading count, length and enumeration of a role's parts."""
    if not parts:
        return Guidance()
    counts = [p.subheadings for p in parts]
    return Guidance(
        subheadings=int(statistics.median_low(counts)),
        subheadings_range=(min(counts), max(counts)),
        length=int(statistics.median_low([p.length for p in parts])),
        enumerates=sum(p.enumerates for p in parts) * 2 >= len(parts),
    )


def _ranked(texts: list[str]) -> list[str]:
    """Distinct texts, most frequent first, then in order of first appearance."""
    counts = Counter(texts)
    first = {t: i for i, t in reversed(list(enumerate(texts)))}
    return sorted(counts, key=lambda t: (-counts[t], first[t]))


def _node(
    role: Role, heading: str, parts: list[tuple[str, SectionSummary]], own_children: tuple[str, ...] = ()
) -> SkeletonNode:
    """A skeleton node for `role` from the parts of that role seen in the corpus."""
    headings = [p.heading for _, p in parts if p.role not in ("opening", "closing")]
    children = list(own_children) + [c for _, p in parts for c in p.children]
    return SkeletonNode(
        role=role,
        heading=heading,
        alternatives=[h for h in _ranked(headings) if h != heading][:MAX_ALTERNATIVES],
        example_children=_ranked(children)[:MAX_CHILD_EXAMPLES] if not own_children else list(own_children),
        guidance=_guidance([p for _, p in parts]),
        provenance=[Provenance(title=title, paragraph=p.paragraph) for title, p in parts][:MAX_SOURCES],
    )


def _parts_of(accumulator: _GenreAccumulator, roles: tuple[Role, ...]) -> list[tuple[str, SectionSummary]]:
    """Every part of the given roles, with its document title."""
    return [(title, p) for title, parts in accumulator.documents for p in parts if p.role in roles]


def _default_heading(role: Role, parts: list[tuple[str, SectionSummary]]) -> str:
    """The heading most documents use for a role, or the canonical one when they do not agree."""
    ranked = Counter(p.heading for _, p in parts)
    if ranked:
        heading, count = max(ranked.items(), key=lambda hc: (hc[1], -list(ranked).index(hc[0])))
        if count >= 2:
            return heading
    return DEFAULT_HEADINGS[role]


def _title_pattern(accumulator: _GenreAccumulator) -> str:
    """The most common title pattern (first seen on ties)."""
    if not accumulator.title_patterns:
        return "{单位}{年份}年工作总结"
    best = max(accumulator.title_patterns.values())
    return next(p for p, c in accumulator.title_patterns.items() if c == best)


def _general_skeleton(genre: Genre, accumulator: _GenreAccumulator) -> Skeleton:
    """开头 -> 主要工作及成效 -> 存在问题 -> 下一步计划 -> 结尾, mined across all documents by role."""
    groups: list[tuple[Role, tuple[Role, ...]]] = [
        ("opening", ("opening",)),
        ("measure", ("measure", "result")),
        ("problem", ("problem",)),
        ("plan", ("plan",)),
        ("closing", ("closing",)),
    ]
    nodes = []
    for role, roles in groups:
        parts = _parts_of(accumulator, roles)
        heading = DEFAULT_HEADINGS[role] if role in ("opening", "closing", "measure") else _default_heading(role, parts)
        nodes.append(_node(role, heading, parts))
    return Skeleton(
        genre=genre.id,
        name=genre.name,
        documents=len(accumulator.documents),
        title_pattern="{单位}{年份}年工作总结",
        parts=nodes,
    )


def _representative(accumulator: _GenreAccumulator) -> list[SectionSummary]:
    """The part list of the document that shows the genre best: most roles, then most sections."""
    best = max(
        enumerate(accumulator.documents),
        key=lambda ip: (len({p.role for p in ip[1][1]}), len(ip[1][1]), -ip[0]),
    )
    return best[1][1]


def _genre_skeleton(genre: Genre, accumulator: _GenreAccumulator, general: Skeleton) -> Skeleton:
    """A genre's skeleton: its best document's parts, enriched by the others, plus borrowed standard parts."""
    nodes: list[SkeletonNode] = []
    for part in _representative(accumulator):
        same_role = _parts_of(accumulator, (part.role,))
        own = [(t, p) for t, p in same_role if p is part]
        others = [(t, p) for t, p in same_role if p is not part]
        node = _node(part.role, part.heading, own + others, own_children=part.children)
        nodes.append(node)
    present = {n.role for n in nodes} | ({"measure"} if any(n.role == "result" for n in nodes) else set())
    for borrowed in general.parts:
        if borrowed.role in STANDARD_ROLES and borrowed.role not in present:
            position = next(
                (i for i, n in enumerate(nodes) if role_rank(n.role) > role_rank(borrowed.role)), len(nodes)
            )
            nodes.insert(position, borrowed.model_copy(update={"borrowed": True}))
    return Skeleton(
        genre=genre.id,
        name=genre.name,
        documents=len(accumulator.documents),
        title_pattern=_title_pattern(accumulator),
        parts=nodes,
    )
