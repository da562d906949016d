"""What a unit of another line of work, level or post can sign (issue 20, round 3 of the clerk's scoring).

A genre whose writers each have a line of work of their own (bureaus, companies, a 街道 beside a 镇, persons in
different posts) offers as 常用语 only what several of them say; a genre of one writer does not offer its unit's own
line (统计 in a genre of 人事 work); a person's summary speaks as a person; a government report borrows no unit's
sentence; a title's level is the writer's own; a part with nothing to take gets a hint and drafter's sentence.
The snippets are written for these tests: units, years and lines of work the seed corpus does not have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.mining.genres import load_genres, match_genre
from drafter.mining.lexicon import lexicon
from drafter.mining.reduce import full_subject, own_level_as_slot, with_unknown_terms
from drafter.mining.tiers import lines_of_work, names_own_line
from drafter.models import Draft
from drafter.output.render.document import blank_skeleton
from drafter.output.render.text import title_from_pattern
from drafter.reading.titles import title_facts


def report(unit: str, year: int, opening: str, work: list[str], problems: list[str], plans: list[str]) -> str:
    """A small year-end summary of `unit` in the usual four parts."""
    return "\n".join(
        [
            f"{unit}{year}年工作总结",
            f"{year}年，{opening}各项工作取得了较好成效。现将有关情况总结如下：",
            "一、主要工作及成效",
            *work,
            "二、存在的问题",
            *problems,
            f"三、{year + 1}年工作计划",
            *plans,
            unit,
            f"{year}年12月20日",
        ]
    )


SHARED_PROBLEM = "专业技术人才不足，干部队伍能力素质有待进一步提高。"
SHARED_PLAN = "加强人才队伍建设，提升干部队伍能力素质。"
FORESTRY = report(
    "XX县林业局",
    2025,
    "县林业局坚持以习近平新时代中国特色社会主义思想为指导，认真履行职责，",
    [
        "全年完成植树造林1.2万亩，森林覆盖率达到62%，林长制各项任务全面落实。",
        "严格落实森林防火责任制，全年未发生重大森林火灾。",
    ],
    ["林下经济发展不够充分，带动群众增收能力不强。", SHARED_PROBLEM],
    ["大力发展林下经济，拓宽群众增收渠道。", SHARED_PLAN],
)
JUSTICE = report(
    "XX县司法局",
    2024,
    "县司法局坚持以习近平新时代中国特色社会主义思想为指导，认真履行职责，",
    [
        "全年办理法律援助案件860件，调处矛盾纠纷1200余件，调解成功率达到97%。",
        "深入开展普法宣传，组织法治宣传进社区活动40场。",
    ],
    ["人民调解员队伍老化，专业化水平不高。", SHARED_PROBLEM],
    ["加强人民调解员队伍建设，提升矛盾纠纷化解能力。", SHARED_PLAN],
)
GOVERNS = "基层治理和公共服务还有短板，群众急难愁盼问题解决得还不够及时。"
STREET = report(
    "XX街道办事处",
    2024,
    "XX街道在区委、区政府的坚强领导下，围绕中心、服务大局，",
    ["全年新增市场主体420户，楼宇经济税收增长12%。", "持续推进老旧小区改造，完成改造小区8个，居民居住条件明显改善。"],
    ["楼宇经济发展后劲不足，高端业态招引难度较大。", GOVERNS],
    ["培育壮大楼宇经济，提升辖区经济发展质量。", "完善基层治理体系，提升为民服务能力。"],
)
TOWN = report(
    "XX镇",
    2025,
    "XX镇在县委、县政府的坚强领导下，围绕中心、服务大局，",
    ["全年粮食播种面积稳定在5.2万亩，新建高标准农田3000亩。", "扎实推进农村人居环境整治，村容村貌明显改善。"],
    ["农业产业链条短，农产品附加值不高。", GOVERNS],
    ["延伸农业产业链条，提高农产品附加值。", "完善基层治理体系，提升为民服务能力。"],
)
NURSE = """护理部护士长2025年个人工作总结
2025年，我在医院党委的领导下，认真履行岗位职责，较好地完成了各项工作任务。现将一年来的工作总结如下：
一、思想政治方面
认真学习习近平新时代中国特色社会主义思想，坚定理想信念，自觉遵守各项纪律规定。
积极参加单位组织的各项学习活动，认真撰写学习笔记，不断提高政治理论水平。
二、业务工作方面
全年组织护理质量检查48次，护理文书合格率达到98%。
坚持每周参加科室业务学习，熟练掌握各项护理操作规范，护理服务水平不断提高。
三、存在的不足
理论学习不够系统，创新意识有待增强。
四、明年打算
加强护理管理知识学习，提升科室护理质量。
张某某
2025年12月28日
"""
ACCOUNTANT = """财务科会计2024年个人工作总结
2024年，我在科室领导的关心帮助下，认真履行岗位职责，较好地完成了各项工作任务。现将一年来的工作总结如下：
一、思想政治方面
认真学习习近平新时代中国特色社会主义思想，坚定理想信念，自觉遵守各项纪律规定。
积极参加单位组织的各项学习活动，认真撰写学习笔记，不断提高政治理论水平。
二、业务工作方面
全年审核报销凭证3600余张，编制会计报表24份，做到账实相符。
严格执行财经纪律和会计制度，认真做好预算编制和资金管理，财务工作规范有序。
三、存在的不足
理论学习不够系统，创新意识有待增强。
四、明年打算
加强财会业务学习，提高财务管理水平。
李某某
2024年12月28日
"""


def mined(tmp_path: Path, documents: dict[str, str]) -> Path:
    """Templates mined from these documents."""
    from drafter.mining.run import mine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    mine([corpus], tmp_path / "t")
    return tmp_path / "t"


def own_phrases(templates: Path, genre_id: str) -> dict[str, str]:
    """A genre's own (not borrowed) phrase texts and their tiers."""
    lines = (templates / "phrases" / f"{genre_id}.jsonl").read_text(encoding="utf-8").splitlines()
    return {p["text"]: p["tier"] for p in map(json.loads, lines) if not p["borrowed"]}


@pytest.mark.parametrize(
    ("documents", "genre_id", "words", "tier"),
    [
        # bureaus of two lines of work: each one's line, said once, is its own
        ({"f": FORESTRY, "j": JUSTICE}, "jiguan", "林下经济发展不够充分", "范例"),
        ({"f": FORESTRY, "j": JUSTICE}, "jiguan", "加强人民调解员队伍建设", "范例"),
        ({"f": FORESTRY, "j": JUSTICE}, "jiguan", SHARED_PROBLEM, "常用语"),
        ({"f": FORESTRY, "j": JUSTICE}, "jiguan", SHARED_PLAN, "常用语"),
        # a 街道 and a 镇: the city's words are not the countryside's, nor the other way round
        ({"s": STREET, "t": TOWN}, "xiangzhen", "培育壮大楼宇经济", "范例"),
        ({"s": STREET, "t": TOWN}, "xiangzhen", "农业产业链条短", "范例"),
        ({"s": STREET, "t": TOWN}, "xiangzhen", GOVERNS, "常用语"),
        # two 镇 share their line: one's word said once stays a 常用语 of the genre
        ({"s": TOWN.replace("XX镇", "YY镇"), "t": TOWN}, "xiangzhen", "农业产业链条短", "常用语"),
    ],
)
def test_one_writers_own_line_is_an_example_where_writers_differ(
    tmp_path: Path, documents: dict[str, str], genre_id: str, words: str, tier: str
) -> None:
    phrases = own_phrases(mined(tmp_path, documents), genre_id)
    found = {t for text, t in phrases.items() if words in text}
    assert found == {tier}, phrases


@pytest.mark.parametrize(
    ("unit", "lines"),
    [
        ("市统计局", ["统计"]),
        ("区城市更新和土地整备局", ["城市更新", "土地整备"]),
        ("桐江县林业局", ["林业"]),
        ("南溪区医疗保障局", ["医疗保障"]),
        ("县融媒体中心", ["融媒体"]),
        ("XX乡", []),
        ("县人民医院", []),
        ("XX市第三中学", []),
    ],
)
def test_lines_of_work_a_units_name_says(unit: str, lines: list[str]) -> None:
    assert lines_of_work(unit) == lines


@pytest.mark.parametrize(
    ("text", "unit", "genre_words", "named"),
    [
        ("鼓励和支持统计人员参加专业技术资格考试。", "市统计局", "人事 人才 干部队伍", "统计"),
        ("鼓励干部参加在职学历教育，提升专业素养。", "市统计局", "人事 人才 干部队伍", None),
        ("严格执行审计法，提高审计质量。", "县审计局", "审计 经济责任", None),  # the genre's own line
        ("全年林业产值增长{百分比}。", "桐江县林业局", "人事 人才", "林业"),
    ],
)
def test_a_genre_of_one_writer_does_not_offer_its_units_line(
    text: str, unit: str, genre_words: str, named: str | None
) -> None:
    assert names_own_line(text, unit, genre_words) == named


def test_a_widely_used_word_names_no_line() -> None:
    assert names_own_line("推动高质量发展。", "青山县发展和改革委员会", "人事", frozenset({"发展"})) is None


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("深化医共体建设，提升基层首诊能力。", {"医共体", "首诊"}),
        ("加大招商引资力度，培育壮大楼宇经济。", set()),
        ("全年新建的学校有{数量}所。", set()),
    ],
)
def test_terms_the_dictionary_does_not_know_are_counted_as_words(text: str, terms: set[str]) -> None:
    words = with_unknown_terms(lexicon().forward)(text)
    assert {w for w in words if len(w) >= 2} >= terms
    assert not {w for w in words[len(lexicon().forward(text)) :]} - terms


@pytest.mark.parametrize(
    ("pattern", "description", "titled"),
    [
        ("{单位}{年份}年均衡发展工作总结", "义务教育均衡发展工作总结", "{单位}{年份}年义务教育均衡发展工作总结"),
        (
            "{单位}{年份}年度农村危房改造工作总结",
            "农村危房改造与农房安全工作总结",
            "{单位}{年份}年度农村危房改造工作总结",
        ),
        ("{单位}{年份}年工作总结", "由 drafter mine 从语料中自动归纳（医院）", "{单位}{年份}年工作总结"),
        ("{单位}{年份}年行风建设工作总结", "医院、窗口单位的行风建设与廉政工作总结", "{单位}{年份}年行风建设工作总结"),
    ],
)
def test_a_title_names_its_subject_in_full(pattern: str, description: str, titled: str) -> None:
    assert full_subject(pattern, description) == titled


@pytest.mark.parametrize(
    ("pattern", "slotted"),
    [
        ("{单位}关于{年份}年度区政协提案办理工作的总结", "{单位}关于{年份}年度{本级}政协提案办理工作的总结"),
        ("{单位}{年份}年县人大代表建议办理工作总结", "{单位}{年份}年{本级}人大代表建议办理工作总结"),
        ("{单位}{年份}年社区党委工作总结", "{单位}{年份}年社区党委工作总结"),  # 社区 is no level
        ("{单位}{年份}年城区供水工作总结", "{单位}{年份}年城区供水工作总结"),
    ],
)
def test_a_level_in_a_title_is_the_writers_own(pattern: str, slotted: str) -> None:
    assert own_level_as_slot(pattern) == slotted


@pytest.mark.parametrize(
    ("org", "title"),
    [
        ("桐江县住房和城乡建设局", "桐江县住房和城乡建设局关于2026年度县政协提案办理工作的总结"),
        ("河西区民政局", "河西区民政局关于2026年度区政协提案办理工作的总结"),
        (None, "【单位名称】关于2026年度【本级】政协提案办理工作的总结"),
    ],
)
def test_the_level_slot_is_filled_with_the_units_level(org: str | None, title: str) -> None:
    assert title_from_pattern("{单位}关于{年份}年度{本级}政协提案办理工作的总结", org, 2026) == title


@pytest.mark.parametrize(
    ("title", "headings", "genre"),
    [
        # a hospital's year-end summary with one part on 行风 is no 行风建设 summary
        ("县妇幼保健院2024年工作总结", ["妇幼健康指标持续向好", "业务能力稳步提升", "行风建设不断加强"], None),
        ("县中医院2025年工作总结", ["医疗质量持续提升", "医德医风建设", "存在的问题"], None),
        # two parts on it, and it is
        ("县中医院2025年工作总结", ["行风建设扎实推进", "医德医风持续向好", "存在的问题"], "行风建设"),
    ],
)
def test_one_heading_does_not_make_a_genre(title: str, headings: list[str], genre: str | None) -> None:
    found = match_genre(title_facts(title, None), headings, load_genres())
    assert (found.name if found else None) == genre


@pytest.fixture(scope="module")
def persons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Templates mined from two persons' summaries (a nurse 2025, an accountant 2024) and two bureaus'."""
    root = tmp_path_factory.mktemp("persons")
    return mined(root, {"n": NURSE, "a": ACCOUNTANT, "f": FORESTRY, "j": JUSTICE})


def test_a_persons_figures_are_their_posts_record(persons: Path) -> None:
    phrases = own_phrases(persons, "gerenzongjie")
    assert {t for text, t in phrases.items() if "{数量" in text or "{百分比" in text} == {"范例"}
    assert phrases["认真学习习近平新时代中国特色社会主义思想，坚定理想信念，自觉遵守各项纪律规定。"] == "常用语"


def test_a_person_is_offered_a_persons_sentences_only(persons: Path, tmp_path: Path) -> None:
    from drafter.writing.draft import DraftCore, library

    core = DraftCore(Draft(), library(persons), tmp_path / "a.answers.yaml")
    core.apply("genre", "个人总结")
    core.apply("org", "青山县人民医院")
    core.apply("year", "2026")
    for role in ("measure", "problem", "plan"):
        offered = [core.offered_text(p) for p in core.insert_bank(role).matches("", None)]
        assert offered, role
        assert not [t for t in offered if "青山县人民医院" in t or re.search(r"我院|全院|我们", t)], role
    opening = core.questions("preamble")[0]
    assert opening.default and "我" in core.find_phrase(opening.default).text
    text = blank_skeleton("个人总结", tmp_path / "p.md", year=2026, templates_option=persons).read_text("utf-8")
    assert "【可参考的小标题】加强理论学习" in text and "筑牢思想根基" not in text
    # drafter's sentences go to the part whose heading they share words with: the work part gets the one on work
    work = text.split("业务工作方面", 1)[1].split("## ", 1)[0]
    assert "钻研业务知识" in work


def test_an_empty_work_part_gets_a_hint_and_drafters_sentences_each_once(tmp_path: Path) -> None:
    lines = FORESTRY.splitlines()
    # a work part of its own whose only sentence names a place's project: nothing in it another unit can take
    lines[5:5] = ["二、国有林场改革", "完成桐江林场改制，组建桐江林业发展有限公司。"]
    lines = [re.sub(r"^二、存在", "三、存在", line).replace("三、2026", "四、2026") for line in lines]
    templates = mined(tmp_path, {"f": "\n".join(lines), "j": JUSTICE.replace("XX县司法局", "XX县林业局")})
    text = blank_skeleton("林业", tmp_path / "s.md", year=2026, templates_option=templates).read_text("utf-8")
    hints = text.count("同类总结中这一部分没有可以照用的句子")
    examples = re.findall(r"^> 【参考例句】(.+)$", text, flags=re.M)
    assert hints >= 1
    assert len(examples) == len(set(examples)), "drafter's own sentences are shown once in a skeleton"


FORESTRY_STAFF = """XX县林业局2024年人事工作总结
2024年，县林业局高度重视人事工作，坚持党管干部原则，稳步推进干部队伍建设，各项工作取得了较好成效。现将有关情况总结如下：
一、主要工作开展情况
（一）加强干部教育培训
全年组织干部参加各类培训32人次，干部队伍能力素质进一步提升。
（二）严格干部选拔任用
严格执行干部选拔任用工作程序，坚持德才兼备、以德为先，选人用人公信度不断提高。
二、存在的问题
（一）林业专业人员进步空间有限
鼓励林业干部参加专业技术资格考试的措施还不够有力，林业专业人才储备不足。
（二）干部年龄结构不够合理
干部队伍年龄偏大，年轻干部储备不足。
三、下一步工作计划
加强干部教育培训，提升干部队伍能力素质。
XX县林业局
2024年12月20日
"""


def test_a_genre_of_one_writer_offers_no_heading_or_sentence_of_its_units_line(tmp_path: Path) -> None:
    templates = mined(tmp_path, {"s": FORESTRY_STAFF})  # 人事 work, written by a 林业局
    text = blank_skeleton("统计人事", tmp_path / "s.md", year=2026, templates_option=templates).read_text("utf-8")
    children = " ".join(re.findall(r"【可参考的小标题】(.+)", text))
    assert "干部年龄结构不够合理" in children and "林业" not in children
    phrases = own_phrases(templates, "renshi")
    assert {t for text, t in phrases.items() if "林业" in text} == {"范例"}
    assert phrases["干部队伍年龄偏大，年轻干部储备不足。"] == "常用语"


def test_a_government_report_plans_in_a_governments_voice_and_lends_no_units_sentence(tmp_path: Path) -> None:
    from test_signable import GOVERNMENT, LIBRARY, WEATHER

    from drafter.writing.draft import DraftCore, library

    county = (
        GOVERNMENT.replace("（一）着力扩大有效投资，全力抓好项目建设。\n", "")
        .replace("（二）", "")
        .replace("（三）", "")
    )
    # two units no genre takes: their shared plan sentence is 通用's own
    templates = mined(tmp_path, {"a": county, "b": county.replace("县", "市"), "w": WEATHER, "l": LIBRARY})
    text = blank_skeleton("政府工作报告", tmp_path / "g.md", year=2026, templates_option=templates).read_text("utf-8")
    plan = text.split("工作安排", 1)[1].split("## ", 1)[0]
    assert "【可参考的小标题】" in plan and "筑牢思想根基" not in plan  # a government's, not a unit's
    core = DraftCore(Draft(), library(templates), tmp_path / "a.answers.yaml")
    core.apply("genre", "政府工作报告")
    core.apply("org", "青山县人民政府")
    core.apply("year", "2026")
    offered = [core.find_phrase(p.id) for p in core.insert_bank("plan").matches("", None)]
    # its own sentences and drafter's; none of 通用's, which units wrote
    assert offered and all(p.genre == core.genre.id or p.origin == "register" for p in offered if core.genre)


def test_a_discovered_genres_keywords_are_its_writers_lines_not_the_genres(tmp_path: Path) -> None:
    # 自然资源 is a word the dictionary counts as no topic: only the unit's name tells it is one writer's line
    planned = FORESTRY.replace("林业局", "自然资源局").replace(
        "大力发展林下经济，拓宽群众增收渠道。",
        "（一）强化自然资源要素保障\n保障项目用地。\n（二）加强干部队伍建设\n加强干部培训。",
    )
    templates = mined(tmp_path, {"f": planned, "j": JUSTICE})  # a genre 机关 whose keywords are 自然资源, 司法
    text = blank_skeleton("机关", tmp_path / "s.md", year=2026, templates_option=templates).read_text("utf-8")
    children = " ".join(re.findall(r"【可参考的小标题】(.+)", text))
    assert "加强干部队伍建设" in children and "自然资源" not in children
