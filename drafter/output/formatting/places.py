"""What each paragraph of a document is (title, heading at a structural depth, body, signature, date …), found
by the same parser as `drafter outline`, so that `drafter format` lays it out by its outline, not by guesses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from drafter.lazy import lazy_compile
from drafter.output.render.layout import marker_for
from drafter.reading.numerals import ascii_digits, ordinal_value
from drafter.reading.outline import Node, build_tree, clean_text, take_signature
from drafter.reading.patterns import CN_NUM, DATE_LINE, MARKER, SIGNATURE_AND_DATE_LINE
from drafter.reading.read import Paragraph
from drafter.reading.split import own_contents, toc_match

PlaceKind = Literal["title", "head", "addressee", "heading", "body", "signature", "date", "after"]
Key = tuple[int, str]
MAX_DEPTH = 4
# The number of an item of a list in the body, as people type it: 1. 1、 1． 1： 1， (1) （1） 1） 一、 （一）.
# A colon or comma after a figure is a marker only before text (1：1000 and 3，5月 are not).
LIST_ITEM = lazy_compile(
    rf"""^(?:
        (?P<figure>[0-9０-９]{{1,2}})\s*(?:[、．：:，,]|\.(?![0-9０-９]))
      | [（(]\s*(?P<bracketed>[0-9０-９]{{1,2}})\s*[）)]\s*[、.．]?
      | (?P<closed>[0-9０-９]{{1,2}})[）)]
      | (?P<chinese>{CN_NUM})\s*[、．.]
      | [（(]\s*(?P<bracketed_chinese>{CN_NUM})\s*[）)]\s*[、.．]?
    )(?=[ \t\u3000]*[^0-9０-９\s])""",
    re.VERBOSE,
)
# A list keeps one of the two forms GB/T 9704 numbers with below 一、（一）: 1. for items numbered with a figure
# or 一、, （1） for bracketed ones (the form of its first item).
_LIST_FORM = {
    "figure": "{}.",
    "closed": "（{}）",
    "bracketed": "（{}）",
    "chinese": "{}.",
    "bracketed_chinese": "（{}）",
}
_HEADING_NUMERALS = ("chinese", "bracketed_chinese")


@dataclass(frozen=True)
class Place:
    """Where a paragraph stands: its kind; for a heading its structural depth, the marker written and the
    GB/T 9704 marker of that depth (empty for a heading Word styles but nobody numbered); for an item of a list
    in the body, the marker written and the list's form of it."""

    kind: PlaceKind
    depth: int = 0
    marker: str = ""
    new_marker: str = ""
    whole: bool = True  # a heading with no run-in body after it (its closing ：or ，can go)

    @property
    def renumbering(self) -> tuple[int, str] | None:
        """(length of the marker written, the marker it becomes) for a numbered heading or list item."""
        return (len(self.marker), self.new_marker) if self.new_marker else None

    @property
    def bare_heading(self) -> bool:
        """A heading standing alone, whose closing ：or ，goes."""
        return self.kind == "heading" and self.whole

    @property
    def part(self) -> str:
        """The name the format summary counts it under (heading1 … heading4, body, title …)."""
        if self.kind == "heading":
            return f"heading{self.depth}"
        return "body" if self.kind in ("head", "addressee") else self.kind


def key(paragraph: Paragraph) -> Key:
    """How a paragraph is recognised after the parser has copied it: its line and its text."""
    return paragraph.line, clean_text(paragraph.text)


def place_paragraphs(paragraphs: list[Paragraph]) -> dict[Key, Place]:
    """The place of every non-empty paragraph of one document."""
    from drafter.reading.title_block import take_title_block

    paragraphs = [p for p in paragraphs if clean_text(p.text)]
    places: dict[Key, Place] = {key(p): Place("body") for p in paragraphs}
    # The document's own table of contents keeps the layout it was typed in (entries, tabs, page numbers):
    # it is neither the title nor headings, and the outline is read from the text after it.
    contents, _ = own_contents(paragraphs)
    for index in contents:
        places[key(paragraphs[index])] = Place("head")
    entries = [paragraphs[index] for index in sorted(contents)]
    paragraphs = [p for i, p in enumerate(paragraphs) if i not in contents]
    block = take_title_block(paragraphs)
    rest_keys = {key(p) for p in block.rest}
    for paragraph in paragraphs:
        if key(paragraph) in rest_keys:
            break
        text = clean_text(paragraph.text)
        is_title = bool(block.title) and text in (block.title or "")
        places[key(paragraph)] = Place("title" if is_title else "head")
    body, _, _ = take_signature(block.rest)
    _place_ending(block.rest[len(body) :], places)
    if block.addressee and body and clean_text(body[0].text).startswith(block.addressee):
        places[key(body[0])] = Place("addressee")
    _, sections = build_tree(body)
    _place_headings(sections, 1, places)
    _place_list_items(body, places)
    _renumber_contents(entries, places)
    return places


def _renumber_contents(entries: list[Paragraph], places: dict[Key, Place]) -> None:
    """A typed 目录's entries take the numbers their headings take, so the contents still match the text."""
    renumbered: dict[tuple[str, str], str] = {}
    for (_, text), place in places.items():
        if place.kind == "heading" and place.marker and place.new_marker:
            renumbered[(place.marker, text[len(place.marker) :].strip())] = place.new_marker
    for entry in entries:
        found = toc_match(clean_text(entry.text))
        marker = MARKER.match(found.group("title").strip()) if found else None
        if found is None or marker is None:
            continue
        title = found.group("title").strip()
        new_marker = renumbered.get((marker.group(0).strip(), title[marker.end() :].strip()))
        if new_marker:
            places[key(entry)] = Place("head", marker=marker.group(0).strip(), new_marker=new_marker)


def _place_ending(ending: list[Paragraph], places: dict[Key, Place]) -> None:
    """The signature and the date; what follows the date (附件, 版记) keeps its own layout."""
    dated = False
    for paragraph in ending:
        text = clean_text(paragraph.text)
        if dated:
            places[key(paragraph)] = Place("after")
        elif DATE_LINE.match(text) or SIGNATURE_AND_DATE_LINE.match(text):
            places[key(paragraph)] = Place("date")
            dated = True
        else:
            places[key(paragraph)] = Place("signature")


def _place_headings(nodes: list[Node], depth: int, places: dict[Key, Place]) -> None:
    """Headings at their depth in the tree, each with the marker GB/T 9704 gives that depth."""
    for node in nodes:
        candidate = node.candidate
        new_marker = marker_for(depth, candidate.value) if candidate.marker and depth <= MAX_DEPTH else ""
        kind: PlaceKind = "heading" if depth <= MAX_DEPTH else "body"
        whole = not candidate.rest
        places[(candidate.line, clean_text(candidate.source_text))] = Place(
            kind, depth, candidate.marker, new_marker, whole
        )
        _place_headings(node.children, depth + 1, places)


def _place_list_items(paragraphs: list[Paragraph], places: dict[Key, Place]) -> None:
    """Numbered items of the body written in their list's form (see `list_markers`)."""
    lines = []
    for paragraph in paragraphs:
        place = places.get(key(paragraph), Place("body"))
        # A heading, or a level below the fourth, is not an item and ends a list.
        lines.append(clean_text(paragraph.text) if place.kind == "body" and not place.marker else None)
    for paragraph, marker in zip(paragraphs, list_markers(lines), strict=True):
        if marker is not None:
            places[key(paragraph)] = Place("body", 0, *marker)


def list_markers(lines: list[str | None]) -> list[tuple[str, str] | None]:
    """For each body line (None for a heading), the list marker written and the form its list writes it in
    (1. or （1））, or None for a line that is not a list item. A list runs on while each number follows the
    one before and no heading comes between; its first item gives the form. 一、 and （一） are read as a
    list's numbers only in two lines or more one after another starting at one (a list), never in a stray
    marker or in a run of sections with text between them, which are headings the numbering lost."""
    lists: list[list[tuple[int, re.Match[str], int]]] = [[]]
    for index, line in enumerate(lines):
        match = LIST_ITEM.match(line) if line is not None else None
        value = ordinal_value(ascii_digits(_number(match))) if match else None
        if line is None:
            lists.append([])
        elif match is not None and value is not None:
            if not lists[-1] or value != lists[-1][-1][2] + 1:
                lists.append([])
            lists[-1].append((index, match, value))
    found: list[tuple[str, str] | None] = [None] * len(lines)
    for items in lists:
        if not items:
            continue
        form = _LIST_FORM[items[0][1].lastgroup or "figure"]
        indexes = [index for index, _, _ in items]
        adjacent = indexes == list(range(indexes[0], indexes[0] + len(items)))
        numbered = len(items) >= 2 and items[0][2] == 1 and adjacent
        for index, match, value in items:
            if match.lastgroup not in _HEADING_NUMERALS or numbered:
                found[index] = (match.group(0), form.format(value))
    return found


def _number(match: re.Match[str] | None) -> str:
    """The number a list marker holds."""
    return match.group(match.lastgroup) if match is not None and match.lastgroup else ""


def title_of(paragraphs: list[Paragraph], places: dict[Key, Place]) -> str | None:
    """The title: a paragraph Word styles as one, else the lines the parser placed as the title, joined."""
    styled = next((clean_text(p.text) for p in paragraphs if p.is_title), None)
    placed = "".join(clean_text(p.text) for p in paragraphs if places.get(key(p), Place("body")).kind == "title")
    return styled or placed or None
