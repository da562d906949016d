"""Headings or list items: the one judgement `drafter outline`, `drafter format` and `drafter check` share.

A numbered paragraph is a heading candidate (its marker gives the nominal level: 一、 （一） 1. （1） …).
Whether it really is a heading follows the conventions of the genre:

- A heading has content under it: body paragraphs, sub-headings, or the body run in after its first
  sentence ("（一）加强组织领导。全面贯彻……"). A run of numbered paragraphs of one kind that starts at 1
  with nothing between them (or only the short rest of a line that filled its line and wrapped) is a list:
  its items are body text, whatever their marker — typed 1. / 1、 / （1）, Word's automatic numbering, or
  lines of one paragraph split by soft breaks. A run whose numbering goes on later, after content, is a
  sequence of headings (an empty one among them is the writer's slip, which `drafter check` reports); so
  is one whose last item is followed by a first sub-heading, unless that is a list nested in the list.
- A full sentence is not a heading: internal ，or ；, ending 。or ；, and longer than one line of the
  GB/T 9704 grid (28 characters), which is what a heading fits in. It is a list item or body — unless the
  document's headings of that kind are run-in ones (most of them carry body after their first sentence),
  where a one-sentence paragraph is a run-in heading with no more to say; or unless sub-headings follow it.
- Headings Word styles as such (Heading N, an outline level, a Markdown #) are the writer's explicit
  choice and are never judged list items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.lazy import lazy_compile
from drafter.reading.numerals import ascii_digits, ordinal_value
from drafter.reading.patterns import MARKER, MARKER_LEVEL
from drafter.reading.read import Paragraph

_STRIP = " \t\u3000\u2002\u2003\u00a0"
_CLOSING_PUNCT = "，。；：、,.;:！？!? \u3000"
_OPENERS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "【": "】", "「": "」", '"': '"'}
_OPENER = lazy_compile("[" + re.escape("".join(_OPENERS)) + "]")
_SENTENCE_END = lazy_compile("[。！？]")
# One line of the GB/T 9704 text block (22 lines of 28 characters): a heading fits in it.
LINE_CHARS = 28
# A list item's line that wrapped filled its line: a first line is indented two characters, so 26 of the 28.
_WRAPPED_MIN = LINE_CHARS - 2


def display_width(text: str) -> float:
    """How many characters of the grid a text takes: Latin letters, digits and ASCII signs take half of one."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def clean_text(text: str) -> str:
    """A paragraph without surrounding blanks (including ideographic spaces)."""
    return text.strip(_STRIP)


@dataclass
class Candidate:
    """A paragraph that starts with a heading marker (or carries a Word heading level)."""

    level: int  # nominal level: 0 第一部分 1 一、 2 （一） 3 1. 4 （1） 5 ①
    value: int
    number: str
    marker: str
    heading: str
    rest: str  # body text run in after the heading
    source_text: str
    line: int = 0  # where the heading is in the source
    kind: str = ""  # the marker's kind (cn, pcn, ar …): numbers of one kind count on from each other


def heading_candidate(paragraph: Paragraph) -> Candidate | None:
    """The heading a paragraph opens with, if any."""
    text = clean_text(paragraph.text)
    match = MARKER.match(text)
    if not match:
        return None
    kind = match.lastgroup
    if kind is None:
        return None
    number = ascii_digits(match.group(kind))
    value = ordinal_value(number)
    if value is None:
        return None
    marker = text[: match.end()].rstrip(_STRIP)
    heading, rest = split_run_in(text[match.end() :])
    if not heading:
        return None
    heading, rest = unswallow(heading, rest)
    level = MARKER_LEVEL[kind]
    return Candidate(level, value, number, marker, heading, rest, text, paragraph.line, kind)


HEADING_MAX = 30
# How headings end and how bodies begin (在, 按照, 今年以来, a figure). A heading ends in a noun phrase naming a part
# of the work (…工作, …机制), or in the predicate of a subject-predicate heading (产业发展提质增效, 乡村振兴扎实推进).
_HEADING_END = (
    r"(?:情况|工作|成效|成绩|成果|问题|不足|建设|措施|举措|做法|经验|管理|进展|方面|计划|打算|思路|建议|要点|任务|目标|"
    r"机制|服务|体系|能力|水平|质量|安全|发展|改革|落实|推进|领导|基础|作风|队伍|保障|环境|效能|职责|责任|格局|亮点|特色|"
    r"增效|提速|提质|加强|提升|提高|改善|优化|完善|有力|有效|明显|显著|突出|稳定|向好|有进|增长|巩固|深化|见效|突破)"
)
_BODY_START = r"(?:在|按照|根据|今年以来|今年|全年|一年来|年初以来|截至|截止|围绕|为了|为|我局|我单位|我院|我校|我乡|我镇|本年度|自|通过|坚持|近年来|\d)"
_SWALLOWED = lazy_compile(rf"^(?P<head>[^，,。；]{{4,{HEADING_MAX}}}?{_HEADING_END})(?={_BODY_START})")


# The items of a body glued to its heading: 强化食品安全监管：一是……；二是…….
_GLUED_ITEMS = lazy_compile(r"[：:，,；;]?\s*一是(?=[^，。；、\s])")


# A colon that introduces a body: the full-width one, or a half-width one typed in Chinese text; never the one
# inside Latin or figures (12:30, http://, <w:t>).
_BODY_COLON = lazy_compile(r"：|(?<![A-Za-z0-9]):(?![A-Za-z0-9/])")


def unswallow(heading: str, rest: str) -> tuple[str, str]:
    """A heading that ran into its body is cut where the body begins: at 一是 when it enumerates (强化食品安全
    监管：一是……二是……); when longer than a heading can be, at a colon (the colon introduces the body), or where a
    body begins after a heading-like ending, as when line breaks were lost (一、2024年度安全生产工作开展情况
    在县委县政府的坚强领导下，……)."""
    items = _GLUED_ITEMS.search(heading)
    head = heading[: items.start()].rstrip(_CLOSING_PUNCT) if items else ""
    if items and len(head) >= 4 and (len(heading) > HEADING_MAX or "二是" in heading[items.end() :]):
        body = heading[items.start() :].lstrip("：:，,；; ")
        return head, body + ("。" + rest if rest else "。")
    if len(heading) <= HEADING_MAX:
        return heading, rest
    colon = _BODY_COLON.search(heading)
    head = heading[: colon.start()].rstrip(_CLOSING_PUNCT) if colon else ""
    if colon and len(head) >= 4 and colon.start() <= HEADING_MAX:
        body = heading[colon.end() :].strip(_STRIP)
        return head, body + ("。" + rest if rest else "。")
    match = _SWALLOWED.match(heading)
    if not match or not re.search(r"[，。；]", heading[match.end() : match.end() + 60] + "。" + rest[:1]):
        return heading, rest
    body = heading[match.end() :] + ("。" + rest if rest else "。")
    return match.group("head"), body


def split_run_in(text: str) -> tuple[str, str]:
    """Heading text and run-in body: split at the first 。 outside brackets and quotes."""
    end = _SENTENCE_END.search(text)
    if not _OPENER.search(text, 0, end.start() if end else len(text)):  # nothing bracketed before it: split there
        if end:
            return text[: end.start()].rstrip(_CLOSING_PUNCT), text[end.end() :].strip(_STRIP)
        return text.rstrip(_CLOSING_PUNCT), ""
    closers: list[str] = []
    for index, ch in enumerate(text):
        if closers and ch == closers[-1]:
            closers.pop()
        elif ch in _OPENERS:
            closers.append(_OPENERS[ch])
        elif not closers and ch in "。！？":
            return text[:index].rstrip(_CLOSING_PUNCT), text[index + 1 :].strip(_STRIP)
    if closers:
        # A bracket that never closes protects nothing: split at the first sentence end after all.
        end = re.search(r"[。！？]", text)
        if end:
            return text[: end.start()].rstrip(_CLOSING_PUNCT), text[end.end() :].strip(_STRIP)
    return text.rstrip(_CLOSING_PUNCT), ""


# --- the judgement -----------------------------------------------------------------


@dataclass(frozen=True)
class ListRun:
    """A list: numbered paragraphs of one kind, 1 to n, with nothing but wrapped lines between them."""

    items: tuple[int, ...]  # indexes of the items among the paragraphs judged
    kind: str  # the kind of marker the items carry (ar for 1. and 1、, par for （1） …)


@dataclass(frozen=True)
class Judgement:
    """The heading candidate of every paragraph (None: body text), the lists found among them, and the numbered
    paragraphs that are full sentences of the body."""

    candidates: list[Candidate | None]
    lists: list[ListRun]
    sentences: frozenset[int] = frozenset()

    def list_items(self) -> set[int]:
        """Indexes of the paragraphs that are list items."""
        return {index for run in self.lists for index in run.items}

    def numbered_body(self) -> set[int]:
        """Indexes of the numbered paragraphs judged body text: list items and numbered sentences."""
        return self.list_items() | self.sentences


def judge(paragraphs: list[Paragraph]) -> Judgement:
    """Which paragraphs open headings and which are list items or body (the conventions in the module's text)."""
    candidates = [heading_candidate(p) for p in paragraphs]
    explicit = [p.level is not None for p in paragraphs]
    lists = _list_runs(paragraphs, candidates, explicit)
    for run in lists:
        for index in run.items:
            candidates[index] = None
    run_in = _run_in_kinds(candidates)
    sentences: set[int] = set()
    following: Candidate | None = None  # the next candidate after the paragraph looked at (walking backwards)
    for index in range(len(candidates) - 1, -1, -1):
        candidate = candidates[index]
        if candidate is None:
            continue
        sub_headings = following is not None and following.level > candidate.level and following.value == 1
        if not explicit[index] and is_sentence(candidate) and candidate.kind not in run_in and not sub_headings:
            candidates[index] = None
            sentences.add(index)
        else:
            following = candidate
    return Judgement(candidates, lists, frozenset(sentences))


def is_sentence(candidate: Candidate) -> bool:
    """A numbered paragraph that is one full sentence: internal ，or ；, ending 。or ；, longer than a line."""
    text = candidate.source_text[len(candidate.marker) :].strip(_STRIP)
    return (
        not candidate.rest
        and text.endswith(("。", "；", ";", "！"))
        and bool(re.search(r"[，；,;]", text[:-1]))
        and len(candidate.heading) > LINE_CHARS
    )


def _run_in_kinds(candidates: list[Candidate | None]) -> set[str]:
    """Kinds of marker whose headings in this document are mostly run-in (body after the first sentence)."""
    totals: dict[str, list[int]] = {}
    for candidate in candidates:
        if candidate is not None:
            counts = totals.setdefault(candidate.kind, [0, 0])
            counts[0] += 1
            counts[1] += bool(candidate.rest)
    return {kind for kind, (total, run_in) in totals.items() if run_in * 2 >= total and run_in}


def _list_runs(paragraphs: list[Paragraph], candidates: list[Candidate | None], explicit: list[bool]) -> list[ListRun]:
    """Runs of numbered paragraphs of one kind, from 1, with no content under any item: lists."""
    finder = _Runs(paragraphs, candidates, explicit)
    runs: list[ListRun] = []
    taken: set[int] = set()
    for start in range(len(candidates)):
        items = None if start in taken else finder.run_from(start)
        if items:
            taken.update(items)
            runs.append(ListRun(tuple(items), finder.kind(start)))
    return runs


class _Runs:
    """Finds the list that starts at a paragraph (each start looked at once)."""

    def __init__(self, paragraphs: list[Paragraph], candidates: list[Candidate | None], explicit: list[bool]):
        self.paragraphs, self.candidates, self.explicit = paragraphs, candidates, explicit
        self.found: dict[int, list[int] | None] = {}

    def kind(self, index: int) -> str:
        """The marker kind of a candidate."""
        candidate = self.candidates[index]
        return candidate.kind if candidate is not None else ""

    def run_from(self, start: int) -> list[int] | None:
        """The items of the list that starts at `start`, or None when no list starts there."""
        if start not in self.found:
            self.found[start] = self._run_from(start)
        return self.found[start]

    def _run_from(self, start: int) -> list[int] | None:
        paragraphs, candidates, explicit = self.paragraphs, self.candidates, self.explicit
        first = candidates[start]
        if first is None or first.value != 1 or explicit[start] or first.rest:
            return None
        items = [start]
        after = _after_item(paragraphs, candidates, start)
        while after < len(paragraphs):
            nested = self._nested_under(items[-1], after)
            if nested:
                after = _after_item(paragraphs, candidates, nested[-1])
                continue
            following = candidates[after]
            previous = candidates[items[-1]]
            if (
                following is None
                or previous is None
                or explicit[after]
                or following.kind != first.kind
                or following.value != previous.value + 1
                or following.rest
            ):
                break
            items.append(after)
            after = _after_item(paragraphs, candidates, after)
        if len(items) < 2 or _numbering_goes_on(paragraphs, candidates, items, after):
            return None
        following = candidates[after] if after < len(candidates) else None
        if following is not None and following.level > first.level and following.value == 1:
            # The last item is followed by a first sub-heading of its own (the items are headings), unless what
            # follows is itself a list (①② under the last item 5）): a list nested at the end of a list.
            return items if self.run_from(after) else None
        return items

    def _nested_under(self, item: int, at: int) -> list[int] | None:
        """The list that starts at `at` right under an item that announces it (…具体包括：), one level deeper."""
        owner, first = self.candidates[item], self.candidates[at]
        if owner is None or first is None or first.kind == owner.kind or first.level <= owner.level:
            return None
        if not re.search(r"[：:]$", clean_text(self.paragraphs[item].text)):
            return None
        return self.run_from(at)


def _after_item(paragraphs: list[Paragraph], candidates: list[Candidate | None], index: int) -> int:
    """The index after a list item and the short rest of its line, when the line wrapped (a .txt, a PDF)."""
    previous = clean_text(paragraphs[index].text)
    after = index + 1
    while after < len(paragraphs) and candidates[after] is None and paragraphs[after].level is None:
        text = clean_text(paragraphs[after].text)
        wrapped = display_width(previous) >= _WRAPPED_MIN and not re.search(r"[。！？；：:;]$", previous)
        if not (wrapped and display_width(text) <= LINE_CHARS):
            break
        previous = text
        after += 1
    return after


def _numbering_goes_on(
    paragraphs: list[Paragraph], candidates: list[Candidate | None], items: list[int], after: int
) -> bool:
    """The numbering of the run continues later, after content, before any shallower heading: headings."""
    last = candidates[items[-1]]
    assert last is not None
    for index in range(after, len(candidates)):
        candidate = candidates[index]
        if candidate is None:
            if paragraphs[index].level is not None:
                return False
            continue
        if candidate.level < last.level:
            return False
        if candidate.kind == last.kind:
            return candidate.value == last.value + 1
    return False
