"""Human-readable output with rich: outline trees and cleaning reports."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from drafter.corpus.clean import CleanReport
from drafter.models import Outline, OutlineSection

_PLACES_SHOWN = 5


def print_outlines(outlines: list[Outline]) -> None:
    """Print each outline as an indented tree."""
    console = Console(highlight=False)
    for outline in outlines:
        console.print(outline_tree(outline))
        console.print()


def outline_tree(outline: Outline) -> Tree:
    """A rich Tree of one outline with its metadata."""
    tree = Tree(f"[bold]{outline.title}[/bold]  [dim]文种：{outline.genre or '未知'}  来源：{outline.source}[/dim]")
    if outline.preamble:
        tree.add(f"[dim]导语：{_shorten(outline.preamble)}[/dim]")

    def add(node: Tree, sections: list[OutlineSection]) -> None:
        for section in sections:
            add(node.add(f"{section.marker}{section.heading}"), section.children)

    add(tree, outline.sections)
    if outline.closing:
        tree.add(f"[dim]结尾：{_shorten(outline.closing)}[/dim]")
    if outline.signature or outline.date:
        tree.add(f"[dim]落款：{outline.signature or '（无）'}  日期：{outline.date or '（无）'}[/dim]")
    return tree


def print_clean_report(report: CleanReport, *, stderr: bool) -> None:
    """A table of how often each cleaning rule fired and where."""
    table = Table(title="清洗报告")
    table.add_column("规则")
    table.add_column("说明")
    table.add_column("次数", justify="right")
    table.add_column("位置（文件:行）")
    for name in sorted(set(report.descriptions) | set(report.hits)):
        places = report.hits.get(name, [])
        table.add_row(name, report.descriptions.get(name, ""), str(len(places)), _where(places))
    Console(stderr=stderr, highlight=False).print(table)


def _where(places: list[tuple[str, int]]) -> str:
    """`file：第 3、7、9 行 等 12 处` for each file, lines without repeats."""
    by_file: dict[str, list[int]] = {}
    for source, line in dict.fromkeys(places):
        by_file.setdefault(Path(source).name, []).append(line)
    parts = []
    for name, lines in by_file.items():
        shown = "、".join(str(line) for line in lines[:_PLACES_SHOWN])
        more = f" 等 {len(lines)} 处" if len(lines) > _PLACES_SHOWN else ""
        parts.append(f"{name}：第 {shown} 行{more}")
    return "\n".join(parts)


def _shorten(text: str, width: int = 40) -> str:
    """The first characters of a long text."""
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "……"
