"""drafter check: findings on small snippets, on the seed's real slips, on rendered drafts; --fix; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from conftest import SEED, TEMPLATES, run

from drafter.cli import main
from drafter.output.check.run import check_paths, part_figures
from drafter.output.render.document import blank_skeleton, render_answers
from drafter.reading.read import read_source
from drafter.writing.target import parse_target

TITLE = "县审计局2024年工作总结\n"


def findings_of(tmp_path: Path, text: str, name: str = "draft.txt") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (report,) = check_paths([path], templates_option=TEMPLATES).reports
    return report.findings


def codes(findings: list) -> list[str]:
    return [f.code for f in findings if not f.code.startswith("length-")]  # lengths depend on the genre: tested apart


@pytest.mark.parametrize(
    ("body", "code", "fragment"),
    [
        ("一、主要工作\n成效明显。\n三、存在问题\n不足。\n", "numbering-jump", "改为“二、”"),
        ("一、主要工作\n成效明显。\n二、存在问题\n不足。\n二、下一步\n计划。\n", "numbering-stray", "二、"),
        (
            "一、主要工作\n（一）加强领导\n一是健全机制。二是压实责任。\n（二）强化督办\n五是加强廉政。\n",
            "item-stray",
            "五是",
        ),
        ("一、主要工作\n（一）加强领导\n领导有力。\n(二)强化督办\n督办到位。\n", "bracket-width", "（二）"),
        ("一、主要工作\n1、加强领导\n领导有力。\n2、强化督办\n督办到位。\n", "arabic-comma", "1."),
        ("一、主要工作\n1.加强领导\n领导有力。\n2.强化督办\n督办到位。\n", "level-skipped", "跳过了中间一级"),
        ("一、主要工作\n（一）加强领导\n领导有力。\n二、存在问题\n不足。\n", "lone-child", "只有一个小标题"),
        ("一、主要工作\n完成XX个项目。\n", "placeholder", "XX"),
        ("一、主要工作\n【写作提示】本部分约800字。\n", "hint-left", "【写作提示】"),
        ("一、主要工作\n二、存在问题\n不足。\n三、下一步计划\n加强学习。\n", "empty-section", "一、主要工作"),
        ("一、主要工作\n全年完成投资12亿元，上年为10亿元，同比增长25%。\n", "growth-mismatch", "增长20.0%"),
        ("一、主要工作\n全年减少至8个，上年为10个，同比下降30%。\n", "growth-mismatch", "下降20.0%"),
        ("一、主要工作\n共收到提案19件，其中主办件3件、分办件1件、会办件16件。\n", "total-mismatch", "19件"),
        (
            "一、主要工作\n完成投资2.1亿元（其中中央资金1.2亿元、省级资金0.5亿元）。\n",
            "total-mismatch",
            "各项之和1.7亿元",
        ),
        ("一、主要工作\n到位资金2.1亿元（其中中央资金1.2亿元、省级资金8000万元）。\n", "total-mismatch", "2亿元"),
        ("一、主要工作\n推进工业上上楼，盘活闲置厂房。\n", "doubled-char", "工业上楼"),
        ("一、主要工作\n我们们的工作取得新进展。\n", "doubled-char", "多打了一个“们”"),
        (
            "一、主要工作\n坚持以新时代中国特色社会主义思想为指导。\n",
            "canonical-expression",
            "习近平新时代中国特色社会主义思想",
        ),
        (
            "一、主要工作\n深入贯彻落实关于审计工作的重要指示批示精神。\n",
            "canonical-expression",
            "习近平总书记关于审计工作",
        ),
        ("一、主要工作\n组织全院D员学习，通过AAA公众号发布。\n", "stand-in", "D员"),
        ("一、主要工作\n我们认真落实了各项制度要求。我们认真落实了各项制度要求。\n", "duplicate-sentence", "重复"),
        (
            "一、主要工作\n（一）加强领导，健全机制\n好。\n（二）强化督办，提高效率\n好。\n（三）密切交流，保障质效\n好。\n"
            "（四）我们在这一年里做了很多很多的工作并且取得了非常显著的成效\n好。\n",
            "heading-parallelism",
            "（四）",
        ),
    ],
)
def test_finding(tmp_path: Path, body: str, code: str, fragment: str) -> None:
    found = [f for f in findings_of(tmp_path, TITLE + body) if f.code == code]
    assert found, codes(findings_of(tmp_path, TITLE + body))
    assert any(fragment in f.message + f.suggestion for f in found)
    assert all(f.paragraph for f in found if f.code not in ("length-total",))


@pytest.mark.parametrize(
    "body",
    [
        "一、主要工作\n全年完成投资12亿元，上年为10亿元，同比增长20%。\n二、存在问题\n不足。\n",
        "一、主要工作\n共收到提案19件，其中主办件3件、分办件1件、会办件15件。\n二、存在问题\n不足。\n",
        "一、主要工作\n（一）加强领导\n层层压实责任，认真履行行风建设职责。\n（二）强化督办\n督办到位。\n二、存在问题\n不足。\n",
        "一、主要工作\n完成投资2.1亿元（其中中央资金1.2亿元、省级资金9000万元）。\n二、存在问题\n不足。\n",
        "一、主要工作\n召开党委委员会会议，完成审计计划，回头看看成效，对对方的意见的的确确做了整改。\n二、存在问题\n不足。\n",
        "一、主要工作\n坚持以习近平新时代中国特色社会主义思想为指导，贯彻落实习近平总书记关于审计工作的重要指示批示。\n"
        "二、存在问题\n不足。\n",
        # A list (nothing under its items), numbered sentences of the body, a run-in heading that is a full sentence,
        # and top-level numbering that starts again for next year's plan are no numbering or empty-heading slips.
        "一、主要工作\n全年完成以下工作：\n（一）完成绩效考核；\n（二）完成标准化建设。\n二、存在问题\n不足。\n",
        "一、主要工作\n（一）采用分布式存储架构，存储容量由200TB扩展至600TB，并支持在线横向扩展。\n"
        "新增存储节点与原有节点组成统一资源池。\n二、存在问题\n不足。\n",
        "一、主要工作\n（一）财政审计\n1.聚焦预算执行。开展预算执行审计。\n2.聚焦债务风险防范，持续跟踪政府债务管理情况，推动建立风险预警机制。\n"
        "（二）经济责任审计\n完成审计12项。\n二、存在问题\n不足。\n",
        "一、主要工作\n完成任务。\n二、存在问题\n不足。\n三、其他\n其他工作。\n一、明年计划\n加强学习。\n二、保障措施\n落实责任。\n",
        # Numbers in characters repeat digits (十五五, 二〇二二); a word the dictionary lacks (入职, 品规) meets the next.
        "一、主要工作\n谋划“十五五”规划，总结二〇二二年以来的经验。\n二、存在问题\n不足。\n",
        "一、主要工作\n组织新入职职工培训，规范药品品规管理。\n二、存在问题\n不足。\n",
    ],
)
def test_clean_text_has_no_findings(tmp_path: Path, body: str) -> None:
    assert codes(findings_of(tmp_path, TITLE + body)) == []


def test_seed_slips_are_found() -> None:
    (report,) = check_paths([SEED], templates_option=TEMPLATES).reports
    messages = {(f.code, f.message) for f in report.findings}
    assert any(c == "bracket-width" and "(三)" in m for c, m in messages), "统计 report's (三)"
    assert any(c == "item-stray" and "五是" in m for c, m in messages), "统计 report's stray 五是"
    assert any(c == "doubled-char" and "工业上上楼" in m for c, m in messages), "城市更新 report's 工业上上楼"
    assert sum(c == "doubled-char" for c, _ in messages) == 1, "no false doubled characters (履行行风, 委员会会议)"
    stray = next(f for f in report.findings if f.code == "item-stray")
    assert stray.paragraph == 163 and "（四）拓宽晋升渠道" in stray.heading_path


def test_rendered_draft_is_clean(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "genre: 审计\norg: 县审计局\nyear: 2024\ndate: 2024-12-20\npreamble: 2024年，我局坚持依法审计。\n"
        "sections:\n  - heading: 主要工作\n    children:\n      - heading: 强化审计监督\n        body: [全年完成审计项目54个。]\n"
        "      - heading: 推动整改落实\n        body: [整改问题金额1.2亿元。]\n  - heading: 存在的问题\n    body: [力量不足。]\n",
        encoding="utf-8",
    )
    render_answers(answers, tmp_path / "a.docx", templates_option=TEMPLATES)
    (report,) = check_paths([tmp_path / "a.docx"], templates_option=TEMPLATES).reports
    assert [f for f in report.findings if f.severity != "info"] == []


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_blank_skeleton_is_summarised(tmp_path: Path, suffix: str) -> None:
    skeleton = blank_skeleton("审计", tmp_path / f"提纲{suffix}", templates_option=TEMPLATES)
    (report,) = check_paths([skeleton], templates_option=TEMPLATES).reports
    content = [f for f in report.findings if not f.code.startswith("layout-")]
    assert [f.code for f in content] == ["blank-skeleton"] and content[0].severity == "info"
    assert content[0].message.startswith("这是空白提纲：") and "处待填写" in content[0].message
    assert report.errors == 0


def test_half_written_skeleton_flags_each_hint_once_and_never_as_a_repeat(tmp_path: Path) -> None:
    skeleton = blank_skeleton("审计", tmp_path / "提纲.md", templates_option=TEMPLATES)
    lines = skeleton.read_text(encoding="utf-8").splitlines()
    first_heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    lines.insert(first_heading + 1, "\n全年完成审计项目54个，查出问题金额1.2亿元。\n")
    skeleton.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (report,) = check_paths([skeleton], templates_option=TEMPLATES).reports
    found = codes(report.findings)
    hint_paragraphs = sum(1 for line in lines if line.startswith("> 【"))
    assert "blank-skeleton" not in found and "duplicate-sentence" not in found
    assert found.count("hint-left") == hint_paragraphs + 4, (
        "one per hint paragraph; 2 slots in the title, signature, date"
    )


def test_recorded_genre_and_kind(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "genre: shenji\norg: 某单位\nyear: 2024\nsections:\n  - heading: 主要工作\n    body: [做了工作。]\n"
    )
    render_answers(answers, tmp_path / "a.docx", templates_option=TEMPLATES)
    render_answers(answers, tmp_path / "a.md", templates_option=TEMPLATES)
    properties = docx.Document(str(tmp_path / "a.docx")).core_properties
    assert (properties.category, properties.content_status, properties.title) == (
        "审计",
        "工作总结",
        "某单位2024年工作总结",
    )
    assert properties.author == "" and "python-docx" not in properties.comments
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("---\n文档: 工作总结\n文种: 审计\n---\n")
    skeleton = docx.Document(str(blank_skeleton("审计", tmp_path / "s.docx", templates_option=TEMPLATES)))
    assert (skeleton.core_properties.category, skeleton.core_properties.content_status) == ("审计", "空白提纲")
    for path in (tmp_path / "a.docx", tmp_path / "a.md"):
        source = read_source(path)
        assert (source.genre, source.kind) == ("审计", "工作总结")
        assert source.paragraphs[0].text != "---" and all("文种" not in p.text for p in source.paragraphs)


def test_check_compares_lengths_with_the_recorded_genre(tmp_path: Path) -> None:
    assert part_figures("审计", TEMPLATES) != part_figures("通用", TEMPLATES)
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "genre: 审计\nsections:\n  - heading: 加强监督管理\n    body: [做了一些工作。]\n", encoding="utf-8"
    )
    render_answers(answers, tmp_path / "a.md", templates_option=TEMPLATES)
    (report,) = check_paths([tmp_path / "a.md"], templates_option=TEMPLATES).reports
    short = next(f for f in report.findings if f.code == "length-short")
    assert "同类总结这一部分一般约 300 字" in short.message, "the first 主要做法 part of 审计, as the skeleton says it"


def skeleton_figures(genre: str, tmp_path: Path) -> list[str]:
    """The per-part 约N字 figures the blank skeleton prints, part by part."""
    import re

    path = blank_skeleton(genre, tmp_path / f"{genre}.md", templates_option=TEMPLATES)
    hints = [line for line in path.read_text(encoding="utf-8").splitlines() if "本部分" in line]
    return [re.search(r"约(\d+)字", hint).group(1) for hint in hints]  # type: ignore[union-attr]


AUDIT_DRAFT = """genre: 审计
org: 某县审计局
year: 2024
date: 2024-12-20
sections:
  - heading: 树牢政治机关意识
    body: [全年共完成审计项目54个。]
  - heading: 履行审计监督职能
    body: [查出问题金额1.2亿元。]
  - heading: 存在的问题
    body: [人手不足。]
  - heading: 下一步工作
    body: [继续加强。]
closing: 今后，我局将在县委县政府的坚强领导下，踔厉奋发、笃行不怠，奋力开创审计工作新局面，为全县经济社会高质量发展作出新的更大贡献。
"""


def test_each_part_is_compared_with_the_skeletons_own_figure(tmp_path: Path) -> None:
    """Part 一 with the skeleton's figure for part 一 (not the biggest 主要做法 part), part 二 with its own."""
    answers = tmp_path / "a.yaml"
    answers.write_text(AUDIT_DRAFT, encoding="utf-8")
    render_answers(answers, tmp_path / "a.docx", templates_option=TEMPLATES)
    (report,) = check_paths([tmp_path / "a.docx"], templates_option=TEMPLATES).reports
    said = {f.heading_path: f.message for f in report.findings if f.code == "length-short"}
    figures = skeleton_figures("审计", tmp_path)
    for number, heading, figure in zip(
        "一二三四", ["树牢政治机关意识", "履行审计监督职能", "存在的问题", "下一步工作"], figures, strict=True
    ):
        assert f"一般约 {figure} 字" in said[f"{number}、{heading}"]
    assert figures[0] != figures[1], "the two 主要做法 parts differ, so matching by role alone would be wrong"


def test_the_closing_is_not_counted_into_the_last_part(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(AUDIT_DRAFT, encoding="utf-8")
    render_answers(answers, tmp_path / "a.docx", templates_option=TEMPLATES)
    (report,) = check_paths([tmp_path / "a.docx"], templates_option=TEMPLATES).reports
    last = next(f for f in report.findings if f.code == "length-short" and f.heading_path == "四、下一步工作")
    assert "只有约 10 字" in last.message  # 下一步工作 + 继续加强。, without the 64-character closing


@pytest.mark.parametrize(
    ("body", "alone"),
    [
        ("一是加强学习。", True),
        ("一是加强学习。二是强化监督。", False),
        ("一是加强学习。\n二是强化监督。", False),  # across paragraphs of one part
        ("一是加强学习。二是强化监督。\n一是健全制度。", True),  # a second list of one
        ("坚持一是一、二是二的作风。", False),  # not an item
    ],
)
def test_an_item_without_a_second_is_flagged(tmp_path: Path, body: str, alone: bool) -> None:
    found = findings_of(tmp_path, TITLE + "一、主要工作\n" + body + "\n二、存在问题\n不足。\n")
    assert ("item-alone" in codes(found)) is alone


def test_the_target_is_reported_against(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(AUDIT_DRAFT + "target: 约 3000 字\n", encoding="utf-8")
    render_answers(answers, tmp_path / "a.docx", templates_option=TEMPLATES)
    render_answers(answers, tmp_path / "a.md", templates_option=TEMPLATES)
    for path in (tmp_path / "a.docx", tmp_path / "a.md"):
        assert read_source(path).target == "约 3000 字", "the target is recorded in the file"
        (report,) = check_paths([path], templates_option=TEMPLATES).reports
        target = next(f for f in report.findings if f.code == "length-target")
        assert target.message.startswith("目标约 3000 字，现约 ") and "还差约" in target.message
        shares = [f.message for f in report.findings if f.code == "length-short"]
        assert any("按篇幅目标这一部分约" in message for message in shares)
    code, said = run(["check", str(tmp_path / "a.docx"), "--target", "限 1 页", "--json"], capsys)
    found = json.loads(said[said.index("{") :])["files"][0]["findings"]
    target = next(f for f in found if f["code"] == "length-target")
    assert target["message"].startswith("目标限 1 页") and "在目标之内" in target["message"]
    code, said = run(["check", str(tmp_path / "a.docx"), "--target", "很长"], capsys)
    assert code == 2 and "限 2 页" in said


def test_a_limit_exceeded_is_a_warning(tmp_path: Path) -> None:
    text = TITLE + "一、主要工作\n" + ("全年共完成审计项目54个，查出问题金额1.2亿元。" * 30 + "\n") * 4
    found = findings_of(tmp_path, text)
    assert not [f for f in found if f.code == "length-target"], "no target, no finding"
    path = tmp_path / "draft.txt"
    (report,) = check_paths([path], templates_option=TEMPLATES, target=parse_target("限 2 页")).reports
    target = next(f for f in report.findings if f.code == "length-target")
    assert target.severity == "warning" and "超出约" in target.message


def test_hand_made_docx_layout(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("县审计局2024年工作总结")
    document.add_paragraph("一、主要工作")
    document.add_paragraph("全年完成审计项目54个，查出问题金额1.2亿元，推动整改落实。")
    document.add_paragraph("县审计局")
    document.add_paragraph("2024年12月20日")
    document.save(str(tmp_path / "hand.docx"))
    (report,) = check_paths([tmp_path / "hand.docx"], templates_option=TEMPLATES).reports
    layout = {f.code for f in report.findings if f.code.startswith("layout-")}
    assert {"layout-paper", "layout-margin", "layout-font", "layout-page-number", "layout-indent"} <= layout


def test_fix_writes_a_corrected_copy(tmp_path: Path) -> None:
    original = (
        TITLE
        + "一、主要工作\n组织D员学习新时代中国特色社会主义思想。\n(一)加强领导\n领导有力。\n(二)强化督办\n三、存在问题\n"
        + "1、人手不足\n2、经费紧张\n"
    )
    path = tmp_path / "draft.txt"
    path.write_text(original, encoding="utf-8")
    (fixed,) = check_paths([path], fix=True).fixed
    assert path.read_text(encoding="utf-8") == original
    text = fixed.read_text(encoding="utf-8")
    assert (
        "组织党员学习习近平新时代中国特色社会主义思想。" in text
        and "（一）加强领导" in text
        and "二、存在问题" in text
        and "1.人手不足" in text
    )
    again = check_paths([path], fix=True)
    assert again.reports and "--force" in again.failures[0].message, "findings kept, the existing copy untouched"


def test_fix_docx_keeps_formatting(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("县审计局2024年工作总结")
    document.add_paragraph("一、主要工作")
    run = document.add_paragraph().add_run("组织D员学习。")
    run.bold = True
    document.add_paragraph("三、存在问题")
    document.save(str(tmp_path / "d.docx"))
    (fixed,) = check_paths([tmp_path / "d.docx"], fix=True).fixed
    paragraphs = docx.Document(str(fixed)).paragraphs
    assert [p.text for p in paragraphs] == ["县审计局2024年工作总结", "一、主要工作", "组织党员学习。", "二、存在问题"]
    assert paragraphs[2].runs[0].bold


def test_cli_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(TITLE + "一、主要工作\n【待填写】\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(TITLE + "一、主要工作\n完成任务。\n二、存在问题\n不足。\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(bad), "--json", "--templates", str(TEMPLATES)])
    payload = json.loads(capsys.readouterr().out)
    assert exit_info.value.code == 1
    finding = payload["files"][0]["findings"][0]
    assert set(finding) == {"code", "severity", "message", "paragraph", "heading_path", "suggestion", "fixable"}
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(good), "--templates", str(TEMPLATES)])
    assert exit_info.value.code == 0 and "错误 0 处" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sentence", "code", "fragment"),
    [
        ("截止目前，共完成审计项目12个。", "usage", "截至"),
        ("截止2024年11月底，完成整改。", "usage", "截至"),
        ("我们认真的做好审计整改。", "usage", "认真地"),
        ("对全年工作做出部署。", "usage", "作出"),
        ("取的明显成效。", "usage", "取得"),
        ("改进工作式方法，提高服务效能。", "usage", "方式方法"),
        ("提高干部队伍作文化程度。", "usage", "文化"),
        ("青年干部独挡一面的能力还不强。", "usage", "独当一面"),
        ("釆取有力措施，确保活动取得实效。", "usage", "采"),
        ("认真组织开展爱卫生月活动。", "usage", "爱国卫生月"),
        ("其它工作有序推进。", "usage", "其他"),
        ("既要抓整改，即要抓预防，又要抓长效。", "usage", "既要"),
        ("全年完成审计项目五十四个。", "numbers", "54"),
        ("二〇二四年，我局完成审计。", "numbers", "2024年"),
        ("增长3-5%。", "numbers", "3%～5%"),
        ("百分之五的项目已完成。", "numbers", "%"),
        ("编制2021-2025年规划。", "numbers", "2021—2025年"),
        ("完成项目１２个。", "numbers", "半角"),
        ("学习党的20大精神。", "canonical-expression", "党的二十大"),
        ("学习贯彻党的二十届3中全会精神。", "canonical-expression", "二十届三中全会"),
        ("坚持以习近平为核心的党中央的坚强领导。", "canonical-expression", "以习近平同志为核心"),
        ("发展全过程民主。", "canonical-expression", "全过程人民民主"),
        ("坚定“四个意识”，增强“四个自信”。", "canonical-expression", "增强“四个意识”"),
        ("完成调查12项,成效明显.", "format-punctuation", "drafter format"),
    ],
)
def test_proofreading_rules(tmp_path: Path, sentence: str, code: str, fragment: str) -> None:
    findings = findings_of(tmp_path, TITLE + "一、主要工作\n" + sentence + "\n")
    hits = [f for f in findings if f.code == code]
    assert hits and any(fragment in f.message + f.suggestion for f in hits), findings


@pytest.mark.parametrize(
    "sentence",
    [
        "报名截止日期为3月15日。",  # 截止 with no time after it
        "截至目前，共完成审计项目12个。",
        "作出重要贡献，做出样子。",
        "全年完成审计项目十个，“十四五”规划顺利推进，党的二十大精神全面落实。",
        "增长3%～5%，2021—2025年规划编制完成。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。",
        "坚持以习近平同志为核心的党中央的坚强领导，发展全过程人民民主。",
        "收入1.2万亿元，其中税收8000亿元。",
    ],
)
def test_proofreading_rules_leave_right_forms_alone(tmp_path: Path, sentence: str) -> None:
    findings = findings_of(tmp_path, TITLE + "一、主要工作\n" + sentence + "\n")
    assert [f for f in findings if f.code in ("usage", "numbers", "canonical-expression")] == []


def test_mixed_amount_scales_in_one_document(tmp_path: Path) -> None:
    findings = findings_of(tmp_path, TITLE + "一、主要工作\n财政收入12000亿元，GDP达1.2万亿元。\n")
    assert any(f.code == "numbers" and "1.2万亿元" in f.suggestion for f in findings)


def test_usage_rules_are_data_a_person_can_extend(tmp_path: Path) -> None:
    from drafter.errors import UserError
    from drafter.output.check.usage import _load_usage_cached, load_usage

    custom = tmp_path / "usage.yaml"
    custom.write_text("rules:\n  - name: mine\n    pattern: 布暑\n    right: 部署\n", encoding="utf-8")
    (rule,) = load_usage(custom)
    assert rule.regex.search("工作布暑") and rule.rule.right == "部署"
    custom.write_text("rules:\n  - name: mine\n    pattern: 布暑\n    wrong: 1\n", encoding="utf-8")
    _load_usage_cached.cache_clear()
    with pytest.raises(UserError, match=r"usage\.yaml"):
        load_usage(custom)


def test_layout_reads_paragraphs_as_the_outline_does(tmp_path: Path) -> None:
    """Fonts are judged by what a paragraph is in the outline: a typed 目录 before the title is neither the
    title nor headings, a title's second line is title, a 第一部分 line is set like 一、."""
    from holdout_kit import Writer

    from drafter.output.check.layout import check_layout

    w = Writer()
    w.toc(("第一部分　2025年工作总结", 2), ("一、生产经营实现稳中有进", 2))
    w.title("湘江能源集团有限公司", "2025年工作总结和2026年工作安排")
    w.p("2025年，集团较好地完成了全年目标任务，各项工作取得新进展。现将有关情况报告如下：")
    w.p("第一部分　2025年工作总结", indent=False, font="黑体", align="center")
    w.p("一、生产经营实现稳中有进", font="黑体")
    w.p("全年实现营业收入386.2亿元，同比增长6.8%；利润总额21.4亿元，同比增长9.3%。")
    w.signature("湘江能源集团有限公司", "2026年1月20日")
    messages = [f.message for f in check_layout(w.save(tmp_path / "集团.docx"))]
    assert not [m for m in messages if "目" in m or "第一部分" in m or "2025年工作总结和" in m], messages
