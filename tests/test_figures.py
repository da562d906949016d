"""Key figures: what a genre's reports count, read off the figure slots of their result sentences."""

from __future__ import annotations

import pytest
from conftest import TEMPLATES

from drafter.bank.templates import find_genre, load_registry, load_skeleton
from drafter.mining.figures import FigureSlot, figure_label, figure_slots, key_figures
from drafter.models import Phrase


@pytest.mark.parametrize(
    ("before", "after", "label"),
    [
        ("全年共完成审计项目", "，", "完成审计项目"),
        ("截至目前，审计查出问题金额", "，", "审计查出问题金额"),
        ("全年门诊", "，", "门诊"),
        ("门诊量达", "。", "门诊量"),
        ("群众满意率为", "。", "群众满意率"),
        ("“七一”走访了", "老党员和困难党员。", "走访老党员和困难党员"),  # the noun after the number
        ("完成县商务局、县残联等", "单位预算执行审计", "单位预算执行审计"),  # a list's 等 names nothing
        ("共发现四个方面", "问题", "问题"),
        ("共", "，", None),
        ("同比增长", "", "同比增长"),
    ],
)
def test_figure_labels(before: str, after: str, label: str | None) -> None:
    assert figure_label(before, after) == label


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("全年完成审计项目{数量}个。", [FigureSlot("数量", "完成审计项目", "个")]),
        (
            "全年诊疗{数量1}万人次，出院{数量2}人次。",
            [FigureSlot("数量1", "诊疗", "万人次"), FigureSlot("数量2", "出院", "人次")],
        ),
        (
            "审计查出问题金额{金额}万元，群众满意率{百分比}。",
            [FigureSlot("金额", "审计查出问题金额", "万元"), FigureSlot("百分比", "群众满意率", "%")],
        ),
        ("共收到提案{数量1}件，其中主办件{数量2}件。", [FigureSlot("数量1", "收到提案", "件")]),  # a breakdown
        ("在编人员{数量1}人（行政{数量2}人，事业{数量3}人）。", [FigureSlot("数量1", "在编人员", "人")]),
        ("{年份}年安排审计项目{数量}个。", [FigureSlot("数量", "安排审计项目", "个")]),
        ("{单位}获评先进单位。", []),
        ("组织实施{数量}个部门经济责任审计。", [FigureSlot("数量", "组织实施部门经济责任审计", "个", noun_after=True)]),
        ("走访了{数量}名老党员。", [FigureSlot("数量", "走访老党员", "名", noun_after=True)]),
    ],
)
def test_figure_slots(text: str, slots: list[FigureSlot]) -> None:
    assert figure_slots(text) == slots


def phrase(text: str, documents: int = 1, role: str = "result", borrowed: bool = False) -> Phrase:
    """A 常用语 of a bank (key figures are read off what another unit could sign)."""
    return Phrase(
        id=text,
        text=text,
        genre="weisheng",
        role=role,
        tier="常用语",
        documents=documents,
        count=documents,
        borrowed=borrowed,
    )


def test_key_figures_rank_by_documents_then_first_seen() -> None:
    """A hospital corpus the rules were never tuned to."""
    bank = [
        phrase("全年完成门诊{数量}人次。"),
        phrase("全年诊疗{数量1}万人次，住院{数量2}人次。", documents=3),
        phrase("群众满意率达{百分比}。", documents=2),
        phrase("开展义诊{数量}场。", role="plan"),  # a plan is no figure of the year
        phrase("接种疫苗{数量}剂。", borrowed=True),  # another genre's
        phrase("组织{数量}名医生下乡义诊。", documents=5),  # 组织医生下乡义诊（名） would read 组织医生下乡义诊5名
        phrase("改造病房{数量}个，涉及资金{金额}万元。", documents=4),  # 涉及资金: of the 病房, nothing alone
    ]
    figures = [(f.label, f.unit, f.documents) for f in key_figures(bank)]
    assert figures == [
        ("改造病房", "个", 4),
        ("诊疗", "万人次", 3),
        ("住院", "人次", 3),
        ("群众满意率", "%", 2),
        ("完成门诊", "人次", 1),
    ]


def test_the_bundled_audit_skeleton_gives_its_figures() -> None:
    skeleton = load_skeleton(TEMPLATES, find_genre("审计", load_registry(TEMPLATES)))
    figures = {(f.label, f.unit) for f in skeleton.figures}
    assert {("完成审计计划项目", "个"), ("审计查出主要问题金额", "万元")} <= figures
    assert len(skeleton.figures) <= 8 and skeleton.unit_kind == "局"


def test_last_years_values_come_from_the_figures_typed_last_year(tmp_path) -> None:
    """No report of last year, but the figures typed then (the unit profile): they are last year's values."""
    from drafter.models import Draft
    from drafter.writing.draft import DraftCore, library
    from drafter.writing.profile import UnitProfile

    remembered = UnitProfile(name="青山县审计局", figures={"完成审计计划项目（个）": 62}, figures_year=2025)
    for year, last in ((2026, 62.0), (2027, None)):  # only the year right after
        core = DraftCore(Draft(genre="审计", year=year), library(TEMPLATES), tmp_path / "a.yaml", profile=remembered)
        completed = next(f for f in core.figure_values() if f.label == "完成审计计划项目")
        assert completed.last == last
    core.apply("figures[0]", "70")
    assert core.figure_values()[0].value == 70


@pytest.mark.parametrize(
    ("value", "last", "unit", "written"),
    [
        (12000, None, "万元", "全年审计查出问题金额1.2亿元。"),
        (8600, None, "万元", "全年审计查出问题金额8600万元。"),
        (10000, 9800, "万元", "全年审计查出问题金额1亿元（上年9800万元，同比增长2.0%）。"),
        (23456, 20000, "万元", "全年审计查出问题金额2.3456亿元（上年2亿元，同比增长17.3%）。"),
        (54, 50, "个", "全年审计查出问题金额54个（上年50个，同比增长8.0%）。"),
        (-15000, None, "万元", "全年审计查出问题金额-1.5亿元。"),
    ],
)
def test_a_figure_of_ten_thousand_wan_yuan_is_written_in_yi_yuan(value, last, unit, written) -> None:
    """The sentence drafter offers writes amounts as check wants them in one document (万元 below 1亿, 亿元 above)."""
    from drafter.writing.figures import FigureValue, figures_paragraph

    typed = [FigureValue(label="审计查出问题金额", unit=unit, value=value, last=last)]
    assert figures_paragraph([], typed) == written
