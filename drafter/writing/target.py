"""A length target ("限 2 页", "约 3000 字"): parsed, turned into characters, shared out among the parts, and
compared with what is written.

The page/character conversions are the one page estimate drafter uses everywhere (output/render/pages.py);
the parts' shares are the skeleton's own per-part figures scaled to the target, so the wizard, the
skeleton and `check` speak of the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.lazy import lazy_compile
from drafter.reading.numerals import cn_to_int

MAX_PAGES = 60
MAX_CHARACTERS = 40_000
_NUMBER = r"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)"
_TARGET = lazy_compile(
    rf"^\s*(?P<limit>限|不超过|最多|至多|控制在)?\s*(?P<about>约|大约|左右)?\s*{_NUMBER}\s*"
    r"(?P<thousand>千|k|K)?\s*(?P<unit>页|字)\s*(?P<within>以内|之内|以下)?\s*(?P<after>左右)?\s*$"
)


@dataclass(frozen=True)
class LengthTarget:
    """How long the report may be: pages or characters, as a limit (限 2 页) or an aim (约 3000 字)."""

    value: int
    unit: str  # 页 or 字
    limit: bool

    def __str__(self) -> str:
        return f"{'限' if self.limit else '约'} {self.value} {self.unit}"

    @property
    def characters(self) -> int:
        """The target in characters (pages through the page estimate)."""
        return characters_for_pages(self.value) if self.unit == "页" else self.value


def parse_target(text: str) -> LengthTarget:
    """限 2 页, 2页, 不超过3页, 约 3000 字, 3000字左右, 3千字, 两页 -> a LengthTarget; ValueError saying what is
    accepted otherwise."""
    match = _TARGET.match(text.replace("，", "").replace(",", ""))
    number = _number(match.group(3)) if match else None
    if match is None or number is None or number <= 0:
        raise ValueError(f"篇幅“{text}”看不懂：请写成“限 2 页”“3 页以内”或“约 3000 字”")
    value = round(number * (1000 if match.group("thousand") else 1))
    unit = match.group("unit")
    if (unit == "页" and value > MAX_PAGES) or (unit == "字" and not 100 <= value <= MAX_CHARACTERS):
        raise ValueError(f"篇幅“{text}”不像一份年度总结：页数请在 1–{MAX_PAGES} 之间，字数在 100–{MAX_CHARACTERS} 之间")
    limit = bool(match.group("limit") or match.group("within")) or (unit == "页" and not _about(match))
    return LengthTarget(value, unit, limit)


def _about(match: re.Match[str]) -> bool:
    """约 … or … 左右 was written."""
    return bool(match.group("about") or match.group("after"))


def _number(text: str) -> float | None:
    """3, 2.5, 三, 两 as a number."""
    if text[0].isdigit():
        return float(text)
    return cn_to_int(text.replace("两", "二"))


def characters_for_pages(pages: int) -> int:
    """The most characters that still fill no more than `pages` pages, written in the usual paragraphs."""
    from drafter.output.render.pages import pages_for_length

    low, high = 0, pages * 22 * 28  # a full page of text is the most a page can hold
    while low < high:  # pages_for_length only grows with the length
        middle = (low + high + 1) // 2
        if pages_for_length(middle) <= pages:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class PartShare:
    """One part of the skeleton and the characters it is given."""

    role: str
    heading: str
    characters: int


def part_shares(parts: Sequence[tuple[str, str, int]], target: LengthTarget | None) -> list[PartShare]:
    """Each part's figure: the skeleton's own (role, heading, typical length) rounded as the skeleton says it,
    or, with a target, the target shared out in the same proportions."""
    from drafter.output.render.pages import round_length

    total = sum(length for _, _, length in parts)
    if target is None or total == 0:
        return [PartShare(role, heading, round_length(length)) for role, heading, length in parts]
    scale = target.characters / total
    return [PartShare(role, heading, round_length(round(length * scale))) for role, heading, length in parts]


def against_target(target: LengthTarget, characters: int, pages: int) -> tuple[str, int]:
    """How the text compares with the target: a sentence, and the difference in the target's unit (positive
    when over)."""
    written = f"现约 {characters} 字、{pages} 页"
    if target.unit == "页":
        difference = pages - target.value
        if difference > 0:
            over = characters - target.characters
            return f"目标{target}，{written}，超出约 {difference} 页（约 {over} 字）", difference
        if difference < 0 and not target.limit:
            return f"目标{target}，{written}，还差约 {-difference} 页", difference
        room = target.characters - characters
        return f"目标{target}，{written}，在目标之内（还可写约 {max(room, 0)} 字）", difference
    difference = characters - target.value
    if abs(difference) <= target.value * 0.1 and not (target.limit and difference > 0):
        return f"目标{target}，{written}，与目标相当", difference
    word = "超出" if difference > 0 else "还差"
    return f"目标{target}，{written}，{word}约 {abs(difference)} 字", difference
