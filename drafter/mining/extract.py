"""Map: one Outline -> what it contributes to skeletons and phrase banks (pure, per document)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from drafter.mining.dated import bound_year, year_bound
from drafter.mining.entities import slot_entities
from drafter.mining.proofread import proofread
from drafter.mining.roles import DEFAULT_HEADINGS, section_roles
from drafter.mining.sentences import sentence_role
from drafter.mining.slots import normalise, phrase_text, slot_text
from drafter.mining.tiers import SENTENCE_ROLES
from drafter.models import Outline, OutlineSection, PhraseRole, Role
from drafter.reading.outline import body_items
from drafter.reading.titles import TitleFacts

_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
_SET_PHRASE = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{4}(?:[、，][\u4e00-\u9fff]{4})+(?![\u4e00-\u9fff])")
_CLAUSE_END = re.compile(r"[，。；：]")
_ITEM_PREFIX = re.compile(r"^[一二三四五六七八九十]{1,3}是")
_YEAR = re.compile(r"(?:19|20)\d{2}")
SENTENCE_MIN, SENTENCE_MAX = 10, 120
# Openings and closings are long sentences by nature.
LONG_SENTENCE_ROLES, LONG_SENTENCE_MAX = ("opening", "closing"), 250
# A heading longer than this is a sentence, not an example of a sub-heading.
HEADING_MAX = 30
CONTEXT_WIDTH = 60


class SectionSummary(NamedTuple):
    """A top-level section (or the opening / closing) reduced to what skeletons need."""

    role: Role
    heading: str  # years as slots ({年份}年工作计划)
    children: tuple[str, ...]  # its own sub-headings, years as slots, at most HEADING_MAX characters
    subheadings: int
    length: int
    enumerates: bool
    paragraph: int


class PhraseOccurrence(NamedTuple):
    """One phrase as seen in one paragraph (a tuple: documents produce many of them)."""

    role: PhraseRole
    key: str  # the normalised text: the phrase's identity
    text: str
    paragraph: int
    source: str  # the paragraph it was seen in (the same string object for all its phrases)
    part: str  # the phrase as written there
    year: int | None = None  # the one year it is true of, when it holds a year-bound fact


@dataclass
class MinedDocument:
    """Everything one document contributes."""

    title: str
    unit: str
    year: int | None
    title_pattern: str
    parts: list[SectionSummary] = field(default_factory=list)
    phrases: list[PhraseOccurrence] = field(default_factory=list)
    size: int = 0


def title_pattern(title: str) -> str:
    """县审计局2023年工作总结 -> {单位}{年份}年工作总结; the org before the year becomes {单位}."""
    match = _YEAR.search(title)
    if not match:
        return "{单位}" + title if not title.startswith("{单位}") else title
    before, after = title[: match.start()], title[match.end() :]
    if re.match(r"[\u4e00-\u9fff]", after) and not after.startswith("年"):
        after = "年" + after  # a title writes its year 2025年: one that dropped the 年 (2015均衡发展…) slipped
    connector = "关于" if before.endswith("关于") else ""
    return "{单位}" + connector + "{年份}" + after


def mine_document(outline: Outline, facts: TitleFacts) -> MinedDocument:
    """Sections with roles and guidance figures, and phrase occurrences, of one document."""
    year = facts.year or (int(outline.date[:4]) if outline.date else None)
    # A document without a title line is named by its file where a source is shown (仅见于《…》).
    name = outline.title or Path(outline.source).name
    pattern = title_pattern(outline.title) if outline.title else "{单位}{年份}年工作总结"
    mined = MinedDocument(name, facts.unit or (outline.org or ""), year, pattern)
    counter = _Counter()
    if outline.preamble:
        index = counter.next()
        mined.parts.append(SectionSummary("opening", "开头导语", (), 0, len(outline.preamble), False, index))
        _add_sentences(mined, "opening", outline.preamble, index)
    roles = section_roles([s.heading for s in outline.sections])
    for section, role in zip(outline.sections, roles, strict=True):
        index = counter.peek()
        _walk_section(mined, section, role, counter)
        children = tuple(_heading(c.heading, year) for c in section.children if len(c.heading) <= HEADING_MAX)
        mined.parts.append(
            SectionSummary(
                role=role,
                # A heading longer than a heading can be is a sentence: the part is named by its role instead.
                heading=_heading(section.heading, year)
                if len(section.heading) <= HEADING_MAX
                else DEFAULT_HEADINGS[role],
                children=children,
                subheadings=len(section.children),
                length=_length(section),
                enumerates=_enumerates(section),
                paragraph=index,
            )
        )
    if outline.closing:
        index = counter.next()
        mined.parts.append(SectionSummary("closing", "结尾表态", (), 0, len(outline.closing), False, index))
        _add_sentences(mined, "closing", outline.closing, index)
    mined.size = sum(p.length for p in mined.parts)
    return mined


def _heading(text: str, year: int | None) -> str:
    """A heading with its years as slots that follow the report's year (2024年工作计划 -> {下一年份}年工作计划)."""
    return slot_text(text, year)[0] if _YEAR.search(text) else text


class _Counter:
    """Paragraph indexes in outline order: preamble 1, then each heading and body paragraph in turn."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value

    def peek(self) -> int:
        return self.value + 1


def _walk_section(mined: MinedDocument, section: OutlineSection, role: Role, counter: _Counter) -> None:
    """Phrases of a section and its descendants: its heading pattern, sentences, openers."""
    index = counter.next()
    if len(section.heading) <= HEADING_MAX:
        _add(mined, "heading", section.heading, index, section.heading, section.heading)
    for paragraph in section.body:
        _add_sentences(mined, role, paragraph, counter.next())
    for child in section.children:
        _walk_section(mined, child, role, counter)


def _add(mined: MinedDocument, role: PhraseRole, sentence: str, index: int, paragraph: str, part: str) -> None:
    """Record a phrase occurrence, generalised; fragments and sentences made mostly of figures are left out."""
    generalised = _generalised(sentence, mined.year, mined.unit)
    if generalised is None:
        return
    key, text, figures, bound = generalised
    if figures and role not in ("heading", "set_phrase"):
        return  # mostly figures and names: a record of facts, not a reusable sentence
    if role in SENTENCE_ROLES and text.endswith("；"):
        text = text[:-1] + "。"  # an item of a list (一是……；) is offered as a paragraph of its own
    mined.phrases.append(PhraseOccurrence(role, key, text, index, paragraph, part, bound))


@lru_cache(maxsize=1024)
def _generalised(sentence: str, year: int | None, unit: str) -> tuple[str, str, bool, int | None] | None:
    """Key, slotted text, whether slots make up most of it, and the year it is bound to (None: any year);
    None for a fragment. A year-bound sentence's key holds its year: the same words of two years are two
    phrases. (Boilerplate repeats from document to document: the last few thousand sentences are remembered.)"""
    proofread_text = proofread(sentence)
    generalised = phrase_text(proofread_text, year, unit or None) if proofread_text is not None else None
    if generalised is None:
        return None
    text, slots = generalised
    bound = bound_year(sentence, year) if year_bound(sentence) else None
    key = normalise(text) + (f"@{bound}" if bound is not None else "")
    return key, text, len(slots) * 4 > len(text) // 3, bound


def _add_sentences(mined: MinedDocument, section_role: Role, paragraph: str, index: int) -> None:
    """Sentences (each with its own role), set phrases and 一是 openers of one paragraph."""
    for item in body_items(paragraph):
        opener = _CLAUSE_END.split(item.text, maxsplit=1)[0]
        if 4 <= len(opener) <= 30:
            _add(mined, "opener", opener, index, paragraph, opener)
    for match in _SET_PHRASE.finditer(paragraph):
        if _set_phrase(match.group(0)):
            mined.phrases.append(
                PhraseOccurrence("set_phrase", match.group(0), match.group(0), index, paragraph, match.group(0))
            )
    longest = LONG_SENTENCE_MAX if section_role in LONG_SENTENCE_ROLES else SENTENCE_MAX
    for match in _SENTENCE.finditer(paragraph):
        sentence = match.group(0).strip()
        if sentence[1:4].find("是") >= 0:
            sentence = _ITEM_PREFIX.sub("", sentence)
        if sentence.endswith("；"):
            sentence = sentence[:-1] + "。"  # an item of a list, offered as a sentence of its own
        if SENTENCE_MIN <= len(sentence) <= longest:
            _add(mined, sentence_role(sentence, section_role), sentence, index, paragraph, sentence)


@lru_cache(maxsize=1024)
def _set_phrase(text: str) -> bool:
    """Four-character terms any unit can use as they stand: none names a thing (a place, a locality's slogan such
    as 生态立乡、产业兴乡……) and check finds no fault in them."""
    return proofread(text) == text and slot_entities(text) == text


def context_of(paragraph: str, part: str) -> str:
    """The text around `part` in its paragraph."""
    start = max(paragraph.find(part), 0)
    left = max(start - CONTEXT_WIDTH // 2, 0)
    right = min(start + len(part) + CONTEXT_WIDTH // 2, len(paragraph))
    return ("……" if left else "") + paragraph[left:right] + ("……" if right < len(paragraph) else "")


def _length(section: OutlineSection) -> int:
    """Characters of a section's bodies and its descendants' headings and bodies."""
    return sum(len(p) for p in section.body) + sum(len(c.heading) + _length(c) for c in section.children)


def _enumerates(section: OutlineSection) -> bool:
    """Whether the section's bodies (or its descendants') enumerate with 一是/二是."""
    return any(body_items(p) for p in section.body) or any(_enumerates(c) for c in section.children)
