"""Findings and the document view the checks share."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from drafter.models import Outline, OutlineSection
from drafter.reading.limits import PARAGRAPH_RULE_CHARACTERS, wan
from drafter.reading.read import Paragraph

Severity = Literal["error", "warning", "info"]
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    """One problem: what, where (paragraph and heading path), how bad, and what to do."""

    code: str
    severity: Severity
    message: str
    paragraph: int | None = None
    heading_path: str = ""
    suggestion: str = ""
    fixable: bool = False


@dataclass
class CheckedDocument:
    """One document as the checks see it: its raw paragraphs (uncleaned) and its parsed outline."""

    path: str
    paragraphs: list[Paragraph]
    outline: Outline
    genre_id: str | None = None
    _heading_lines: tuple[list[int], list[str], bool] | None = field(default=None, repr=False, compare=False)

    def text(self) -> str:
        """All written paragraphs joined (a skeleton's hints left out), each as far as the rules read it."""
        return "\n".join(p.text for p in self.written())

    def written(self) -> list[Paragraph]:
        """The paragraphs a person wrote (without the hints of a blank skeleton), each cut to the characters the
        rules read (`too_long` lists the paragraphs that were cut)."""
        return [
            replace(p, text=p.text[:PARAGRAPH_RULE_CHARACTERS]) if len(p.text) > PARAGRAPH_RULE_CHARACTERS else p
            for p in self.written_in_full()
        ]

    def written_in_full(self) -> list[Paragraph]:
        """The paragraphs a person wrote, whole (to count characters and pages)."""
        from drafter.output.render.text import is_hint

        return [p for p in self.paragraphs if not is_hint(p.text)]

    def too_long(self) -> list[Finding]:
        """A notice for each paragraph longer than the rules read: what they skipped, and the limit."""
        return [
            Finding(
                "paragraph-too-long",
                "warning",
                f"这一段有 {len(p.text):,} 字，超过每段 {wan(PARAGRAPH_RULE_CHARACTERS)}字的检查上限，"
                f"只检查了前 {wan(PARAGRAPH_RULE_CHARACTERS)}字，后面的 {len(p.text) - PARAGRAPH_RULE_CHARACTERS:,} 字没有检查。",
                p.line,
                self.path_of_line(p.line),
                "这么长的段落多半是换行丢了：按原文分好段后再检查。",
            )
            for p in self.written_in_full()
            if len(p.text) > PARAGRAPH_RULE_CHARACTERS
        ]

    def hints(self) -> list[Paragraph]:
        """The hint paragraphs of a blank skeleton still in the text."""
        from drafter.output.render.text import is_hint

        return [p for p in self.paragraphs if is_hint(p.text)]

    def walk(self) -> Iterator[tuple[OutlineSection, str, int, list[OutlineSection]]]:
        """Every section with its heading path, its depth and its siblings (parent's children)."""

        def visit(
            sections: list[OutlineSection], path: str, depth: int
        ) -> Iterator[tuple[OutlineSection, str, int, list[OutlineSection]]]:
            for section in sections:
                here = f"{path} / {section.marker}{section.heading}" if path else f"{section.marker}{section.heading}"
                yield section, here, depth, sections
                yield from visit(section.children, here, depth + 1)

        yield from visit(self.outline.sections, "", 1)

    @staticmethod
    def body_lines(section: OutlineSection) -> list[int | None]:
        """Source lines of a section's body paragraphs (None where unknown)."""
        return list(section.body_lines) if section.body_lines else [None] * len(section.body)

    def sibling_groups(self) -> list[list[OutlineSection]]:
        """The top-level sections, then the children of every section: each a list of siblings."""
        return [self.outline.sections] + [section.children for section, _, _, _ in self.walk()]

    def path_of_line(self, line: int) -> str:
        """The heading path of the section that contains a source line."""
        if self._heading_lines is None:  # read once: a document with many findings asks for many lines
            placed = [(section.line, path) for section, path, _, _ in self.walk() if section.line is not None]
            lines = [number for number, _ in placed]
            in_order = all(a <= b for a, b in itertools.pairwise(lines))
            self._heading_lines = (lines, [path for _, path in placed], in_order)
        lines, paths, in_order = self._heading_lines
        if in_order:
            index = bisect.bisect_right(lines, line)  # the last heading at or before the line
            return paths[index - 1] if index else ""
        return next((paths[i] for i in reversed(range(len(lines))) if lines[i] <= line), "")
