"""The key figures a genre's reports give (完成审计项目 个, 审计查出问题金额 万元, 门诊 人次 …), read off the
figure slots of its result sentences.

A figure in a report is written as what it counts, the number, its unit: "全年完成审计项目54个". Once the
sentence is a phrase ("全年完成审计项目{数量}个"), the words before a figure slot back to the previous
punctuation or slot, without the time and scope words that open a clause (全年, 截至目前, 共, 已 …),
name the figure; the measure word after the slot is its unit. The same reading labels the slots of a
phrase in the wizard, so a figure typed once finds every slot that counts the same thing.

Key figures are the ones written that way. A count whose noun follows the number (组织实施12个部门,
将3个项目列为巡审联动项目) still labels its slot, but is no key figure: asked as 组织实施部门（个）, it
would come back as 组织实施部门12个; it is asked inside its own sentence instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from drafter.lazy import lazy_compile
from drafter.mining.slots import SLOT, slot_type
from drafter.models import KeyFigure, Phrase

FIGURE_SLOTS = frozenset({"数量", "金额", "百分比"})
# The unit a figure is counted in, right after its slot ({金额}万元 -> 万元).
FIGURE_UNIT = lazy_compile(
    r"^(?:余|多)?(?:万元|亿元|元|万人次|万人|人次|个百分点|个月|大类|类|个|人|件|项|家|户|次|篇|名|场|所|亩|吨|公里|"
    r"条|份|起|期|批|%|％|万|亿)"
)
MAX_FIGURES = 8
KEY_LABEL_MIN = 4
_CLAUSE_BREAK = lazy_compile(r"[，。；：、！？（）()“”《》\s]|\{[^}]*\}|\d+(?:\.\d+)?(?:年度|年|月份|月|日)?")
# Words that open a clause before what is counted: time, scope, "in total", "already" (longest first).
_OPENERS = lazy_compile(
    r"^(?:截至目前|截止目前|截至年底|今年以来|全年共|全年|今年|本年度|年内|目前|累计|共计|总计|合计|共|已经|已|"
    r"其中|先后|全[省市县区乡镇村局院校]|我[省市县区乡镇村局院校委]|本[省市县区乡镇村局院校])"
)
# Words that join what is counted to its number (…达, …为, …约).
_JOINERS = lazy_compile(r"(?:达到|达|为|约|近|超过|超|逾|了|共|累计|合计|总计)$")
_SENTENCE_BREAK = lazy_compile(r"[。；！？]")
_AFTER_SLOT = lazy_compile(r"^(?:年度|年|月份|月|日)")
# A label that counts a part or an aspect of what the clause before it names (…项目，涉及资金{金额}万元).
_REFERS_BACK = lazy_compile(r"^(?:涉及|包括|包含|其中|占|含)")
_NOT_A_LABEL = lazy_compile(r"(?:等|方面|类|其中|以上|以下|XX)$|\d|XX")
# An honour is named by whoever confers it (被评为亳州教坛新星, 荣获XX市优秀教师): its title is that place's own.
_HONOUR = lazy_compile(r"被评为|评为|荣获|获评|获得")


@dataclass(frozen=True)
class FigureSlot:
    """A figure slot of a phrase: its name, what it counts, its unit; `noun_after` when what it counts is
    (partly) written after the number (组织实施{数量}个部门)."""

    slot: str
    label: str
    unit: str
    noun_after: bool = False


def figure_label(before: str, after: str = "") -> str | None:
    """What a figure counts, from the text before it (全年共完成审计项目 -> 完成审计项目) and, when the number
    comes before its noun (走访了{数量}名老党员), the noun after the unit; None when the words name nothing
    (a list's 等, 方面, a lone verb)."""
    label = _CLAUSE_BREAK.split(before)[-1]
    if before.endswith(label) and before[: len(before) - len(label)].endswith("}"):
        # {数量1}个行政村…, {年份}年安排…: the measure word belongs to the slot before
        label = _AFTER_SLOT.sub("", FIGURE_UNIT.sub("", label))
    previous = None
    while label != previous:
        previous = label
        label = _OPENERS.sub("", label)
        label = _JOINERS.sub("", label)
    if _NOT_A_LABEL.search(label) or label.startswith("等"):
        label = ""  # 县商务局、县残联等{数量}个单位: what is counted is only after the number
    label += _CLAUSE_BREAK.split(after, maxsplit=1)[0]
    if len(label) < 2 or len(label) > 16 or _NOT_A_LABEL.search(label):
        return None
    return label


def figure_slots(text: str) -> list[FigureSlot]:
    """The figure slots of a phrase ({数量}, {金额2}, {百分比}) that say what they count; the items of a
    breakdown (其中…, in brackets) are left to the figure they break down."""
    found = []
    for match in SLOT.finditer(text):
        name = match.group(1) + match.group(2)
        if slot_type(name) not in FIGURE_SLOTS:
            continue
        before = text[: match.start()]
        clause = _SENTENCE_BREAK.split(before)[-1]
        if "其中" in clause or clause.count("（") > clause.count("）") or clause.count("(") > clause.count(")"):
            continue
        unit = FIGURE_UNIT.match(text[match.end() :])
        unit_text = "%" if slot_type(name) == "百分比" else unit.group(0) if unit else ""
        after = text[match.end() + len(unit_text) :] if unit_text != "%" else ""
        label = figure_label(before, after)
        if label and unit_text:
            noun_after = label != figure_label(before)
            found.append(FigureSlot(name, label, unit_text.replace("％", "%"), noun_after))
    return found


def key_figures(phrases: list[Phrase], limit: int = MAX_FIGURES) -> list[KeyFigure]:
    """The figures a genre's result sentences give most often: by documents, then occurrences, then first seen."""
    documents: Counter[tuple[str, str]] = Counter()
    occurrences: Counter[tuple[str, str]] = Counter()
    for phrase in phrases:
        if phrase.role not in ("result", "measure", "case") or phrase.borrowed or not _counts_signably(phrase):
            continue
        for figure in figure_slots(phrase.text):
            if figure.unit in ("类", "大类") or (figure.unit == "个" and len(figure.label) < KEY_LABEL_MIN):
                continue  # 揭示（类）, 问题（个）: a generic measure word needs more than one noun to say what it counts
            if _HONOUR.search(figure.label):
                continue
            if figure.noun_after:
                continue  # 组织实施{数量}个部门: asked as 组织实施部门（个）, it would be written 组织实施部门12个
            if _REFERS_BACK.match(figure.label):
                continue  # 涉及合同造价, 占比: a figure of what the clause before names, nothing on its own
            key = (figure.label, figure.unit)
            documents[key] += phrase.documents
            occurrences[key] += phrase.count
    order = {key: index for index, key in enumerate(documents)}
    ranked = sorted(documents, key=lambda key: (-documents[key], -occurrences[key], order[key]))
    return [KeyFigure(label=label, unit=unit, documents=documents[label, unit]) for label, unit in ranked[:limit]]


def _counts_signably(phrase: Phrase) -> bool:
    """What another unit could count too: a 常用语's figures, or a 范例's that names no other unit (a 范例 for another
    unit's names or its own line of work counts what that unit alone has; one for a date or for many figures does
    not)."""
    from drafter.mining.tiers import COMMON, example_reason, names_another_unit

    if phrase.tier == COMMON:
        return True
    if example_reason(phrase.text, phrase.role, phrase.year) is None:
        return False  # a 范例 by its writer's own words, or by a person's review
    return names_another_unit(phrase.text) is None
