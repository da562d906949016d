"""Numbering: jumps, repeats, stray markers and 一是 items, mixed brackets, 1、 for 1., skipped levels, lone children."""

from __future__ import annotations

from drafter.models import OutlineSection
from drafter.output.check.findings import CheckedDocument, Finding
from drafter.reading.numerals import int_to_cn, ordinal_value
from drafter.reading.outline import body_items
from drafter.reading.patterns import MARKER, MARKER_LEVEL


def nominal_level(marker: str) -> int | None:
    """1 for 一、, 2 for （一）, 3 for 1., 4 for （1）; None for an unnumbered heading."""
    match = MARKER.match(marker)
    return MARKER_LEVEL[match.lastgroup] if match and match.lastgroup else None


def check_numbering(doc: CheckedDocument) -> list[Finding]:
    """Every numbering finding of one document."""
    findings: list[Finding] = []
    findings += _sibling_sequences(doc)
    findings += _stray_markers(doc)
    findings += _bracket_width(doc)
    findings += _arabic_comma(doc)
    findings += _levels(doc)
    findings += _body_item_sequences(doc)
    return findings


def _sibling_sequences(doc: CheckedDocument) -> list[Finding]:
    """一、 then 三、 (a jump) among the headings the parser accepted."""
    findings = []
    for siblings in doc.sibling_groups():
        previous: OutlineSection | None = None
        for section in siblings:
            value = ordinal_value(section.number)
            if previous is not None and value is not None and section.marker:
                expected = (ordinal_value(previous.number) or 0) + 1
                # Top-level numbering may start again at 一、 for a second part (next year's plan).
                restart = siblings is doc.outline.sections and value == 1 and expected >= 3
                if value != expected and not restart:
                    findings.append(
                        Finding(
                            "numbering-jump",
                            "error",
                            f"编号跳号：“{previous.marker}”之后是“{section.marker}”，中间缺了一个。",
                            section.line,
                            doc.path_of_line(section.line or 0),
                            f"改为“{_marker_with(section.marker, expected)}”，并顺延后面的编号。",
                            fixable=True,
                        )
                    )
            previous = section
    return findings


def _marker_with(marker: str, value: int) -> str:
    """The same kind of marker with another number (三、 -> 二、)."""
    match = MARKER.match(marker)
    if not match or not match.lastgroup:
        return marker
    number = match.group(match.lastgroup)
    new = int_to_cn(value) if not number.isdigit() else str(value)
    start, end = match.span(match.lastgroup)
    return marker[:start] + new + marker[end:]


def _stray_markers(doc: CheckedDocument) -> list[Finding]:
    """A heading-looking marker in the body that does not continue the numbering (a repeat or a slip)."""
    findings = []
    for section, path, _, _ in doc.walk():
        items = set(section.list_items)  # looked up for each paragraph: a list of thousands would be searched
        for index, (paragraph, line) in enumerate(zip(section.body, doc.body_lines(section), strict=False)):
            if (index == 0 and section.line == line) or index in items:
                continue  # the run-in body of the heading itself, or an item of a list
            match = MARKER.match(paragraph)
            if not match or not match.lastgroup:
                continue
            level = MARKER_LEVEL[match.lastgroup]
            if level <= 2:
                findings.append(
                    Finding(
                        "numbering-stray",
                        "error",
                        f"段首编号“{paragraph[: match.end()].strip()}”与上文的同级编号接不上（重复、漏编或跳号），被当作了正文。",
                        line,
                        path,
                        "按层级顺序改正编号；如果这一段不是标题，去掉段首编号。",
                    )
                )
    return findings


def _bracket_width(doc: CheckedDocument) -> list[Finding]:
    """（一） and (一) mixed in one document: GB/T 9704 uses full-width brackets."""
    sections = [(s, p) for s, p, _, _ in doc.walk() if s.marker.startswith(("(", "（"))]
    half = [(s, p) for s, p in sections if s.marker.startswith("(")]
    if not half:
        return []
    mixed = len(half) < len(sections)
    return [
        Finding(
            "bracket-width",
            "warning",
            f"“{s.marker}”用了半角括号{'，与文中其他编号的全角括号不一致' if mixed else ''}。",
            s.line,
            p,
            f"改为“{s.marker.replace('(', '（').replace(')', '）')}”。",
            fixable=True,
        )
        for s, p in half
    ]


def _arabic_comma(doc: CheckedDocument) -> list[Finding]:
    """1、 where GB/T 9704 writes 1. at the third level."""
    return [
        Finding(
            "arabic-comma",
            "warning",
            f"“{s.marker}”：阿拉伯数字编号按公文格式应写作“{s.number}.”。",
            s.line,
            p,
            f"改为“{s.number}.”。",
            fixable=True,
        )
        for s, p, _, _ in doc.walk()
        if s.marker.endswith("、") and s.number.isdigit()
    ]


def _levels(doc: CheckedDocument) -> list[Finding]:
    """A level used without its parent (一、 straight to 1.), and a lone child at a level."""
    findings = []
    for section, path, _, _ in doc.walk():
        own = nominal_level(section.marker)
        children = [c for c in section.children if c.marker]
        if own is not None and children:
            child_level = nominal_level(children[0].marker)
            if child_level is not None and child_level > own + 1:
                findings.append(
                    Finding(
                        "level-skipped",
                        "info",
                        f"“{section.marker}”之下直接用了“{children[0].marker}”，跳过了中间一级。",
                        children[0].line,
                        path,
                        "公文层次一般依次为“一、（一）1.（1）”；确认是否需要补上中间一级。",
                    )
                )
        if len(section.children) == 1:
            child = section.children[0]
            findings.append(
                Finding(
                    "lone-child",
                    "warning",
                    f"“{section.marker}{section.heading}”之下只有一个小标题“{child.marker}{child.heading}”。",
                    child.line,
                    path,
                    "一个层级至少要有两项；可以增加一项，或把这一项并入上级正文。",
                )
            )
    return findings


def _body_item_sequences(doc: CheckedDocument) -> list[Finding]:
    """一是、二是 … in a section's body: each item continues the one before, or starts again at 一是; an 一是
    needs an 二是 (one item is not a list)."""
    findings = []
    for section, path, _, _ in doc.walk():
        previous = 0
        alone: int | None = None  # the line of an 一是 not yet followed by an 二是
        for paragraph, line in zip(section.body, doc.body_lines(section), strict=False):
            for item in body_items(paragraph):
                if item.value == 1:
                    findings += _lone_first_item(alone, path)
                    alone = line if line is not None else -1
                elif item.value == 2:
                    alone = None
                if item.value not in (1, previous + 1):
                    expected = f"“{int_to_cn(previous + 1)}是”" if previous else "“一是”"
                    findings.append(
                        Finding(
                            "item-stray",
                            "warning",
                            f"“{item.number}是”前面没有与之衔接的条目（应为{expected}）。",
                            line,
                            path,
                            f"改为{expected}，或补上缺少的条目。",
                        )
                    )
                previous = item.value
        findings += _lone_first_item(alone, path)
    return findings


def _lone_first_item(line: int | None, path: str) -> list[Finding]:
    """A finding for an 一是 that no 二是 follows (none when `line` is None)."""
    if line is None:
        return []
    return [
        Finding(
            "item-alone",
            "warning",
            "有“一是”却没有“二是”：只有一项时不用“一是”。",
            line if line >= 0 else None,
            path,
            "补上“二是”，或删去“一是”直接叙述。",
        )
    ]
