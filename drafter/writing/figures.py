"""Figures first: the genre's key figures typed once, before the parts, then put wherever they are wanted.

A typed figure fills every figure slot that counts the same thing (same unit, a label alike: the labels
are read the same way on both sides, mining/figures.py), with its 同比 after it when last year's value is
known ("完成审计项目60个（上年54个，同比增长11.1%）"). Last year's values come from last year's report
(--from) or from the figures typed last year (the unit profile).
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import fuzz

from drafter.mining.figures import FIGURE_UNIT, figure_slots
from drafter.mining.slots import SLOT, slot_type
from drafter.models import FigureValue, KeyFigure, Outline, Phrase

SIMILAR_LABEL = 85  # rapidfuzz ratio at or above which two labels count the same thing
CONTAINED_MIN = 4  # a label inside another counts the same thing when it says this much (not 项目 in 审计项目)


def figure_key(label: str, unit: str) -> str:
    """How a figure is named in the profile and on the page: 完成审计项目（个）."""
    return f"{label}（{unit}）"


def number(value: float) -> str:
    """A figure as written: 60, 1.2, 3200 (no trailing .0)."""
    return f"{value:g}" if abs(value) < 1e15 else str(int(value))


def amount(value: float, unit: str) -> str:
    """A figure with its unit as a 公文 writes it: 10000万元 and more in 亿元 (1.2亿元), as check asks of a
    document that mixes the two; anything else as typed (8600万元, 54个)."""
    if unit == "万元" and abs(value) >= 10000:
        return f"{number(round(value / 10000, 4))}亿元"
    return f"{number(value)}{unit}"


def key_figure_values(
    figures: list[KeyFigure],
    last_year: Outline | None = None,
    remembered: dict[str, float] | None = None,
) -> list[FigureValue]:
    """The genre's key figures to ask, each with last year's value when last year's report (or the figures
    typed last year) give it."""
    from drafter.writing.yoy import Figure, candidates, last_year_figures

    found = last_year_figures(last_year) if last_year is not None else []
    values = []
    for figure in figures:
        last = (remembered or {}).get(figure_key(figure.label, figure.unit))
        if last is None and found:
            options = candidates(Figure(figure.label, 0, figure.unit, 0, 0), found)
            last = options[0].value if options else None
        values.append(FigureValue(label=figure.label, unit=figure.unit, last=last))
    return values


def comparison_text(value: float, last: float | None, unit: str) -> str:
    """（上年54个，同比增长11.1%）; percentages compare in points; empty without last year's value."""
    if last is None:
        return ""
    if unit == "%":
        change = value - last
        trend = "与上年持平" if abs(change) < 0.05 else f"{'提高' if change > 0 else '下降'}{abs(change):.1f}个百分点"
        return f"（上年{number(last)}%，{trend}）"
    if last == 0:
        return ""
    change = (value - last) / last * 100
    trend = "与上年持平" if abs(change) < 0.05 else f"同比{'增长' if change > 0 else '下降'}{abs(change):.1f}%"
    return f"（上年{amount(last, unit)}，{trend}）"


def matching(label: str, unit: str, figures: list[FigureValue]) -> FigureValue | None:
    """The figure that counts what a slot counts: one of the same unit and label (typed or not: an untyped one
    leaves the slot to ask), else the typed one with the most alike label."""
    same_unit = [f for f in figures if f.unit == unit]
    exact = next((f for f in same_unit if f.label == label), None)
    if exact is not None:
        return exact
    best, score = None, 0.0
    for figure in same_unit:
        if figure.value is None:
            continue
        shorter, longer = sorted((label, figure.label), key=len)
        contained = len(shorter) >= CONTAINED_MIN and shorter in longer
        alike = 100.0 if contained else fuzz.ratio(label, figure.label)
        if alike >= SIMILAR_LABEL and alike > score:
            best, score = figure, alike
    return best


def fill_figures(text: str, typed: list[FigureValue]) -> tuple[str, set[str]]:
    """A phrase with its figure slots filled from the typed figures (each with its 同比); the keys used."""
    used: set[str] = set()
    for slot in reversed(figure_slots(text)):
        figure = matching(slot.label, slot.unit, typed)
        if figure is None or figure.value is None:
            continue
        marker = "{" + slot.slot + "}"
        at = text.find(marker)
        if at < 0:
            continue
        after = at + len(marker)
        if slot_type(slot.slot) == "百分比":
            written = f"{number(figure.value)}%"
        else:
            unit = FIGURE_UNIT.match(text[after:])
            after += len(unit.group(0)) if unit else 0
            written = number(figure.value) + (text[at + len(marker) : after])
        text = text[:at] + written + comparison_text(figure.value, figure.last, figure.unit) + text[after:]
        used.add(figure_key(figure.label, figure.unit))
    return text, used


def figures_paragraph(
    phrases: list[Phrase], typed: list[FigureValue], prepare: Callable[[str], str] = str
) -> str | None:
    """A paragraph that gives every typed figure: one plain sentence of the year for the figures no sentence
    of the bank gives, then the genre's own result sentences whose figure slots the typed figures fill and
    that have no other slot left. None when no figure was typed."""
    given = [f for f in typed if f.value is not None]
    if not given:
        return None
    sentences: list[str] = []
    used: set[str] = set()
    for phrase in phrases:
        if phrase.role != "result" or phrase.borrowed:
            continue
        text = prepare(phrase.text)
        filled, keys = fill_figures(text, typed)
        if not keys or keys <= used or SLOT.search(filled):
            continue
        sentences.append(filled.rstrip("；，、 ") + ("" if filled.endswith(("。", "！", "？")) else "。"))
        used |= keys
    rest = [f for f in given if figure_key(f.label, f.unit) not in used]
    if rest:  # the year's overview (全年…) opens the paragraph, the sentences of particular work follow
        clauses = [
            f"{f.label}{amount(f.value or 0, f.unit)}{comparison_text(f.value or 0, f.last, f.unit)}" for f in rest
        ]
        sentences.insert(0, "全年" + "，".join(clauses) + "。")
    return "".join(sentences)
