"""What each paragraph of a document is (title, heading at a structural depth, body, signature, date …), found
by the same parser as `drafter outline`, so that `drafter format` lays it out by its outline, not by guesses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafter.output.render.layout import marker_for
from drafter.reading.outline import Node, build_tree, clean_text, take_signature
from drafter.reading.patterns import DATE_LINE, SIGNATURE_AND_DATE_LINE
from drafter.reading.read import Paragraph

PlaceKind = Literal["title", "head", "addressee", "heading", "body", "signature", "date", "after"]
Key = tuple[int, str]
MAX_DEPTH = 4


@dataclass(frozen=True)
class Place:
    """Where a paragraph stands: its kind; for a heading its structural depth, the marker written and the
    GB/T 9704 marker of that depth (empty for a heading Word styles but nobody numbered)."""

    kind: PlaceKind
    depth: int = 0
    marker: str = ""
    new_marker: str = ""

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
    return places


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
        places[(candidate.line, clean_text(candidate.source_text))] = Place(kind, depth, candidate.marker, new_marker)
        _place_headings(node.children, depth + 1, places)


def title_of(paragraphs: list[Paragraph], places: dict[Key, Place]) -> str | None:
    """The title: a paragraph Word styles as one, else the lines the parser placed as the title, joined."""
    styled = next((clean_text(p.text) for p in paragraphs if p.is_title), None)
    placed = "".join(clean_text(p.text) for p in paragraphs if places.get(key(p), Place("body")).kind == "title")
    return styled or placed or None
