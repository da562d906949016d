"""Blocks -> plain text (.txt): a line a paragraph, headings with their GB/T 9704 numbers and run-in levels
run in, as a report is pasted into a mail, a chat or a form that takes only text."""

from __future__ import annotations

from drafter.output.render.layout import Block
from drafter.reading.patterns import strip_controls


def render_plain(blocks: list[Block]) -> str:
    """The text of the blocks, one paragraph a line (UTF-8 when written)."""
    lines = [
        f"{block.marker}{block.heading}{block.text}" if block.kind == "heading" else block.text for block in blocks
    ]
    return strip_controls("\n".join(line for line in lines if line.strip()) + "\n")
