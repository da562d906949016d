"""Last year's report in: this year's skeleton, last year's plan as a checklist, last year's figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from drafter.errors import UserError
from drafter.lazy import lazy_compile
from drafter.mining.reduce import STANDARD_ROLES
from drafter.mining.roles import role_rank, section_roles
from drafter.models import ChecklistItem, Guidance, Outline, OutlineSection, Provenance, Skeleton, SkeletonNode
from drafter.reading.outline import body_items

_YEAR = lazy_compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*(?:年|至|—|－|-))")
ACHIEVEMENT_ROLES = ("measure", "result", "case")
_FIGURE = lazy_compile(r"(\d+(?:\.\d+)?)\s*(万元|亿元|元|万人|人次|个|件|项|家|户|次|篇|人|名|场|所|亩|吨|公里|%)")
_LABEL_STOP = lazy_compile(r"[，。；、：！？（）《》“”\s]")
LABEL_CHARS = 12
CANDIDATES = 3
MIN_SIMILARITY = 50


def shift_years(text: str, by: int = 1) -> str:
    """2023年 -> 2024年, 2024年工作计划 -> 2025年工作计划."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) + by), text)


def read_last_year(path: Path) -> Outline:
    """The outline of last year's report (the first document in the file)."""
    from drafter.reading.pipeline import outline_paths

    result = outline_paths([path])
    if result.failures:
        raise result.failures[0]
    if not result.outlines or not result.outlines[0].sections:
        raise UserError(f"在 {path} 中没有找到带编号标题的总结，无法作为去年的报告使用。请确认文件内容。", path=path)
    return result.outlines[0]


def skeleton_from_last_year(outline: Outline, genre_skeleton: Skeleton) -> Skeleton:
    """Last year's section tree as this year's skeleton; the genre's skeleton fills what it lacks."""
    roles = section_roles([s.heading for s in outline.sections])
    by_role = {p.role: p for p in genre_skeleton.parts}
    parts: list[SkeletonNode] = []
    if "opening" in by_role:
        parts.append(by_role["opening"])
    for section, role in zip(outline.sections, roles, strict=True):
        mined = by_role.get(role)
        parts.append(
            SkeletonNode(
                role=role,
                heading=shift_years(section.heading),
                alternatives=[
                    h for h in ([mined.heading, *mined.alternatives] if mined else []) if h != section.heading
                ][:8],
                example_children=[shift_years(c.heading) for c in section.children],
                guidance=mined.guidance if mined else Guidance(),
                provenance=[Provenance(title=outline.title, paragraph=section.line or 0)],
            )
        )
    present = {p.role for p in parts} | ({"measure"} if "result" in {p.role for p in parts} else set())
    for part in genre_skeleton.parts:
        if part.role in STANDARD_ROLES and part.role not in present:
            position = next((i for i, p in enumerate(parts) if role_rank(p.role) > role_rank(part.role)), len(parts))
            parts.insert(position, part.model_copy(update={"borrowed": True}))
            present.add(part.role)
    return genre_skeleton.model_copy(update={"parts": parts, "documents": 1})


def promises(outline: Outline) -> list[str]:
    """Last year's plan (下一步/工作计划/打算) as a list of promises."""
    roles = section_roles([s.heading for s in outline.sections])
    plans = [s for s, r in zip(outline.sections, roles, strict=True) if r == "plan"]
    found: list[str] = []
    for plan in plans:
        found += _promises_of(plan)
    return list(dict.fromkeys(found))


def _promises_of(section: OutlineSection) -> list[str]:
    """Sub-headings if there are any, else 一是/二是 items, else the body's sentences."""
    if section.children:
        return [child.heading for child in section.children]
    items = [re.split(r"[。；]", item.text)[0] for paragraph in section.body for item in body_items(paragraph)]
    if items:
        return [i for i in items if i]
    sentences = [s for paragraph in section.body for s in re.split(r"(?<=[。；])", paragraph) if len(s.strip()) >= 6]
    return [s.strip().rstrip("。；") for s in sentences]


def checklist(outline: Outline) -> list[ChecklistItem]:
    """The checklist the wizard starts with."""
    return [ChecklistItem(promise=promise) for promise in promises(outline)]


def place_items(items: list[ChecklistItem], nodes: list[SkeletonNode]) -> dict[int, list[ChecklistItem]]:
    """Done and partly done items under the most similar achievement section; the rest under the problems."""
    placed: dict[int, list[ChecklistItem]] = {}
    achievements = [i for i, n in enumerate(nodes) if n.role in ACHIEVEMENT_ROLES]
    problems = [i for i, n in enumerate(nodes) if n.role == "problem"]
    for item in items:
        if item.status in ("已完成", "部分完成") and achievements:
            target = max(achievements, key=lambda i: _similarity(item.promise, nodes[i]))
        elif item.status == "未开展" and problems:
            target = problems[0]
        else:
            continue
        placed.setdefault(target, []).append(item)
    return placed


def _similarity(text: str, node: SkeletonNode) -> float:
    """How well a promise fits a section: its heading and its example sub-headings."""
    return max(fuzz.partial_ratio(text, candidate) for candidate in [node.heading, *node.example_children])


def material(item: ChecklistItem) -> str:
    """A checklist item as a paragraph to offer."""
    note = item.note.strip().rstrip("。")
    if item.status == "未开展":
        return f"{item.promise}尚未开展{('，' + note) if note else ''}。"
    if item.status == "部分完成":
        return f"{item.promise}取得阶段性进展{('，' + note) if note else ''}。"
    return f"{item.promise}{('，' + note) if note else ''}。"


@dataclass(frozen=True)
class Figure:
    """A figure as written: what it counts (the words before it), the value and the unit."""

    label: str
    value: float
    unit: str
    start: int
    end: int


def figures(text: str) -> list[Figure]:
    """Every figure with a unit in a text, labelled by the words before it (back to the last punctuation)."""
    found = []
    for match in _FIGURE.finditer(text):
        before = text[max(match.start() - LABEL_CHARS, 0) : match.start()]
        label = re.sub(r"[\d.]", "", _LABEL_STOP.split(before)[-1])
        if len(label) >= 2:
            found.append(Figure(label, float(match.group(1)), match.group(2), match.start(), match.end()))
    return found


def last_year_figures(outline: Outline) -> list[Figure]:
    """The figures of last year's report."""
    texts = [outline.preamble or ""]
    stack = list(outline.sections)
    while stack:
        section = stack.pop(0)
        texts += section.body
        stack = section.children + stack
    return [f for text in texts for f in figures(text)]


@dataclass(frozen=True)
class Comparison:
    """This year's figure, last year's, and the sentence that says how they compare."""

    figure: Figure
    last: Figure
    phrase: str  # （上年54个，同比增长11.1%）


def candidates(figure: Figure, last: list[Figure]) -> list[Figure]:
    """Last year's figures that may count the same thing: same unit, similar words before them, best first."""
    scored = [(fuzz.partial_ratio(figure.label, c.label), -i, c) for i, c in enumerate(last) if c.unit == figure.unit]
    scored = [entry for entry in scored if entry[0] >= MIN_SIMILARITY]
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    unique: dict[tuple[str, float], Figure] = {}
    for _, _, candidate in scored:
        unique.setdefault((candidate.label, candidate.value), candidate)
    return list(unique.values())[:CANDIDATES]


def comparison(figure: Figure, last: Figure) -> Comparison | None:
    """The computed 同比 change from last year's figure to this year's."""
    if last.value == 0:
        return None
    change = (figure.value - last.value) / last.value * 100
    trend = "与上年持平" if abs(change) < 0.05 else f"同比{'增长' if change > 0 else '下降'}{abs(change):.1f}%"
    return Comparison(figure, last, f"（上年{last.value:g}{last.unit}，{trend}）")


def with_comparison(paragraph: str, comparison: Comparison) -> str:
    """The paragraph with the comparison put right after this year's figure."""
    end = comparison.figure.end
    return paragraph[:end] + comparison.phrase + paragraph[end:]
