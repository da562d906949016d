"""Is a document a work summary at all, and is it worth mining? Every skip has a reason a person can read."""

from __future__ import annotations

import hashlib
import re

from drafter.models import Outline
from drafter.reading.titles import TitleFacts

# Fewer characters of text than this is a note, not a summary.
MIN_CHARACTERS = 200
# Words of the genre in the body of a document without a title.
_SUMMARY_CUES = re.compile(r"总结如下|一年来|今年以来|全年|回顾|取得了|成效|存在的问题|不足|下一步|明年|述职")
_NOT_TEXT = re.compile(r"[\s，。；：、,.;:！？!?“”‘’（）()《》【】—…·\-]")


def body_characters(outline: Outline) -> int:
    """Characters of the preamble, headings, bodies and closing."""

    def section(node) -> int:  # type: ignore[no-untyped-def]
        return len(node.heading) + sum(len(p) for p in node.body) + sum(section(c) for c in node.children)

    return len(outline.preamble or "") + sum(section(s) for s in outline.sections) + len(outline.closing or "")


def skip_reason(outline: Outline, facts: TitleFacts) -> str | None:
    """Why a document is not mined (not a summary, too short), or None to mine it."""
    if facts.summary is False:
        return f"不是工作总结（{facts.kind}）"
    size = body_characters(outline)
    if size < MIN_CHARACTERS:
        return f"太短（{size} 字）"
    if facts.summary is None and not _looks_like_summary(outline):
        return "看不出是工作总结（没有“总结”“报告”一类的标题，正文也不像）"
    return None


def _looks_like_summary(outline: Outline) -> bool:
    """A document without a telling title that reads like a summary: its headings or opening use the genre's words."""
    from drafter.mining.roles import role_of_heading

    headings = [s.heading for s in outline.sections]
    if any(role_of_heading(h) in ("result", "problem", "plan") for h in headings):
        return True
    opening = (outline.preamble or "") + " ".join(headings)
    return bool(_SUMMARY_CUES.search(opening))


def fingerprint(outline: Outline) -> str:
    """The text of a document without blanks and punctuation, hashed: equal for copies in any format."""
    parts = [outline.preamble or ""]

    def walk(sections) -> None:  # type: ignore[no-untyped-def]
        for node in sections:
            parts.append(node.heading)
            parts.extend(node.body)
            walk(node.children)

    walk(outline.sections)
    parts.append(outline.closing or "")
    return hashlib.sha1(_NOT_TEXT.sub("", "".join(parts)).encode()).hexdigest()
