"""A Draft (or a blank skeleton) as a flat list of blocks both writers understand."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from drafter.reading.numerals import int_to_cn
from drafter.reading.patterns import MARKER

if TYPE_CHECKING:
    from drafter.models import Draft, DraftSection

BlockKind = Literal["title", "heading", "body", "hint", "signature", "date"]
_CLOSING_PUNCT = "，。；：、,.;: \u3000"
RUN_IN_DEPTHS = (3, 4)


@dataclass(frozen=True)
class Block:
    """One paragraph of the output. A run-in heading (levels 3–4) carries its body in `text`."""

    kind: BlockKind
    text: str = ""
    depth: int = 0  # heading depth 1–4
    marker: str = ""  # 一、 （一） 1. （1）
    heading: str = ""  # a level 3–4 heading run in before `text`


DocumentKind = Literal["draft", "skeleton"]
KIND_NAMES: dict[str, str] = {"draft": "工作总结", "skeleton": "空白提纲"}


@dataclass(frozen=True)
class DocumentInfo:
    """What drafter records about a document it writes (the .docx core properties, the Markdown front matter),
    so that `check` knows the genre and whether it is a blank skeleton."""

    genre: str | None = None
    kind: DocumentKind = "draft"
    target: str | None = None  # the length target the draft was written to (限 2 页)


def marker_for(depth: int, ordinal: int) -> str:
    """The GB/T 9704 marker of a heading: 一、 / （一） / 1. / （1）."""
    if depth == 1:
        return f"{int_to_cn(ordinal)}、"
    if depth == 2:
        return f"（{int_to_cn(ordinal)}）"
    if depth == 3:
        return f"{ordinal}."
    return f"（{ordinal}）"


def strip_marker(heading: str) -> str:
    """A heading without a number the person typed (一、主要工作 -> 主要工作)."""
    text = heading.strip()
    match = MARKER.match(text)
    return text[match.end() :].strip() if match and match.end() < len(text) else text


def format_date(value: dt.date) -> str:
    """2024年12月20日: Arabic numerals without zero padding."""
    return f"{value.year}年{value.month}月{value.day}日"


def paragraphs(text: str | None) -> list[str]:
    """Non-empty lines of a multi-line answer."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def layout_draft(draft: Draft, title: str) -> list[Block]:
    """Title, preamble, numbered sections, closing, signature and date."""
    blocks = [Block("title", title)]
    blocks += [Block("body", p) for p in paragraphs(draft.preamble)]
    blocks += layout_sections(draft.sections, 1)
    blocks += [Block("body", p) for p in paragraphs(draft.closing)]
    signature = draft.signature or draft.org
    if signature:
        blocks.append(Block("signature", signature))
    if draft.date:
        blocks.append(Block("date", format_date(draft.date)))
    return blocks


def layout_sections(sections: list[DraftSection], depth: int) -> list[Block]:
    """Headings numbered by depth; levels 3–4 run in with their first paragraph."""
    blocks: list[Block] = []
    for ordinal, section in enumerate(sections, start=1):
        heading = strip_marker(section.heading).rstrip(_CLOSING_PUNCT)
        marker = marker_for(depth, ordinal)
        body = [p for p in (b.strip() for b in section.body) if p]
        # A heading with an unclosed bracket or quote would swallow its run-in body when read back.
        if depth in RUN_IN_DEPTHS and body and balanced(heading):
            blocks.append(Block("heading", body[0], depth, marker, heading + _sentence_end(heading)))
            body = body[1:]
        else:
            blocks.append(Block("heading", "", depth, marker, heading))
        blocks += [Block("body", p) for p in body]
        blocks += layout_sections(section.children, depth + 1)
    return blocks


def balanced(text: str) -> bool:
    """Every 《 “ （ ( 【 in the text is closed, in order."""
    pairs = {"《": "》", "“": "”", "（": "）", "(": ")", "【": "】", "‘": "’"}
    closers: list[str] = []
    for ch in text:
        if closers and ch == closers[-1]:
            closers.pop()
        elif ch in pairs:
            closers.append(pairs[ch])
    return not closers


def _sentence_end(heading: str) -> str:
    """The 。 that closes a run-in heading, unless it already ends a sentence."""
    return "" if re.search(r"[。！？]$", heading) else "。"
