"""Findings and the document view the checks share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from drafter.models import Outline, OutlineSection
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

    def text(self) -> str:
        """All written paragraphs joined (a skeleton's hints left out)."""
        return "\n".join(p.text for p in self.written())

    def written(self) -> list[Paragraph]:
        """The paragraphs a person wrote: without the hints of a blank skeleton."""
        from drafter.output.render.text import is_hint

        return [p for p in self.paragraphs if not is_hint(p.text)]

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
        best = ""
        for section, path, _, _ in self.walk():
            if section.line is not None and section.line <= line:
                best = path
        return best
