"""What is mined from a folder that mixes everything an office keeps (tests/corpora/mixed, written for these
tests): unit reports of several kinds and years, personal summaries, a 述职, a 转正 summary, requests, a
调研报告, a speech, a 通知, a 通报, a 决定, 政府工作报告 of three levels, in .txt, .docx and .md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from drafter.cli import main
from drafter.mining.classify import report_kind
from drafter.mining.extract import HEADING_MAX
from drafter.mining.genres import GOVERNMENT_REPORT, PERSONAL
from drafter.output.render.document import blank_skeleton
from drafter.reading.pipeline import outline_paths, outline_text
from drafter.reading.title_block import is_salutation
from drafter.reading.titles import title_facts

MIXED = Path(__file__).parent / "corpora" / "mixed"
# What each document is, by the convention its title follows (the last word of the title).
NOT_SUMMARIES = {
    "关于申请调整工资待遇的申请报告.txt": "申请报告",
    "关于提高2025年职工薪酬标准的申请报告.docx": "申请报告",
    "转正申请书.txt": "申请书",
    "关于XX县农村养老服务情况的调研报告.txt": "调研报告",
    "在2025年全县经济工作会议上的讲话.txt": "讲话",
    "在2024年度工作总结大会上的交流发言.txt": "交流发言",
    "关于做好2025年春节期间值班值守工作的通知.md": "通知",
    "XX县2025年农村人居环境整治工作实施方案.txt": "实施方案",
    "关于解决镇卫生院业务用房问题的请示.txt": "请示",
    "关于商请协助开展统计执法检查的函.md": "函",
    "关于2024年度安全生产目标考核情况的通报.txt": "通报",
    "关于表彰2024年度先进集体和先进个人的决定.txt": "决定",
}
PERSONAL_SUMMARIES = {
    "2024年度个人工作总结.txt",
    "2023年度考核个人总结.txt",
    "XX县教育局局长王某某2024年度述职报告.docx",
    "试用期转正工作总结.md",
    "XX县中医院护理部陈某某2025年个人年终总结.txt",
}
GOVERNMENT_REPORTS = {"2025年国务院政府工作报告.txt", "XX省2024年政府工作报告.md", "XX县人民政府工作报告.docx"}
UNIT_REPORTS = {
    "XX县市场监督管理局2023年工作总结.txt": "机关",
    "XX县人力资源和社会保障局2024年工作总结.txt": "机关",
    "XX镇2024年工作总结.docx": "乡镇综合",
    "XX街道办事处2025年工作总结.md": "乡镇综合",
    "XX县中医院2025年工作总结.md": "医院",
    "XX县人民医院2023年工作总结.txt": "医院",
    "XX市第三中学2024年度工作总结.txt": "学校",
    "XX镇中心小学2025年工作总结.md": "学校",
    "XX水务有限公司2023年度工作总结.docx": "企业",
    "XX燃气有限公司2024年工作总结.txt": "企业",
}


@pytest.fixture(scope="module")
def mined(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """`drafter mine tests/corpora/mixed -o DIR --json`: the templates directory and the JSON report."""
    out = tmp_path_factory.mktemp("mixed") / "templates"
    with pytest.MonkeyPatch.context() as patch:
        captured: list[str] = []
        patch.setattr("click.echo", lambda message="", **_: captured.append(str(message)))
        with pytest.raises(SystemExit) as exit_info:
            main(["mine", str(MIXED), "-o", str(out), "--json"])
    assert exit_info.value.code == 0
    return out, json.loads(captured[0])


@pytest.fixture(scope="module")
def skeletons(mined: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every genre's blank skeleton for 2025, as Markdown a clerk reads."""
    out, report = mined
    folder = tmp_path_factory.mktemp("skeletons")
    texts = {}
    for genre in report["genres"]:
        path = blank_skeleton(genre["name"], folder / f"{genre['id']}.md", year=2025, templates_option=out)
        texts[genre["name"]] = path.read_text(encoding="utf-8")
    return texts


def by_file(report: dict) -> dict[str, dict]:
    return {Path(d["source"]).name: d for d in report["documents"]}


def test_the_folder_holds_every_kind_of_paper_in_every_format() -> None:
    files = {p.name for p in MIXED.iterdir()}
    assert files == set(NOT_SUMMARIES) | PERSONAL_SUMMARIES | GOVERNMENT_REPORTS | set(UNIT_REPORTS)
    assert len(files) >= 20 and {p.suffix for p in MIXED.iterdir()} == {".txt", ".docx", ".md"}


def test_every_paper_that_is_not_a_summary_is_skipped_with_its_kind(mined: tuple[Path, dict]) -> None:
    documents = by_file(mined[1])
    for name, kind in NOT_SUMMARIES.items():
        assert (documents[name]["status"], documents[name]["reason"]) == ("skipped", f"不是工作总结（{kind}）"), name
    mined_names = {name for name, d in documents.items() if d["status"] == "mined"}
    assert mined_names == PERSONAL_SUMMARIES | GOVERNMENT_REPORTS | set(UNIT_REPORTS)


def test_personal_summaries_and_government_reports_have_genres_of_their_own(mined: tuple[Path, dict]) -> None:
    documents = by_file(mined[1])
    assert {documents[name]["genre"] for name in PERSONAL_SUMMARIES} == {PERSONAL}
    assert {documents[name]["genre"] for name in GOVERNMENT_REPORTS} == {GOVERNMENT_REPORT}
    assert {name: documents[name]["genre"] for name in UNIT_REPORTS} == UNIT_REPORTS
    genres = {g["name"]: g for g in mined[1]["genres"]}
    assert genres[PERSONAL]["documents"] == 5 and genres[GOVERNMENT_REPORT]["documents"] == 3
    registry = yaml.safe_load((mined[0] / "genres.yaml").read_text(encoding="utf-8"))["genres"]
    assert {g["name"]: g.get("report") for g in registry if g.get("report")} == {
        PERSONAL: PERSONAL,
        GOVERNMENT_REPORT: GOVERNMENT_REPORT,
    }


def test_a_second_run_finds_the_kinds_of_report_in_their_renamed_genres(
    mined: tuple[Path, dict], tmp_path: Path
) -> None:
    from drafter.mining.run import mine

    registry = (mined[0] / "genres.yaml").read_text(encoding="utf-8").replace(f"name: {PERSONAL}", "name: 个人年终总结")
    (tmp_path / "genres.yaml").write_text(registry, encoding="utf-8")
    summary = mine([MIXED], tmp_path / "again", registry=tmp_path / "genres.yaml")
    assert {r.genre for r in summary.records if Path(r.source).name in PERSONAL_SUMMARIES} == {"个人年终总结"}
    assert not [g for g in summary.genres if g["name"] == PERSONAL]


def test_a_registry_with_a_personal_genre_outlines_a_personal_summary_into_it() -> None:
    from drafter.mining.genres import load_genres
    from drafter.models import Genre
    from drafter.reading.pipeline import outline_source
    from drafter.reading.read import Paragraph, SourceText

    genres = [*load_genres(), Genre(id="geren", name="个人年终总结", discovered=True, report=PERSONAL)]
    text = "XX县审计局副局长李某2024年度述职报告\n一年来，我分管审计业务工作。\n一、主要工作\n完成审计项目。\n"
    paragraphs = [Paragraph(line, i + 1) for i, line in enumerate(text.splitlines())]
    (outline,), _ = outline_source(SourceText("a.txt", paragraphs), genres=genres)
    assert outline.genre == "个人年终总结"  # not 审计, whose word is in the unit's name
    (bundled,), _ = outline_source(SourceText("a.txt", paragraphs), genres=load_genres())
    assert bundled.genre == "审计"


def test_no_speaker_line_or_salutation_in_any_skeleton(skeletons: dict[str, str]) -> None:
    speaker = re.compile(r"某某|述职人|各位代表|各位领导|同志们|尊敬的|大家好|^(?:县长|区长|省长|总理)")
    for genre, text in skeletons.items():
        for line in text.splitlines():
            shown = re.sub(r"^[#>\s]*(?:【[^】]*】)?", "", line)
            assert not speaker.search(shown) and not is_salutation(shown), (genre, line)


def test_no_heading_longer_than_a_heading_and_none_that_swallowed_its_body(mined: tuple[Path, dict]) -> None:
    for path in (mined[0] / "skeletons").glob("*.yaml"):
        for part in yaml.safe_load(path.read_text(encoding="utf-8"))["parts"]:
            for heading in [part["heading"], *part["alternatives"], *part["example_children"]]:
                assert len(heading) <= HEADING_MAX and "一是" not in heading and "。" not in heading, (path, heading)


def test_sub_heading_counts_only_where_sub_headings_are_offered(skeletons: dict[str, str]) -> None:
    for genre, text in skeletons.items():
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if "个小标题" in line:
                following = "".join(lines[index + 1 : index + 3])
                assert "【可参考的小标题】" in following, (genre, line)


def test_bundled_skeletons_give_sub_heading_counts_only_with_sub_headings(tmp_path: Path) -> None:
    from conftest import TEMPLATES

    from drafter.bank.listing import genre_rows

    for row in genre_rows(TEMPLATES):
        text = blank_skeleton(row["name"], tmp_path / f"{row['id']}.md", year=2025, templates_option=TEMPLATES)
        lines = text.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if "个小标题" in line:
                assert "【可参考的小标题】" in "".join(lines[index + 1 : index + 3]), (row["name"], line)


def test_guidance_names_no_count_of_sub_headings_it_does_not_offer() -> None:
    from drafter.models import Guidance, SkeletonNode
    from drafter.output.render.document import guidance_text
    from drafter.writing.wizard.questions import guidance_line

    guidance = Guidance(subheadings=4, subheadings_range=(3, 5), length=800)
    bare = SkeletonNode(role="plan", heading="下一步工作计划", guidance=guidance)
    offered = bare.model_copy(update={"example_children": ["加强队伍建设", "完善制度机制", "强化督查考核"]})
    assert "小标题" not in guidance_text(bare) and "小标题" not in guidance_line(bare)
    assert "一般写3–5个小标题" in guidance_text(offered) and "一般写3–5个小标题" in guidance_line(offered)


def test_no_personal_part_or_phrase_in_a_unit_genre(mined: tuple[Path, dict]) -> None:
    out, report = mined
    personal_titles = {d["title"] for d in report["documents"] if d["genre"] == PERSONAL}
    ids = {g["name"]: g["id"] for g in report["genres"]}
    for name, genre_id in ids.items():
        skeleton = yaml.safe_load((out / "skeletons" / f"{genre_id}.yaml").read_text(encoding="utf-8"))
        sources = {s["title"] for part in skeleton["parts"] for s in part["provenance"]}
        phrases = [json.loads(line) for line in (out / "phrases" / f"{genre_id}.jsonl").read_text().splitlines()]
        phrase_sources = {s["title"] for p in phrases for s in p["sources"]}
        if name == PERSONAL:
            assert sources <= personal_titles and phrase_sources <= personal_titles
            # A person's summary borrows only drafter's sentences in a person's voice, no unit's.
            lent = [p for p in phrases if p["borrowed"]]
            assert lent and all(p["origin"] == "register" for p in lent)
            assert all("我" in p["text"] for p in lent if p["role"] in ("opening", "closing"))
            assert not [p for p in skeleton["parts"] if p["borrowed"]]
        else:
            assert not sources & personal_titles and not phrase_sources & personal_titles, name
        if name not in (PERSONAL, GOVERNMENT_REPORT):  # a unit speaks as 我局, 我们, never as 我 or 本人
            assert not [p["text"] for p in phrases if re.search(r"本人|我(?![们局院校镇乡县区市])", p["text"])], name


def test_a_part_shows_only_what_was_written_in_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "XX县档案馆2024年工作总结\n2024年，县档案馆认真履行档案管理职责，各项工作稳步推进。现将有关情况总结如下：\n"
        "一、档案收集工作\n全年接收进馆档案3200卷，征集散存档案260件，馆藏结构进一步优化。\n"
        "坚持应收尽收，督促各立档单位按时移交到期档案，进馆档案质量明显提高。\n"
        "二、档案利用工作\n全年接待查档群众1800人次，出具档案证明960份，为群众办实事解难题。\n"
        "开通线上查档服务，实现查档“最多跑一次”，群众查档更加便捷。\n"
        "三、存在的问题\n库房面积不足，档案数字化进度有待加快，专业人才队伍力量比较薄弱。\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text((corpus / "a.txt").read_text(encoding="utf-8").replace("县档案馆", "市档案馆"))
    blank_skeleton_md = tmp_path / "s.md"
    from drafter.mining.run import mine

    mine([corpus], tmp_path / "t")
    blank_skeleton("通用", blank_skeleton_md, year=2025, templates_option=tmp_path / "t")
    sections = re.split(r"^## ", blank_skeleton_md.read_text(encoding="utf-8"), flags=re.M)
    collecting = next(s for s in sections if s.startswith("一、"))
    assert "进馆档案" in collecting and "查档" not in collecting and "库房" not in collecting


# --- the top of a document and its headings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("under_title", "signature"),
    [
        ("办公室  张某某", "办公室 张某某"),
        ("XX市第三中学  李某某", "XX市第三中学 李某某"),
        ("国务院总理  李某某", "国务院总理 李某某"),
        ("XX省省长  孙某某", "XX省省长 孙某某"),
        ("述职人：王某某", "述职人：王某某"),
        ("财务科 周某某", "财务科 周某某"),
    ],
)
def test_speaker_line_under_the_title_is_the_signer_not_the_opening(under_title: str, signature: str) -> None:
    text = f"2024年度工作总结\n{under_title}\n一年来，我认真履行岗位职责，较好地完成了各项任务。\n一、主要工作\n完成任务。\n"
    (outline,) = outline_text(text)
    assert outline.signature == signature and outline.preamble and outline.preamble.startswith("一年来")


@pytest.mark.parametrize(
    "salutation", ["尊敬的各位领导、同志们：", "各位领导、各位同事：", "尊敬的领导：", "各位代表：", "同志们："]
)
def test_salutation_is_neither_the_opening_nor_the_addressee(salutation: str) -> None:
    text = f"2024年度述职报告\n述职人：王某某\n{salutation}\n现将本人一年来的工作情况报告如下。\n一、主要工作\n完成任务。\n"
    (outline,) = outline_text(text)
    assert outline.preamble == "现将本人一年来的工作情况报告如下。" and outline.addressee is None


@pytest.mark.parametrize(
    ("line", "heading", "body_start"),
    [
        (
            "（一）强化食品安全监管：一是开展专项整治，检查食堂126家；二是完成抽检1850批次。",
            "强化食品安全监管",
            "一是开展",
        ),
        ("（一）强化食品安全监管，一是开展专项整治；二是完成抽检。", "强化食品安全监管", "一是开展"),
        ("（一）产业发展提质增效全年完成地区生产总值12.6亿元，同比增长6.5%", "产业发展提质增效", "全年完成"),
        ("（一）强化队伍建设：全年组织培训12次，培训干部职工860人次，干部队伍素质明显提升", "强化队伍建设", "全年组织"),
        ("（一）加强组织领导。成立工作专班。", "加强组织领导", "成立工作专班"),
        ("（一）坚持一是一、二是二的工作作风", "坚持一是一、二是二的工作作风", None),
        ("（一）强化队伍建设:全年组织培训12次，培训干部职工860人次，干部队伍素质明显提升", "强化队伍建设", "全年组织"),
        (
            "（一）每天8:30准时开放便民服务大厅窗口并在网上公布办事指南和流程",
            "每天8:30准时开放便民服务大厅窗口并在网上公布办事指南和流程",
            None,
        ),
        (
            "（一）建成政务服务网http://zw.example.cn并开通掌上办事和自助终端服务",
            "建成政务服务网http://zw.example.cn并开通掌上办事和自助终端服务",
            None,
        ),
    ],
)
def test_a_heading_that_swallowed_its_body_is_cut_where_the_body_begins(
    line: str, heading: str, body_start: str | None
) -> None:
    (outline,) = outline_text(f"县档案局2024年工作总结\n一、主要工作\n{line}\n二、存在的问题\n人员不足。\n")
    section = outline.sections[0].children[0]
    assert section.heading == heading
    assert section.body[0].startswith(body_start) if body_start else not section.body, section.body


# --- what kind of paper a title names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind", "summary"),
    [
        ("关于申请调整工资待遇的申请报告", "申请报告", False),
        ("关于申请拨付危房改造资金的报告", "申请报告", False),
        ("关于XX县农村养老服务情况的调研报告", "调研报告", False),
        ("关于XX镇空心村问题的调查报告", "调查报告", False),
        ("在2024年度工作总结大会上的交流发言", "交流发言", False),
        ("关于2024年度安全生产目标考核情况的通报", "通报", False),
        ("关于表彰2024年度先进集体的决定", "决定", False),
        ("关于加快发展养老服务业的实施意见", "意见", False),
        ("关于XX县2024年度预算调整方案的批复", "批复", False),
        ("2024年XX县国民经济和社会发展统计公报", "公报", False),
        ("XX县审计局2024年审计工作报告", "工作报告", True),
        ("XX县教育局局长王某某2024年度述职报告", "述职报告", True),
        ("XX县中医院护理部陈某某2025年个人年终总结", "年终总结", True),
        ("XX县民政局关于2024年度养老服务工作情况的报告", "报告", True),
    ],
)
def test_the_last_word_of_a_title_says_whether_it_is_a_summary(title: str, kind: str, summary: bool) -> None:
    facts = title_facts(title)
    assert (facts.kind, facts.summary) == (kind, summary)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2024年度个人工作总结\n一年来，我认真履行岗位职责。\n一、主要工作\n完成任务。\n", PERSONAL),
        ("试用期转正工作总结\n我于2024年7月入职。\n一、工作方面\n完成任务。\n", PERSONAL),
        ("办公室主任李某2024年工作总结\n一年来，在领导的关心下做好本职工作。\n一、主要工作\n完成任务。\n", PERSONAL),
        ("XX医院护士长2024年工作总结\n一年来，科室护理工作稳步推进。\n一、主要工作\n完成任务。\n", PERSONAL),
        ("一年来，我认真学习业务知识，我积极完成领导交办的任务。\n一、主要工作\n完成任务。\n", PERSONAL),
        (
            "一年来，我认真履行岗位职责。\n一、主要工作\n完成任务。\n二、明年打算\n加强学习。\n张某某\n2024年12月25日\n",
            PERSONAL,
        ),
        ("一年来，我们认真履行职责，我认真做好协调。\n一、主要工作\n完成任务。\n县档案馆\n2024年12月25日\n", None),
        ("XX县财政局2024年工作总结\n一年来，我局认真履行职责。我们完成了任务。\n一、主要工作\n完成任务。\n", None),
        ("XX镇中心小学校长办公室2024年工作总结\n一年来，我们做好服务。\n一、主要工作\n完成任务。\n", None),
        ("关于个人所得税征管工作的总结\n一年来，我局加强征管。\n一、主要工作\n完成任务。\n", None),
        (
            "政府工作报告\n各位代表：\n现在，我代表县人民政府，向大会报告工作。\n一、工作回顾\n经济增长。\n",
            GOVERNMENT_REPORT,
        ),
        ("XX省政府工作报告\n一、2023年工作回顾\n经济增长。\n", GOVERNMENT_REPORT),
    ],
)
def test_kinds_of_report_with_an_outline_of_their_own(text: str, kind: str | None) -> None:
    (outline,) = outline_text(text)
    assert report_kind(outline, title_facts(outline.title, outline.org)) == kind


def test_kinds_of_report_in_a_folder_nobody_here_wrote_them_for() -> None:
    """tests/corpora/wild and tests/corpora/discover were written before these rules, for other tests."""
    corpora = Path(__file__).parent / "corpora"
    outlines = outline_paths([corpora / "wild", corpora / "discover"]).outlines
    kinds = {Path(o.source).name: report_kind(o, title_facts(o.title, o.org)) for o in outlines}
    assert {name: kind for name, kind in kinds.items() if kind} == {
        "个人总结.txt": PERSONAL,
        "述职报告.txt": PERSONAL,
        "政府工作报告.txt": GOVERNMENT_REPORT,
    }


def test_no_seed_summary_is_taken_for_a_personal_one_or_a_government_report() -> None:
    outlines = outline_paths([Path(__file__).parent.parent / "corpus"]).outlines
    assert len(outlines) == 11
    assert [o.title for o in outlines if report_kind(o, title_facts(o.title, o.org))] == []
