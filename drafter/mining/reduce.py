"""Reduce: merged partial banks -> genres (registered and discovered), skeletons and bounded phrase banks.

Everything here works on bounded data (the partial banks are cut to size while folding), so its cost
does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from drafter.mining.combine import DocumentParts, PartialBank, PhraseStats, cut
from drafter.mining.discover import discover
from drafter.mining.extract import SectionSummary, title_pattern
from drafter.mining.figures import key_figures
from drafter.mining.genres import GENERAL_GENRE, GOVERNMENT_REPORT, PERSONAL
from drafter.mining.neutral import SegmentedOnce, Specificity
from drafter.mining.roles import DEFAULT_HEADINGS, ROLE_ORDER, role_of_heading, role_rank
from drafter.mining.sentences import fits_role, lead_in_only
from drafter.mining.slots import normalise, slot_names, slot_type
from drafter.mining.tiers import (
    COMMON,
    EXAMPLE,
    FIGURE_SLOTS,
    example_reason,
    lines_of_work,
    names_own_line,
    speaks_as_another_kind,
    tier_of,
)
from drafter.models import (
    Genre,
    Guidance,
    Phrase,
    PhraseBank,
    PhraseRole,
    Provenance,
    RegisterPhrase,
    RegisterPhrases,
    Role,
    Skeleton,
    SkeletonNode,
)
from drafter.writing.unit import unit_kind

STANDARD_ROLES: tuple[Role, ...] = ("opening", "measure", "problem", "plan", "closing")
# Every genre offers drafter's register sentences of these roles after its own.
FALLBACK_ROLES: tuple[PhraseRole, ...] = ("opening", "measure", "problem", "cause", "plan", "closing")
# Another genre's phrase is lent only when this many other genres use it (so it carries no one genre's words).
MIN_BORROWING_GENRES = 2
PHRASE_ROLE_ORDER: tuple[str, ...] = (*ROLE_ORDER, "heading", "opener", "set_phrase")
# A bank keeps every phrase seen in 2 or more documents and the SINGLES best of the rest, MAX_PER_ROLE at most.
MAX_PER_ROLE, SINGLES = 300, 100
MAX_ALTERNATIVES = 12
MAX_CHILD_EXAMPLES = 10
MAX_SOURCES = 10
NEAR_DUPLICATE = 90  # rapidfuzz ratio at or above which two phrases are one
SIMILAR_HEADING = 60  # headings this alike name the same section in two documents
# Where a genre's writers share one line of work (schools teach, hospitals heal, townships govern), a word one of
# them says this often, and no other, is its own line (中医 in a 中医院's report); a word said once may be any
# such writer's (班额, 骨干教师 in a school's problems).
WRITERS_REPEATS = 3
# Where each writer has a line of work of its own (a bureau, a company's trade, a person's post), and in the work
# parts of any genre (they name the work), a word one writer says even once, and no other (outside the corpus's
# register), names a line narrower than the genre (管网 in a genre of companies, 人社 in one of bureaus, 汽修 in
# one of schools): its sentences are 范例 unless several writers use them (the register fills the part).
OWN_LINE_FAMILIES = frozenset({"机关", "企业"})
# A 街道 governs a city's neighbourhoods (楼宇经济, 社区), a 乡 or a 镇 a rural area (农业, 村): townships of both
# kinds in one genre do not share a line of work.
URBAN, RURAL = frozenset({"街道"}), frozenset({"乡", "镇"})


def _urban_and_rural(bank: PartialBank) -> bool:
    """Whether the genre's writers include an urban township and a rural one."""
    kinds = {unit_kind(document.unit) for document in bank.documents}
    return bool(kinds & URBAN and kinds & RURAL)


@dataclass
class Mined:
    """What reduce makes of a corpus."""

    registry: list[Genre]
    skeletons: list[Skeleton]
    banks: list[PhraseBank]
    genre_of_bucket: dict[str, str] = field(default_factory=dict)  # bucket -> genre name


def reduce_buckets(
    buckets: dict[str, PartialBank], registry: list[Genre], register: RegisterPhrases, reviewed: frozenset[str]
) -> Mined:
    """Genres, skeletons and banks from the merged buckets of a corpus."""
    registry, by_genre, genre_of_bucket = _assign(buckets, registry)
    general = next(g for g in registry if g.name == GENERAL_GENRE)
    materials = {name: _materials(bank) for name, bank in by_genre.items() if name != GENERAL_GENRE}
    words_of = SegmentedOnce()
    specificity = Specificity.of(materials, words_of=words_of)
    # A kind of report (个人总结, 政府工作报告) lends nothing to the units' genres, 通用 included.
    reports = {g.name for g in registry if g.report}
    units = {name: bank for name, bank in by_genre.items() if name not in reports}
    # Words the units' documents use widely, and the words of drafter's own register sentences, are the register,
    # whoever uses them (a government report uses every line of work's words, so reports do not count); words only
    # one of them uses are its own line of work.
    by_document = {title: texts for bank in units.values() for title, texts in document_materials(bank).items()}
    register_texts = [p.text for p in register.phrases] + [h.text for hs in register.subheadings.values() for h in hs]
    terms_of = with_unknown_terms(words_of)
    common = Specificity.widely_used(list(by_document.values()), register_texts, terms_of)
    # For 通用, a genre's word is any word only its documents use that is not the register's; a document no genre
    # took is a genre of its own.
    by_genre_text = {
        name: [text for texts in document_materials(bank).values() for text in texts]
        for name, bank in units.items()
        if name != GENERAL_GENRE
    }
    if GENERAL_GENRE in units:
        by_genre_text |= {
            f"{GENERAL_GENRE}:{t}": texts for t, texts in document_materials(units[GENERAL_GENRE]).items()
        }
    corpus_writers = Specificity.of(by_genre_text, common, repeats=1, words_of=terms_of)
    general_skeleton = _with_subheadings(_general_skeleton(general, units, specificity, corpus_writers), register)
    skeletons, banks = [], []
    own_banks: dict[str, dict[PhraseRole, list[Phrase]]] = {}
    for genre in registry:
        bank = by_genre.get(genre.name)
        if genre.name == GENERAL_GENRE:
            skeletons.append(general_skeleton)
            continue
        if bank is None or not bank.count:
            continue
        lenient, strict = writers_words(bank, common, terms_of, (WRITERS_REPEATS, 1))
        own_lines = genre.family in OWN_LINE_FAMILIES or genre.report == PERSONAL or _urban_and_rural(bank)
        writers = strict if own_lines else lenient
        skeleton = _without_own_lines(_genre_skeleton(genre, bank, general_skeleton, writers), genre, bank, common)
        skeletons.append(_with_subheadings(skeleton, register, genre.report))
        own_line = _own_line(genre, bank, common)
        own_banks[genre.id] = {
            role: _one_writers_as_examples(
                _selected(genre.id, role, stats, reviewed), strict if role in WORK_ROLES else writers, own_line
            )
            for role, stats in bank.phrases.items()
        }
    general_phrases = _general_bank(general.id, units, specificity, reviewed, corpus_writers)
    lenders = {key: bank for key, bank in own_banks.items() if key not in {g.id for g in registry if g.report}}
    for genre in registry:
        if genre.id in own_banks:
            by_role = own_banks[genre.id]
            borrowed = _borrowed(genre, by_role, {} if genre.report else lenders, register)
            banks.append(PhraseBank(genre=genre.id, phrases=_ordered(by_role, borrowed)))
        elif genre.name == GENERAL_GENRE:
            borrowed = _borrowed(genre, general_phrases, {}, register)
            banks.append(PhraseBank(genre=genre.id, phrases=_ordered(general_phrases, borrowed)))
    figures = {bank.genre: key_figures(bank.phrases) for bank in banks}
    skeletons = [s.model_copy(update={"figures": figures.get(s.genre, [])}) for s in skeletons]
    return Mined(registry, skeletons, banks, genre_of_bucket)


def _unit_kind(units: list[str]) -> str | None:
    """The kind of unit most of these units are (first seen on ties); None when no name says."""
    kinds = [kind for kind in map(unit_kind, units) if kind]
    if not kinds:
        return None
    counts = Counter(kinds)
    return max(counts, key=lambda kind: (counts[kind], -kinds.index(kind)))


# --- genres --------------------------------------------------------------------------


def _assign(
    buckets: dict[str, PartialBank], registry: list[Genre]
) -> tuple[list[Genre], dict[str, PartialBank], dict[str, str]]:
    """The final registry (registered genres, then discovered ones) and each genre's merged bank."""
    by_id = {g.id: g for g in registry}
    unmatched = {key: bank.count for key, bank in buckets.items() if not key.startswith("g:")}
    taken_ids, taken_names = {g.id for g in registry}, {g.name for g in registry}
    discoveries = discover(unmatched, taken_ids, taken_names)
    genre_of_bucket = {key: by_id[key[2:]].name for key in buckets if key.startswith("g:") and key[2:] in by_id}
    for found in discoveries:
        genre_of_bucket |= {bucket: found.genre.name for bucket in found.buckets}
    by_genre: dict[str, PartialBank] = {}
    for key, bank in buckets.items():
        name = genre_of_bucket.setdefault(key, GENERAL_GENRE)
        by_genre.setdefault(name, PartialBank()).merge(bank)
    # Discovered genres of an earlier run stay only while they still have documents.
    kept = [g for g in registry if not g.discovered or g.name in by_genre]
    general = [g for g in kept if g.name == GENERAL_GENRE]
    others = [g for g in kept if g.name != GENERAL_GENRE]
    if not general:
        general = [Genre(id="tongyong", name=GENERAL_GENRE, description="不属于以上文种的通用年度工作总结")]
    return [*others, *(f.genre for f in discoveries), *general], by_genre, genre_of_bucket


# --- phrases -------------------------------------------------------------------------


def phrase_id(genre_id: str, role: str, text: str) -> str:
    """A stable id from the normalised text, genre and role."""
    digest = hashlib.sha1(f"{genre_id}|{role}|{normalise(text)}".encode()).hexdigest()
    return "p" + digest[:9]


def _selected(genre_id: str, role: PhraseRole, bank: dict[str, PhraseStats], reviewed: frozenset[str]) -> list[Phrase]:
    """A role's bank cut to what a writer can use: every phrase seen in 2 or more documents, the best
    singles, every reviewed one; near-duplicates merged; most general first."""
    bank = {k: s for k, s in bank.items() if not lead_in_only(s.text)}
    general = {k: s for k, s in bank.items() if s.documents >= 2}
    singles = {k: s for k, s in bank.items() if s.documents < 2}
    kept = cut(general, MAX_PER_ROLE) | cut(singles, SINGLES)
    if reviewed:
        kept |= {k: s for k, s in bank.items() if phrase_id(genre_id, role, s.text) in reviewed}
    ordered = {k: kept[k] for k in bank if k in kept}
    merged = _merge_near_duplicates(list(ordered.items()))
    order = {id(stats): index for index, (_, stats) in enumerate(merged)}
    merged.sort(key=lambda ks: (tuple(-g for g in ks[1].generality()), order[id(ks[1])]))
    return [_phrase(genre_id, role, stats) for _, stats in merged]


def _phrase(genre_id: str, role: PhraseRole, stats: PhraseStats) -> Phrase:
    """A bank entry from merged statistics."""
    return Phrase(
        id=phrase_id(genre_id, role, stats.text),
        text=stats.text,
        genre=genre_id,
        role=role,
        tier=tier_of(stats.text, role, stats.year),
        slots=slot_names(stats.text),
        sources=[Provenance(title=title, paragraph=paragraph) for title, paragraph in stats.sources],
        count=stats.count,
        documents=stats.documents,
        units=max(len(stats.units), 1),
        context=stats.context,
        year=stats.year,
    )


def with_unknown_terms(words_of: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """Words of a text and, after them, the runs of characters the dictionary reads as no word (医共体, 首诊: a line
    of work's terms are often missing from a general dictionary, and a term one writer alone uses is its own)."""

    # Reducing reads the same texts several times: their runs are remembered (mostly none; the words are the
    # segmenter's, remembered there), for a bounded number of texts.
    runs_of: dict[str, str] = {}

    def terms(text: str) -> list[str]:
        words = words_of(text)
        found = runs_of.get(text)
        if found is None:
            if len(runs_of) >= TERMS_KEPT:
                runs_of.clear()
            found = runs_of[text] = _SEPARATOR.join(_unknown_runs(words))
        return words + found.split(_SEPARATOR) if found else words

    return terms


def _unknown_runs(words: list[str]) -> list[str]:
    """Runs of two or more single characters the dictionary reads as no word."""
    runs, run = [], ""
    for word in [*words, ""]:
        if len(word) == 1 and _CJK.match(word) and word not in _NO_TERM_CHARS:
            run += word
            continue
        if len(run) >= 2:
            runs.append(run)
        run = ""
    return runs


_CJK = re.compile(r"[\u4e00-\u9fff]")
TERMS_KEPT = 200_000  # texts whose terms are remembered
_SEPARATOR = "\x1f"  # never in a text drafter reads: control characters are cleaned away
# Characters that stand alone in ordinary text (的, 各, 新, 全): no part of a term.
_NO_TERM_CHARS = frozenset(
    "的地得了着过和与及或等各全本该我其新大小老中上下前后内外一二三四五六七八九十百千万多个项家有在对为将把被从向于以是也都又并而之所每两几此年月日次件人户元"
)


def writers_words(
    bank: PartialBank,
    common: frozenset[str] = frozenset(),
    words_of: Callable[[str], list[str]] | None = None,
    repeats: tuple[int, ...] = (WRITERS_REPEATS,),
) -> tuple[Specificity, ...]:
    """Words only one writer of a genre uses (供水 in a water company's report, 中医 in a 中医院's, 初二 in a teacher's
    summary): where a genre gathers the reports of several writers, what one of them alone names in the headings of
    its work parts, or says `repeats` times, is its own line of work, which the others cannot sign. One writer is one
    document here (a unit's archive of several years then shares its line of work across its documents); a genre of
    one document has no one to contrast with. One Specificity for each number of `repeats`."""
    headings = {
        document.title: [
            h for part in document.parts if part.role in WORK_ROLES for h in (part.heading, *part.children)
        ]
        for document in bank.documents
    }
    return Specificity.of_each(document_materials(bank), common, repeats, headings, words_of)


def document_materials(bank: PartialBank) -> dict[str, list[str]]:
    """Each document's headings and the phrases mined from it, by title."""
    materials: dict[str, list[str]] = {
        document.title: [h for part in document.parts for h in (part.heading, *part.children)]
        for document in bank.documents
    }
    for stats_by_key in bank.phrases.values():
        for stats in stats_by_key.values():
            for title, _ in stats.sources:
                if title in materials:
                    materials[title].append(stats.text)
    return materials


def _own_line(genre: Genre, bank: PartialBank, common: frozenset[str]) -> Callable[[Phrase], bool]:
    """Whether a phrase names the line of work of the unit that wrote it where the genre's words do not (统计 in a
    genre of 人事 work written by a 统计局: a genre of one writer has no other writer to contrast with), or speaks as a
    kind of unit the genre's writers are not (学区党政领导班子 in a genre of a 镇's report); in a person's
    summary, whether it counts the work of the writer's post (全年组织防汛演练{数量}次: a person's figures are the
    post's record, which a person in another post cannot sign)."""
    genre_words = _genre_words(genre, bank)
    unit_of = {document.title: document.unit for document in bank.documents}
    kinds = {unit_kind(document.unit) for document in bank.documents}

    def names(phrase: Phrase) -> bool:
        if genre.report == PERSONAL and phrase.role in WORK_ROLES and FIGURE_SLOTS & set(map(slot_type, phrase.slots)):
            return True
        if speaks_as_another_kind(phrase.text, kinds):
            return True
        units = {unit_of.get(source.title, "") for source in phrase.sources}
        return any(names_own_line(phrase.text, unit, genre_words, common) for unit in units)

    return names


def _one_writers_as_examples(
    phrases: list[Phrase], writers: Specificity, own_line: Callable[[Phrase], bool] = lambda _: False
) -> list[Phrase]:
    """A 常用语 seen in one document only that carries words only its writer uses, or its unit's own line of work,
    is that writer's 范例."""
    return [
        p.model_copy(update={"tier": EXAMPLE})
        if p.tier == COMMON
        and p.documents < 2
        and p.origin is None
        and (not writers.neutral(p.text, None) or own_line(p))
        else p
        for p in phrases
    ]


def _merge_near_duplicates(items: list[tuple[str, PhraseStats]]) -> list[tuple[str, PhraseStats]]:
    """Fold phrases whose texts are nearly the same into the first seen (compared within blocks of the same start)."""
    kept: list[tuple[str, PhraseStats]] = []
    blocks: dict[str, list[tuple[str, PhraseStats]]] = {}
    for key, stats in items:
        block = blocks.setdefault(key[:2], [])
        match = process.extractOne(key, [k for k, _ in block], scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
        if match is None:
            block.append((key, stats))
            kept.append((key, stats))
        else:
            block[match[2]][1].absorb(stats)
    return kept


def _ordered(by_role: dict[PhraseRole, list[Phrase]], borrowed: dict[PhraseRole, list[Phrase]]) -> list[Phrase]:
    """A bank's phrases in role order; a role's own phrases before what it borrowed."""
    roles = sorted(set(by_role) | set(borrowed), key=PHRASE_ROLE_ORDER.index)
    return [p for role in roles for p in [*by_role.get(role, []), *borrowed.get(role, [])]]


def _general_bank(
    genre_id: str,
    by_genre: dict[str, PartialBank],
    specificity: Specificity,
    reviewed: frozenset[str],
    writers: Specificity,
) -> dict[PhraseRole, list[Phrase]]:
    """通用: the phrases of every genre that another unit of any genre can use, most general first.

    A phrase used by two genres or more is neutral by use; any other must carry no genre's own words (`writers`:
    the words only one genre's documents use, outside the register).
    Only as many candidates are tested as the bank can keep.
    """
    merged: dict[PhraseRole, dict[str, PhraseStats]] = {}
    genres_of: Counter[tuple[PhraseRole, str]] = Counter()
    unassigned: set[tuple[PhraseRole, str]] = set()
    for name, bank in by_genre.items():
        for role, stats_by_key in bank.phrases.items():
            target = merged.setdefault(role, {})
            for key, stats in stats_by_key.items():
                genres_of[(role, key)] += 1
                if name == GENERAL_GENRE:
                    unassigned.add((role, key))
                if key in target:
                    target[key].absorb(stats)
                else:
                    target[key] = PhraseStats(
                        stats.text,
                        stats.count,
                        stats.documents,
                        set(stats.units),
                        list(stats.sources),
                        stats.context,
                        year=stats.year,
                    )
    wanted = MAX_PER_ROLE + SINGLES
    selected: dict[PhraseRole, list[Phrase]] = {}
    for role, phrases in merged.items():
        order = {key: index for index, key in enumerate(phrases)}

        def rank(
            key: str, role: PhraseRole = role, phrases: dict[str, PhraseStats] = phrases, order: dict[str, int] = order
        ) -> tuple[int, tuple[int, ...], int]:
            return (-genres_of[(role, key)], tuple(-g for g in phrases[key].generality()), order[key])

        kept: dict[str, PhraseStats] = {}
        for key in sorted(phrases, key=rank):
            # A document no genre took is 通用's own, but one document's sentence is still its writer's.
            own = (role, key) in unassigned and (phrases[key].documents > 1 or writers.neutral(phrases[key].text, None))
            used_widely = genres_of[(role, key)] > 1 or own
            if phrases[key].year is not None and (role, key) not in unassigned:
                continue  # a sentence true of one year is never lent, not even to 通用
            if (role in FALLBACK_ROLES or role in WORK_ROLES) and not used_widely:
                continue  # one genre's work, problem or plan is its own (廉洁从审): drafter's register stands in
            text = phrases[key].text
            if used_widely or (specificity.neutral(text, None) and writers.neutral(text, None)):
                kept[key] = phrases[key]
                if len(kept) >= wanted:
                    break
        chosen = _selected(genre_id, role, {k: kept[k] for k in phrases if k in kept}, reviewed)
        # 通用 is any kind of unit's: a sentence in one kind's voice (院党委……, 局党组……) is that kind's 范例.
        selected[role] = [
            p.model_copy(update={"tier": EXAMPLE})
            if p.tier == COMMON and p.origin is None and speaks_as_another_kind(p.text, set())
            else p
            for p in chosen
        ]
    return selected


def _borrowed(
    genre: Genre,
    own: dict[PhraseRole, list[Phrase]],
    others: dict[str, dict[PhraseRole, list[Phrase]]],
    register: RegisterPhrases,
) -> dict[PhraseRole, list[Phrase]]:
    """What a genre offers beyond its own phrases, for the parts every report has: another genre's 常用语
    only where two other genres or more use it (a phrase of one genre carries that genre's words: 廉洁从审 is
    an audit bureau's, not a school's), then drafter's register sentences that fit the genre's kind of unit, or
    its kind of report (a person's voice for 个人总结: a report borrows no unit's sentence). Nothing year-bound is
    ever borrowed."""
    borrowed: dict[PhraseRole, list[Phrase]] = {}
    for role in FALLBACK_ROLES:
        have = {normalise(p.text) for p in own.get(role, [])}
        used_by: dict[str, list[Phrase]] = {}
        for other_id, banks in others.items():
            if other_id == genre.id:
                continue
            for phrase in banks.get(role, []):
                if phrase.tier == COMMON and phrase.year is None and fits_role(phrase.text, role):
                    used_by.setdefault(normalise(phrase.text), []).append(phrase)
        shared = [found[0] for found in used_by.values() if len(found) >= MIN_BORROWING_GENRES]
        shared.sort(key=lambda p: tuple(-g for g in p.generality()))
        own_kind = [
            p
            for p in register.phrases
            if p.role == role and p.family in (None, genre.family) and p.report == (genre.report or None)
        ]
        # A sentence of one year first (offered only in that year); an opening and a closing speak in the words of
        # the genre's kind of unit first (辖区干部群众 for a township); a problem or a plan of the kind names its
        # usual work (放管服 for a bureau), which the genre's own topic may not be, so the general ones come first.
        voice = role in ("opening", "closing")
        own_kind.sort(key=lambda p: (p.year is None, voice and p.family is None, not voice and p.family is not None))
        candidates = shared + [_register_phrase(genre.id, p) for p in own_kind]
        chosen: list[Phrase] = []
        for candidate in candidates:
            key = normalise(candidate.text)
            if key in have:
                continue
            have.add(key)
            origin = candidate.origin or candidate.genre
            chosen.append(candidate.model_copy(update={"genre": genre.id, "borrowed": True, "origin": origin}))
        borrowed[role] = chosen
    return borrowed


def _register_phrase(genre_id: str, entry: RegisterPhrase) -> Phrase:
    """One of drafter's own register sentences as a bank entry: a 常用语 by construction (true of its year only
    when it names one)."""
    return Phrase(
        id=phrase_id("register", entry.role, entry.text),
        text=entry.text,
        genre=genre_id,
        role=entry.role,
        tier=COMMON,
        slots=slot_names(entry.text),
        count=0,
        documents=0,
        units=0,
        context=entry.source,
        origin="register",
        year=entry.year,
    )


# --- skeletons -----------------------------------------------------------------------


MATERIAL_HEADINGS, MATERIAL_PHRASES = 300, 50
WORK_ROLES: tuple[Role, ...] = ("measure", "result")
REPRESENTATIVE_SAMPLE = 50  # documents compared with each other to find the one that shows a genre best


def _materials(bank: PartialBank) -> list[str]:
    """The texts that show what a genre is about: its most frequent headings and its most general phrases
    (bounded: the cost of working out specific words does not grow with the corpus)."""
    headings = Counter(h for doc in bank.documents for part in doc.parts for h in (part.heading, *part.children))
    texts = [h for h, _ in headings.most_common(MATERIAL_HEADINGS)]
    for stats in bank.phrases.values():
        texts += [s.text for s in cut(stats, MATERIAL_PHRASES).values()]
    return texts


def _guidance(parts: list[SectionSummary]) -> Guidance:
    """Typical sub-heading count, length and enumeration of a section, from its own sources."""
    if not parts:
        return Guidance()
    counts = [p.subheadings for p in parts]
    return Guidance(
        subheadings=int(statistics.median_low(counts)),
        subheadings_range=(min(counts), max(counts)),
        length=int(statistics.median([p.length for p in parts])),
        enumerates=sum(p.enumerates for p in parts) * 2 >= len(parts),
    )


def _ranked(texts: list[str]) -> list[str]:
    """Distinct texts, most frequent first, then in order of first appearance."""
    counts = Counter(texts)
    first = {t: i for i, t in reversed(list(enumerate(texts)))}
    return sorted(counts, key=lambda t: (-counts[t], first[t]))


def _node(role: Role, heading: str, sources: list[tuple[str, SectionSummary]]) -> SkeletonNode:
    """A skeleton node from the sections that are this part in the documents of the genre (its own sources)."""
    headings = [p.heading for _, p in sources if p.role not in ("opening", "closing")]
    children = [c for _, p in sources for c in p.children]
    alternatives = [h for h in _ranked(headings) if h != heading and _signable_heading(h) and not _PROPOSES.search(h)][
        :MAX_ALTERNATIVES
    ]
    if _PROPOSES.search(heading):
        heading = DEFAULT_HEADINGS[role]
    elif not _signable_heading(heading):
        heading = alternatives.pop(0) if alternatives else DEFAULT_HEADINGS[role]
    return SkeletonNode(
        role=role,
        heading=heading,
        alternatives=alternatives,
        example_children=[c for c in _ranked(children) if _signable_heading(c)][:MAX_CHILD_EXAMPLES],
        guidance=_guidance([p for _, p in sources]),
        provenance=[Provenance(title=title, paragraph=p.paragraph) for title, p in sources][:MAX_SOURCES],
    )


# A heading that only names the report and its year (2025年工作总结 in the report of that title) says nothing of
# what the part holds: the part is named by its role instead (a plan part's 2026年工作计划 does say what it holds).
_REPORT_NAME_ONLY = re.compile(r"(?:\{[^}]*\}|\d{4})?年?度?(?:工作)?总结")


# A part that proposes to the writer's superiors (意见与建议, 意见建议, 几点建议) is a summary's plan part in a request's
# words: it is named by its role (下一步工作计划; 存在问题及建议 -> 存在的问题).
_PROPOSES = re.compile(r"意见(?:与|和|及)?建议|建议$")


def _signable_heading(text: str) -> bool:
    """A heading another unit can take as it stands (the wizard ticks and the skeleton shows it): no other unit's
    name, no fact of one year (助推XX县破圈出屏, 深入开展主题教育 are one unit's, of one year), no figure (生均45册 is
    one unit's count)."""
    if re.search(r"\d", text) or _REPORT_NAME_ONLY.fullmatch(text):
        return False
    return example_reason(text, "heading") is None


def _representative(bank: PartialBank) -> tuple[str, list[SectionSummary]]:
    """The document that shows the genre best: most roles, then the parts most other documents also have (so that
    a genre of several kinds of writer gets the parts they share, not one writer's own), then most sections
    (first seen on ties)."""

    sample = bank.documents[:REPRESENTATIVE_SAMPLE]

    def shared(document: DocumentParts) -> int:
        return sum(len(_same_part(part, sample, document.title)) for part in document.parts if part.role != "opening")

    best = max(
        enumerate(sample),
        key=lambda id_: (len({p.role for p in id_[1].parts}), shared(id_[1]), len(id_[1].parts), -id_[0]),
    )
    return best[1].title, best[1].parts


def _same_part(
    part: SectionSummary, documents: list[DocumentParts], own_title: str
) -> list[tuple[str, SectionSummary]]:
    """The sections of the genre's other documents that are this part: same role, a similar heading (one per document)."""
    found = []
    for document in documents:
        if document.title == own_title and part in document.parts:
            continue
        candidates = [p for p in document.parts if p.role == part.role]
        if part.role in ("opening", "closing"):
            match = candidates[0] if candidates else None
        else:
            scored = [(fuzz.ratio(p.heading, part.heading), p) for p in candidates]
            score, match = max(scored, key=lambda sp: sp[0], default=(0, None))
            match = match if score >= SIMILAR_HEADING else None
        if match is not None:
            found.append((document.title, match))
    return found


def _genre_skeleton(genre: Genre, bank: PartialBank, general: Skeleton, writers: Specificity) -> Skeleton:
    """A genre's skeleton: its best document's parts, each with its own sources, plus borrowed standard parts; where
    the genre gathers several writers, only the headings they could all sign."""
    title, parts = _representative(bank)
    nodes = [
        _node(part.role, part.heading, [(title, part), *_same_part(part, bank.documents, title)]) for part in parts
    ]
    nodes = _shared_by_writers(nodes, bank, writers)
    present = {n.role for n in nodes} | ({"measure"} if any(n.role == "result" for n in nodes) else set())
    for borrowed in [] if genre.report else general.parts:
        if borrowed.role in STANDARD_ROLES and borrowed.role not in present:
            position = next(
                (i for i, n in enumerate(nodes) if role_rank(n.role) > role_rank(borrowed.role)), len(nodes)
            )
            nodes.insert(position, borrowed.model_copy(update={"borrowed": True}))
    patterns = bank.title_patterns
    if genre.report == PERSONAL:
        # A person's title names the year and the kind (2024年度个人工作总结), not a unit: {单位} would print one.
        patterns = Counter({p.removeprefix("{单位}"): c for p, c in patterns.items() if p.startswith("{单位}{年份}")})
    best = max(patterns.values()) if patterns else 0
    default = "{年份}年度个人工作总结" if genre.report == PERSONAL else "{单位}{年份}年工作总结"
    own = title_pattern(title)  # on a tie, the title of the document the skeleton follows
    own = own.removeprefix("{单位}") if genre.report == PERSONAL else own
    pattern = own if patterns.get(own) == best else next((p for p, c in patterns.items() if c == best), default)
    pattern = own_level_as_slot(full_subject(pattern, genre.description))
    if genre.report == GOVERNMENT_REPORT:
        # At every level the report is titled 政府工作报告; the meeting and the speaker under it name the level.
        pattern = GOVERNMENT_REPORT
    return Skeleton(
        genre=genre.id,
        name=genre.name,
        documents=bank.count,
        title_pattern=pattern,
        parts=nodes,
        unit_kind=_unit_kind([document.unit for document in bank.documents]),
    )


# The subject of a title: what stands between its year and 工作总结 (…{年份}年度区政协提案办理工作的总结).
_TITLE_SUBJECT = re.compile(r"(?<=\{年份\}年)(度?)([\u4e00-\u9fff{}]+?)(?=工作(?:的)?总结$)")
_DESCRIBED_SUBJECT = re.compile(r"^([\u4e00-\u9fff]+?)工作总结$")
# A level's body in a title (区政协, 县人大, 市委) after the year: the writer's own level, which another writer's is not.
_LEVEL_BODY = re.compile(r"(?:(?<=年度)|(?<=[年的}]))[省市县区](?=政协|人大|人民政府|政府|党委|委员会|委)")


def full_subject(pattern: str, description: str) -> str:
    """A title pattern naming its subject in full as the genre's description names it (均衡发展 -> 义务教育均衡发展,
    where the genre is described as 义务教育均衡发展工作总结): a writer who shortened it wrote for readers who knew."""
    described = _DESCRIBED_SUBJECT.match(description)
    match = _TITLE_SUBJECT.search(pattern)
    if not described or not match:
        return pattern
    full, short = described.group(1), match.group(2)
    if full != short and full.endswith(short):
        return pattern[: match.start(2)] + full + pattern[match.end(2) :]
    return pattern


def own_level_as_slot(pattern: str) -> str:
    """A title pattern whose level's body is a slot the writer's own level fills ({年份}年度区政协提案… ->
    {年份}年度{本级}政协提案…: a county's bureau answers to the county's 政协)."""
    return _LEVEL_BODY.sub("{本级}", pattern)


def _genre_words(genre: Genre, bank: PartialBank) -> str:
    """The lines of work a genre is about: a registered genre's keywords and description, and a line two of its
    writers' names share (a discovered genre's keywords are its writers' lines, one each: 医疗保障, 自然资源)."""
    lines = Counter(line for document in bank.documents for line in set(lines_of_work(document.unit)))
    shared = [line for line, writers in lines.items() if writers > 1]
    return " ".join(shared if genre.discovered else [*genre.keywords, genre.description, *shared])


def _without_own_lines(skeleton: Skeleton, genre: Genre, bank: PartialBank, common: frozenset[str]) -> Skeleton:
    """A skeleton whose alternatives and sub-headings name no writer's own line of work where the genre's words do
    not (统计人员进步空间有限 in a genre of 人事 work written by a 统计局)."""
    genre_words = _genre_words(genre, bank)
    units = {document.unit for document in bank.documents}

    def anyones(heading: str) -> bool:
        return not any(names_own_line(heading, unit, genre_words, common) for unit in units)

    parts = [
        part.model_copy(
            update={
                "alternatives": [h for h in part.alternatives if anyones(h)],
                "example_children": [c for c in part.example_children if anyones(c)],
            }
        )
        for part in skeleton.parts
    ]
    return skeleton.model_copy(update={"parts": parts})


def _shared_by_writers(nodes: list[SkeletonNode], bank: PartialBank, writers: Specificity) -> list[SkeletonNode]:
    """The parts and headings of a genre of several writers that none of them owns: where a work part is named by
    one writer's line of work (供水保障能力持续提升 in a genre of companies), the work parts give way to one 主要工作及成效
    part drawn from every document's work parts, and no heading, alternative or sub-heading carries one writer's
    words."""
    if not writers.words:
        return nodes
    neutral = [
        node.model_copy(
            update={
                "alternatives": [h for h in node.alternatives if writers.neutral(h, None)],
                "example_children": [c for c in node.example_children if writers.neutral(c, None)],
            }
        )
        for node in nodes
        if node.role not in WORK_ROLES or writers.neutral(node.heading, None)
    ]
    if len(neutral) == len(nodes):
        return neutral
    neutral = [n for n in neutral if n.role not in WORK_ROLES]
    sources = [(doc.title, part) for doc in bank.documents for part in doc.parts if part.role in WORK_ROLES]
    work = _node("measure", DEFAULT_HEADINGS["measure"], sources)
    # The work parts' own headings become its sub-headings, unless they only name the part (主要工作完成情况).
    headings = [h for h in _ranked([p.heading for _, p in sources]) if _signable_heading(h) and not role_of_heading(h)]
    children = headings + work.example_children
    work = work.model_copy(
        update={
            "alternatives": [],
            "example_children": [c for c in dict.fromkeys(children) if writers.neutral(c, None)][:MAX_CHILD_EXAMPLES],
        }
    )
    position = next((i for i, n in enumerate(neutral) if role_rank(n.role) > role_rank("measure")), len(neutral))
    return [*neutral[:position], work, *neutral[position:]]


def _with_subheadings(skeleton: Skeleton, register: RegisterPhrases, report: str | None = None) -> Skeleton:
    """A skeleton whose plan part the corpus gives no sub-headings for gets drafter's own, in the voice of the
    report's writer (a unit's, a person's; none written for a 政府工作报告). Only the first plan part: a second
    one is a topic of its own (加强政府自身建设), which the plan's sub-headings do not fit."""
    parts = []
    planned = False
    for part in skeleton.parts:
        offered = [h for h in register.subheadings.get("plan", []) if h.report == (report or None)]
        if part.role == "plan" and not planned and offered and not part.example_children:
            part = part.model_copy(update={"example_children": [h.text for h in offered]})
        planned = planned or part.role == "plan"
        parts.append(part)
    return skeleton.model_copy(update={"parts": parts})


def _general_skeleton(
    general: Genre, by_genre: dict[str, PartialBank], specificity: Specificity, writers: Specificity
) -> Skeleton:
    """开头 -> 主要工作及成效 -> 存在问题 -> 下一步计划 -> 结尾, from every genre's parts of those roles.

    Headings and sub-headings offered here are neutral: used by several genres, or free of any genre's own words.
    """
    groups: list[tuple[Role, tuple[Role, ...]]] = [
        ("opening", ("opening",)),
        ("measure", ("measure", "result")),
        ("problem", ("problem",)),
        ("plan", ("plan",)),
        ("closing", ("closing",)),
    ]
    nodes = []
    documents = sum(bank.count for bank in by_genre.values())
    for role, roles in groups:
        sources = [
            (name, doc.title, part)
            for name, bank in by_genre.items()
            for doc in bank.documents
            for part in doc.parts
            if part.role in roles
        ]
        genres_using: dict[str, set[str]] = {}
        for name, _, part in sources:
            genres_using.setdefault(part.heading, set()).add(name)
        neutral_heading = {
            heading: len(names) > 1 or specificity.neutral(heading, None) for heading, names in genres_using.items()
        }
        neutral = [(t, p) for _, t, p in sources if neutral_heading[p.heading]]
        node = _node(role, DEFAULT_HEADINGS[role], [(t, p) for _, t, p in sources])
        neutral_node = _node(role, DEFAULT_HEADINGS[role], neutral)
        heading = DEFAULT_HEADINGS[role]
        if role in ("problem", "plan") and neutral_node.alternatives:
            heading = _common_heading(role, neutral) or heading
        nodes.append(
            node.model_copy(
                update={
                    "heading": heading,
                    "alternatives": [h for h in neutral_node.alternatives if h != heading],
                    "example_children": [
                        c
                        for c in neutral_node.example_children
                        if specificity.neutral(c, None) and writers.neutral(c, None)
                    ],
                }
            )
        )
    units = [document.unit for bank in by_genre.values() for document in bank.documents]
    return Skeleton(
        genre=general.id,
        name=general.name,
        documents=documents,
        title_pattern="{单位}{年份}年工作总结",
        parts=nodes,
        unit_kind=_unit_kind(units),
    )


def _common_heading(role: Role, parts: list[tuple[str, SectionSummary]]) -> str | None:
    """The heading two or more documents use for a role, if any."""
    counts = Counter(p.heading for _, p in parts)
    heading, count = max(counts.items(), key=lambda hc: hc[1], default=("", 0))
    return heading if count >= 2 else None
