"""How many pages a document fills on the GB/T 9704 page (22 lines of 28 characters): one estimate, used by
the wizard's preview, by `drafter check` and by the skeleton's hints, and tested against LibreOffice."""

from __future__ import annotations

import math

from drafter.lazy import lazy_compile
from drafter.output.render.docx import INDENT_CHARS, LINE_PT, SIGNATURE_RIGHT_CHARS, TITLE_LINE_PT, TITLE_PT
from drafter.output.render.layout import Block

LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TEXT_WIDTH_PT = 156 / 25.4 * 72  # 156 mm
TITLE_CHARS_PER_LINE = int(TEXT_WIDTH_PT // TITLE_PT)


_HALF_WIDTH_RUN = lazy_compile(r"[\u0000-\u2e7f]+")


def width(text: str) -> float:
    """Grid cells a text takes on a line: a Chinese character or full-width sign one; a run of Latin letters
    or figures half a cell each, rounded up, and one more for the space set around it among Chinese."""
    cells = 0.0
    position = 0
    for run in _HALF_WIDTH_RUN.finditer(text):
        cells += run.start() - position + math.ceil(len(run.group(0)) / 2) + 1
        position = run.end()
    return cells + len(text) - position


def block_lines(block: Block) -> float:
    """Lines of the 28.95 pt grid a block takes."""
    text = block.marker + block.heading + block.text
    if block.kind == "title":
        from drafter.output.render.title_lines import title_lines  # which imports this module

        rows = sum(max(1, math.ceil(width(line) / TITLE_CHARS_PER_LINE)) for line in title_lines(text))
        return (rows * TITLE_LINE_PT + LINE_PT) / LINE_PT  # the title's own line pitch, then a blank line
    if block.kind == "signature":
        return 1 + max(1, math.ceil((width(text) + SIGNATURE_RIGHT_CHARS) / CHARS_PER_LINE))  # a blank line above
    if block.kind == "date":
        return 1
    return max(1, math.ceil((width(text) + INDENT_CHARS) / CHARS_PER_LINE))


def pages(blocks: list[Block]) -> int:
    """Pages the blocks fill, laid out as Word and LibreOffice do: a level 1–2 heading is kept with the first
    lines of what follows, and a paragraph broken across pages leaves two lines at least on each side."""
    return paginate(blocks)[1]


def paginate(blocks: list[Block]) -> tuple[list[int], int]:
    """The page each block starts on (1-based), and the pages the whole fills (see `pages`)."""
    page, used = 1, 0.0
    starts: list[int] = []
    heights = [block_lines(block) for block in blocks]
    for index, (block, height) in enumerate(zip(blocks, heights, strict=True)):
        left = LINES_PER_PAGE - used
        if block.kind == "heading" and block.depth <= 2 and not block.text:
            following = min(heights[index + 1], 2) if index + 1 < len(heights) else 0
            if height + following > left + 1e-9:
                page, used = page + 1, 0.0
            starts.append(page)
            used += height
            continue
        if height <= left + 1e-9:
            starts.append(page)
            used += height
            continue
        whole_lines = int(height) == height and height >= 4 and left >= 2
        first = min(int(left), int(height) - 2) if whole_lines else 0
        starts.append(page if first > 0 else page + 1)
        remaining = height - first
        page += 1
        while remaining > LINES_PER_PAGE:
            remaining -= LINES_PER_PAGE
            page += 1
        used = remaining
    return starts, page


def characters(blocks: list[Block]) -> int:
    """Characters of the text (markers and headings included)."""
    return sum(len(b.marker) + len(b.heading) + len(b.text) for b in blocks)


def estimate_paragraphs(texts: list[str], title: str | None = None) -> int:
    """Pages of a document known only by its paragraphs (what `check` reads): the title, then body text."""
    blocks = [Block("title" if text == title and index == 0 else "body", text) for index, text in enumerate(texts)]
    return pages(blocks)


TYPICAL_PARAGRAPH = 150  # characters of a body paragraph in the corpus, about


def pages_for_length(length: int) -> int:
    """Pages a text of `length` characters fills, written in paragraphs of the usual size under a title."""
    full, rest = divmod(length, TYPICAL_PARAGRAPH)
    sizes = [TYPICAL_PARAGRAPH] * full + ([rest] if rest else [])
    return pages([Block("title", "字" * 20), *(Block("body", "字" * size) for size in sizes)])


def round_length(length: int) -> int:
    """A length rounded the way a person would say it (about 800 characters)."""
    return max(100, round(length, -2)) if length >= 100 else max(length, 50)
