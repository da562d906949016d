"""The outline parser on small Chinese snippets, one convention per case."""

from __future__ import annotations

import pytest

from drafter.models import Outline
from drafter.reading.outline import body_items, parse_date, split_run_in
from drafter.reading.pipeline import outline_text


def only(text: str) -> Outline:
    """The single outline of a snippet."""
    outlines = outline_text(text)
    assert len(outlines) == 1
    return outlines[0]


def tree(text: str) -> list[tuple[int, str, str, str]]:
    """(depth, number, marker, text) of each heading."""
    return [(h.depth, h.number, h.marker, h.text) for h in only(text).headings()]


TITLE = "县审计局2023年工作总结\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "一、主要工作\n（一）加强组织领导。全面贯彻落实要求。\n（二）健全机制\n",
            [(1, "一", "一、", "主要工作"), (2, "一", "（一）", "加强组织领导"), (2, "二", "（二）", "健全机制")],
            id="run-in heading",
        ),
        pytest.param(
            "一、主要工作\n(一)加强领导\n成立领导小组。\n(二)健全机制\n出台制度三项。\n",
            [(1, "一", "一、", "主要工作"), (2, "一", "(一)", "加强领导"), (2, "二", "(二)", "健全机制")],
            id="half-width brackets",
        ),
        pytest.param(
            "一、主要工作\n１．加强领导\n成立领导小组。\n２．健全机制\n出台制度三项。\n",
            [(1, "一", "一、", "主要工作"), (2, "1", "１．", "加强领导"), (2, "2", "２．", "健全机制")],
            id="full-width digits, skipped level",
        ),
        pytest.param(
            "一、履行主责主业\n1、全媒体齐发力，融合报道出新彩。在县委领导下。\n2、对外宣传再突破\n二、强根铸魂\n",
            [
                (1, "一", "一、", "履行主责主业"),
                (2, "1", "1、", "全媒体齐发力，融合报道出新彩"),
                (2, "2", "2、", "对外宣传再突破"),
                (1, "二", "二、", "强根铸魂"),
            ],
            id="一、 then 1、 is depth 2",
        ),
        pytest.param(
            "今年以来，全市加强应急处置。\n（一）加强领导。一是健全领导小组。\n（二）加强培训。\n",
            [(1, "一", "（一）", "加强领导"), (1, "二", "（二）", "加强培训")],
            id="document starting at （一）",
        ),
        pytest.param(
            "一、主要工作\n（一）聚焦主业\n1.强化预算执行审计。一是开展审计。\n（1）细化台账\n建立台账。\n（2）压实责任\n逐级落实。\n2.推动政策落实\n",
            [
                (1, "一", "一、", "主要工作"),
                (2, "一", "（一）", "聚焦主业"),
                (3, "1", "1.", "强化预算执行审计"),
                (4, "1", "（1）", "细化台账"),
                (4, "2", "（2）", "压实责任"),
                (3, "2", "2.", "推动政策落实"),
            ],
            id="four levels",
        ),
        pytest.param(
            "一、工作成效\n全年获得表彰如下：\n1.省级文明单位\n2.市级先进集体\n3.县级标兵\n（一）加强党建\n党建引领有力。\n（二）狠抓业务\n业务稳步提升。\n",
            [(1, "一", "一、", "工作成效"), (2, "一", "（一）", "加强党建"), (2, "二", "（二）", "狠抓业务")],
            id="list before （一） is body",
        ),
        pytest.param(
            "一、主要做法\n（一）加强领导\n一是健全机制。\n二是压实责任。\n（二）强化督办\n",
            [(1, "一", "一、", "主要做法"), (2, "一", "（一）", "加强领导"), (2, "二", "（二）", "强化督办")],
            id="一是 items are body",
        ),
        pytest.param(
            "一、主要做法\n（一）加强领导\n3.这一行不是标题，编号接不上。\n（二）强化督办\n",
            [(1, "一", "一、", "主要做法"), (2, "一", "（一）", "加强领导"), (2, "二", "（二）", "强化督办")],
            id="number out of order is body",
        ),
        pytest.param(
            "一、典型案例\n（一）XX委员的《完善制度。建立机制的提案》。\n",
            [(1, "一", "一、", "典型案例"), (2, "一", "（一）", "XX委员的《完善制度。建立机制的提案》")],
            id="。 inside 《》 does not end the heading",
        ),
        pytest.param(
            "一、主要工作\n（六）XX市2023年统计进党校8次，\n",
            [(1, "一", "一、", "主要工作")],
            id="（六） without （一） is body",
        ),
    ],
)
def test_headings(body: str, expected: list[tuple[int, str, str, str]]) -> None:
    assert tree(TITLE + body) == expected


def test_numbering_slip_at_top_level_is_kept() -> None:
    headings = tree(TITLE + "一、主要工作\n三、存在问题\n")
    assert [h[1] for h in headings] == ["一", "三"]


@pytest.mark.parametrize(
    ("text", "heading", "rest"),
    [
        ("加强组织领导。全面贯彻落实。", "加强组织领导", "全面贯彻落实。"),
        ("干部队伍建设方面", "干部队伍建设方面", ""),
        ("XX市2023年统计进党校8次，", "XX市2023年统计进党校8次", ""),
        ("坚决遏制收受“红包。”不正之风。其余", "坚决遏制收受“红包。”不正之风", "其余"),
    ],
)
def test_split_run_in(text: str, heading: str, rest: str) -> None:
    assert split_run_in(text) == (heading, rest)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年11月27日", "2023-11-27"),
        ("二〇一四年一月二日", "2014-01-02"),
        ("二〇二三年十二月二十日", "2023-12-20"),
        ("2002-04-06", "2002-04-06"),
        ("2024.12.5", "2024-12-05"),
        ("2023年13月40日", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_signature_date_preamble_and_closing() -> None:
    outline = only(
        "2023年行风建设工作总结\n"
        "2023年，我院不断加大工作力度。\n"
        "一、加强学习\n（一）开展教育。坚持教育。\n（二）强化管理。严格执行。\n"
        "行风建设任重道远。今后，我院将进一步加强行业作风建设。\n"
        "XX市第二人民医院\n2023年11月27日\n"
    )
    assert outline.preamble == "2023年，我院不断加大工作力度。"
    assert outline.closing == "行风建设任重道远。今后，我院将进一步加强行业作风建设。"
    assert outline.org == outline.signature == "XX市第二人民医院"
    assert outline.date == "2023-11-27"
    assert outline.sections[0].children[1].body == ["严格执行。"]


def test_plan_section_keeps_its_last_paragraph() -> None:
    outline = only(TITLE + "一、工作成效\n成效明显。\n二、下一步工作计划\n明年重点。\n下一步，我局将持续发力。\n")
    assert outline.closing is None
    assert outline.sections[1].body[-1] == "下一步，我局将持续发力。"


def test_no_preamble_no_signature_are_null() -> None:
    outline = only("县融媒体中心2023年工作总结\n一、履行主责\n1、守牢阵地。全年发稿。\n")
    assert outline.preamble is None
    assert outline.org is None and outline.date is None


def test_chinese_numeral_date_and_signature_on_one_line() -> None:
    outline = only(TITLE + "一、工作成效\n成效明显。\nXX县审计局  二〇二三年十二月二十日\n")
    assert outline.org == "XX县审计局"
    assert outline.date == "2023-12-20"


def test_gongwen_furniture_is_not_outline() -> None:
    outline = only(
        "XX县审计局文件\n"
        "县审发〔2023〕13号\n"
        "签发人：张三\n"
        "县审计局关于2023年工作情况的报告\n"
        "县委、县政府：\n"
        "2023年，我局坚持依法审计。现将有关情况报告如下：\n"
        "一、主要工作\n全年完成审计项目54个。\n"
        "二、存在问题\n力量不足。\n"
        "特此报告。\n"
        "附件：1.审计项目清单\n"
        "联系人：李四，电话：12345678\n"
        "XX县审计局\n2023年12月20日\n"
        "附件1\n调查问卷\n1.您对审计工作是否满意？\nA.满意\nB.不满意\n"
        "XX县审计局办公室 2023年12月21日印发\n"
    )
    assert outline.title == "县审计局关于2023年工作情况的报告"
    assert outline.preamble == "2023年，我局坚持依法审计。现将有关情况报告如下："
    assert [(h.number, h.text) for h in outline.headings()] == [("一", "主要工作"), ("二", "存在问题")]
    assert outline.sections[1].body == ["力量不足。"]
    assert outline.org == "XX县审计局" and outline.date == "2023-12-20"


def test_title_broken_over_two_lines() -> None:
    outline = only("XX县审计局\n2023年工作总结\n2023年，我局坚持依法审计。\n一、主要工作\n")
    assert outline.title == "XX县审计局2023年工作总结"


def test_split_of_a_compilation_without_toc() -> None:
    outlines = outline_text(
        "县审计局2023年工作总结\n一、主要工作\n完成项目。\n\n"
        "市民政局2023年度行政执法工作总结\n一、主要工作成效\n成效明显。\n"
    )
    assert [o.title for o in outlines] == ["县审计局2023年工作总结", "市民政局2023年度行政执法工作总结"]
    assert [o.genre for o in outlines] == ["审计", "行政执法"]


def test_unknown_genre_is_general() -> None:
    assert only("XX公司2023年工作总结\n一、主要工作\n").genre == "通用"


def test_lone_date_inside_the_body_is_not_the_signature() -> None:
    body = "一、大事记\n2023年3月1日\n召开全县审计工作会议。\n二、存在问题\n力量不足。\n2023年12月1日\n"
    outline = only(TITLE + body)
    assert [h.text for h in outline.headings()] == ["大事记", "存在问题"]
    assert outline.sections[0].body == ["2023年3月1日", "召开全县审计工作会议。"]
    assert outline.date == "2023-12-01" and outline.org is None


@pytest.mark.parametrize(
    ("paragraph", "items"),
    [
        ("一是健全机制。二是压实责任；三是强化督办。", [(1, "健全机制。"), (2, "压实责任；"), (3, "强化督办。")]),
        ("全年完成审计。一是开展预算审计。", [(1, "开展预算审计。")]),
        ("五是加强廉政，着力筑牢廉政意识。", [(5, "加强廉政，着力筑牢廉政意识。")]),
        ("统一是关键，唯一是途径。", []),
        ("一是，这不是条目。", []),
        # The items often open after the colon or comma that announces them.
        ("主要是：一是生源流失；二是竞赛成绩不佳。", [(1, "生源流失；"), (2, "竞赛成绩不佳。")]),
        ("以合理用药为重点，一是开展处方点评；二是超常预警。", [(1, "开展处方点评；"), (2, "超常预警。")]),
        ("做到统一，唯一是途径。", []),
    ],
)
def test_body_items(paragraph: str, items: list[tuple[int, str]]) -> None:
    assert [(item.value, item.text) for item in body_items(paragraph)] == items
