"""How many pages a document fills on the GB/T 9704 page (22 lines of 28 characters): one estimate, used by
the wizard's preview, by `drafter check` and by the skeleton's hints, and tested against LibreOffice."""

from __future__ import annotations

import math

from drafter.render.docx import INDENT_CHARS, LINE_PT, SIGNATURE_RIGHT_CHARS, TITLE_LINE_PT, TITLE_PT
from drafter.render.layout import Block

LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TEXT_WIDTH_PT = 156 / 25.4 * 72  # 156 mm
TITLE_CHARS_PER_LINE = int(TEXT_WIDTH_PT // TITLE_PT)


def width(text: str) -> float:
    """Characters a text takes on a line: a Chinese character or full-width sign one, a Latin one half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def block_lines(block: Block) -> float:
    """Lines of the 28.95 pt grid a block takes."""
    text = block.marker + block.heading + block.text
    if block.kind == "title":
        rows = max(1, math.ceil(width(text) / TITLE_CHARS_PER_LINE))
        return (rows * TITLE_LINE_PT + LINE_PT) / LINE_PT  # the title's own line pitch, then a blank line
    if block.kind == "signature":
        return 1 + max(1, math.ceil((width(text) + SIGNATURE_RIGHT_CHARS) / CHARS_PER_LINE))  # a blank line above
    if block.kind == "date":
        return 1
    return max(1, math.ceil((width(text) + INDENT_CHARS) / CHARS_PER_LINE))


def pages(blocks: list[Block]) -> int:
    """Pages the blocks fill."""
    return max(1, math.ceil(sum(block_lines(b) for b in blocks) / LINES_PER_PAGE - 1e-9))


def characters(blocks: list[Block]) -> int:
    """Characters of the text (markers and headings included)."""
    return sum(len(b.marker) + len(b.heading) + len(b.text) for b in blocks)


def outline_blocks(outline: object) -> list[Block]:
    """An outline (of any document) laid out as drafter would lay it out, for the page estimate."""
    import datetime as dt

    from drafter.models import Draft, DraftSection, Outline, OutlineSection
    from drafter.render.layout import layout_draft

    assert isinstance(outline, Outline)

    def flat(node: OutlineSection) -> list[str]:
        return [node.heading, *node.body, *(text for child in node.children for text in flat(child))]

    def section(node: OutlineSection, depth: int = 1) -> DraftSection:
        if depth >= 4:  # deeper levels are body text on the page
            return DraftSection(heading=node.heading, body=[t for c in node.children for t in flat(c)] + node.body)
        return DraftSection(
            heading=node.heading, body=node.body, children=[section(c, depth + 1) for c in node.children]
        )

    date = dt.date.fromisoformat(outline.date) if outline.date else None
    draft = Draft(
        preamble=outline.preamble,
        sections=[section(s) for s in outline.sections],
        closing=outline.closing,
        signature=outline.signature,
        date=date,
    )
    return layout_draft(draft, outline.title or "")
