"""Blocks -> Markdown with the same numbering, for pasting elsewhere."""

from __future__ import annotations

from drafter.output.render.layout import KIND_NAMES, Block, DocumentInfo
from drafter.reading.patterns import strip_controls


def front_matter(info: DocumentInfo) -> list[str]:
    """The YAML front matter that records the genre and what the document is (a blank skeleton or a draft)."""
    lines = ["---", f"文档: {KIND_NAMES[info.kind]}"]
    if info.genre:
        lines.append(f"文种: {info.genre}")
    if info.target:
        lines.append(f"篇幅: {info.target}")
    return [*lines, "---", ""]


def render_markdown(blocks: list[Block], info: DocumentInfo | None = None) -> str:
    """Markdown: front matter, # title, ## 一、, ### （一）, run-in levels 3–4 in bold, hints as quotes."""
    lines: list[str] = front_matter(info or DocumentInfo())
    for block in blocks:
        if block.kind == "title":
            lines.append(f"# {block.text}")
        elif block.kind == "heading" and block.depth <= 2:
            lines.append(f"{'#' * (block.depth + 1)} {block.marker}{block.heading}")
        elif block.kind == "heading":
            lines.append(f"**{block.marker}{block.heading}**{block.text}")
        elif block.kind == "hint":
            lines.append(f"> {block.text}")
        else:
            lines.append(block.text)
        lines.append("")
    return strip_controls("\n".join(lines))
