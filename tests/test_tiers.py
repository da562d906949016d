"""Two tiers (常用语 / 范例), year-bound facts, and a unit's own words: what drafter offers is signable this year."""

from __future__ import annotations

import json
import re

import pytest
from tier_scoring import labelled, scores

from bench.offers import BODY_ROLES, draft_core
from drafter.bank.store import load_yaml_model
from drafter.mining.dated import bound_year, fits_year, mentions, stale, true_of, year_bound
from drafter.mining.slots import phrase_text, slot_names
from drafter.mining.tiers import COMMON, EXAMPLE, example_reason, tier_of
from drafter.models import RegisterPhrases
from drafter.resources import bundled
from drafter.writing.unit import foreign_area_words, in_own_words, unit_level

# --- the classifier against a hand-labelled set of reports nobody else wrote ------------------------------------


def test_hand_labelled_set_is_large_and_mixed() -> None:
    rows = labelled()
    assert len(rows) >= 200
    assert len({row.document for row in rows}) >= 8
    assert 0.3 < sum(row.tier == COMMON for row in rows) / len(rows) < 0.8


@pytest.mark.parametrize(
    ("name", "precision", "recall"),
    [
        ("tiers", 0.95, 0.8),
        # Written after the rules were set; its first score (86.8 %) led to two general fixes (a closing run into
        # the plan, a unit's name before its 党委) and three facts added to dated.yaml, so it is held out no more.
        ("heldout", 0.9, 0.7),
    ],
)
def test_common_phrases_are_signable_on_the_hand_labelled_sets(name: str, precision: float, recall: float) -> None:
    """A 常用语 that cannot be signed is the costly error: precision first; recall is reported (bench/RESULTS.md)."""
    result = scores(name)
    assert result.precision >= precision, "\n".join(result.wrong)
    assert result.recall >= recall
    assert result.precision > result.baseline + 0.15, "the tiers beat offering every mined phrase alike"


# --- tiers, sentence by sentence -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "tier", "why"),
    [
        (
            "{年份}年，{单位}坚持稳中求进工作总基调，统筹推进各项重点工作，全年工作总体平稳、稳中有进。",
            "opening",
            COMMON,
            None,
        ),
        ("进一步健全完善工作制度机制，压紧压实工作责任，确保各项工作任务落到实处。", "plan", COMMON, None),
        ("完成{单位名单}等{数量}个单位的预算执行审计，揭示了资金绩效不高等问题。", "result", COMMON, None),
        ("深入开展“作风建设年”活动，推动干部作风持续好转。", "measure", EXAMPLE, "年份"),
        ("深入推进“三严三实”作风建设，密切联系群众。", "plan", EXAMPLE, "年份"),
        ("打造{提法}，推动全县高质量发展取得新成效。", "measure", EXAMPLE, "{提法}"),
        ("推行“一月一回头”工作机制，压实整改责任。", "measure", EXAMPLE, "一月一回头"),
        ("与浙江大学签订合作协议，推动产学研深度融合。", "measure", EXAMPLE, "浙江大学"),
        ("大力实施{项目}，带动周边群众增收致富。", "measure", EXAMPLE, "{项目}"),
        ("坚持全面覆盖，消除监督盲区和死角，高质量完成各项审计任务；", "measure", EXAMPLE, "句号"),
        ("对此，我们将认真研究，切实加以解决。", "plan", EXAMPLE, "承接上文"),
        ("重点做好以下工作：一是加强人才队伍建设，完善人才引进机制。", "plan", EXAMPLE, "第一项"),
        ("加强学习，提高认识。", "plan", EXAMPLE, "太短"),
        ("已圆满完成全年审计计划，取得了明显成效。", "plan", EXAMPLE, "看不出"),
        ("{上一年份}年度，我们将继续加强队伍建设，提升履职能力。", "plan", EXAMPLE, "看不出"),
        ("坚持以新时代中国特色社会主义思想为指导，扎实推进各项工作。", "measure", EXAMPLE, "校对"),
        (
            "全年门急诊{数量1}万人次，出院{数量2}人次，手术{数量3}台次，分别增长{百分比1}和{百分比2}。",
            "result",
            EXAMPLE,
            "数字",
        ),
        ("{数量}月份以来，及时调整工作策略，全力做好救治工作。", "measure", EXAMPLE, "时间"),
        ("按月编发《桐江统计月报》，为科学决策提供数据支撑。", "measure", EXAMPLE, "刊物"),
        ("组织干部赴长三角地区开展精准招商，引进一批优质项目。", "measure", EXAMPLE, "去处"),
        ("严格执行《中华人民共和国统计法》，坚决防范统计造假。", "measure", COMMON, None),
        # an instruction to others is a notice's voice, not a summary's (要…, 各单位要…, 在…上要…)
        ("对性质严重、社会影响恶劣的乱收费行为，要依纪依法追究医院主要领导的责任。", "measure", EXAMPLE, "口吻"),
        ("各乡镇要高度重视秸秆禁烧工作，切实落实属地管理责任。", "measure", EXAMPLE, "口吻"),
        ("在班子配备上要充分考虑领导班子的知识、能力等实际需求。", "plan", EXAMPLE, "口吻"),
        ("要求全院职工严格遵守各项规章制度，切实改进服务作风。", "measure", COMMON, None),
        ("主要领导亲自抓、分管领导具体抓，形成了齐抓共管的工作格局。", "measure", COMMON, None),
        # the level above the areas it names (a city's), which a county or a township cannot sign
        ("督促各区（县）卫健委落实突发公共卫生事件报告制度，做到早发现、早报告。", "measure", EXAMPLE, "下级"),
        ("指导各县（市、区）林业部门规范开展森林督查工作。", "measure", EXAMPLE, "下级"),
        ("不断提高县区局领导班子文化层次和业务能力。", "plan", EXAMPLE, "下级"),
        # one person's post
        ("本人分管农业农村和应急管理工作，认真履行一岗双责。", "measure", EXAMPLE, "职务"),
        ("一年来，我热爱教育事业，认真履行教师职责，较好地完成了各项教育教学任务。", "opening", EXAMPLE, "职务"),
        ("认真履行护士岗位职责，严格执行查对制度，全年未发生护理差错。", "measure", EXAMPLE, "职务"),
        ("所带班级期末统考成绩名列全年级前茅，学生综合素质明显提升。", "measure", EXAMPLE, "职务"),
        # one unit's events: an opening ceremony, a first of its kind
        ("文学艺术院揭牌、城区首家民宿投入运营等活动，新媒体都第一时间制作播出了短视频。", "measure", EXAMPLE, "节点"),
        ("全县工业上楼项目实现“零的突破”，为产业转型升级打下基础。", "measure", EXAMPLE, "节点"),
        # a regional strategy, an area named after one institution, places named without a suffix
        ("积极融入长三角一体化发展，拓展区域合作空间。", "measure", EXAMPLE, "区域"),
        ("分东、西子项目推进市人民医院片区城市更新单元建设。", "measure", EXAMPLE, "专名"),
        ("推进了小坑工业区、翠湖文体公园等多个民生项目土地整备工作。", "measure", EXAMPLE, "专名"),
        ("推进城市公园和口袋公园建设，方便群众休闲娱乐。", "measure", COMMON, None),
        # a leader's duties; an inspection of one year
        ("履职尽责，抓好分管工作", "heading", EXAMPLE, "职务"),
        ("主要领导亲自抓、分管领导具体抓，形成齐抓共管的工作格局。", "measure", COMMON, None),
        ("认真抓好巡察反馈问题整改，整改完成率达到{百分比}。", "measure", EXAMPLE, "巡视巡察"),
        ("高度重视县委巡查组反馈意见，确保整改到位", "heading", EXAMPLE, "巡视巡察"),
        ("深入开展巡察工作，推动全面从严治党向基层延伸。", "measure", COMMON, None),
        # 在活动中 refers to an activity named before
        ("在活动中，各单位都能充分发挥模范带头作用，积极参与志愿服务。", "measure", EXAMPLE, "承接上文"),
        # 加之 continues the sentence before
        ("加之部分班子成员学习意识不强，知识更新不够及时。", "problem", EXAMPLE, "承接上文"),
        ("深化“放管服”改革，优化办事流程，提高服务效能和群众满意度。", "measure", COMMON, None),
    ],
)
def test_tier_of_a_phrase_and_why(text: str, role: str, tier: str, why: str | None) -> None:
    reason = example_reason(text, role)
    assert tier_of(text, role) == tier, reason
    assert (reason is None) if why is None else (why in (reason or ""))


def test_a_phrase_bound_to_a_year_is_an_example_whatever_its_words() -> None:
    assert tier_of("隆重举行庆祝建党{数量}周年主题活动，激发干部群众干事创业热情。", "measure", 2021) == EXAMPLE


# --- year-bound facts ----------------------------------------------------------------------------------------------

OPENING_2023 = "2023年，是全面贯彻落实党的二十大精神的开局之年，是实施“十四五”规划承上启下的关键一年。"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        (OPENING_2023, [(2023, 2023), (2023, 2023), None]),
        ("2025年是“十四五”规划收官之年。", [(2025, 2025)]),
        ("2026年是“十五五”规划开局之年。", [(2026, 2026)]),
        ("深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。", [(2023, 2024)]),
        ("深入开展“不忘初心、牢记使命”主题教育。", [(2019, 2020)]),
        ("扎实开展党纪学习教育。", [(2024, 2024)]),
        ("深入学习贯彻党的二十届三中全会精神。", [(2024, 2029)]),
        ("贯彻落实二十届中央审计委员会第一次会议精神。", [(2023, 2024)]),
        ("召开县委审计委员会第三次会议。", [None]),
        ("今年是中华人民共和国成立75周年。", [(2024, 2024)]),
        ("隆重庆祝建党一百周年。", [(2021, 2021)]),
        ("全面贯彻党的二十大和二十届历次全会精神。", [(2022, 2027), (2023, 2027)]),
        ("深入实施国有企业改革深化提升行动，降本增效成效明显。", [(2023, 2025)]),
        ("深入开展医药领域腐败问题集中整治，净化行业风气。", [(2023, 2024)]),
        ("扎实推进安全生产治本攻坚三年行动。", [(2024, 2026)]),
        ("实施农村人居环境整治提升行动，新改建农村户厕{数量}户。", [(2021, 2025)]),
        ("完成农村人居环境整治三年行动目标任务。", [(2018, 2020)]),
        ("深化安全生产专项整治三年行动，排查整治隐患。", [(2020, 2022)]),
        ("大兴调查研究，形成调研报告{数量}篇。", [(2023, 2023)]),
        ("坚持以学铸魂、以学增智、以学正风、以学促干。", [(2023, 2024)]),
        ("坚持稳中求进工作总基调。", []),
        ("严格执行中央八项规定及其实施细则精神。", []),
    ],
)
def test_year_bound_facts_and_their_years(text: str, years: list[tuple[int, int] | None]) -> None:
    assert [m.years for m in mentions(text)] == years


def test_a_sentence_with_a_fact_of_its_year_keeps_that_year() -> None:
    assert year_bound(OPENING_2023) and bound_year(OPENING_2023, 2023) == 2023
    text, slots = phrase_text(OPENING_2023, 2023) or ("", [])
    assert text.startswith("2023年，是") and "年份" not in slots
    assert not year_bound("全面贯彻党的二十大和二十届历次全会精神。"), "a congress's term is no one year"


@pytest.mark.parametrize(
    ("text", "year", "fits"),
    [
        (OPENING_2023, 2023, True),
        (OPENING_2023, 2025, False),
        ("2025年是“十四五”规划收官之年。", 2025, True),
        ("今年是开局之年。", 2025, False),  # 2025 is the fifth year of 十四五
        ("今年是开局之年。", 2026, True),
        ("深入学习贯彻党的二十届三中全会精神。", 2025, True),
        ("深入学习贯彻党的二十届三中全会精神。", 2023, False),  # it met in 2024
        ("深入学习贯彻党的十九大精神。", 2025, False),
        ("召开县委审计委员会第三次会议。", 2025, True),  # which year it met, only the report it came from knows
    ],
)
def test_facts_fit_a_year_or_not(text: str, year: int, fits: bool) -> None:
    assert fits_year(text, year) is fits
    assert bool(stale(text, year)) is not fits


def test_a_fact_of_unknown_year_is_never_true_of_a_given_one() -> None:
    assert not true_of("召开县委审计委员会第三次会议。", 2025)
    assert true_of("深入学习贯彻党的二十届三中全会精神。", 2025)


# --- drafter's own register ---------------------------------------------------------------------------------------


def register() -> RegisterPhrases:
    return load_yaml_model(bundled("corpus/register.yaml"), RegisterPhrases)


def test_register_has_six_to_eight_sentences_per_role_and_words_per_kind_of_unit() -> None:
    entries = register().phrases
    for role in ("opening", "measure", "problem", "cause", "plan", "closing"):
        general = [p for p in entries if p.role == role and p.family is None and p.year is None and not p.report]
        assert 5 <= len(general) <= 8, role
    for family in ("机关", "乡镇", "医院", "学校", "企业"):
        assert {p.role for p in entries if p.family == family} >= {"opening", "problem", "plan", "closing"}, family
    # A person's summary speaks as 我 and names no post: it has sentences of its own for every part it borrows.
    personal = [p for p in entries if p.report == "个人总结"]
    assert {p.role for p in personal} >= {"opening", "measure", "problem", "cause", "plan", "closing"}
    assert all("我" in p.text for p in personal if p.role in ("opening", "closing"))
    plan_headings = register().subheadings["plan"]
    assert len([h for h in plan_headings if not h.report]) >= 5
    assert len([h for h in plan_headings if h.report == "个人总结"]) >= 3
    assert len([h for h in plan_headings if h.report == "政府工作报告"]) >= 3


@pytest.mark.parametrize("entry", register().phrases, ids=lambda e: e.text[:12])
def test_every_register_sentence_is_signable_and_says_why(entry) -> None:
    assert entry.note
    if entry.year is None:
        assert example_reason(entry.text, entry.role) is None
        assert not any(m.bound for m in mentions(entry.text))
    else:
        assert entry.source and fits_year(entry.text, entry.year) and not fits_year(entry.text, entry.year + 1)
    if entry.role == "plan":
        assert set(slot_names(entry.text)) <= {"下一年份", "单位"}, "a plan looks to next year"


# --- a unit's own words for its area ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("org", "level"),
    [
        ("宁远县审计局", "县"),
        ("河西区民政局", "区"),
        ("桐江市统计局", "市"),
        ("青山镇人民政府", None),
        ("江源水务集团有限公司", None),
    ],
)
def test_level_of_a_unit(org: str, level: str | None) -> None:
    assert unit_level(org) == level


def test_area_words_follow_the_user_and_mismatches_are_found() -> None:
    assert in_own_words("带动全乡群众投入环境整治，我乡共服务企业{数量}家。", "青山镇人民政府") == (
        "带动全镇群众投入环境整治，我镇共服务企业{数量}家。"
    )
    assert in_own_words("推动全市经济社会发展。", "宁远县审计局") == "推动全县经济社会发展。"
    assert in_own_words("推进乡村振兴，全县各乡镇。", "青山镇人民政府") == "推进乡村振兴，全县各乡镇。"
    found = foreign_area_words("全乡共调处矛盾纠纷，我县统筹推进。", "青山镇人民政府")
    assert [(word, right) for word, _, right in found] == [("全乡", "全镇")]
    assert [w for w, _, _ in foreign_area_words("我市审计机关，全市审计系统。", "宁远县审计局")] == ["我市"]


# --- drafter check: the year's facts and the unit's own words --------------------------------------------------------

AUDIT_2025 = """青山县审计局2025年工作总结

2025年，是全面贯彻落实党的二十大精神的开局之年，是实施“十四五”规划承上启下的关键一年。青山县审计局深入开展主题教育，各项工作取得新成效。现将有关情况总结如下：

一、主要工作及成效
完成县商务局、青山县审计局、县教育局等12个单位预算执行情况审计，揭示了资金绩效不高等问题。

青山县审计局
2025年12月20日
"""

TOWN_2025 = """石桥镇人民政府2025年工作总结

2025年是“十四五”规划收官之年。一年来，石桥镇在县委、县政府的坚强领导下，深入学习贯彻党的二十届三中全会精神，各项工作稳步推进。现将有关情况总结如下：

一、主要工作
带动全乡群众投入人居环境整治，全镇面貌焕然一新。我县统筹推进乡村振兴，我镇积极落实。

石桥镇人民政府
2025年12月26日
"""


def findings_of(tmp_path, text: str) -> list:
    from drafter.output.check.run import check_paths

    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return check_paths([path]).reports[0].findings


def test_check_reports_the_2023_opening_in_a_2025_draft(tmp_path) -> None:
    stale_facts = [f for f in findings_of(tmp_path, AUDIT_2025) if f.code == "stale-fact"]
    assert {f.severity for f in stale_facts} == {"error"}
    messages = "\n".join(f.message for f in stale_facts)
    assert "“党的二十大精神的开局之年”说的是2023年" in messages and "“承上启下”说的是2023年" in messages
    assert "“主题教育”说的是2023—2024年" in messages and "本文是2025年（“十四五”规划的第5年）" in messages
    assert all("2025年，是全面贯彻落实" in f.message or "主题教育" in f.message for f in stale_facts)


def test_check_reports_the_unit_among_the_units_it_audited(tmp_path) -> None:
    listed = [f for f in findings_of(tmp_path, AUDIT_2025) if f.code == "own-unit-listed"]
    assert len(listed) == 1 and "青山县审计局" in listed[0].message and "县商务局" in listed[0].message


def test_check_reports_another_kinds_word_for_the_units_own_area(tmp_path) -> None:
    found = findings_of(tmp_path, TOWN_2025)
    area = [f for f in found if f.code == "area-word"]
    assert len(area) == 1 and "“全乡”" in area[0].message and "全镇" in area[0].suggestion
    # What is true of 2025 and a 镇's own words are not reported.
    assert not [f for f in found if f.code in ("stale-fact", "own-unit-listed")]


# --- what the wizard offers first, for every genre, part and year ------------------------------------------------

WALKED_YEARS = (2024, 2025, 2026)
# Slots the user fills with their own; any other (地名, 提法, 项目 …) stands for another unit's name.
OWN_SLOTS = {"单位", "年份", "下一年份", "上一年份", "数量", "金额", "百分比", "日期", "单位名单", "有关单位"}
_FRAGMENT_END = "；、，,;："
_MID_LIST_START = ("、", "，", "；", "）", "》", "”", "及", "以及", "和", "等", "另一方面", "同时", "此外")


def _templates():
    from conftest import TEMPLATES

    return TEMPLATES


def wizard_core(genre: str, year: int, tmp_path):
    """The draft core the wizard (and the web page) walk, for a unit of the genre's kind writing for `year`."""
    return draft_core(_templates(), genre, year, tmp_path / "a.answers.yaml")


def defects(text: str, genre: str, year: int, phrase_year: int | None, *, heading: bool = False) -> list[str]:
    """What a user must never be offered first: a fact of another year, another unit's name, a fragment,
    another genre's words."""
    from test_generalise import HALLMARKS

    from drafter.mining.slots import SLOT, slot_type

    found = [f"{m.text} 属于{m.belongs_to(year)}" for m in stale(text, year)]
    if phrase_year not in (None, year):
        found.append(f"只适用于{phrase_year}年")
    names = {slot_type(m.group(1)) for m in SLOT.finditer(text)} - OWN_SLOTS
    blanks = {m.group(1).rstrip("0123456789") for m in re.finditer(r"【([^】]*)】", text)} - OWN_SLOTS
    found += [f"别人的名称：{n}" for n in names | blanks]
    found += [w for w in ("XX", "某某") if w in text]
    if not heading and (text[-1:] in _FRAGMENT_END and not text.endswith(("如下：", "以下工作："))):
        found.append("以；、，结尾")
    if text.startswith(_MID_LIST_START) or text.count("“") != text.count("”"):
        found.append("从列举中间开始或引号不成对")
    found += [f"{other}的用语“{w}”" for other, words in HALLMARKS.items() if other != genre for w in words if w in text]
    return found


@pytest.mark.parametrize(("genre", "year"), [(g, y) for g in ["审计"] for y in WALKED_YEARS], ids=str)
def test_the_2023_opening_is_offered_for_2023_only(genre: str, year: int, tmp_path) -> None:
    core = wizard_core(genre, year, tmp_path)
    texts = [c.title for c in core.questions("preamble")[0].choices]
    assert not [t for t in texts if "二十大精神的开局之年" in t or "承上启下" in t]


def test_wizard_defaults_and_first_offers_for_every_genre_part_and_year(tmp_path) -> None:
    """Walk the draft core the wizard and the web page use: the opening's and the closing's default and first
    three choices, each part's default heading and ticked sub-headings, and the first three /p offers of every
    body role, for 2024, 2025 and 2026."""
    from drafter.bank.listing import genre_rows

    problems: list[str] = []
    walked_any = 0
    for row in genre_rows(_templates()):
        genre = row["name"]
        for year in WALKED_YEARS:
            core = wizard_core(genre, year, tmp_path)
            for part in ("preamble", "closing"):
                question = core.questions(part)[0]
                defaults = [c for c in question.choices if c.value == question.default]
                first = [c for c in question.choices if not c.value.startswith("__")][:3]
                for choice in [*defaults, *first]:
                    phrase = core.find_phrase(choice.value)
                    assert phrase.tier == "常用语" or choice not in defaults, "a 范例 is never a default"
                    if phrase.tier == "常用语":
                        problems += [
                            f"{genre} {year} {part}：{d}：{choice.title}"
                            for d in defects(choice.title, genre, year, phrase.year)
                        ]
                        walked_any += 1
            for index in range(len(core.nodes())):
                questions = core.part_questions(f"sections[{index}]")
                ticked = [c.title for c in questions.children.choices if c.checked]
                for heading in [questions.heading.default or "", *ticked]:
                    problems += [
                        f"{genre} {year} 小标题：{d}：{heading}"
                        for d in defects(str(heading), genre, year, None, heading=True)
                    ]
            for role in BODY_ROLES:
                for phrase in core.insert_bank(role).matches("", 3):  # what /p lists before anything is typed
                    text = core.offered_text(phrase)
                    if phrase.tier != "常用语":
                        problems.append(f"{genre} {year} /p {role}：前三条里有范例：{text}")
                    problems += [
                        f"{genre} {year} /p {role}：{d}：{text}" for d in defects(text, genre, year, phrase.year)
                    ]
                    walked_any += 1
    assert walked_any > 300
    assert problems == []


# --- drafter phrases: the tier shown, filtered, moved by a person ------------------------------------------------


def test_phrases_json_has_tier_and_year_and_a_year_filter(capsys) -> None:
    from conftest import TEMPLATES, run

    code, output = run(
        ["phrases", "审计", "--role", "开头", "--year", "2025", "--json", "--templates", str(TEMPLATES)], capsys
    )
    phrases = json.loads(output)["phrases"]
    assert code == 0 and phrases[0]["tier"] == "常用语" and phrases[0]["year"] == 2025
    assert all(p["year"] in (None, 2025) and not stale(p["text"], 2025) for p in phrases)
    code, output = run(["phrases", "审计", "--tier", "范例", "--json", "--templates", str(TEMPLATES)], capsys)
    assert code == 0 and {p["tier"] for p in json.loads(output)["phrases"]} == {"范例"}


def test_a_person_moves_a_phrase_between_tiers_and_it_stays_moved(tmp_path, capsys) -> None:
    import shutil

    from conftest import TEMPLATES, run

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    common = "--templates", str(templates)
    code, output = run(["phrases", "审计", "--role", "计划", "--tier", "常用语", "--json", *common], capsys)
    moved = json.loads(output)["phrases"][0]["id"]
    code, output = run(["phrases", "tier", "范例", moved, *common], capsys)
    assert code == 0 and "已把 1 条改为范例" in output
    code, _ = run(["phrases", "accept", moved, *common], capsys)  # accepting keeps the tier it was moved to
    code, output = run(["phrases", "审计", "--role", "计划", "--json", *common], capsys)
    found = next(p for p in json.loads(output)["phrases"] if p["id"] == moved)
    assert found["tier"] == "范例" and found["status"] == "accepted"
    code, output = run(["phrases", "tier", "好句子", moved, *common], capsys)
    assert code != 0 and "常用语" in output


def test_the_review_pass_can_move_a_phrase_to_the_other_tier(tmp_path) -> None:
    import shutil

    from conftest import TEMPLATES

    from drafter.bank.catalog import select_phrases
    from drafter.bank.phrasebook import Decision, review_pass

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    pending = [p for p in select_phrases(templates, "审计", "plan", None) if p.tier == "范例"][:1]
    counts = review_pass(templates, pending, lambda phrase, index, total: Decision("tier", "常用语"))
    assert counts["tier"] == 1
    again = next(p for p in select_phrases(templates, "审计", "plan", None) if p.id == pending[0].id)
    assert again.tier == "常用语"
