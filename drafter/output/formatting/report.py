"""What formatting one document changed, found or kept: counted for the summary, listed for --dry-run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from drafter.lazy import lazy_compile
from drafter.output.formatting.normalise import Edit, apply_edits, normalise
from drafter.reading.limits import PARAGRAPH_RULE_CHARACTERS

EXCERPT_CHARS = 8
# Places kept to show (--dry-run, check) for each step and for what is left to fill; every one is counted.
EXAMPLES_KEPT = 5
# What the writer must still fill in: 【待填写】, XX县, ××.
LEFTOVER = lazy_compile(r"【[^】]{0,40}】|(?<![A-Za-z])X{2,}(?![A-Za-z])|×{2,}")
KEPT_NAMES = {"table": "表格", "image": "图片", "footnote": "脚注", "textbox": "文本框"}
PART_NAMES = {
    "title": "标题",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "heading4": "四级标题",
    "body": "正文段落",
    "signature": "落款",
    "date": "成文日期",
    "after": "附件、版记（版式保留）",
}


@dataclass(frozen=True)
class Change:
    """One normalisation at one place, shown as a short before → after."""

    step: str
    paragraph: int
    before: str
    after: str


@dataclass
class FormatReport:
    """Everything formatting did to one document."""

    changes: list[Change] = field(default_factory=list)  # the first EXAMPLES_KEPT places of each step
    edited: Counter[str] = field(default_factory=Counter)  # every edit, by step
    parts: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    leftovers: list[tuple[int, str]] = field(default_factory=list)  # the first EXAMPLES_KEPT
    leftover_count: int = 0
    too_long: list[tuple[int, int]] = field(default_factory=list)  # (paragraph, characters) left unnormalised
    numbers_written: int = 0  # Word's automatic list numbers turned into text
    runs_cleared: int = 0  # paragraphs whose hand-set fonts, sizes or colours were cleared
    blank_removed: int = 0
    footers_replaced: list[str] = field(default_factory=list)  # the text of footers the page number replaced
    letterhead: str = ""  # the header kept on every page

    def counts(self) -> Counter[str]:
        """Changes by step."""
        counts = Counter(self.edited)
        if self.blank_removed:
            counts["blank-lines"] += self.blank_removed
        return counts

    def normalise(
        self,
        paragraph: int,
        text: str,
        steps: Collection[str],
        new_marker: tuple[int, str] | None = None,
        *,
        heading_end: bool = False,
    ) -> list[Edit]:
        """The normalisations of one paragraph (see `normalise`); none for a paragraph longer than the rules
        read, which is noted instead and kept as it is."""
        if len(text) > PARAGRAPH_RULE_CHARACTERS:
            self.too_long.append((paragraph, len(text)))
            return []
        return normalise(text, steps, new_marker, heading_end=heading_end)

    def record(self, paragraph: int, text: str, edits: list[Edit]) -> None:
        """Count the edits of one paragraph and any 【】/XX left in it; keep the first places of each with a
        little of the text around them."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        self.edited.update(edit.step for edit in ordered)
        shown = Counter(change.step for change in self.changes)
        if any(shown[edit.step] < EXAMPLES_KEPT for edit in ordered):
            for edit, inside in excerpt_windows(ordered, len(text)):
                if shown[edit.step] >= EXAMPLES_KEPT:
                    continue
                shown[edit.step] += 1
                start = max(edit.start - EXCERPT_CHARS // 2, 0)
                before = text[start : min(edit.end + EXCERPT_CHARS // 2, len(text))]
                shifted = [Edit(e.step, e.start - start, e.end - start, e.new) for e in inside]
                self.changes.append(Change(edit.step, paragraph, before, apply_edits(before, shifted)))
        for match in LEFTOVER.finditer(text):
            self.leftover_count += 1
            if len(self.leftovers) < EXAMPLES_KEPT:
                self.leftovers.append((paragraph, match.group(0)))


def excerpt_windows(edits: list[Edit], length: int) -> list[tuple[Edit, list[Edit]]]:
    """Each edit (sorted by start) with the edits that lie wholly in its excerpt, found with a window that only
    moves forward: the work grows with the number of edits, not with its square."""
    windows = []
    first = 0
    for edit in edits:
        start = max(edit.start - EXCERPT_CHARS // 2, 0)
        end = min(edit.end + EXCERPT_CHARS // 2, length)
        while edits[first].start < start:
            first += 1
        inside = []
        index = first
        # Edits do not overlap, so those starting in the excerpt are few: at most its length.
        while index < len(edits) and edits[index].start <= end:
            if edits[index].end <= end:
                inside.append(edits[index])
            index += 1
        windows.append((edit, inside))
    return windows
