"""One document's paragraphs -> Outline (title, preamble, section tree, closing, signature, date)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from drafter.lazy import lazy_compile
from drafter.reading.headings import Candidate, clean_text, judge, split_run_in
from drafter.reading.numerals import ascii_digits, cn_digit_string_to_int, cn_to_int, int_to_cn
from drafter.reading.patterns import (
    ADDRESSEE,
    BODY_ITEM_ANYWHERE,
    CLOSING_CUE,
    DATE,
    DATE_LINE,
    FURNITURE,
    MARKER,
    SIGNATURE_AND_DATE_LINE,
    STANDARD_SECTION_NAMES,
)
from drafter.reading.read import Paragraph
from drafter.reading.split import RawDocument

_STRIP = " \t\u3000\u2002\u2003\u00a0"

_SIGNATURE_MAX = 30
# Levels of consecutive numbering at which a slip (一、 then 三、) is still read as a heading.
_LENIENT_LEVELS = (0, 1, 2)


@dataclass
class Node:
    """A section being built."""

    candidate: Candidate
    body: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source line of each body paragraph
    list_items: list[int] = field(
        default_factory=list
    )  # body paragraphs with a number that are body (lists, sentences)

    def add(self, text: str, line: int, *, list_item: bool = False) -> None:
        """Append a body paragraph and where it came from."""
        if list_item:
            self.list_items.append(len(self.body))
        self.body.append(text)
        self.lines.append(line)


@dataclass
class ParsedDocument:
    """Everything the parser finds in one document, before it becomes an Outline."""

    title: str | None
    preamble: list[str]
    sections: list[Node]
    closing: str | None
    signature: str | None
    date: str | None
    doc_number: str | None = None
    addressee: str | None = None
    letterhead: str | None = None


def parse_document(raw: RawDocument) -> ParsedDocument:
    """Find title block, preamble, sections, closing, signature and date in one document."""
    from drafter.reading.title_block import take_title_block

    paragraphs = [p for p in raw.paragraphs if clean_text(p.text)]
    block = take_title_block(paragraphs)
    paragraphs, signature, date = take_signature(block.rest)
    paragraphs = drop_furniture(paragraphs)
    preamble, sections = build_tree(paragraphs)
    closing = take_closing(sections)
    return ParsedDocument(
        title=block.title,
        preamble=preamble,
        sections=sections,
        closing=closing,
        signature=signature or block.signer,
        date=date or block.date,
        doc_number=block.doc_number,
        addressee=block.addressee,
        letterhead=block.letterhead,
    )


# --- signature and date --------------------------------------------------------


def take_signature(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], str | None, str | None]:
    """Cut the document at its 成文日期; return the body, the signature and the ISO date."""
    for index, p in enumerate(paragraphs):
        text = clean_text(p.text)
        if index == 0:
            continue
        combined = SIGNATURE_AND_DATE_LINE.match(text)
        if combined and not MARKER.match(text):
            return paragraphs[:index], combined.group("sig"), parse_date(text)
        if DATE_LINE.match(text):
            date = parse_date(text)
            previous = _SIGNER_LABEL.sub("", clean_text(paragraphs[index - 1].text))
            if _is_signature(previous):
                return paragraphs[: index - 1], previous, date
            # A lone date inside the body (a timeline entry) is not the 成文日期; one at the end is.
            if index == len(paragraphs) - 1:
                return paragraphs[:index], None, date
    return paragraphs, None, None


# 述职人：李某某, 汇报人：… above the date: the name is the signature.
_SIGNER_LABEL = lazy_compile(r"^(?:述职人|报告人|汇报人|发言人|总结人|填报人|署名)[:：]\s*")


def _is_signature(text: str) -> bool:
    """A line that can be a 发文机关署名: short, no sentence punctuation, not a heading."""
    return (
        0 < len(text) <= _SIGNATURE_MAX
        and not re.search(r"[。，；！？:：、]", text)
        and not MARKER.match(text)
        and not FURNITURE.match(text)
    )


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO (2023年11月27日, 二〇二三年十一月二十七日, 2023-11-27)."""
    match = re.search(DATE, text)
    if not match:
        return None
    if match.group("iy"):
        year, month, day = int(match.group("iy")), int(match.group("im")), int(match.group("id"))
    else:
        y, m, d = match.group("y"), ascii_digits(match.group("m")), ascii_digits(match.group("d"))
        year_value = int(y) if y.isascii() and y.isdigit() else cn_digit_string_to_int(y)
        month_value = int(m) if m.isascii() and m.isdigit() else cn_to_int(m.replace("〇", "零").replace("○", "零"))
        day_value = int(d) if d.isascii() and d.isdigit() else cn_to_int(d.replace("〇", "零").replace("○", "零"))
        if year_value is None or month_value is None or day_value is None:
            return None
        year, month, day = year_value, month_value, day_value
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# --- furniture -----------------------------------------------------------------


def drop_furniture(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Remove 公文 furniture: 主送机关, 特此报告, 附件, 联系人, 印发 and 抄送 lines."""
    kept = []
    for index, p in enumerate(paragraphs):
        text = clean_text(p.text)
        if FURNITURE.match(text) and not MARKER.match(text):
            continue
        if index == 0 and ADDRESSEE.match(text) and "如下" not in text:
            continue
        kept.append(p)
    return kept


# --- headings and the tree -----------------------------------------------------


def build_tree(paragraphs: list[Paragraph]) -> tuple[list[str], list[Node]]:
    """Preamble paragraphs and the section tree; markers that break the order stay body."""
    preamble: list[str] = []
    root: list[Node] = []
    stack: list[Node] = []
    as_typed = paragraphs
    paragraphs = _unmarked_top_headings(_bold_lines_as_headings(paragraphs))
    top = min((p.level for p in paragraphs if p.level is not None and 1 <= p.level <= 4), default=1)
    judgement = judge(paragraphs)
    items = judgement.numbered_body()
    parts = _unmarked_parts(as_typed, judgement.candidates)
    for index, (paragraph, candidate) in enumerate(zip(paragraphs, judgement.candidates, strict=True)):
        candidate = candidate or parts.get(index) or word_heading(paragraph, stack, root, top)
        text = clean_text(paragraph.text)
        if candidate is not None and _place(candidate, stack, root):
            continue
        if stack:
            stack[-1].add(text, paragraph.line, list_item=index in items)
        else:
            preamble.append(text)
    return preamble, root


# A short bold line standing alone is a heading only where others like it are (工作亮点, 不足之处).
BOLD_HEADING_MAX = 20


def _bold_lines_as_headings(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Short bold lines with no marker and no sentence in them, when there are two or more, become Word
    headings: at level 1 in a document without numbered top-level sections, else one below the top."""
    bold = [
        i
        for i, p in enumerate(paragraphs)
        if p.bold
        and p.level is None
        and not MARKER.match(clean_text(p.text))
        and len(clean_text(p.text)) <= BOLD_HEADING_MAX
        and not re.search(r"[。，；！？:：]", clean_text(p.text))
    ]
    if len(bold) < 2:
        return paragraphs
    numbered_top = any((m := MARKER.match(clean_text(p.text))) and m.lastgroup in ("part", "cn") for p in paragraphs)
    numbered_top = numbered_top or any(p.level == 1 for p in paragraphs)
    level = 2 if numbered_top else 1
    return [replace(p, level=level) if i in bold else p for i, p in enumerate(paragraphs)]


# Lines that close a letter (此致 / 敬礼) stand alone too, but are no headings.
_LETTER_CLOSE = lazy_compile(r"^(?:此致|敬礼|此致敬礼|谢谢大家|谢谢)$")


def _standing_alone(paragraph: Paragraph) -> bool:
    """A short line with no marker, no style and no sentence in it: what a heading without a number looks like."""
    text = clean_text(paragraph.text)
    return (
        paragraph.level is None
        and 2 <= len(text) <= BOLD_HEADING_MAX
        and not MARKER.match(text)
        and not re.search(r"[。，；！？:：,;!?]", text)
        and not DATE_LINE.match(text)
        and not _LETTER_CLOSE.match(text)
        and len(re.findall(r"[\u4e00-\u9fff]", text)) >= 2
    )


def _unmarked_top_headings(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Top-level headings written without a number: in a document with no 一、 (or 第一部分) numbering and no
    heading styles, short lines standing alone between paragraphs of content — above a run of （一）（二）
    that starts again under each, or above body text — become level-1 headings, when there are two or more
    (one is enough when it is a standard section name such as 主要工作 or 存在的问题)."""
    if any(p.level is not None for p in paragraphs):
        return paragraphs
    if any((m := MARKER.match(clean_text(p.text))) and m.lastgroup in ("part", "cn") for p in paragraphs):
        return paragraphs
    alone = [
        index
        for index, p in enumerate(paragraphs[:-1])
        if _standing_alone(p) and not _standing_alone(paragraphs[index + 1])
    ]
    names = [i for i in alone if clean_text(paragraphs[i].text) in STANDARD_SECTION_NAMES]
    if len(alone) < 2 and not names:
        return paragraphs
    return [replace(p, level=1) if i in alone else p for i, p in enumerate(paragraphs)]


def _unmarked_parts(paragraphs: list[Paragraph], candidates: list[Candidate | None]) -> dict[int, Candidate]:
    """A document in parts written without 第一部分 (this year's work, then next year's plan), each part numbered
    from 一、 again: when the first 一、 of every run has a short line standing alone right above it, those
    lines are the parts' headings, one level above 一、 as 第一部分 is, and each run goes under its part."""
    starts = [i for i, c in enumerate(candidates) if c is not None and c.kind == "cn" and c.value == 1]
    lines = [i - 1 for i in starts]
    if len(starts) < 2 or any(i < 0 or candidates[i] is not None or not _standing_alone(paragraphs[i]) for i in lines):
        return {}
    return {
        i: Candidate(
            0,
            n,
            int_to_cn(n),
            "",
            clean_text(paragraphs[i].text),
            "",
            clean_text(paragraphs[i].text),
            paragraphs[i].line,
        )
        for n, i in enumerate(lines, 1)
    }


def word_heading(paragraph: Paragraph, stack: list[Node], root: list[Node], top: int = 1) -> Candidate | None:
    """A paragraph Word styles as Heading N but that carries no marker of its own.

    The style's level says how deep a heading is meant to be, but people use styles loosely: a heading
    with no open section above it is a top-level one, whatever style it has (a first section styled
    Heading 2 whose siblings are Heading 1)."""
    if paragraph.level is None or not 1 <= paragraph.level <= 4:
        return None
    text = clean_text(paragraph.text)
    level = paragraph.level
    parent = _parent_for(level, stack)
    if parent is None:
        level = min(level, root[-1].candidate.level if root else top)
    siblings = parent.children if parent is not None else root
    same = [s for s in siblings if s.candidate.level == level]
    value = same[-1].candidate.value + 1 if same else 1
    heading, rest = split_run_in(text)
    # No number is written: give the ordinal the GB/T 9704 scheme shows at this level.
    number = int_to_cn(value) if level <= 2 else str(value)
    return Candidate(level, value, number, "", heading, rest, text, paragraph.line)


def _parent_for(level: int, stack: list[Node]) -> Node | None:
    """The open section a heading of nominal `level` would go under."""
    for node in reversed(stack):
        if node.candidate.level < level:
            return node
    return None


def _place(candidate: Candidate, stack: list[Node], root: list[Node]) -> bool:
    """Put a heading into the tree if it continues the numbering; False leaves it as body."""
    parent = _parent_for(candidate.level, stack)
    siblings = parent.children if parent is not None else root
    previous = siblings[-1] if siblings else None
    if previous is None:
        if candidate.value != 1 and not (parent is None and candidate.level in _LENIENT_LEVELS):
            return False
    elif previous.candidate.level == candidate.level:
        step = candidate.value - previous.candidate.value
        allowed = (1, 2) if candidate.level in _LENIENT_LEVELS else (1,)
        if step not in allowed and not _restarts(candidate, previous, parent):
            return False
    elif previous.candidate.level > candidate.level:
        # A list (1.–8.) under the parent before its real sub-headings: that list is body.
        if candidate.value != 1:
            return False
        _demote_trailing_lists(siblings, candidate.level, parent)
    else:
        return False
    node = Node(candidate)
    if candidate.rest:
        node.add(candidate.rest, candidate.line)
    siblings.append(node)
    stack[:] = [*stack[: stack.index(parent) + 1], node] if parent is not None else [node]
    return True


def _restarts(candidate: Candidate, previous: Node, parent: Node | None) -> bool:
    """Top-level numbering that starts again at 一、 after a run of at least two (this year's work, then next
    year's plan, under an unnumbered part heading or none): the second run is top-level headings too."""
    return (
        parent is None
        and candidate.value == 1
        and candidate.marker != ""
        and candidate.kind == previous.candidate.kind
        and previous.candidate.value >= 2
    )


def _demote_trailing_lists(siblings: list[Node], level: int, parent: Node | None) -> None:
    """Turn trailing siblings of a deeper nominal level into body text of their parent."""
    demoted: list[tuple[str, int]] = []
    while siblings and siblings[-1].candidate.level > level:
        demoted[:0] = _as_text(siblings.pop())
    if parent is not None:
        for text, line in demoted:
            parent.add(text, line)


def _as_text(node: Node) -> list[tuple[str, int]]:
    """A section and everything under it as body paragraphs, with their source lines."""
    own = list(zip(node.body, node.lines, strict=True))
    if node.candidate.rest:
        own = own[1:]
    paragraphs = [(node.candidate.source_text, node.candidate.line), *own]
    for child in node.children:
        paragraphs.extend(_as_text(child))
    return paragraphs


# --- body items (一是/二是) ------------------------------------------------------


@dataclass(frozen=True)
class BodyItem:
    """One 一是/二是 item of a body paragraph."""

    number: str
    value: int
    text: str


def body_items(paragraph: str) -> list[BodyItem]:
    """The 一是……二是…… items of a paragraph, at its start or after a sentence end."""
    if "是" not in paragraph:
        return []
    matches = list(BODY_ITEM_ANYWHERE.finditer(paragraph))
    items = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(paragraph)
        value = cn_to_int(match.group("n")) or 0
        items.append(BodyItem(match.group("n"), value, paragraph[match.end() : end].strip(_STRIP)))
    return items


# --- closing -------------------------------------------------------------------


def take_closing(sections: list[Node]) -> str | None:
    """Remove and return a closing paragraph (今后，我局将……) that follows the last section."""
    if not sections:
        return None
    last = sections[-1]
    while last.children:
        last = last.children[-1]
    # The closing is a paragraph of its own after the section's first paragraph of content.
    # In a plan section (下一步工作计划) a 今后/下一步 paragraph is content, not the closing.
    if len(last.body) < 2 or re.search(r"计划|下一步|打算|思路|建议|目标", sections[-1].candidate.heading):
        return None
    if CLOSING_CUE.match(last.body[-1]):
        last.lines.pop()
        return last.body.pop()
    return None
