"""Round 4 of issue 20: a typo (重复字) is fixed or kept out, a writer's own rhetoric, one system's superiors, a named
component of one platform and a counted building are 范例, a sentence in another kind of unit's voice is a 范例 in
a genre of other kinds, and a part that proposes to superiors is named by its role. Snippets written for these tests
(other units, other years), not taken from the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.mining.proofread import problems, proofread
from drafter.mining.tiers import example_reason, speaks_as_another_kind
from drafter.output.check.usage import doubled_characters


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        ("推动产业项目向园区中中心集聚。", "推动产业项目向园区中心集聚。"),
        ("切实加强队伍伍建设。", "切实加强队伍建设。"),
        ("全面完成成各项目标任务。", "全面完成各项目标任务。"),
        ("全面完成成年度任务。", None),  # 完成|成年|度: the dictionary cannot say which is wrong
        # real reduplication and a character that ends one word and starts the next
        ("层层压实安全生产责任。", None),
        ("扎扎实实开展作风建设。", None),
        ("家家户户都有了保障。", None),
        ("一件件实事落到实处。", None),
        ("各村村民代表参加会议。", None),
        ("切实加强工作作风建设。", None),
        ("坚持人民民主专政。", None),
        ("为全局工作作出新的贡献。", None),  # 工作|作出, however the dictionary splits it
        ("以酒驾醉驾等违法行为为重点。", None),  # 行为|为
        ("及时完成了了解群众需求的调查。", None),
        ("这类问题从未不了了之。", None),
        ("胸痛中心、卒中中心通过国家级认证。", None),  # 卒中 is a term the dictionary lacks
        ("年年开展安全大检查。", None),
        ("出厂水水质合格率达到98%。", None),  # 出厂水|水质: a noun may head a term the dictionary lacks
        ("加大辖区内内河治理力度。", None),
        ("不断提高高质量发展水平。", None),
    ],
)
def test_a_character_written_twice_is_fixed_where_the_fix_is_certain(sentence: str, fixed: str | None) -> None:
    found = doubled_characters(sentence)
    if fixed is None:
        assert not found and proofread(sentence) == sentence
    else:
        assert found and proofread(sentence) == fixed and not problems(fixed)


def test_check_reports_a_character_written_twice_once(tmp_path: Path) -> None:
    from drafter.output.check.run import check_paths

    path = tmp_path / "a.txt"
    path.write_text("县住建局2025年工作总结\n一、主要工作\n推动产业项目向园区中中心集聚。\n", encoding="utf-8")
    (report,) = check_paths([path], templates_option=None).reports
    findings = [f for f in report.findings if "中中心" in f.message]
    assert len(findings) == 1 and "园区中心" in (findings[0].suggestion or "")  # one finding a place


@pytest.mark.parametrize(
    ("text", "role", "why"),
    [
        ("坚持党建引领，奏好为民服务之曲。", "measure", "修辞"),
        ("聚焦主责主业，奏响高质量发展的交响曲，各项工作迈上新台阶。", "result", "修辞"),
        ("唱响青春之歌，全年组织青年干部开展志愿服务{数量}次。", "result", "修辞"),
        ("力争为后续同类项目探索一条可复制可推广的实施路径。", "plan", "试点"),
        ("认真组织干部参加国家局或省局举办的各类业务培训。", "measure", "系统"),
        ("积极配合国家、省局开展税收调研，按时报送报表。", "measure", "系统"),
        ("充分利用“云课堂”平台组织干部在线学习，全年学习{数量}课时。", "measure", "提法"),
        ("依托“先锋”工作室开展业务技能传帮带。", "measure", "提法"),
        ("争取上级资金，建成了两栋教师周转房。", "result", "节点"),
        # kept: the set phrases of 公文 and quoted words for emphasis
        ("新的一年，我们将凝心聚力、真抓实干，奋力谱写高质量发展新篇章。", "closing", None),
        ("认真总结经验做法，为后续工作打下坚实基础。", "measure", None),
        ("深化“一站式”服务，不断提升群众办事便利度。", "measure", None),
        ("严格按照要求选派干部参加省、市组织的各类培训。", "measure", None),
    ],
)
def test_a_writers_rhetoric_and_one_systems_words_make_an_example(text: str, role: str, why: str | None) -> None:
    reason = example_reason(text, role)
    assert (reason is None) if why is None else (reason is not None and why in reason)


@pytest.mark.parametrize(
    ("text", "kinds", "other"),
    [
        ("学区党政领导班子高度重视控辍保学工作。", {"局"}, "学区"),
        ("一年来，学区各项工作得到上级的肯定。", {"学校"}, "学区"),
        ("院党委始终坚持公益性办院方向。", {"局"}, "医院"),
        ("院党委始终坚持公益性办院方向。", {"医院"}, None),
        ("局党组高度重视审计整改工作。", {"局"}, None),
        ("镇党委高度重视安全生产工作。", {"乡"}, None),  # a township's words are adapted to the writer's kind
        ("街道党工委认真履行管党治党主体责任。", {"局"}, "街道"),
        ("成立了以校长任组长的工作领导小组。", {"局"}, "学校"),
        ("成立了以局长为组长的工作领导小组。", {"局"}, None),
        ("成立了以主要负责同志为组长的工作领导小组。", {"学校"}, None),
        ("各校功能室全部按标准配齐。", {None}, "局"),
        ("各校功能室全部按标准配齐。", {"局"}, None),
        ("县委高度重视乡村振兴工作。", {"局"}, None),
    ],
)
def test_a_sentence_in_another_kind_of_units_voice(text: str, kinds: set[str | None], other: str | None) -> None:
    assert speaks_as_another_kind(text, kinds) == other


# A county health commission's report, written for this test: a hospital's voice in it (院党委), a part that
# proposes to superiors.
COMMISSION = """青山县卫生健康委员会2025年工作总结
2025年，县卫生健康委坚持以人民健康为中心，各项工作取得新的成效。现将有关情况总结如下：
一、主要工作及成效
院党委始终坚持公益性办院方向，把社会效益放在首位，全面加强医院党的建设。
全县家庭医生签约服务覆盖率稳步提高，基层首诊、双向转诊机制不断完善。
持续推进医疗服务能力提升，县域内就诊率稳步提高，群众看病就医更加便捷。
扎实开展爱国卫生运动，城乡环境卫生面貌持续改善，群众健康素养水平不断提升。
认真落实传染病防控各项措施，及时处置突发公共卫生事件，未发生重大疫情。
加强妇幼健康服务，孕产妇和婴幼儿系统管理率保持较高水平。
二、存在的问题
基层卫生人才引不进、留不住，服务能力有待进一步提升。
三、对今后工作的意见和建议
进一步加强基层卫生人才队伍建设，完善人才引进和激励机制。
进一步加大对基层医疗卫生机构的投入，改善基础设施和设备条件，提升服务能力。
青山县卫生健康委员会
2025年12月28日
"""


def test_another_kinds_voice_is_an_example_and_a_proposal_part_is_named_by_its_role(tmp_path: Path) -> None:
    import json

    from drafter.mining.run import mine

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "commission.txt").write_text(COMMISSION, encoding="utf-8")
    mine([corpus], tmp_path / "t")
    phrases = [json.loads(line) for path in (tmp_path / "t" / "phrases").glob("*.jsonl") for line in path.open()]
    assert {p["tier"] for p in phrases if p["text"].startswith("院党委始终坚持")} == {"范例"}
    assert {p["tier"] for p in phrases if p["text"].startswith("全县家庭医生签约")} == {"常用语"}
    skeletons = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "t" / "skeletons").glob("*.yaml"))
    assert "heading: 下一步工作计划" in skeletons and "意见和建议" not in skeletons
