"""What the writing page shows beside its questions: the A4 pages of the draft and the 【】 fields of a part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.lazy import lazy_compile
from drafter.models import DraftSection
from drafter.writing.draft import DraftCore, Mark

_MARK = lazy_compile(r"【([^【】]{1,12})】")


@dataclass
class Page:
    """One A4 page of the preview: its blocks (as the .docx lays them out) and its number."""

    number: int
    blocks: list[Any] = field(default_factory=list)


@dataclass
class Preview:
    """The draft as pages, with its length."""

    pages: list[Page]
    characters: int
    count: int


def preview_pages(core: DraftCore) -> Preview:
    """The blocks of the draft on the pages the page estimate puts them on (the one drafter uses everywhere)."""
    from drafter.output.render.pages import characters, paginate
    from drafter.web.documents import draft_blocks

    blocks = draft_blocks(core)
    starts, count = paginate(blocks)
    pages = [Page(number) for number in range(1, count + 1)]
    for block, start in zip(blocks, starts, strict=True):
        pages[min(start, count) - 1].blocks.append(block)
    return Preview(pages, characters(blocks), count)


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph: text, or a 【】 slot to fill with its question."""

    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class Blanks:
    """A paragraph with slots left: its name (for the answer) and its pieces."""

    name: str
    pieces: tuple[Piece, ...]


def blanks(core: DraftCore, name: str, text: str) -> Blanks | None:
    """A paragraph cut at its 【】 slots (None when it has none)."""
    marks = {m.occurrence: m for m in core.paragraph_marks(text)}
    if not marks:
        return None
    pieces: list[Piece] = []
    position = 0
    for occurrence, match in enumerate(_MARK.finditer(text)):
        if occurrence not in marks:
            continue
        pieces.append(Piece(text[position : match.start()]))
        pieces.append(Piece(match.group(0), marks[occurrence]))
        position = match.end()
    pieces.append(Piece(text[position:]))
    return Blanks(name, tuple(pieces))


def part_fields(core: DraftCore, part: str) -> dict[str, Any]:
    """The section of a numbered part (None for the others), every paragraph of the part with slots left, and whether
    the part was dropped or never answered (its questions then show their defaults, as the wizard asks them)."""
    found: list[Blanks] = []
    section = None
    dropped = untouched = False
    if part in ("preamble", "closing"):
        item = blanks(core, part, getattr(core.draft, part) or "")
        found += [item] if item else []
    elif part.startswith(("sections[", "added[")):
        entry = core.part_entry(part)
        dropped = entry is not None and entry.section is None
        untouched = entry is None
        # A part not answered yet is shown as its skeleton gives it; the first answer makes it.
        section = entry.section if entry else DraftSection(heading=core.node(int(part[9:-1])).heading)
        if section is not None:
            for index, text in enumerate(section.body):
                item = blanks(core, f"{part}.body[{index}]", text)
                found += [item] if item else []
            for number, child in enumerate(section.children):
                for index, text in enumerate(child.body):
                    item = blanks(core, f"{part}.children[{number}].body[{index}]", text)
                    found += [item] if item else []
    offers = part_comparisons(core, part)
    return {"section": section, "blanks": found, "dropped": dropped, "untouched": untouched, "offers": offers}


@dataclass(frozen=True)
class Offers:
    """A paragraph of a part and the 同比 offered for its figures."""

    name: str
    text: str
    comparisons: list[Any]


def part_comparisons(core: DraftCore, part: str) -> list[Offers]:
    """The 同比 the wizard would offer for every paragraph of a part written so far (none without last year's report)."""
    if not core.last_figures or not part.startswith(("sections[", "added[")):
        return []
    entry = core.part_entry(part)
    if entry is None or entry.section is None:
        return []
    names = [f"{part}.body[{i}]" for i in range(len(entry.section.body))]
    for number, child in enumerate(entry.section.children):
        names += [f"{part}.children[{number}].body[{i}]" for i in range(len(child.body))]
    found = [Offers(name, core.paragraph(name), core.comparisons(name)) for name in names]
    return [offer for offer in found if offer.comparisons]
