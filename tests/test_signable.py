"""What a genre of several writers offers: only what none of them owns (issue 20, the clerk's scoring).

A discovered genre gathers units of one kind but of different lines of work (a water and a gas company, a 中医院
and a 人民医院): what one of them alone names in its work headings, or says again and again, is its own line of work.
Its sentences are that writer's 范例, its work parts give way to one 主要工作及成效 part. Also here: the lead-in
formula alone is no phrase, a call on the hearers closes a report, an honour's title is no key figure, and a
government report is titled and laid out as one delivered at a meeting.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.mining.figures import key_figures
from drafter.mining.sentences import lead_in_only, sentence_role
from drafter.models import Phrase
from drafter.output.render.document import blank_skeleton

# Two companies of different lines of work, written for this test: each names its own line in its work headings.
WATER = """XX水务有限公司2024年工作总结
2024年，公司坚持安全第一，强化内部管理，各项工作取得了新的成绩。现将有关情况总结如下：
一、供水保障能力持续提升
完成第二水厂扩建工程，日供水能力增加2万立方米。新建供水管网36公里，城区供水管网覆盖率达到98%。
二、水质安全管理不断加强
严格执行生活饮用水卫生标准，全年开展水质检测1.2万项次，出厂水水质合格率达到100%。
三、存在的问题
专业技术人才储备不足，员工队伍结构有待优化。
四、2025年工作计划
加强人才队伍建设，为企业发展提供人才支撑。
XX水务有限公司
2024年12月30日
"""
GAS = """XX燃气有限公司2024年工作总结
2024年，公司坚持安全第一，聚焦优质服务，各项工作取得了新的成绩。现将有关情况总结如下：
一、安全供气保障有力
全年供气量1.2亿立方米，入户安检12万户次，整改燃气隐患3400处，全年未发生供气安全责任事故。
二、客户服务持续改善
开通线上缴费和报装服务，报装办理时间压缩至3个工作日，客户满意度达到97%。
三、存在的问题
专业技术人才储备不足，员工队伍结构有待优化。
四、2025年工作计划
加强人才队伍建设，为企业发展提供人才支撑。
XX燃气有限公司
2024年12月30日
"""


@pytest.fixture(scope="module")
def companies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Templates mined from the two companies (a discovered genre 企业)."""
    from drafter.mining.run import mine

    root = tmp_path_factory.mktemp("companies")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "water.txt").write_text(WATER, encoding="utf-8")
    (corpus / "gas.txt").write_text(GAS, encoding="utf-8")
    mine([corpus], root / "templates")
    return root / "templates"


def bank(templates: Path) -> list[dict]:
    return [
        json.loads(line) for line in (templates / "phrases" / "qiye.jsonl").read_text(encoding="utf-8").splitlines()
    ]


@pytest.mark.parametrize(
    ("words", "tier"),
    [
        ("日供水能力增加", "范例"),  # the water company's line of work, named in its headings
        ("出厂水水质合格率", "范例"),
        ("全年供气量", "范例"),  # the gas company's
        ("专业技术人才储备不足", "常用语"),  # both wrote it
        ("加强人才队伍建设", "常用语"),
    ],
)
def test_one_writers_line_of_work_is_its_example_not_a_common_phrase(companies: Path, words: str, tier: str) -> None:
    found = [p for p in bank(companies) if words in p["text"]]
    assert found and {p["tier"] for p in found} == {tier}


def test_work_parts_named_by_one_writer_give_way_to_one_shared_part(companies: Path, tmp_path: Path) -> None:
    text = blank_skeleton("企业", tmp_path / "s.md", year=2025, templates_option=companies).read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0] == "一、主要工作及成效"
    assert not any(word in h for h in headings for word in ("供水", "水质", "供气", "客户服务"))
    assert "【参考例句】完成第二水厂" not in text and "【参考例句】全年供气量" not in text


def test_writers_of_one_line_of_work_keep_its_parts(tmp_path: Path) -> None:
    from drafter.mining.run import mine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "water.txt").write_text(WATER, encoding="utf-8")
    (corpus / "water2.txt").write_text(WATER.replace("XX水务", "YY供水").replace("2024", "2023"), encoding="utf-8")
    mine([corpus], tmp_path / "t")
    text = (tmp_path / "t" / "skeletons" / "qiye.yaml").read_text(encoding="utf-8")
    assert "heading: 供水保障能力持续提升" in text and "heading: 主要工作及成效" not in text
    assert {p["tier"] for p in bank(tmp_path / "t") if "新建供水管网" in p["text"]} == {"常用语"}


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [
        ("现将有关情况总结如下：", True),
        ("现将{年份}年度我院行风建设工作情况总结如下：", True),
        ("现将本人一年来的思想、工作和廉洁自律情况报告如下，请予评议。", True),
        ("特将全年工作汇报如下。", True),
        ("2024年，我局坚持稳中求进。现将有关情况总结如下：", False),
        ("现将各项任务分解到科室，逐月调度推进。", False),
    ],
)
def test_the_lead_in_formula_alone_is_no_phrase(sentence: str, alone: bool) -> None:
    assert lead_in_only(sentence) is alone


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("让我们更加紧密地团结在以习近平同志为核心的党中央周围，为完成全年目标任务而不懈奋斗！", "closing"),
        ("让我们坚定信心、真抓实干，奋力谱写中国式现代化新篇章！", "closing"),
        ("加强人才队伍建设，完善人才引进和培养机制。", "plan"),
        ("2025年，我局将重点做好以下工作：", "plan"),
    ],
)
def test_a_call_on_the_hearers_closes_a_report(sentence: str, role: str) -> None:
    assert sentence_role(sentence, "plan") == role


def _result(text: str, tier: str = "常用语") -> Phrase:
    return Phrase(id="p" + str(abs(hash(text)))[:9], text=text, genre="x", role="result", tier=tier, documents=1)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("全年有{数量}人被评为市级教坛新星。", None),  # an honour is named by whoever confers it
        ("全年{数量}名教师荣获省优秀教师称号。", None),
        ("全年开展教学常规检查{数量}次。", "开展教学常规检查"),
    ],
)
def test_an_honours_title_is_no_key_figure(text: str, label: str | None) -> None:
    figures = key_figures([_result(text)])
    assert [f.label for f in figures] == ([label] if label else [])


def test_a_figure_of_another_units_names_is_no_key_figure() -> None:
    named = _result("{地名}全年开展巡河{数量}次，清理河道{数量2}公里。", tier="范例")
    many = _result("全年开展检查{数量1}次，整改{数量2}处，约谈{数量3}人，处罚{数量4}家。", tier="范例")
    labels = {f.label for f in key_figures([named, many])}
    assert "开展巡河" not in labels and "开展检查" in labels


GOVERNMENT = """政府工作报告
——2025年1月8日在XX县第十八届人民代表大会第四次会议上
县长 赵某某
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、2024年工作回顾
过去的一年，全县地区生产总值增长5.6%，一般公共预算收入增长4.1%。
（一）产业发展提质增效。新增规模以上工业企业21家，数字经济核心产业增加值增长12%，现代农业加快发展。
（二）城乡建设协调推进。完成老旧小区改造38个，新建农村公路120公里，城乡面貌持续改善。
（三）民生福祉持续增进。城镇新增就业6200人，新建改扩建学校8所，基本养老保险参保率稳定在95%以上。
二、2025年工作安排
全县经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
（一）着力扩大有效投资，全力抓好项目建设。
（二）着力推进乡村全面振兴，巩固拓展脱贫攻坚成果。
（三）着力保障和改善民生，办好群众急难愁盼的实事。
三、加强政府自身建设
坚持依法行政，自觉接受人大监督和政协民主监督，建设人民满意的服务型政府。
各位代表，让我们踔厉奋发、勇毅前行，为开创全县高质量发展新局面而努力奋斗！
"""


def test_a_government_report_is_titled_and_laid_out_as_delivered_at_a_meeting(tmp_path: Path) -> None:
    from drafter.mining.run import mine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOVERNMENT, encoding="utf-8")
    (corpus / "b.txt").write_text(GOVERNMENT.replace("县", "市"), encoding="utf-8")
    mine([corpus], tmp_path / "t")
    path = blank_skeleton("政府工作报告", tmp_path / "s.md", year=2025, templates_option=tmp_path / "t")
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^# 政府工作报告$", text, flags=re.M)
    assert "人民代表大会第×次会议上" in text and "文末不落款" in text
    assert "【单位名称】" not in text and "××××年×月×日" not in text


WEATHER = """XX县气象局2024年工作总结
2024年，县气象局坚持以人民为中心，围绕气象防灾减灾，各项工作取得了较好成效。现将有关情况总结如下：
一、气象预警服务能力持续提升
全年发布气象预警信息126期，气象预警信息覆盖率达到98%，为防汛抗旱提供了有力的气象保障。
新建区域自动气象站12个，气象观测站网进一步完善，气象预警提前量明显增加。
开展气象科普进校园、进社区活动20场，群众气象防灾减灾意识明显增强。
二、存在的问题
专业技术人才不足，干部队伍能力素质有待进一步提高。
三、2025年工作计划
加强人才队伍建设，提升干部队伍能力素质。
XX县气象局
2024年12月20日
"""
LIBRARY = """XX县图书馆2024年工作总结
2024年，县图书馆坚持公益属性，围绕全民阅读，各项工作取得了较好成效。现将有关情况总结如下：
一、图书借阅服务持续改善
全年图书借阅量达到12.6万册次，新增图书借阅证3200个，开展图书借阅进社区活动48场。
新建城市书房3个，图书借阅网点覆盖全部乡镇，群众借阅更加便捷。
开通线上图书借阅服务，读者可在手机上预约借阅和续借，图书借阅更加方便。
二、存在的问题
专业技术人才不足，干部队伍能力素质有待进一步提高。
三、2025年工作计划
加强人才队伍建设，提升干部队伍能力素质。
XX县图书馆
2024年12月20日
"""


def test_a_document_no_genre_took_lends_only_what_its_writer_does_not_own(tmp_path: Path) -> None:
    from drafter.mining.run import mine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "weather.txt").write_text(WEATHER, encoding="utf-8")
    (corpus / "library.txt").write_text(LIBRARY, encoding="utf-8")
    mine([corpus], tmp_path / "t")
    phrases = [json.loads(line) for line in (tmp_path / "t" / "phrases" / "tongyong.jsonl").read_text("utf-8").split()]
    texts = [p["text"] for p in phrases if p["tier"] == "常用语"]
    assert not [t for t in texts if "气象" in t or "借阅" in t]
    assert any("专业技术人才不足" in t for t in texts)  # both wrote it


@pytest.mark.parametrize(
    ("text", "by", "shifted"),
    [
        ("{下一年份}年，{单位}将重点抓好以下工作：", -1, "{年份}年，{单位}将重点抓好以下工作："),
        ("{年份}年，全年完成{数量}项。", -1, "{上一年份}年，全年完成{数量}项。"),
        ("与{上一年份}年相比增长{百分比}。", -1, "与{往年}年相比增长{百分比}。"),
        ("{年份}年工作计划", 1, "{下一年份}年工作计划"),
        ("加强人才队伍建设。", -1, "加强人才队伍建设。"),
    ],
)
def test_year_slots_shift(text: str, by: int, shifted: str) -> None:
    from drafter.mining.slots import shift_years

    assert shift_years(text, by) == shifted


def test_a_government_reports_plan_is_for_the_year_it_is_delivered_in(tmp_path: Path) -> None:
    from drafter.mining.run import mine
    from drafter.models import Draft
    from drafter.writing.draft import DraftCore, library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOVERNMENT, encoding="utf-8")
    (corpus / "b.txt").write_text(GOVERNMENT.replace("县", "市"), encoding="utf-8")
    (corpus / "w.txt").write_text(WEATHER, encoding="utf-8")
    (corpus / "l.txt").write_text(LIBRARY, encoding="utf-8")
    mine([corpus], tmp_path / "t")
    core = DraftCore(Draft(), library(tmp_path / "t"), tmp_path / "a.answers.yaml")
    core.apply("genre", "政府工作报告")
    core.apply("org", "青山县人民政府")
    core.apply("year", "2026")
    offered = [core.offered_text(p) for p in core.insert_bank("plan").matches("", None)]
    lead_ins = [t for t in offered if "重点抓好以下工作" in t]
    assert lead_ins and all(t.startswith("2026年") for t in lead_ins)
    assert not [t for t in offered if "2027" in t]
    phrase = core.insert_bank("plan").matches("重点抓好以下工作", 1)[0]
    assert core.find_phrase(phrase.id).text.startswith("{年份}年")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # a name the dictionary reads as no word, before 片区 (a list of them too)
        ("针对湖贝、蔡屋围统筹片区等重点更新单元超容地价问题，研究起草解决方案。", True),
        ("协调湖贝片区更新单元规划审批，推动项目落地。", True),
        ("推进老旧小区改造和城中村片区更新，改善群众居住条件。", False),
        # a firm: trade name + trade + form
        ("通过一事一议，顺利帮助鑫诚新材料公司及时争取了过桥资金，助企化险为夷。", True),
        ("全年引进新材料公司{数量}家，招商引资成效明显。", False),
        ("加强对所属子公司的监督管理，防范经营风险。", False),
        ("积极推进国有企业改革，做强做优国有公司。", False),
        # one year's programme, a heart-named programme
        ("实施{上一年份}年度安心托幼行动专项资金管理使用情况审计。", True),
        ("深入实施暖心助学工程，资助困难学生{数量}名。", True),
        ("深入开展春风行动，帮助农民工就业创业。", False),
        ("实施乡村振兴示范工程，打造特色产业品牌。", False),
        # a place's product
        ("发展柳河蜜桔{数量}万亩，带动农户增收。", True),
        ("发展优质蜜桔{数量}万亩，带动农户增收。", False),
    ],
)
def test_a_proper_name_without_an_administrative_suffix_makes_an_example(text: str, named: bool) -> None:
    from drafter.mining.tiers import tier_of

    assert (tier_of(text, "measure") == "范例") is named


@pytest.mark.parametrize(
    ("heading", "signable"),
    [
        ("强化责任，建立健全工作保障机制", True),
        ("多措并举，保障入学机会平等", True),
        ("图书总册数十万多，生均45册", False),  # one school's count
        ("完成审计项目54个", False),
        ("{年份}年工作总结", False),  # names the document, not what the part holds
        ("{下一年份}年工作计划", True),  # a plan part's heading says what it holds
        ("工作总结", False),
        ("年度工作亮点", True),
    ],
)
def test_a_sub_heading_with_a_figure_is_one_units(heading: str, signable: bool) -> None:
    from drafter.mining.reduce import _signable_heading

    assert _signable_heading(heading) is signable
