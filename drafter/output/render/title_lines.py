"""Where a title too long for one line is broken (GB/T 9704-2012 7.3.1: 回行时，要做到词意完整，排列对称，长短适宜).

A title is broken only where its parts meet: before the year it is about (after the unit's name), before 关于,
and before a 和/及/暨/与 that joins a second year's document (…工作总结 / 和2026年工作计划). Among those places the
one that gives the most even lines is taken; where none keeps every line within the width, Word wraps it.
"""

from __future__ import annotations

import itertools

from drafter.lazy import lazy_compile
from drafter.output.render.pages import TITLE_CHARS_PER_LINE, width

_YEAR = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年"
_BREAK_BEFORE = lazy_compile(rf"(?<!关于)(?<![和及暨与])(?={_YEAR})|(?=关于)|(?=[和及暨与]{_YEAR})")
# The fewest characters a line may hold: a line of one or two characters is what the rule forbids (…工作计 / 划).
_SHORTEST_LINE = 4
_MOST_LINES = 3


def title_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """The title's lines: itself when it fits one line, else broken at the places its parts meet, evenly."""
    if width(title) <= per_line:
        return [title]
    places = sorted({match.start() for match in _BREAK_BEFORE.finditer(title) if 0 < match.start() < len(title)})
    best: list[str] | None = None
    for count in range(1, _MOST_LINES):
        for cuts in itertools.combinations(places, count):
            lines = [title[start:end] for start, end in itertools.pairwise((0, *cuts, len(title)))]
            if _fits(lines, per_line) and (best is None or _unevenness(lines) < _unevenness(best)):
                best = lines
        if best is not None:
            return best
    return [title]


def _fits(lines: list[str], per_line: int) -> bool:
    """Every line within the width, and none a stub."""
    return all(len(line) >= _SHORTEST_LINE and width(line) <= per_line for line in lines)


def _unevenness(lines: list[str]) -> float:
    """How far the lines are from one length (the widest against the narrowest)."""
    widths = [width(line) for line in lines]
    return max(widths) - min(widths)
