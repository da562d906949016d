"""Pydantic models that cross a boundary: outlines, cleaning rules, genres."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    """A model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid")


class Heading(StrictModel):
    """One heading of the flattened section tree (the `drafter outline --json` contract)."""

    depth: int
    number: str
    marker: str
    text: str


class OutlineSection(StrictModel):
    """A numbered section of a parsed document; same tree shape as a Draft's sections."""

    number: str
    marker: str
    heading: str
    body: list[str] = Field(default_factory=list)
    children: list[OutlineSection] = Field(default_factory=list)


class Outline(StrictModel):
    """One parsed document: title, preamble, section tree, closing, signature and date."""

    title: str
    source: str
    genre: str | None = None
    org: str | None = None
    date: str | None = None
    preamble: str | None = None
    sections: list[OutlineSection] = Field(default_factory=list)
    closing: str | None = None
    signature: str | None = None

    def headings(self) -> list[Heading]:
        """The section tree flattened in document order."""
        flat: list[Heading] = []

        def walk(sections: list[OutlineSection], depth: int) -> None:
            for section in sections:
                flat.append(Heading(depth=depth, number=section.number, marker=section.marker, text=section.heading))
                walk(section.children, depth + 1)

        walk(self.sections, 1)
        return flat

    def contract(self) -> dict[str, Any]:
        """The document as DESIGN.md's `drafter outline --json` contract shows it."""
        return {
            "title": self.title,
            "genre": self.genre,
            "org": self.org,
            "date": self.date,
            "source": self.source,
            "preamble": self.preamble,
            "headings": [h.model_dump() for h in self.headings()],
        }


class CleaningRule(StrictModel):
    """One named cleaning rule from corpus/cleaning.yaml."""

    name: str
    description: str
    kind: Literal["replace", "drop_line"]
    pattern: str
    replace: str = ""
    # Apply `replace` once per character of the match (DD -> 党党).
    each_char: bool = False


class CleaningRules(StrictModel):
    """The whole cleaning.yaml file."""

    rules: list[CleaningRule]


class Genre(StrictModel):
    """One entry of the genre registry (templates/genres.yaml)."""

    id: str
    name: str
    keywords: list[str] = Field(default_factory=list)
    description: str = ""


class GenreRegistry(StrictModel):
    """The whole genres.yaml file."""

    genres: list[Genre]
