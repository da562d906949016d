"""A document's own table of contents: it lists the document's headings, so it confirms them (a heading with no
number and no look of its own is still one when the contents list it); then it is dropped from the text.

A table that lists other documents (a compilation's, whose entries are report titles) is split.py's business:
there each entry names a document to cut the file at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafter.lazy import lazy_compile
from drafter.reading.patterns import MARKER, MARKER_LEVEL
from drafter.reading.read import Paragraph

_STRIP = " \t\u3000\u2002\u2003\u00a0"
# The heading line standing above a table of contents.
CONTENTS_LINE = lazy_compile(r"^\s*目\s*录\s*$")


@dataclass(frozen=True)
class TocEntry:
    """One entry: the heading as listed (marker and all), and how deep its indentation puts it (1 outermost)."""

    title: str
    depth: int = 1


def fold(text: str) -> str:
    """A heading compared loosely: no blanks, full-width brackets, no closing punctuation."""
    folded = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")
    return folded.rstrip("，。；：、,.;:")


def _without_marker(text: str) -> str:
    """The heading without its marker (一、主要工作 -> 主要工作)."""
    match = MARKER.match(text.strip(_STRIP))
    return text.strip(_STRIP)[match.end() :] if match else text


def entry_depths(indents: list[float], tolerance: float) -> list[int]:
    """The depth of each entry from its indentation: the distinct indentations, outermost first, are depth 1, 2 …"""
    levels: list[float] = []
    for indent in sorted(indents):
        if not levels or indent - levels[-1] > tolerance:
            levels.append(indent)
    return [1 + max(i for i, level in enumerate(levels) if indent >= level - tolerance) for indent in indents]


def confirm_headings(paragraphs: list[Paragraph], entries: list[TocEntry]) -> list[Paragraph]:
    """Paragraphs the contents list become headings of their entry's depth (a numbered one of its marker's level),
    whatever they look like; the first paragraph that matches an entry is the heading, later copies are text."""
    wanted: dict[str, TocEntry] = {}
    for listed in entries:
        wanted.setdefault(fold(listed.title), listed)
        wanted.setdefault(fold(_without_marker(listed.title)), listed)
    confirmed = []
    for paragraph in paragraphs:
        text = paragraph.text.strip(_STRIP)
        entry = wanted.get(fold(text))
        if entry is None or paragraph.level is not None:
            confirmed.append(paragraph)
            continue
        for key in (fold(entry.title), fold(_without_marker(entry.title))):
            wanted.pop(key, None)
        marker = MARKER.match(text)
        level = MARKER_LEVEL[marker.lastgroup] if marker and marker.lastgroup else entry.depth
        confirmed.append(replace(paragraph, level=max(level, 1)))
    return confirmed
