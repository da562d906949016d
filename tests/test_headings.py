"""Headings or list items: one judgement, table-driven over small snippets, and the same answer in outline,
format's places and check."""

from __future__ import annotations

import pytest

from drafter.reading.headings import judge
from drafter.reading.pipeline import outline_text
from drafter.reading.read import Paragraph

TITLE = "青山县卫生健康局2024年工作总结\n"


def tree(text: str) -> list[tuple[int, str, str]]:
    (outline,) = outline_text(TITLE + text)
    return [(h.depth, h.number, h.text) for h in outline.headings()]


def bodies(text: str) -> list[str]:
    (outline,) = outline_text(TITLE + text)
    found: list[str] = []

    def walk(sections) -> None:
        for section in sections:
            found.extend(section.body)
            walk(section.children)

    walk(outline.sections)
    return found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "一、主要工作\n全年重点完成以下工作：\n1.完成公立医院绩效考核\n2.完成基层卫生机构标准化建设\n3.完成家庭医生签约服务\n"
            "二、存在问题\n基层人才短缺。\n",
            [(1, "一", "主要工作"), (1, "二", "存在问题")],
            id="typed 1. list",
        ),
        pytest.param(
            "一、主要工作\n全年重点完成以下工作：\n1、完成公立医院绩效考核；\n2、完成基层卫生机构标准化建设；\n3、完成家庭医生签约服务。\n"
            "二、存在问题\n基层人才短缺。\n",
            [(1, "一", "主要工作"), (1, "二", "存在问题")],
            id="typed 1、 list ending in ；",
        ),
        pytest.param(
            "一、主要工作\n（一）医疗服务\n服务能力提升。\n（1）门诊量增长12%\n（2）住院量增长8%\n（二）公共卫生\n疫苗接种率98%。\n",
            [(1, "一", "主要工作"), (2, "一", "医疗服务"), (2, "二", "公共卫生")],
            id="（1） list under a （一） heading",
        ),
        pytest.param(
            "一、主要工作\n（一）医疗服务\n1.完成门诊服务42万人次。\n2.推进专科建设，重点包括：\n（1）心血管专科；\n"
            "（2）消化内科。\n3.完成住院服务3.1万人次。\n（二）公共卫生\n疫苗接种率98%。\n",
            [(1, "一", "主要工作"), (2, "一", "医疗服务"), (2, "二", "公共卫生")],
            id="a list nested under the item that announces it, mid-list",
        ),
        pytest.param(
            "一、主要工作\n（一）医疗服务\n1.门诊服务\n（1）门诊量42万人次；\n（2）预约诊疗率65%。\n2.专科建设\n"
            "（1）新建心血管专科；\n（2）新建消化内科。\n（二）公共卫生\n疫苗接种率98%。\n",
            [
                (1, "一", "主要工作"),
                (2, "一", "医疗服务"),
                (3, "1", "门诊服务"),
                (3, "2", "专科建设"),
                (2, "二", "公共卫生"),
            ],
            id="short 1. lines each with a list of its own: headings",
        ),
        pytest.param(
            "二、下一步计划\n（一）加强队伍建设\n（二）深化医改\n（三）推进信息化\n",
            [(1, "二", "下一步计划")],
            id="（一）（二）（三） with nothing under them",
        ),
        pytest.param(
            "一、基本情况\n全县共有医疗机构312家。\n二、主要工作\n（一）医疗服务\n服务能力提升。\n三、存在问题\n人才短缺。\n",
            [(1, "一", "基本情况"), (1, "二", "主要工作"), (2, "一", "医疗服务"), (1, "三", "存在问题")],
            id="headings with content stay headings",
        ),
        pytest.param(
            "一、主要工作\n二、存在问题\n人才短缺。\n三、下一步计划\n加强培养。\n",
            [(1, "一", "主要工作"), (1, "二", "存在问题"), (1, "三", "下一步计划")],
            id="an empty heading whose numbering goes on is a heading",
        ),
        pytest.param(
            "一、主要工作\n（一）医疗服务\n（二）公共卫生\n1.疫苗接种\n接种率98%。\n",
            [(1, "一", "主要工作"), (2, "一", "医疗服务"), (2, "二", "公共卫生"), (3, "1", "疫苗接种")],
            id="a run whose last item has sub-headings is headings",
        ),
        pytest.param(
            "一、主要工作\n全年完成以下工作：\n1）门诊量增长12%；\n2）住院量增长8%，其中：\n①外科增长10%；\n②内科增长6%。\n"
            "二、存在问题\n人才短缺。\n",
            [(1, "一", "主要工作"), (1, "二", "存在问题")],
            id="a list nested at the end of a list",
        ),
        pytest.param(
            "一、主要工作\n全年完成以下工作：\n1.完成全县二级以上公立医院绩效考核工作，考核结果全部\n与财政补助挂钩。\n"
            "2.完成全县乡镇卫生院标准化建设任务，设备配置达标率达到\n95%以上。\n二、存在问题\n人才短缺。\n",
            [(1, "一", "主要工作"), (1, "二", "存在问题")],
            id="items whose lines wrapped",
        ),
        pytest.param(
            "一、主要工作\n（一）全面推进紧密型县域医共体建设，实现县乡村三级医疗机构一体化管理。\n"
            "医共体建设成效明显，群众就医更加便捷。\n"
            "（二）深入开展基层卫生服务能力提升行动，完成乡镇卫生院标准化建设任务。\n"
            "卫生院服务能力持续增强。\n",
            [(1, "一", "主要工作")],
            id="full sentences are not headings",
        ),
        pytest.param(
            "一、主要工作\n（一）医共体建设。全面推进紧密型县域医共体建设，实现一体化管理。\n"
            "（二）深入开展基层卫生服务能力提升行动，完成乡镇卫生院标准化建设任务。\n"
            "（三）公共卫生。疫苗接种率98%。\n",
            [
                (1, "一", "主要工作"),
                (2, "一", "医共体建设"),
                (2, "二", "深入开展基层卫生服务能力提升行动，完成乡镇卫生院标准化建设任务"),
                (2, "三", "公共卫生"),
            ],
            id="a sentence among run-in headings is one",
        ),
        pytest.param(
            "一、全面推进紧密型县域医共体建设，实现县乡村三级医疗机构一体化管理。\n（一）组织领导\n成立领导小组。\n"
            "（二）制度建设\n出台制度三项。\n",
            [
                (1, "一", "全面推进紧密型县域医共体建设，实现县乡村三级医疗机构一体化管理"),
                (2, "一", "组织领导"),
                (2, "二", "制度建设"),
            ],
            id="a sentence with sub-headings is a heading",
        ),
        pytest.param(
            "一、提升医疗服务水平，树立行风新形象。\n全年门诊量增长12%。\n二、加强队伍建设，提升服务能力。\n培训300人次。\n",
            [(1, "一", "提升医疗服务水平，树立行风新形象"), (1, "二", "加强队伍建设，提升服务能力")],
            id="a heading that fits a line may end in 。",
        ),
    ],
)
def test_headings_or_list_items(body: str, expected: list[tuple[int, str, str]]) -> None:
    assert tree(body) == expected


def test_list_items_keep_their_text_as_body() -> None:
    text = "一、主要工作\n全年重点完成以下工作：\n1.完成绩效考核\n2.完成标准化建设\n二、存在问题\n人才短缺。\n"
    assert bodies(text)[:3] == ["全年重点完成以下工作：", "1.完成绩效考核", "2.完成标准化建设"]


def test_judgement_names_the_lists() -> None:
    lines = [
        "一、主要工作",
        "全年完成：",
        "（1）绩效考核",
        "（2）标准化建设",
        "（3）家庭医生签约",
        "二、存在问题",
        "人才短缺。",
    ]
    judgement = judge([Paragraph(line, number) for number, line in enumerate(lines, start=1)])
    assert [(run.items, run.kind) for run in judgement.lists] == [((2, 3, 4), "par")]
    assert [c is not None for c in judgement.candidates] == [True, False, False, False, False, True, False]


def test_word_heading_styles_are_never_list_items() -> None:
    paragraphs = [Paragraph("一、主要工作", 1, level=1), Paragraph("二、存在问题", 2, level=1), Paragraph("不足。", 3)]
    assert judge(paragraphs).lists == []


LIST_DOCUMENT = [
    "青山县卫生健康局2024年工作总结",
    "2024年，我局坚持以人民健康为中心，各项工作取得新成效。",
    "一、主要工作",
    "全年重点完成以下工作：",
    "（一）完成公立医院绩效考核",
    "（二）完成基层卫生机构标准化建设",
    "（三）完成家庭医生签约服务",
    "二、存在问题",
    "基层人才短缺，信息化水平不高。",
    "青山县卫生健康局",
    "2024年12月20日",
]


def test_format_places_list_items_as_body() -> None:
    from drafter.output.formatting.places import key, place_paragraphs

    paragraphs = [Paragraph(line, number) for number, line in enumerate(LIST_DOCUMENT, start=1)]
    places = place_paragraphs(paragraphs)
    kinds = [places[key(p)].kind for p in paragraphs]
    assert kinds == ["title", "body", "heading", "body", "body", "body", "body", "heading", "body", "signature", "date"]


def test_check_finds_no_empty_heading_in_a_list(tmp_path) -> None:
    from drafter.output.check.run import check_document, documents_of
    from drafter.reading.read import read_source

    path = tmp_path / "a.txt"
    path.write_text("\n".join(LIST_DOCUMENT) + "\n", encoding="utf-8")
    (doc,) = documents_of(read_source(path))
    assert not [f for f in check_document(doc) if f.code in ("empty-section", "lone-child", "numbering-stray")]


# --- layouts people type ---------------------------------------------------------------------------------

LAYOUTS = [
    pytest.param(
        "2024年，我局全面完成各项工作任务。\n主要工作完成情况\n（一）医疗服务\n门诊量增长12%。\n（二）公共卫生\n接种率98%。\n"
        "存在的问题\n（一）人才短缺\n缺少学科带头人。\n（二）投入不足\n设备老化。\n",
        [
            (1, "一", "主要工作完成情况"),
            (2, "一", "医疗服务"),
            (2, "二", "公共卫生"),
            (1, "二", "存在的问题"),
            (2, "一", "人才短缺"),
            (2, "二", "投入不足"),
        ],
        id="unmarked top-level headings above （一）",
    ),
    pytest.param(
        "一、医疗服务\n1.1 门诊服务\n门诊量增长12%。\n1.2 住院服务\n住院量增长8%。\n二、公共卫生\n2.1 疫苗接种\n接种率98%。\n"
        "2.2 慢病管理\n规范管理率85%。\n",
        [
            (1, "一", "医疗服务"),
            (2, "1", "门诊服务"),
            (2, "2", "住院服务"),
            (1, "二", "公共卫生"),
            (2, "1", "疫苗接种"),
            (2, "2", "慢病管理"),
        ],
        id="1.1 under 一、",
    ),
    pytest.param(
        "一、主要工作\n1.5亿元资金全部到位，项目进展顺利。\n二、存在问题\n人才短缺。\n",
        [(1, "一", "主要工作"), (1, "二", "存在问题")],
        id="1.5亿元 is a quantity, not 1.5",
    ),
    pytest.param(
        "第一阶段---需求调研\n走访科室12个。\n第二阶段：系统建设\n完成部署。\n第三阶段——试运行\n运行平稳。\n",
        [(1, "一", "需求调研"), (1, "二", "系统建设"), (1, "三", "试运行")],
        id="第一阶段 with a dash run or a colon",
    ),
    pytest.param(
        "2024年工作总结\n一、医疗服务\n门诊量增长12%。\n二、公共卫生\n接种率98%。\n2025年工作计划\n一、深化医改\n推进医共体建设。\n"
        "二、强化人才\n引进人才20名。\n",
        [
            (1, "一", "2024年工作总结"),
            (2, "一", "医疗服务"),
            (2, "二", "公共卫生"),
            (1, "二", "2025年工作计划"),
            (2, "一", "深化医改"),
            (2, "二", "强化人才"),
        ],
        id="numbering that restarts under a part line above each run: the part lines head the runs",
    ),
    pytest.param(
        "一、医疗服务\n门诊量增长12%。\n二、公共卫生\n接种率98%。\n2025年，我局将重点抓好以下工作：\n一、深化医改\n"
        "推进医共体建设。\n二、强化人才\n引进人才20名。\n",
        [(1, "一", "医疗服务"), (1, "二", "公共卫生"), (1, "一", "深化医改"), (1, "二", "强化人才")],
        id="numbering that restarts for next year's plan with no part line",
    ),
    pytest.param(
        "一、医疗服务\n门诊量增长12%。\n二、公共卫生\n接种率98%。\n2025年工作计划\n一、深化医改\n推进医共体建设。\n"
        "二、强化人才\n引进人才20名。\n",
        [(1, "一", "医疗服务"), (1, "二", "公共卫生"), (1, "一", "深化医改"), (1, "二", "强化人才")],
        id="numbering that restarts, a part line above the second run only",
    ),
    pytest.param(
        "（一）加强组织领导\n第一，健全领导机制。成立工作专班，每月调度一次。\n第二，压实工作责任。层层签订责任书。\n"
        "（二）强化工作保障\n第一、加大资金投入。全年投入资金300万元。\n第二、充实工作力量。新增编制5名。\n",
        [
            (1, "一", "加强组织领导"),
            (2, "一", "健全领导机制"),
            (2, "二", "压实工作责任"),
            (1, "二", "强化工作保障"),
            (2, "一", "加大资金投入"),
            (2, "二", "充实工作力量"),
        ],
        id="第一， 第二、 run in under （一）",
    ),
]


@pytest.mark.parametrize(("body", "expected"), LAYOUTS)
def test_layouts(body: str, expected: list[tuple[int, str, str]]) -> None:
    assert tree(body) == expected


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("一、主要工作\t\t\t1.完成项目54个。", ["一、主要工作", "1.完成项目54个。"]),
        ("主要工作\t\t（一）组织领导", ["主要工作", "（一）组织领导"]),
        ("（一）组织领导\t\t成立领导小组，统筹推进。", ["（一）组织领导", "成立领导小组，统筹推进。"]),
        ("一、主要工作\t\t3", ["一、主要工作\t\t3"]),
        ("姓名\t职务\t电话", ["姓名\t职务\t电话"]),
    ],
)
def test_lines_broken_with_tabs(line: str, pieces: list[str]) -> None:
    from drafter.reading.read import split_at_tab_runs

    assert split_at_tab_runs(line) == pieces


# --- title block and dates ----------------------------------------------------------------------------------

SPEECH_BODY = "\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、2024年工作回顾\n经济平稳增长。\n二、2025年工作安排\n稳中求进。\n"


@pytest.mark.parametrize(
    ("top", "title", "date", "speaker"),
    [
        (
            "政府工作报告——2025年1月10日在青山县第十八届人民代表大会第五次会议上 县长 王某某",
            "政府工作报告",
            "2025-01-10",
            "县长 王某某",
        ),
        (
            "政府工作报告——2025年1月10日在青山县第十八届人民代表大会第五次会议上\n县长 王某某",
            "政府工作报告",
            "2025-01-10",
            "县长 王某某",
        ),
        (
            "政府工作报告\n——2025年1月10日在青山县第十八届人民代表大会第五次会议上 县长 王某某",
            "政府工作报告",
            "2025-01-10",
            "县长 王某某",
        ),
        ("在全县卫生健康工作会议上的讲话（2025年2月20日）", "在全县卫生健康工作会议上的讲话", "2025-02-20", None),
        (
            "奋力谱写教育高质量发展新篇章——在全市教育工作会议上的报告",
            "奋力谱写教育高质量发展新篇章——在全市教育工作会议上的报告",
            None,
            None,
        ),
    ],
)
def test_title_joined_to_its_date_and_speaker(top: str, title: str, date: str | None, speaker: str | None) -> None:
    (outline,) = outline_text(top + SPEECH_BODY)
    assert (outline.title, outline.date, outline.signature) == (title, date, speaker)


REPORT_BODY = (
    "\n县人民政府：\n2024年，我局认真贯彻落实上级部署。现将有关情况报告如下：\n一、主要工作\n完成任务。\n二、存在问题\n人才短缺。\n"
    "青山县卫生健康局\n2024年12月20日\n"
)


@pytest.mark.parametrize(
    ("top", "title"),
    [
        (
            "青山县卫生健康局\n青卫发〔2024〕15号\n签发人：李某某\n关于2024年度卫生健康工作情况的报告",
            "关于2024年度卫生健康工作情况的报告",
        ),
        (
            "青山县卫生健康局文件\n青卫发〔2024〕15号    签发人：李某某\n关于2024年度卫生健康工作情况的\n报告",
            "关于2024年度卫生健康工作情况的报告",
        ),
        (
            "青 山 县 卫 生 健 康 局 文 件\n青卫发〔2024〕15号\n━━━━━━━━━━━━\n关于2024年度卫生健康\n工作情况的报告",
            "关于2024年度卫生健康工作情况的报告",
        ),
        (
            "青山县卫生健康局\n青卫发〔2024〕15号\n关于做好2025年元旦春节期间安全生产工作的\n通知",
            "关于做好2025年元旦春节期间安全生产工作的通知",
        ),
    ],
)
def test_gongwen_title_is_never_the_issuer(top: str, title: str) -> None:
    (outline,) = outline_text(top + REPORT_BODY)
    assert (outline.title, outline.doc_number, outline.addressee) == (title, "青卫发〔2024〕15号", "县人民政府")
    assert outline.org == "青山县卫生健康局" and outline.date == "2024-12-20"


@pytest.mark.parametrize(
    ("ending", "date", "signature"),
    [
        ("张某某\n2024-12-28", "2024-12-28", "张某某"),
        ("张某某\n2024.12.28", "2024-12-28", "张某某"),
        ("2024年12月28日", "2024-12-28", None),
        ("述职人：张某某\n2024.12.28", "2024-12-28", "张某某"),
        ("总结人：张某某\n日期：2024年12月28日", "2024-12-28", "张某某"),
        ("张某某\n二〇二四年十二月二十八日", "2024-12-28", "张某某"),
    ],
)
def test_date_after_a_personal_summary(ending: str, date: str, signature: str | None) -> None:
    text = "一年来，我认真履行岗位职责。\n一、思想方面\n加强学习。\n二、工作方面\n完成任务。\n" + ending
    (outline,) = outline_text(text)
    assert (outline.date, outline.signature) == (date, signature)
    assert outline.sections[-1].body == ["完成任务。"]
