"""Text normalisations of `drafter format`, as edits on a paragraph's text that can be counted, shown and undone.

Each step finds spans of the original text and what they become; the spans of different steps never
overlap, so a paragraph held in several Word runs can be edited run by run (see `apply_edits`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from drafter.lazy import lazy_compile

STEPS: dict[str, str] = {
    "numbering": "序号统一（标题 一、（一）1.（1），列举项 1. 或 （1））",
    "heading-end": "删去标题末尾的冒号、逗号",
    "punctuation": "汉字间的半角标点改为全角",
    "quotes": "直引号改为弯引号",
    "spaces": "删去汉字之间和段首的多余空格、制表符",
    "blank-lines": "删去空段落",
}
STEP_ALIASES: dict[str, str] = {
    "序号": "numbering",
    "编号": "numbering",
    "标题标点": "heading-end",
    "标题末尾": "heading-end",
    "标点": "punctuation",
    "引号": "quotes",
    "空格": "spaces",
    "空行": "blank-lines",
    "空段": "blank-lines",
    "空段落": "blank-lines",
}
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}
_FULL_TO_HALF = {full: half for half, full in HALF_TO_FULL.items()}
# Chinese characters and the full-width punctuation that sits among them.
_CHINESE = lazy_compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2026\u2014\u00b7]"
)
_HAN = lazy_compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PROTECTED = lazy_compile(
    r"(?:https?|ftp)://[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+|www\.[A-Za-z0-9.-]+[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]*|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_HALF_MARK = lazy_compile("[" + re.escape("".join(HALF_TO_FULL)) + "]")
_BRACKET = lazy_compile(r"[()]")
_STRAY_SPACE = " \u00a0"
_LEADING_SPACE = " \t\u00a0\u3000\u2002\u2003"
# What a heading standing alone does not end with (GB/T 9704 headings end bare; a run-in one with 。).
_HEADING_END = "：:，,；;、"


@dataclass(frozen=True)
class Edit:
    """`text[start:end]` becomes `new`, by one normalisation step."""

    step: str
    start: int
    end: int
    new: str


def step_id(name: str) -> str:
    """A step's id from its id or Chinese name (标点 -> punctuation); unknown names are returned unchanged."""
    return STEP_ALIASES.get(name.strip(), name.strip())


def normalise(
    text: str, steps: Collection[str], new_marker: tuple[int, str] | None = None, *, heading_end: bool = False
) -> list[Edit]:
    """The edits the chosen steps make to one paragraph, sorted; `new_marker` is (length of the marker written,
    the marker it becomes) for a numbered heading or list item; `heading_end` says the paragraph is a heading
    standing alone, which loses a closing ：or ，."""
    edits: list[Edit] = []
    taken = 0
    last = len(text)
    if heading_end and "heading-end" in steps:
        last = len(text.rstrip(_LEADING_SPACE))
        start = len(text[:last].rstrip(_HEADING_END))
        if start < last and text[:start].strip(_LEADING_SPACE):
            edits.append(Edit("heading-end", start, last, ""))
            last = start
    if new_marker is not None and "numbering" in steps:
        length, marker = new_marker
        start = _leading_space_end(text)
        end = start + length
        while end < len(text) and text[end] in _LEADING_SPACE:
            end += 1
        if text[start:end] != marker:
            edits.append(Edit("numbering", start, end, marker))
        taken = end
    protected = _protected(text)
    punctuation = _punctuation(text, protected) if "punctuation" in steps else []
    punctuation = [e for e in punctuation if taken <= e.start and e.end <= last]
    edits += punctuation
    if "spaces" in steps:
        full = {e.start for e in punctuation}
        spaces = [e for e in _spaces(text, full) if e.start >= taken or e.end <= _leading_space_end(text)]
        edits += [e for e in spaces if e.end <= last or e.start >= len(text.rstrip(_LEADING_SPACE))]
    if "quotes" in steps:
        edits += [e for e in _quotes(text, protected) if taken <= e.start and e.end <= last]
    return sorted(edits, key=lambda e: (e.start, e.end))


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits made."""
    out: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out.append(text[position : edit.start])
        out.append(edit.new)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def apply_to_pieces(pieces: list[str], edits: list[Edit]) -> list[str]:
    """Edits of a paragraph's whole text applied to the pieces it is stored in (Word runs): an edit's new text
    lands in the piece where the edit starts, and the characters it replaces leave whichever piece holds them."""
    total = sum(len(piece) for piece in pieces)
    covered = [False] * total
    starting: dict[int, list[str]] = {}
    for edit in edits:
        covered[edit.start : edit.end] = [True] * (edit.end - edit.start)
        starting.setdefault(edit.start, []).append(edit.new)
    result = []
    position = 0
    for piece in pieces:
        out: list[str] = []
        for offset, ch in enumerate(piece):
            out += starting.get(position + offset, [])
            if not covered[position + offset]:
                out.append(ch)
        position += len(piece)
        result.append("".join(out))
    if total in starting and result:
        result[-1] += "".join(starting[total])
    return result


def undo(text: str) -> str:
    """The text with every normalisation's effect taken away (for comparing texts before and after): markers,
    spaces, quote shapes and punctuation width ignored."""
    text = re.sub(r"[\s\u00a0\u3000]+", "", text)
    text = re.sub("[\"“”'‘’]", "", text)
    return "".join(_FULL_TO_HALF.get(ch, ch) for ch in text)


def _leading_space_end(text: str) -> int:
    """Where the text starts after spaces typed to indent it."""
    end = 0
    while end < len(text) and text[end] in _LEADING_SPACE:
        end += 1
    return end


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that are URLs or e-mail addresses."""
    return [m.span() for m in _PROTECTED.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when a position is in one of the spans (sorted and apart, as `_protected` finds them)."""
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and position < spans[index][1]


def _is_chinese(ch: str) -> bool:
    """A Chinese character or full-width punctuation."""
    return bool(ch) and bool(_CHINESE.match(ch))


def _spaces(text: str, made_full: set[int]) -> list[Edit]:
    """Spaces typed to indent a paragraph, and stray spaces between two Chinese characters (or around full-width
    punctuation, including the marks at `made_full` that become full width)."""
    edits = []
    lead = _leading_space_end(text)
    if lead:
        edits.append(Edit("spaces", 0, lead, ""))
    trailing = len(text.rstrip(_LEADING_SPACE))
    for match in re.finditer(f"[{_STRAY_SPACE}]+", text):
        start, end = match.span()
        if start < lead or start == 0 or end >= trailing:
            continue
        left, right = start - 1, end
        if (_is_chinese(text[left]) or left in made_full) and (_is_chinese(text[right]) or right in made_full):
            edits.append(Edit("spaces", start, end, ""))
    if trailing < len(text) and trailing > lead:
        edits.append(Edit("spaces", trailing, len(text), ""))
    return edits


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character that is not a space, before (step -1) or after (step 1) `index`; '' at the ends."""
    index += step
    while 0 <= index < len(text) and text[index] in _STRAY_SPACE:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _punctuation(text: str, protected: list[tuple[int, int]]) -> list[Edit]:
    """Half-width , . ; : ? ! ( ) that stand among Chinese text; never inside numbers, URLs, e-mail or Latin."""
    edits = []
    brackets = _converted_brackets(text, protected)
    # Marks are judged by their neighbours as they will be: a ; after a ) that becomes ） is Chinese too.
    seen = text
    if brackets:
        characters = list(text)
        for index in brackets:
            characters[index] = HALF_TO_FULL[text[index]]
        seen = "".join(characters)
    for match in _HALF_MARK.finditer(text):
        index, ch = match.start(), match.group(0)
        if _inside(index, protected):
            continue
        if ch in "()":
            if index in brackets:
                edits.append(Edit("punctuation", index, index + 1, HALF_TO_FULL[ch]))
            continue
        if _converts(seen, index, ch):
            edits.append(Edit("punctuation", index, index + 1, HALF_TO_FULL[ch]))
    return edits


def _converts(text: str, index: int, ch: str) -> bool:
    """Whether one half-width mark at `index` is Chinese punctuation typed on an English keyboard."""
    before, after = _neighbour(text, index, -1), _neighbour(text, index, 1)
    left = text[index - 1] if index > 0 else ""
    right = text[index + 1] if index + 1 < len(text) else ""
    if left.isascii() and left.isdigit() and right.isascii() and right.isdigit():
        return False  # 1,000  3.5  10:30
    if ch == ".":
        # 1.加强领导 is a marker and ... an ellipsis; a full stop ends a Chinese sentence (98.5%. too), or a
        # paragraph mostly in Chinese.
        if "." in (left, right) or _is_ascii_word(after):
            return False
        if _is_chinese(before) or (before in "%％)）" and _is_chinese(after)):
            return True
        return not after and not before.isdigit() and _mostly_chinese(text)
    if _is_chinese(before):
        return not (_is_ascii_word(after) and _is_ascii_word(left) and left != " ")
    return _is_chinese(after)


def _mostly_chinese(text: str) -> bool:
    """More Chinese characters than Latin letters."""
    return len(_HAN.findall(text)) > sum(ch.isascii() and ch.isalpha() for ch in text)


def _is_ascii_word(ch: str) -> bool:
    """A Latin letter or digit."""
    return bool(ch) and ch.isascii() and ch.isalnum()


def _converted_brackets(text: str, protected: list[tuple[int, int]]) -> set[int]:
    """Positions of ( and ) to make full width: a pair with Chinese inside or right outside it."""
    converted: set[int] = set()
    # Each open bracket and whether Chinese stands inside it so far. The text between two brackets is searched
    # once, for the innermost open pair, which hands what it found on to its parent when it closes: nested
    # brackets cost no more than flat ones.
    opened: list[list[Any]] = []
    previous = 0
    for match in _BRACKET.finditer(text):
        index = match.start()
        if _inside(index, protected):
            continue
        if opened and not opened[-1][1] and _HAN.search(text, previous, index):
            opened[-1][1] = True
        previous = index + 1
        if match.group(0) == "(":
            opened.append([index, False])
        elif opened:
            start, han_inside = opened.pop()
            if opened and han_inside:
                opened[-1][1] = True
            outside = _neighbour(text, start, -1) + _neighbour(text, index, 1)
            if han_inside or _HAN.search(outside):
                converted.update((start, index))
    return converted


def _quotes(text: str, protected: list[tuple[int, int]]) -> list[Edit]:
    """Straight quotes in Chinese text as “ ” and ‘ ’, in pairs; an odd count is left alone."""
    if not _HAN.search(text):
        return []
    edits = []
    doubles = [m.start() for m in re.finditer('"', text) if not _inside(m.start(), protected)]
    if doubles and len(doubles) % 2 == 0:
        edits += [Edit("quotes", i, i + 1, "“" if n % 2 == 0 else "”") for n, i in enumerate(doubles)]
    singles = [
        i
        for i in (m.start() for m in re.finditer("'", text))
        if not _inside(i, protected) and (_is_chinese(_neighbour(text, i, -1)) or _is_chinese(_neighbour(text, i, 1)))
    ]
    if singles and len(singles) % 2 == 0:
        edits += [Edit("quotes", i, i + 1, "‘" if n % 2 == 0 else "’") for n, i in enumerate(singles)]
    return edits
