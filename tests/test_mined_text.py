"""The text of what is mined: slots that name things and nothing else, the case role by where 典型 stands,
named institutions, brands, slogans and documents made slots, and every phrase proofread by check's rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TEMPLATES

from drafter.mining.proofread import problems, proofread
from drafter.mining.sentences import sentence_role
from drafter.mining.slots import phrase_text

MIXED = Path(__file__).parent / "corpora" / "mixed"


def slotted(sentence: str) -> str:
    result = phrase_text(sentence, 2024)
    assert result is not None
    return result[0]


# --- slot corruptions, one rule each ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A verb ends a proper name before 项目: 综合施策破除 names no project.
        ("综合施策破除项目难点。", "综合施策破除项目难点。"),
        ("推进棚户区改造项目建设。", "推进棚户区改造项目建设。"),
        ("实施重点民生项目建设。", "实施重点民生项目建设。"),
        ("加快卓轩塑胶制品项目建设进度。", "加快{项目}建设进度。"),
        ("华阳河蓄滞洪区建设工程完成投资1.2亿元。", "{项目}完成投资{金额}亿元。"),
    ],
)
def test_project_slot_takes_a_name_never_common_words(sentence: str, expected: str) -> None:
    assert slotted(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 均在 and 并请 are words that stand between names; 乡镇, 市内, 县政协 begin words of their own.
        ("全市乡镇均在乡镇综合服务站内设置了统计机构。", "全市乡镇均在乡镇综合服务站内设置了统计机构。"),
        ("请予审议，并请县政协委员提出意见。", "请予审议，并请县政协委员提出意见。"),
        ("使教师与课改市内的优秀教师结对子。", "使教师与课改市内的优秀教师结对子。"),
        ("在许岭镇开展试点。", "在{地名}开展试点。"),
        ("在丁集村召开现场会。", "在{地名}召开现场会。"),
        ("实施濉溪县城乡义务教育补助经费专项审计调查。", "实施{地名}城乡义务教育补助经费专项审计调查。"),
    ],
)
def test_place_slot_needs_a_place(sentence: str, expected: str) -> None:
    assert slotted(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A unit ends before a post (院长, 局长, 委员): 法院|原院长, not 法院原院|长.
        # Another unit than the writer's own is {有关单位} (the writer's own alone is {单位}).
        ("协助完成池州市中级人民法院原院长经济责任审计。", "协助完成{有关单位}原院长经济责任审计。"),
        ("对濉溪县教育局局长开展经济责任审计。", "对{有关单位}局长开展经济责任审计。"),
        ("组织濉溪县政协委员视察。", "组织{地名}政协委员视察。"),
        ("XX县审计局局长带队开展调研。", "{单位}局长带队开展调研。"),
        # Nor does a unit's name run over a conjunction: 县政府和县卫生健康局 is two bodies.
        ("在县委、县政府和县卫生健康局的正确领导下开展工作。", "在县委、县政府和{有关单位}的正确领导下开展工作。"),
        ("与第一职业技术学校（XX校区）开展合作。", "与第一职业技术学校（{名称}校区）开展合作。"),
    ],
)
def test_unit_slot_ends_before_a_post(sentence: str, expected: str) -> None:
    assert slotted(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("聚焦金融帮扶，发放小额信贷46户XX万。", "聚焦金融帮扶，发放小额信贷{数量}户{金额}万。"),
        ("争取上级资金1200万，用于道路建设。", "争取上级资金{金额}万，用于道路建设。"),
        ("地区生产总值达到128亿，同比增长6%。", "地区生产总值达到{金额}亿，同比增长{百分比}。"),
        ("全县常住人口32万，城镇化率达到56%。", "全县常住人口{数量}万，城镇化率达到{百分比}。"),
        ("发放宣传资料2万份。", "发放宣传资料{数量}万份。"),
    ],
)
def test_money_without_yuan_is_an_amount(sentence: str, expected: str) -> None:
    assert slotted(sentence) == expected


@pytest.mark.parametrize("number", ["1.", "2、", "（3）", "①", "一、", "（一）", "(二)", "第一，"])
def test_a_list_number_of_any_level_is_not_part_of_a_phrase(number: str) -> None:
    assert (
        slotted(f"{number}加强人才队伍建设，完善人才引进和培养机制。") == "加强人才队伍建设，完善人才引进和培养机制。"
    )


# --- the case role: where 典型 stands, not whether it occurs -------------------------------------


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("如，通过一对一帮扶为企业解决用地难题。", "case"),
        ("例如：XX社区推行网格化管理，群众满意度明显提升。", "case"),
        ("以丁集村为例，全村建成特色产业基地3个。", "case"),
        ("典型案例：XX社区推行街巷长制，解决群众诉求120件。", "case"),
        ("XX村探索党支部加合作社模式，带动群众增收。", "case"),
        ("丁集村探索土地流转，带动群众增收200万元。", "case"),
        ("通报曝光典型案例12起，形成有力震慑。", "result"),
        ("还要抓好典型案例的警示教育，增强遵纪守法意识。", "measure"),
        ("选树先进典型，发挥示范引领作用。", "measure"),
        ("各村探索土地流转模式。", "measure"),
        ("农村人居环境整治扎实推进。", "measure"),
        ("如期完成年度目标任务。", "result"),
    ],
)
def test_case_role_by_where_the_case_stands(sentence: str, role: str) -> None:
    assert sentence_role(sentence, "measure") == role


# --- named things: institutions, brands, slogans, documents -----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A named institution: a place or an unknown name before 大学, 学院, 研究院.
        ("与深圳技术大学签订战略合作协议。", "与{有关单位}签订战略合作协议。"),
        ("与山东财经大学共建实习基地。", "与{有关单位}共建实习基地。"),
        ("鼓励教师报考中医药大学研究生。", "鼓励教师报考中医药大学研究生。"),
        # A brand: quoted, with a placeholder, a place or a middle dot.
        ("抓住“龙聚XX·名校引才”秋季招聘活动契机。", "抓住{提法}秋季招聘活动契机。"),
        ("打造“深圳标准”服务品牌。", "打造{提法}服务品牌。"),
        # A numbered slogan of a locality, quoted or not; national formulations stay.
        ("锚定高质量打造“三力三区”的发展目标定位。", "锚定高质量打造{提法}的发展目标定位。"),
        ("构建一核四区发展格局。", "构建{提法}发展格局。"),
        ("落实“五个专项整治”。", "落实{提法}。"),
        ("做到一事一议、一企一策。", "做到一事一议、一企一策。"),
        ("增强“四个意识”、坚定“四个自信”、做到“两个维护”。", "增强“四个意识”、坚定“四个自信”、做到“两个维护”。"),
        ("坚决防止“四风”反弹，落实“一岗双责”。", "坚决防止“四风”反弹，落实“一岗双责”。"),
        ("通过“一对一”帮扶解决实际困难。", "通过“一对一”帮扶解决实际困难。"),
        # A locality's development slogan: four-character terms ending in its kind of unit.
        ("坚持生态立乡、产业兴乡、人才强乡、文旅富乡发展战略。", "坚持{提法}发展战略。"),
        ("大力实施工业强县、农业稳县、旅游兴县战略。", "大力实施{提法}战略。"),
        # Documents: national ones (corpus/national.yaml, any 法) stay; any other becomes {文件}, other titles {名称}.
        ("学习《中国共产党纪律处分条例》和《行政处罚法》。", "学习《中国共产党纪律处分条例》和《行政处罚法》。"),
        ("组织学习《国家公务员处分条例》。", "组织学习{文件}。"),
        ("贯彻落实《XX省物业管理条例》。", "贯彻落实{文件}。"),
        ("制定《档案借阅管理办法》。", "制定{文件}。"),
        ("组织观看《又见炊烟》等影片。", "组织观看{名称}等影片。"),
    ],
)
def test_named_things_another_unit_cannot_sign_become_slots(sentence: str, expected: str) -> None:
    assert slotted(sentence) == expected


# --- proofreading with check's rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("缺乏个性化、针对化的培训措施。", "缺乏个性化、针对性的培训措施。"),
        ("截止目前，已完成布署工作。", "截至目前，已完成部署工作。"),
        ("改进工作式方法，提高服务效能。", "改进工作方式方法，提高服务效能。"),
        ("不断提高领导班子作文化层次和业务能力。", "不断提高领导班子文化层次和业务能力。"),
        ("培育积极向上的工作文化水平和氛围。", "培育积极向上的工作文化水平和氛围。"),
        ("采用新式方法开展培训。", "采用新式方法开展培训。"),
        ("认真的做好其它各项工作。", "认真地做好其他各项工作。"),
        ("二〇二三年完成五十四个项目。", "2023年完成54个项目。"),
        ("覆盖率达到百分之九十五。", "覆盖率达到95%。"),
        ("增幅控制在5-8%之间。", "增幅控制在5%～8%之间。"),
        ("完成2021-2025年规划编制。", "完成2021—2025年规划编制。"),
        ("全年完成项目１２个。", "全年完成项目12个。"),
        ("深入学习新时代中国特色社会主义思想。", "深入学习习近平新时代中国特色社会主义思想。"),
        ("全面推进依法治县工作。", "全面推进依法治县工作。"),
        ("员工队伍结构有待优化，管理常态化长效化水平不高。", "员工队伍结构有待优化，管理常态化长效化水平不高。"),
    ],
)
def test_mined_sentences_are_proofread_by_checks_rules(sentence: str, expected: str) -> None:
    assert proofread(sentence) == expected and not problems(expected)


def test_check_reports_a_coined_word(tmp_path: Path) -> None:
    from drafter.output.check.run import check_paths

    path = tmp_path / "a.txt"
    path.write_text("县档案局2024年工作总结\n一、主要工作\n缺乏针对化的培训措施。\n", encoding="utf-8")
    (report,) = check_paths([path], templates_option=TEMPLATES).reports
    findings = [f for f in report.findings if f.code == "usage"]
    assert findings and "针对化" in findings[0].message and "针对性" in (findings[0].suggestion or "")


def phrases_of(templates: Path) -> list[dict]:
    return [
        json.loads(line) for path in (templates / "phrases").glob("*.jsonl") for line in path.read_text().splitlines()
    ]


@pytest.fixture(scope="module")
def mixed_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from drafter.mining.run import mine

    out = tmp_path_factory.mktemp("mixed") / "templates"
    mine([MIXED], out)
    return out


def test_every_mined_phrase_passes_checks_rules(mixed_templates: Path) -> None:
    for templates in (TEMPLATES, mixed_templates):
        phrases = phrases_of(templates)
        assert len(phrases) > 300
        assert [(p["text"], problems(p["text"])) for p in phrases if problems(p["text"])] == []


def test_no_phrase_names_what_another_unit_cannot_sign(mixed_templates: Path) -> None:
    """The instances the issue found in the bank, each caught by its general rule."""
    for templates in (TEMPLATES, mixed_templates):
        text = "".join(p["text"] for p in phrases_of(templates))
        named = ("深圳技术大学", "龙聚", "生态立乡", "国家公务员处分条例", "针对化", "三力三区")
        corrupted = ("综合{项目}", "{地名}镇（", "{地名}内的", "}长经济责任", "{单位}员", "{有关单位}员")
        for instance in named + corrupted:
            assert instance not in text, instance
